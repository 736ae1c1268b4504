"""Reading questionnaire workbooks: the worked example, and every kind of problem, all at once."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from mangfold.index.errors import Problem, QuestionnaireError
from mangfold.index.model import Kind, MissingRule, Questionnaire, QuestionType
from mangfold.index.xlsform import read_xlsform, validate_xlsform

Sheets = dict[str, list[list[object]]]

DA, EN = "label::Danish (da)", "label::English (en)"
VALID: Sheets = {
    "survey": [
        ["type", "name", DA, EN, "indicator", "kind", "weight", "points"],
        ["select_one yes_no", "Q1", "Spørgsmål 1", "Question 1", "commitment", "input", 1, None],
        ["select_one level", "Q2", "Spørgsmål 2", "Question 2", "commitment", "input", 2, None],
        ["integer", "Q3", "Antal", "Number", "commitment", "fact", None, "0=0; 10=100"],
    ],
    "choices": [
        ["list_name", "name", DA, EN, "points"],
        ["yes_no", "yes", "Ja", "Yes", 100],
        ["yes_no", "no", "Nej", "No", 0],
        ["level", "low", "Lav", "Low", 0],
        ["level", "high", "Høj", "High", 100],
    ],
    "settings": [
        ["form_title", "form_id", "version", "default_language"],
        ["Test", "test", "1", "Danish (da)"],
    ],
    "indicators": [
        ["code", DA, EN, "weight", "core", "composites"],
        ["commitment", "Forpligtelse", "Commitment", 1, "yes", "lens"],
    ],
    "composites": [["code", DA, EN], ["lens", "Linse", "Lens"]],
}


def write_book(path: Path, sheets: Sheets) -> Path:
    """A workbook with these sheets (rows from row 1) at ``path``."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    workbook.save(path)
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(QuestionnaireError) as caught:
        read_xlsform(path)
    return list(caught.value.problems)


def test_the_worked_example_workbook_reads_as_the_model_built_in_code(
    data_dir: Path, worked_example: Questionnaire
) -> None:
    questionnaire, warnings = validate_xlsform(data_dir / "worked_example.xlsx")
    assert questionnaire == worked_example
    assert questionnaire.notes == ()
    assert warnings == ()


def test_a_valid_small_workbook_reads(tmp_path: Path) -> None:
    q = read_xlsform(write_book(tmp_path / "ok.xlsx", VALID))
    assert (q.form_id, q.version, q.default_language, q.language_codes) == ("test", "1", "da", ("da", "en"))
    assert q.missing_answer_rule is MissingRule.ZERO
    assert [x.type for x in q.questions] == [
        QuestionType.YES_NO,
        QuestionType.SINGLE_CHOICE,
        QuestionType.NUMBER,
    ]
    assert q.question("Q2").weight == 2 and q.question("Q3").weight == 1
    assert q.question("Q3").scored and q.question("Q3").integer and q.question("Q3").kind is Kind.FACT
    assert q.indicator("commitment").composites == ("lens",)
    assert q.title.get("en", "da") == "Test"


def five_faults() -> Sheets:
    """The valid workbook with five faults: one per survey row 2–5 and one on choices."""
    sheets = copy.deepcopy(VALID)
    survey, choices = sheets["survey"], sheets["choices"]
    survey[1][2] = None  # row 2: no Danish label
    survey[2][0] = "select_one colours"  # row 3: no such choice list
    survey[3][4] = "nosuch"  # row 4: unknown indicator
    survey.append(["select_one yes_no", "Q1", "Igen", "Again", "commitment", "input", 1, None])  # row 5
    choices[4][4] = 150  # row 5 of choices: points outside 0–100
    return sheets


def test_five_faults_at_once_give_five_problems_with_sheet_row_and_column(tmp_path: Path) -> None:
    problems = problems_of(write_book(tmp_path / "broken.xlsx", five_faults()))
    assert [(p.sheet, p.row, p.column, p.letter) for p in problems] == [
        ("survey", 2, DA, "C"),
        ("survey", 3, "type", "A"),
        ("survey", 4, "indicator", "E"),
        ("survey", 5, "name", "B"),
        ("choices", 5, "points", "E"),
    ]
    messages = [p.message for p in problems]
    assert "has no label in Danish (da)" in messages[0]
    assert "choice list 'colours' is not on the choices sheet" in messages[1]
    assert "unknown indicator 'nosuch'" in messages[2]
    assert "duplicate question code 'Q1' (first in row 2)" in messages[3]
    assert "points must be from 0 to 100, got 150" in messages[4]
    assert str(problems[4]) == "sheet 'choices', row 5, column 'points' (E): " + messages[4]


