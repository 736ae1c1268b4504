"""The bundled questionnaire (src/mangfold/data/questionnaires/mangfold-2026.xlsx).

Checks the content rules the questionnaire is written to, read straight from the workbook with
openpyxl; that pyxform converts it; that ``scripts/build_questionnaire.py`` reproduces it; and that
mangfold's own reader loads it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from mangfold.data import data_path

REPO = Path(__file__).resolve().parents[2]
BUILDER = REPO / "scripts" / "build_questionnaire.py"
DA, EN = "Danish (da)", "English (en)"

CORE = {
    "commitment": "COM",
    "education": "EDU",
    "neighbourhoods": "NEI",
    "public_services": "PUB",
    "business": "BUS",
    "cultural_civil": "CUL",
    "public_space": "SPA",
    "mediation": "MED",
    "language": "LAN",
    "media": "MDA",
    "international": "INT",
    "competence": "ICC",
    "welcoming": "WEL",
    "governance": "GOV",
    "anti_discrimination": "ADI",
}
OPTIONAL = {"participation": "PAR", "interaction": "IAC"}
PREFIX = CORE | OPTIONAL
LENS = {"education", "neighbourhoods", "public_services", "business", "cultural_civil", "public_space"}

SURVEY_COLUMNS = [
    "type",
    "name",
    f"label::{DA}",
    f"label::{EN}",
    f"hint::{DA}",
    f"hint::{EN}",
    "indicator",
    "kind",
    "weight",
    "scored",
    "not_applicable",
    "points",
]


def workbook_path() -> Path:
    return data_path("questionnaires", "mangfold-2026.xlsx")


def read_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet of a workbook as its rows of cell values (header first)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def records(rows: list[tuple[object, ...]]) -> list[dict[str, object]]:
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module")
def sheets() -> dict[str, list[dict[str, object]]]:
    return {title: records(rows) for title, rows in read_values(workbook_path()).items()}


@pytest.fixture(scope="module")
def questions(sheets: dict[str, list[dict[str, object]]]) -> list[dict[str, object]]:
    return [r for r in sheets["survey"] if r["type"] not in ("begin_group", "end_group")]


@pytest.fixture(scope="module")
def choice_lists(sheets: dict[str, list[dict[str, object]]]) -> dict[str, dict[str, object]]:
    lists: dict[str, dict[str, object]] = {}
    for row in sheets["choices"]:
        lists.setdefault(str(row["list_name"]), {})[str(row["name"])] = row["points"]
    return lists


def list_of(question: dict[str, object]) -> str | None:
    head, _, tail = str(question["type"]).partition(" ")
    return tail if head in ("select_one", "select_multiple") else None


def bands(cell: object) -> list[tuple[float, float]]:
    pairs = [piece.split("=") for piece in str(cell).split(";")]
    return [(float(t), float(p)) for t, p in pairs]


def test_it_has_the_sheets_and_columns_of_the_format() -> None:
    values = read_values(workbook_path())
    assert list(values) == ["survey", "choices", "settings", "indicators", "composites"]
    assert list(values["survey"][0]) == SURVEY_COLUMNS
    assert list(values["choices"][0]) == ["list_name", "name", f"label::{DA}", f"label::{EN}", "points"]
    assert list(values["indicators"][0]) == [
        "code",
        f"label::{DA}",
        f"label::{EN}",
        f"scope::{DA}",
        f"scope::{EN}",
        "weight",
        "core",
        "composites",
    ]
    assert list(values["composites"][0]) == ["code", f"label::{DA}", f"label::{EN}"]


def test_settings(sheets: dict[str, list[dict[str, object]]]) -> None:
    assert sheets["settings"] == [
        {
            "form_title": "mangfold – spørgeskema om interkulturel politik",
            "form_id": "mangfold",
            "version": "2026.1",
            "default_language": DA,
            "missing_answer_rule": "zero",
        }
    ]


def test_it_has_the_fifteen_core_and_two_optional_indicators(
    sheets: dict[str, list[dict[str, object]]],
) -> None:
    indicators = {str(r["code"]): r for r in sheets["indicators"]}
    assert len(indicators) == len(sheets["indicators"]) == 17
    assert {c for c, r in indicators.items() if r["core"] == "yes"} == set(CORE)
    assert {c for c, r in indicators.items() if r["core"] == "no"} == set(OPTIONAL)
    for code, row in indicators.items():
        assert isinstance(row["weight"], int | float) and row["weight"] > 0, code
        for column in (f"label::{DA}", f"label::{EN}", f"scope::{DA}", f"scope::{EN}"):
            assert str(row[column] or "").strip(), f"{code}: empty {column}"
        assert row[f"label::{DA}"] != row[f"label::{EN}"], code


def test_every_scope_is_two_or_three_sentences(sheets: dict[str, list[dict[str, object]]]) -> None:
    for row in sheets["indicators"]:
        for lang in (DA, EN):
            scope = str(row[f"scope::{lang}"])
            sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", scope.strip())
            assert 2 <= len(sentences) <= 3, (row["code"], lang, sentences)


def test_the_intercultural_lens_is_named_and_has_its_six_members(
    sheets: dict[str, list[dict[str, object]]],
) -> None:
    assert sheets["composites"] == [
        {
            "code": "intercultural_lens",
            f"label::{DA}": "Den interkulturelle linse",
            f"label::{EN}": "The intercultural lens",
        }
    ]
    members = {
        str(r["code"]) for r in sheets["indicators"] if "intercultural_lens" in str(r["composites"] or "")
    }
    assert members == LENS
    assert {str(r["composites"]) for r in sheets["indicators"] if r["composites"]} == {"intercultural_lens"}


def test_questions_have_unique_codes_with_their_indicators_prefix(
    questions: list[dict[str, object]],
) -> None:
    assert len(questions) >= 70
    codes = [str(q["name"]) for q in questions]
    assert len(set(codes)) == len(codes)
    for q in questions:
        prefix = PREFIX[str(q["indicator"])]
        assert re.fullmatch(rf"{prefix}[1-9][0-9]*", str(q["name"])), q["name"]
    per_indicator = Counter(str(q["indicator"]) for q in questions)
    assert set(per_indicator) == set(PREFIX)
    assert all(4 <= n <= 8 for n in per_indicator.values()), per_indicator


def test_every_question_has_text_and_help_in_danish_and_english(
    questions: list[dict[str, object]],
) -> None:
    for q in questions:
        for column in (f"label::{DA}", f"label::{EN}", f"hint::{DA}", f"hint::{EN}"):
            assert len(str(q[column] or "").strip()) >= 10, (q["name"], column)
        assert q[f"label::{DA}"] != q[f"label::{EN}"], q["name"]
        assert q[f"hint::{DA}"] != q[f"hint::{EN}"], q["name"]
    danish = " ".join(str(q[f"label::{DA}"]) for q in questions)
    assert set("æøå") <= set(danish)


def test_groups_wrap_each_indicators_questions(sheets: dict[str, list[dict[str, object]]]) -> None:
    current: str | None = None
    groups = []
    indicators = {str(r["code"]): r for r in sheets["indicators"]}
    for row in sheets["survey"]:
        if row["type"] == "begin_group":
            assert current is None
            current = str(row["name"])
            groups.append(current)
            assert row[f"label::{DA}"] == indicators[current][f"label::{DA}"]
            assert row[f"label::{EN}"] == indicators[current][f"label::{EN}"]
        elif row["type"] == "end_group":
            assert current is not None
            current = None
        else:
            assert row["indicator"] == current, row["name"]
    assert current is None
    assert groups == list(indicators)


def test_kinds_and_types_are_mixed_as_intended(questions: list[dict[str, object]]) -> None:
    kinds = Counter(str(q["kind"]) for q in questions)
    assert set(kinds) == {"fact", "input", "impact"}
    assert kinds["input"] > kinds["impact"] and kinds["input"] > kinds["fact"]
    types = Counter(str(q["type"]).split()[0] for q in questions)
    assert types["select_one"] > len(questions) / 2
    assert types["select_multiple"] >= 5
    assert types["integer"] + types["decimal"] >= 5
    assert types["text"] >= 3
    assert sum(q["type"] == "select_one yes_no" for q in questions) >= 10
    assert any(q["not_applicable"] == "yes" for q in questions)
    assert {q["not_applicable"] for q in questions} == {"yes", "no"}


def test_scored_questions_have_points(
    questions: list[dict[str, object]], choice_lists: dict[str, dict[str, object]]
) -> None:
    for q in questions:
        assert q["scored"] in ("yes", "no"), q["name"]
        assert isinstance(q["weight"], int | float) and q["weight"] > 0, q["name"]
        name = list_of(q)
        if name is not None:
            assert name in choice_lists, q["name"]
            assert q["points"] is None, q["name"]
        if q["scored"] != "yes":
            continue
        if name is not None:
            points = choice_lists[name].values()
            assert all(isinstance(p, int | float) and 0 <= p <= 100 for p in points), q["name"]
        else:
            assert q["type"] in ("integer", "decimal"), q["name"]
            thresholds = [t for t, _ in bands(q["points"])]
            assert thresholds == sorted(set(thresholds)), q["name"]
            assert all(0 <= p <= 100 for _, p in bands(q["points"])), q["name"]
    for q in questions:
        if q["type"] == "text":
            assert q["scored"] == "no", q["name"]


def test_every_scored_question_spans_zero_to_a_hundred_points(
    questions: list[dict[str, object]], choice_lists: dict[str, dict[str, object]]
) -> None:
    for q in (q for q in questions if q["scored"] == "yes"):
        name = list_of(q)
        if name is None:
            points = [p for _, p in bands(q["points"])]
            best, worst = max(points), min(points)
        else:
            points = [float(p) for p in choice_lists[name].values()]  # type: ignore[arg-type]
            multiple = str(q["type"]).startswith("select_multiple")
            best = min(100.0, sum(points)) if multiple else max(points)
            worst = min(points)
        assert (worst, best) == (0, 100), q["name"]


def test_every_indicator_has_at_least_three_scored_questions(
    questions: list[dict[str, object]],
) -> None:
    scored = Counter(str(q["indicator"]) for q in questions if q["scored"] == "yes")
    assert set(scored) == set(PREFIX)
    assert min(scored.values()) >= 3, scored


def test_yes_no_and_choice_lists(
    choice_lists: dict[str, dict[str, object]], sheets: dict[str, list[dict[str, object]]]
) -> None:
    assert choice_lists["yes_no"] == {"yes": 100, "no": 0}
    for row in sheets["choices"]:
        assert str(row[f"label::{DA}"] or "").strip() and str(row[f"label::{EN}"] or "").strip()
    used = {list_of(q) for q in sheets["survey"]} - {None}
    assert used == set(choice_lists)


def test_pyxform_converts_it() -> None:
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    result = convert(xlsform=str(workbook_path()), warnings=warnings)
    assert warnings == []
    assert 'id="mangfold" version="2026.1"' in result.xform
    assert 'lang="English (en)"' in result.xform


def test_the_build_script_reproduces_the_committed_workbook(tmp_path: Path) -> None:
    output = tmp_path / "rebuilt.xlsx"
    subprocess.run([sys.executable, str(BUILDER), "--output", str(output)], check=True, capture_output=True)
    assert read_values(output) == read_values(workbook_path())
