"""Writing questionnaires back: read → write → read gives an equal model and the same cells.

Runs over every shipped workbook (src/mangfold/data/questionnaires/*.xlsx), the worked example and a
plain ODK form without mangfold's columns (which loads unscored, with a note).
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from mangfold.index.answers import Answer, parse_answers
from mangfold.index.model import Questionnaire, QuestionType, SurveyRow
from mangfold.index.scoring import score
from mangfold.index.xlsform import bundled_questionnaires, read_xlsform, validate_xlsform, write_xlsform

SHEETS = ("survey", "choices", "settings", "indicators", "composites")
Records = dict[str, tuple[list[str], list[dict[str, object]]]]

PLAIN_ODK: dict[str, list[list[object]]] = {
    "Survey": [
        ["type", "name", "label", "hint", "required", "relevant", "constraint", "calculation", "appearance"],
        ["start", "start"],
        ["today", "today"],
        ["text", "respondent", "What is your name?", None, "yes"],
        ["integer", "age", "How old are you?", "In whole years", "yes", None, ". >= 0 and . < 130"],
        ["select_one yn", "has_children", "Do you have children?"],
        ["begin_group", "children", "Children", None, None, "${has_children} = 'yes'"],
        ["integer", "n_children", "How many?", None, None, None, ". > 0"],
        ["end_group"],
        [
            "select_multiple langs",
            "languages",
            "Languages spoken",
            "Choose all",
            None,
            None,
            None,
            None,
            "minimal",
        ],
        ["date", "visit", "Date of visit"],
        ["geopoint", "location", "Location"],
        ["calculate", "age_months", None, None, None, None, None, "${age} * 12"],
        ["begin_repeat", "household", "Household member"],
        ["text", "member_name", "Name"],
        ["end_repeat"],
        ["note", "thanks", "Thank you!"],
    ],
    "Choices": [
        ["list_name", "name", "label"],
        ["yn", "yes", "Yes"],
        ["yn", "no", "No"],
        ["langs", "da", "Danish"],
        ["langs", "en", "English"],
        ["langs", "other", "Other"],
    ],
    "Settings": [["form_title", "form_id", "version"], ["Household visit", "household_visit", "2024010101"]],
}


def records(path: Path) -> Records:
    """The known sheets of a workbook: header and non-empty rows as ``{header: value}``."""
    workbook = openpyxl.load_workbook(path)
    try:
        result: Records = {}
        for worksheet in workbook.worksheets:
            rows = [list(r) for r in worksheet.iter_rows(values_only=True)]
            rows = [r for r in rows if any(v not in (None, "") for v in r)]
            header = [str(h) for h in rows[0] if h is not None]
            result[worksheet.title.lower()] = (header, [dict(zip(header, r, strict=False)) for r in rows[1:]])
        return result
    finally:
        workbook.close()


def _bands(value: str) -> list[tuple[float, float]]:
    return [(float(a), float(b)) for a, b in re.findall(r"(-?[\d.]+)\s*=\s*([\d.]+)", value)]


def normal(sheet: str, header: str, value: object, row: dict[str, object]) -> object:
    """A cell as the model reads it: defaults filled in, numbers as floats, text stripped."""
    if isinstance(value, str):
        value = value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = float(value)
    kind = " ".join(str(row.get("type") or "").split())
    defaults: dict[tuple[str, str], object] = {
        ("survey", "weight"): 1.0,
        ("survey", "not_applicable"): "no",
        ("survey", "scored"): "yes" if kind.startswith("select") or row.get("points") else "no",
        ("indicators", "weight"): 1.0,
        ("indicators", "core"): "yes",
        ("settings", "missing_answer_rule"): "zero",
    }
    if value is None:
        return defaults.get((sheet, header))
    if (sheet, header) == ("survey", "points"):
        return _bands(str(value))
    if (sheet, header) == ("survey", "type"):
        return " ".join(str(value).split())
    if sheet == "settings":
        return str(value).removesuffix(".0")
    return value.lower() if header in ("scored", "not_applicable", "core") else value  # type: ignore[union-attr]


def assert_same_cells(original: Path, written: Path) -> None:
    """Every cell of the original's known sheets is in the written workbook, under the same header."""
    before, after = records(original), records(written)
    for sheet in SHEETS:
        if sheet not in before:
            continue
        header, rows = before[sheet]
        written_header, written_rows = after[sheet]
        assert len(written_rows) == len(rows), sheet
        for column in header:
            assert column in written_header, (sheet, column)
            for number, (old, new) in enumerate(zip(rows, written_rows, strict=True), start=2):
                expected = normal(sheet, column, old.get(column), old)
                actual = normal(sheet, column, new.get(column), new)
                assert actual == expected, (sheet, number, column)


