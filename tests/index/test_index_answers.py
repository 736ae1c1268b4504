"""Answers files (CSV and JSON): reading them, and errors that name file, row and column."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mangfold.index.answers import Answer, AnswerSheet, Location, parse_answers, read_answers
from mangfold.index.errors import AnswerError, AnswerProblem
from mangfold.index.model import Choice, Questionnaire, Text
from mangfold.index.scoring import score


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def refused(path: Path, questionnaire: Questionnaire | None = None) -> list[AnswerProblem]:
    with pytest.raises(AnswerError) as caught:
        sheet = read_answers(path)
        if questionnaire is not None:
            parse_answers(questionnaire, sheet)
    return list(caught.value.problems)


def test_the_worked_example_answers_read_from_csv(data_dir: Path, worked_example: Questionnaire) -> None:
    sheet = read_answers(data_dir / "worked_example_answers.csv")
    assert sheet.source == "worked_example_answers.csv"
    assert sheet.values["C3"] == "budget body" and sheet.values["E1"] is None
    assert sheet.evidence["C1"] == "Byrådets beslutning 12.03.2024"
    assert sheet.locations["C2"] == Location(3, "value")
    answers = parse_answers(worked_example, sheet)
    assert answers["C3"] == Answer(
        "C3", choices=("budget", "body"), evidence="Strategien har budget og styregruppe"
    )
    assert answers["C4"] == Answer("C4", not_applicable=True)
    assert answers["E1"].is_missing and answers["E2"] == Answer("E2", number=3)


def test_csv_and_json_give_the_same_scorecard(data_dir: Path, worked_example: Questionnaire) -> None:
    from_csv = score(worked_example, read_answers(data_dir / "worked_example_answers.csv"))
    from_json = score(worked_example, read_answers(data_dir / "worked_example_answers.json"))
    assert from_csv == from_json
    assert from_csv.question("C1").answer == Answer(
        "C1", choices=("yes",), evidence="Byrådets beslutning 12.03.2024"
    )


def test_a_semicolon_csv_with_a_byte_order_mark_reads(tmp_path: Path, worked_example: Questionnaire) -> None:
    path = write(tmp_path, "excel.csv", "Question;Value\nE2;4\nC3;budget evaluation\n", "utf-8-sig")
    answers = parse_answers(worked_example, read_answers(path))
    assert answers["E2"].number == 4 and answers["C3"].choices == ("budget", "evaluation")


def test_an_invalid_answer_in_a_csv_names_file_row_and_column(
    tmp_path: Path, worked_example: Questionnaire
) -> None:
    path = write(tmp_path, "a.csv", "question,value\nC1,yes\nC2,maybe\nE2,lots\n")
    problems = refused(path, worked_example)
    assert [(p.file, p.row, p.column, p.question) for p in problems] == [
        ("a.csv", 3, "value", "C2"),
        ("a.csv", 4, "value", "E2"),
    ]
    assert (
        str(problems[0])
        == "a.csv, row 3, column 'value': C2: unknown choice 'maybe' (choices: none, partial, full)"
    )


def test_csv_structure_problems_are_all_reported(tmp_path: Path) -> None:
    problems = refused(write(tmp_path, "a.csv", "question,answer\nC1,yes\n"))
    assert [(p.row, p.column, p.message) for p in problems] == [
        (1, None, "no 'value' column in the header"),
        (1, "answer", "unknown column 'answer' (question, value, evidence)"),
    ]
    problems = refused(write(tmp_path, "b.csv", "question,value\nC1,yes\n,no\nC1,no\n\n"))
    assert [(p.row, p.column, p.question) for p in problems] == [(3, "question", None), (4, "question", "C1")]
    assert problems[1].message == "answered twice (first in row 2)"


def test_json_problems_name_the_place(tmp_path: Path, worked_example: Questionnaire) -> None:
    (problem,) = refused(write(tmp_path, "a.json", '{"answers": {"C1": "yes",}}'))
    assert (problem.file, problem.row) == ("a.json", 1) and problem.message.startswith("not valid JSON")
    (problem,) = refused(write(tmp_path, "b.json", '["C1"]'))
    assert problem.column == "answers"
    (problem,) = refused(write(tmp_path, "c.json", '{"answers": {"C1": {"x": 1}}}'))
    assert (problem.question, problem.column) == ("C1", "answers.C1")
    (problem,) = refused(write(tmp_path, "d.json", '{"answers": {"C2": "maybe"}}'), worked_example)
    assert (problem.file, problem.column, problem.question) == ("d.json", "answers.C2", "C2")
    (problem,) = refused(write(tmp_path, "e.json", '{"answers": {}, "evidence": ["x"]}'))
    assert problem.column == "evidence"


def test_other_formats_are_refused(tmp_path: Path) -> None:
    (problem,) = refused(write(tmp_path, "a.txt", "C1 yes"))
    assert "use .csv or .json" in problem.message


def test_evidence_without_an_answer_is_kept_as_a_missing_answer(worked_example: Questionnaire) -> None:
    sheet = AnswerSheet({"C1": "yes"}, {"E1": "Ikke opgjort endnu"})
    answers = parse_answers(worked_example, sheet)
    assert answers["E1"].is_missing and answers["E1"].evidence == "Ikke opgjort endnu"
    with pytest.raises(AnswerError, match="Z9: unknown question code"):
        parse_answers(worked_example, AnswerSheet({}, {"Z9": "x"}))


def test_checked_answers_are_accepted_and_checked_again(worked_example: Questionnaire) -> None:
    answers = parse_answers(worked_example, {"C2": Answer("C2", choices=("full",), evidence="plan")})
    assert answers["C2"] == Answer("C2", choices=("full",), evidence="plan")
    with pytest.raises(AnswerError, match="C2: unknown choice 'most'"):
        parse_answers(worked_example, {"C2": Answer("C2", choices=("most",))})


def test_a_choice_named_na_is_a_choice_not_not_applicable(worked_example: Questionnaire) -> None:
    assert Answer("X", choices=("a", "b")).display() == "a b"
    assert Answer("X", number=2.5).display() == "2.5" and Answer("X", not_applicable=True).display() == "na"
    q = worked_example.question("C2")
    with_na = replace(q, choices=(*q.choices, Choice("na", Text(da="Ved ikke"), 0)))
    rows = tuple(with_na if r == q else r for r in worked_example.rows)
    answers = parse_answers(replace(worked_example, rows=rows), {"C2": "na"})
    assert answers["C2"] == Answer("C2", choices=("na",))