def _set(sheet: str, row: int, column: int, value: object) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        sheets[sheet][row - 1][column] = value

    return change


def _append(sheet: str, *cells: object) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        sheets[sheet].append(list(cells))

    return change


def _drop_sheet(name: str) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        del sheets[name]

    return change


@pytest.mark.parametrize(
    ("change", "where", "needle"),
    [
        (_set("survey", 3, 6, "heavy"), ("survey", 3, "weight"), "weight must be a number greater than 0"),
        (_set("survey", 3, 6, 0), ("survey", 3, "weight"), "greater than 0, got 0"),
        (_set("indicators", 2, 3, -1), ("indicators", 2, "weight"), "greater than 0, got -1"),
        (_set("survey", 2, 5, "opinion"), ("survey", 2, "kind"), "unknown kind 'opinion'"),
        (
            _set("indicators", 2, 5, "lens other"),
            ("indicators", 2, "composites"),
            "unknown composite 'other'",
        ),
        (_set("survey", 4, 7, "0=0; 1=a"), ("survey", 4, "points"), "bad number bands: band '1=a'"),
        (_set("survey", 4, 7, "5=10; 1=20"), ("survey", 4, "points"), "thresholds must increase"),
        (_set("survey", 4, 7, "0=150"), ("survey", 4, "points"), "points must be from 0 to 100"),
        (_set("survey", 4, 7, "lots"), ("survey", 4, "points"), "is not THRESHOLD=POINTS"),
        (_set("survey", 2, 7, "0=0"), ("survey", 2, "points"), "points bands are for integer/decimal"),
        (_set("survey", 2, 4, None), ("survey", 2, "indicator"), "Q1: a scored question needs an indicator"),
        (_append("survey", "text", "T1", "Tekst", "Text", "commitment", "fact", None, None), None, None),
        (_set("choices", 3, 1, "nej"), ("survey", 2, "type"), "must have exactly the choices 'yes' and 'no'"),
        (_set("choices", 4, 4, None), ("choices", 4, "points"), "choice 'low' of list 'level' has no points"),
        (_set("choices", 4, 4, "many"), ("choices", 4, "points"), "'many' is not a number"),
        (_set("choices", 4, 1, None), ("choices", 4, "name"), "the choice has no name"),
        (
            _append("choices", "level", "low", "Lav", "Low", 0),
            ("choices", 6, "name"),
            "duplicate choice 'low'",
        ),
        (_set("settings", 2, 2, None), ("settings", 2, "version"), "version is needed"),
        (_set("settings", 2, 3, "Swedish (sv)"), ("settings", 2, "default_language"), "no label columns"),
        (
            _append("indicators", "commitment", "X", "X", 1, "yes", None),
            ("indicators", 3, "code"),
            "duplicate code",
        ),
        (
            _append("indicators", "bad code", "X", "X", 1, "yes", None),
            ("indicators", 3, "code"),
            "letters, digits",
        ),
        (_set("indicators", 2, 4, "maybe"), ("indicators", 2, "core"), "core: expected yes or no"),
        (_set("indicators", 2, 1, None), ("indicators", 2, DA), "indicator 'commitment' has no label"),
        (_set("composites", 2, 1, None), ("composites", 2, DA), "composite 'lens' has no label"),
        (_drop_sheet("composites"), ("indicators", 2, "composites"), "unknown composite 'lens'"),
        (_drop_sheet("indicators"), ("indicators", None, None), "no sheet named 'indicators'"),
        (_drop_sheet("settings"), ("settings", None, None), "no settings"),
        (_set("survey", 3, 1, "Q 2"), ("survey", 3, "name"), "must be letters, digits and _"),
        (_set("survey", 3, 0, None), ("survey", 3, "type"), "the row has no type"),
        (
            _append("survey", "note", "n1", "Note", "Note", None, "fact", None, None),
            ("survey", 5, "kind"),
            "kind is for questions; a 'note' row cannot have one",
        ),
    ],
)
def test_each_problem_names_sheet_row_and_column(
    tmp_path: Path,
    change: Callable[[Sheets], None],
    where: tuple[str, int | None, str | None] | None,
    needle: str | None,
) -> None:
    sheets = copy.deepcopy(VALID)
    change(sheets)
    path = write_book(tmp_path / "book.xlsx", sheets)
    if where is None:  # an unscored text question with an indicator is fine
        assert read_xlsform(path).question("T1").scored is False
        return
    problems = problems_of(path)
    assert [(p.sheet, p.row, p.column) for p in problems] == [where], problems
    assert needle is not None and needle in problems[0].message