def round_trip(path: Path, tmp_path: Path) -> tuple[Questionnaire, Questionnaire, Path]:
    questionnaire = read_xlsform(path)
    written = tmp_path / f"written-{path.name}"
    write_xlsform(questionnaire, written)
    again, warnings = validate_xlsform(written)  # pyxform converts the written workbook
    assert warnings == validate_xlsform(path)[1]
    return questionnaire, again, written


SHIPPED = bundled_questionnaires()


def test_a_questionnaire_is_shipped() -> None:
    assert SHIPPED, "src/mangfold/data/questionnaires/ has no workbook"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_workbook_round_trips(path: Path, tmp_path: Path) -> None:
    questionnaire, again, written = round_trip(path, tmp_path)
    assert again == questionnaire
    assert questionnaire.scored and questionnaire.notes == ()
    assert_same_cells(path, written)


def test_the_worked_example_round_trips(data_dir: Path, tmp_path: Path) -> None:
    questionnaire, again, written = round_trip(data_dir / "worked_example.xlsx", tmp_path)
    assert again == questionnaire
    assert again.question("C1").extra == (("required", "yes"),)
    assert_same_cells(data_dir / "worked_example.xlsx", written)


def test_a_questionnaire_built_in_code_writes_a_valid_workbook(
    worked_example: Questionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "built.xlsx"
    write_xlsform(worked_example, path)
    assert read_xlsform(path) == worked_example


def write_plain_odk(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in PLAIN_ODK.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    workbook.save(path)
    return path


def test_a_plain_odk_form_loads_unscored_with_a_note(tmp_path: Path) -> None:
    q = read_xlsform(write_plain_odk(tmp_path / "odk.xlsx"))
    assert not q.scored and q.indicators == ()
    assert len(q.notes) == 1 and "plain XLSForm" in q.notes[0].get("en")
    assert "almindeligt XLSForm" in q.notes[0].get("da")
    assert (q.form_id, q.version, q.title.get("en", q.default_language)) == (
        "household_visit",
        "2024010101",
        "Household visit",
    )
    assert [(x.code, x.type, x.scored) for x in q.questions] == [
        ("respondent", QuestionType.TEXT, False),
        ("age", QuestionType.NUMBER, False),
        ("has_children", QuestionType.SINGLE_CHOICE, False),
        ("n_children", QuestionType.NUMBER, False),
        ("languages", QuestionType.MULTIPLE_CHOICE, False),
        ("member_name", QuestionType.TEXT, False),
    ]
    others = [r.type for r in q.rows if isinstance(r, SurveyRow)]
    assert others == [
        "start",
        "today",
        "begin_group",
        "end_group",
        "date",
        "geopoint",
        "calculate",
        "begin_repeat",
        "end_repeat",
        "note",
    ]
    assert q.question("age").help.get(q.default_language) == "In whole years"
    assert q.question("age").extra == (("required", "yes"), ("constraint", ". >= 0 and . < 130"))


def test_a_plain_odk_form_takes_answers_but_gives_no_scores(tmp_path: Path) -> None:
    q = read_xlsform(write_plain_odk(tmp_path / "odk.xlsx"))
    answers = {"respondent": "Ada", "age": "36", "languages": "da en", "has_children": "no"}
    assert parse_answers(q, answers)["languages"] == Answer("languages", choices=("da", "en"))
    card = score(q, answers)
    assert card.indicators == () and card.core_index is None and card.completeness is None
    assert [line.code for line in card.unscored] == [x.code for x in q.questions]


def test_a_plain_odk_form_round_trips(tmp_path: Path) -> None:
    path = write_plain_odk(tmp_path / "odk.xlsx")
    questionnaire, again, written = round_trip(path, tmp_path)
    assert again == questionnaire
    assert_same_cells(path, written)
    assert records(written)["survey"][0][:3] == ["type", "name", "label"]  # no mangfold columns added


def test_a_plain_forms_own_yes_no_list_is_a_single_choice(tmp_path: Path) -> None:
    path = write_plain_odk(tmp_path / "odk.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["Survey"]["A6"] = "select_one yes_no"
    for row in workbook["Choices"].iter_rows(min_row=2, max_row=3):
        row[0].value = "yes_no"
    workbook["Choices"].append(["yes_no", "dk", "Don't know"])
    workbook.save(path)
    q = read_xlsform(path)
    assert q.question("has_children").type is QuestionType.SINGLE_CHOICE
    assert [c.name for c in q.question("has_children").choices] == ["yes", "no", "dk"]
