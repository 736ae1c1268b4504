"""``mangfold questionnaire validate|export`` and ``mangfold score``, on the worked example's files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from mangfold.cli import app
from mangfold.index.xlsform import bundled_questionnaires, read_xlsform

DATA = Path(__file__).resolve().parents[1] / "index" / "data"
WORKBOOK = DATA / "worked_example.xlsx"
WIDE = {"COLUMNS": "200"}  # rich tables without wrapping


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env=WIDE)
    return result.exit_code, result.output


def test_validate_accepts_the_worked_example() -> None:
    code, output = run("questionnaire", "validate", WORKBOOK)
    assert code == 0, output
    assert "OK" in output and "3 indicators, 10 questions (9 scored)" in output


def test_validate_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    shutil.copy(WORKBOOK, broken)
    workbook = openpyxl.load_workbook(broken)
    workbook["survey"]["G5"] = "nosuch"  # C2: unknown indicator
    workbook["choices"]["E4"] = 120  # level none: points outside 0–100
    workbook["survey"]["C9"] = None  # E1: no Danish label
    workbook.save(broken)
    code, output = run("questionnaire", "validate", broken)
    assert code == 1
    assert "3 problem(s)" in output
    for needle in (
        "│ survey  │ 5   │ indicator (G)",
        "unknown indicator 'nosuch'",
        "│ survey  │ 9   │ label::Danish (da) (C)",
        "│ choices │ 4   │ points (E)",
        "points must be from 0 to 100, got 120",
    ):
        assert needle in output, output


def test_export_writes_readable_markdown_in_either_language(tmp_path: Path) -> None:
    code, output = run("questionnaire", "export", WORKBOOK, "--lang", "en")
    assert code == 0
    assert output.startswith("# Worked example\n")
    assert "## 1. Commitment (`commitment`)" in output
    assert "Statement, strategy and recognition." in output
    assert "### C3. Which parts does the strategy have?" in output and "> Choose all that apply." in output
    assert "| A budget (`budget`) | 60 |" in output
    assert "| at least 5 | 100 |" in output
    out = tmp_path / "q.md"
    code, output = run("questionnaire", "export", WORKBOOK, "-o", out)
    assert code == 0 and f"wrote {out}" in output
    danish = out.read_text(encoding="utf-8")
    assert "## 1. Forpligtelse (`commitment`)" in danish and "*vægt 2 · kerneindeks*" in danish
    code, _ = run("questionnaire", "export", WORKBOOK, "--lang", "sv")
    assert code == 2


@pytest.mark.parametrize("answers", ["worked_example_answers.csv", "worked_example_answers.json"])
def test_score_reproduces_the_worked_example(answers: str) -> None:
    code, output = run("score", DATA / answers, "--questionnaire", WORKBOOK, "--json")
    assert code == 0, output
    card = json.loads(output)
    # hand-computed in docs/methodology/index.md
    scores = {i["code"]: i["score"] for i in card["indicators"]}
    assert scores == pytest.approx({"commitment": 87.5, "education": 30.0, "interaction": 75.0})
    assert card["core_index"] == pytest.approx((2 * 87.5 + 30) / 3)
    assert card["extended_index"] == pytest.approx(70.0)
    assert card["composites"] == [{"code": "lens", "score": 52.5, "indicators": ["education", "interaction"]}]
    assert card["completeness"] == pytest.approx(6 / 7)
    assert card["missing_applied"] == ["E1"]


def test_score_prints_the_scorecard_as_tables() -> None:
    code, output = run("score", DATA / "worked_example_answers.csv", "-q", WORKBOOK, "--details")
    assert code == 0, output
    assert "Forpligtelse (commitment)" in output and "87,5" in output
    assert "Kerneindeks: 68,33" in output and "Udvidet indeks: 70" in output
    assert "Interkulturel linse (lens)" in output and "52,5" in output
    assert "Fuldstændighed: 6/7 (85,71 %)" in output
    assert "Regel for manglende svar: zero (brugt på: E1)" in output
    assert "missing_counted_zero" in output  # the per-question breakdown
    code, output = run("score", DATA / "worked_example_answers.csv", "-q", WORKBOOK, "--lang", "en")
    assert "Core index: 68.33" in output and "Commitment (commitment)" in output


def test_score_names_file_row_and_column_of_a_bad_answer(tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text("question,value\nC1,yes\nC2,maybe\n", encoding="utf-8")
    code, output = run("score", answers, "-q", WORKBOOK)
    assert code == 1
    assert "│ answers.csv │ 3   │ value  │ C2       │ unknown choice 'maybe'" in output, output


def test_score_refuses_a_broken_questionnaire(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    shutil.copy(WORKBOOK, broken)
    workbook = openpyxl.load_workbook(broken)
    workbook["indicators"]["F2"] = "heavy"
    workbook.save(broken)
    code, output = run("score", DATA / "worked_example_answers.csv", "-q", broken)
    assert code == 1 and "weight must be a number greater than 0" in output


@pytest.mark.skipif(not bundled_questionnaires(), reason="no bundled questionnaire")
def test_score_uses_the_bundled_questionnaire_by_default(tmp_path: Path) -> None:
    q = read_xlsform(bundled_questionnaires()[-1])
    first = next(x for x in q.questions if x.scored and x.choices)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {first.code: first.choices[-1].name}}), encoding="utf-8")
    code, output = run("score", answers, "--json")
    assert code == 0, output
    card = json.loads(output)
    assert (card["form_id"], card["version"]) == (q.form_id, q.version)
    assert card["answered"] == 1


NEWEST = bundled_questionnaires()[-1]


def test_validate_accepts_2026_2_and_checks_its_version_map_against_2026_1() -> None:
    code, output = run("questionnaire", "validate", NEWEST)
    assert code == 0, output
    assert "(mangfold 2026.2)" in output
    assert "version map from 2026.1: 96 questions accounted for" in output


def test_validate_names_a_2026_1_question_the_version_map_leaves_out(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    shutil.copy(NEWEST, broken)
    workbook = openpyxl.load_workbook(broken)
    sheet = workbook["version_map"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "WEL3")
    sheet.delete_rows(row[0].row)
    workbook.save(broken)
    code, output = run("questionnaire", "validate", broken)
    assert code == 1
    assert "question WEL3 of version 2026.1 is not accounted for" in output


def test_score_refuses_none_with_another_choice_naming_the_question(tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text("question,value\nPUB4,none food\n", encoding="utf-8")
    code, output = run("score", answers, "-q", NEWEST)
    assert code == 1
    assert "PUB4" in output and "choice 'none' cannot be combined with other choices (food)" in output


def test_score_shows_the_coverage_of_an_indicator_with_a_not_measured_answer(tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text("question,value\nWEL1,one_place\nWEL5,nm\n", encoding="utf-8")
    code, output = run("score", answers, "-q", NEWEST, "--lang", "en")
    assert code == 0, output
    row = next(line for line in output.splitlines() if "(welcoming)" in line)
    # WEL1 100 points, WEL2–WEL4 missing (0), WEL5 not measured: 100 / 4 = 25; coverage 4 of 5 = 80 %
    assert "│    25 │" in row and "80 %" in row