def test_scored_defaults_and_what_cannot_be_scored(tmp_path: Path) -> None:
    sheets = copy.deepcopy(VALID)
    sheets["survey"][0].append("scored")
    sheets["survey"].append(["text", "T1", "Tekst", "Text", "commitment", "fact", None, None, "yes"])
    sheets["survey"].append(["decimal", "N1", "Tal", "Number", "commitment", "fact", None, None, "yes"])
    sheets["survey"].append(["decimal", "N2", "Tal", "Number", "commitment", "fact", None, None, None])
    problems = problems_of(write_book(tmp_path / "book.xlsx", sheets))
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("survey", 5, "scored"),
        ("survey", 6, "points"),
    ]
    assert "T1: a text question cannot be scored" in problems[0].message
    assert "N1: a scored number question needs bands" in problems[1].message
    del sheets["survey"][4:6]
    q = read_xlsform(write_book(tmp_path / "book.xlsx", sheets))
    assert [(x.code, x.scored) for x in q.questions] == [
        ("Q1", True),
        ("Q2", True),
        ("Q3", True),
        ("N2", False),
    ]


def test_missing_answer_rule_and_previous_version_are_checked(tmp_path: Path) -> None:
    sheets = copy.deepcopy(VALID)
    sheets["settings"] = [["form_id", "version", "missing_answer_rule"], ["test", "2", "average"]]
    sheets["survey"][0].append("previous_code")
    sheets["survey"][1].append("OLD1")
    problems = problems_of(write_book(tmp_path / "book.xlsx", sheets))
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("settings", 2, "missing_answer_rule"),
        ("settings", 2, "previous_version"),
    ]
    assert [p.letter for p in problems] == ["C", ""]
    assert "'zero' or 'exclude', got 'average'" in problems[0].message
    assert "1 question(s) have a previous_code (first Q1)" in problems[1].message


def test_a_translated_form_title_is_refused_with_the_fix(tmp_path: Path) -> None:
    sheets = copy.deepcopy(VALID)
    sheets["settings"][0].append("form_title::English (en)")
    sheets["settings"][1].append("Test")
    (problem,) = problems_of(write_book(tmp_path / "book.xlsx", sheets))
    assert (problem.sheet, problem.column) == ("settings", "form_title::English (en)")
    assert "label::English (en)" in problem.message


def test_title_translations_come_from_label_columns_on_settings(tmp_path: Path) -> None:
    sheets = copy.deepcopy(VALID)
    sheets["settings"] = [["form_title", EN, "form_id", "version"], ["Prøve", "Trial", "t", "1"]]
    q = read_xlsform(write_book(tmp_path / "book.xlsx", sheets))
    assert q.title.as_dict() == {"da": "Prøve", "en": "Trial"}


def test_sheets_are_found_by_name_in_any_case_and_order(tmp_path: Path) -> None:
    sheets = {
        name.upper() if name != "choices" else "Choices": rows for name, rows in reversed(VALID.items())
    }
    q = read_xlsform(write_book(tmp_path / "book.xlsx", sheets))
    assert [x.code for x in q.questions] == ["Q1", "Q2", "Q3"]


def test_what_pyxform_rejects_is_reported_after_our_checks_pass(tmp_path: Path) -> None:
    sheets = copy.deepcopy(VALID)
    sheets["survey"][0].append("relevant")
    sheets["survey"][2].append("${nosuch} = 'yes'")
    path = write_book(tmp_path / "book.xlsx", sheets)
    (problem,) = problems_of(path)
    assert problem.message.startswith("XLSForm (pyxform):") and "nosuch" in problem.message
    assert (problem.sheet, problem.row) == ("survey", 3)
    assert read_xlsform(path, check_xlsform=False).question("Q2").extra == (
        ("relevant", "${nosuch} = 'yes'"),
    )


@pytest.mark.parametrize("name", ["fake.xlsx", "old.xls"])
def test_a_file_that_is_no_workbook_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("not a workbook", encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.message.startswith("cannot read the workbook")


def test_a_workbook_without_survey_is_refused(tmp_path: Path) -> None:
    (problem,) = problems_of(write_book(tmp_path / "book.xlsx", {"choices": VALID["choices"]}))
    assert (problem.sheet, problem.message) == ("survey", "the workbook has no sheet named 'survey'")


def test_an_indicator_without_scored_questions_gets_a_note(tmp_path: Path) -> None:
    sheets = copy.deepcopy(VALID)
    sheets["indicators"].append(["media", "Medier", "Media", 1, "no", None])
    q = read_xlsform(write_book(tmp_path / "book.xlsx", sheets))
    assert [n.get("en") for n in q.notes] == ["Indicator media has no scored question; it gets no score."]
    assert "Indikatoren media" in q.notes[0].get("da")
