"""The questionnaire's problems in Danish: workbook problems and answer problems name sheet, row and
column in the language of the page (``mangfold.i18n.language``), and stay English outside it."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from mangfold.i18n import language
from mangfold.index.answers import parse_answers, read_answers
from mangfold.index.errors import AnswerError, Problem, QuestionnaireError
from mangfold.index.model import Questionnaire
from mangfold.index.xlsform import read_xlsform
from tests.index.test_index_xlsform import DA, VALID, five_faults, write_book


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MANGFOLD_LANGUAGE", raising=False)


def refused(path: Path) -> QuestionnaireError:
    with pytest.raises(QuestionnaireError) as caught:
        read_xlsform(path, check_xlsform=False)
    return caught.value


DANISH = [
    "ark 'survey', række 2, kolonne 'label::Danish (da)' (C): "
    "spørgsmålet 'Q1' mangler label på sproget Danish (da)",
    "ark 'survey', række 3, kolonne 'type' (A): listen 'colours' står ikke på arket choices",
    "ark 'survey', række 4, kolonne 'indicator' (E): "
    "ukendt indikator 'nosuch' (står ikke på arket indicators)",
    "ark 'survey', række 5, kolonne 'name' (B): "
    "spørgsmålskoden 'Q1' er allerede brugt (første gang i række 2)",
    "ark 'choices', række 5, kolonne 'points' (E): point skal være fra 0 til 100, men er 150",
]
ENGLISH = [
    "sheet 'survey', row 2, column 'label::Danish (da)' (C): question 'Q1' has no label in Danish (da)",
    "sheet 'survey', row 3, column 'type' (A): choice list 'colours' is not on the choices sheet",
    "sheet 'survey', row 4, column 'indicator' (E): unknown indicator 'nosuch' (not on the indicators sheet)",
    "sheet 'survey', row 5, column 'name' (B): duplicate question code 'Q1' (first in row 2)",
    "sheet 'choices', row 5, column 'points' (E): points must be from 0 to 100, got 150",
]


def test_the_five_faults_read_in_danish_with_sheet_row_and_column(tmp_path: Path) -> None:
    path = write_book(tmp_path / "broken.xlsx", five_faults())
    with language("da"):
        error = refused(path)
        assert [str(p) for p in error.problems] == DANISH
        assert [p.where.split(", ")[0] for p in error.problems] == ["ark 'survey'"] * 4 + ["ark 'choices'"]
    assert [(p.sheet, p.row, p.column, p.letter) for p in error.problems] == [
        ("survey", 2, DA, "C"),
        ("survey", 3, "type", "A"),
        ("survey", 4, "indicator", "E"),
        ("survey", 5, "name", "B"),
        ("choices", 5, "points", "E"),
    ]
    assert str(error) == f"{path}: 5 problemer\n" + "\n".join(f"  - {line}" for line in DANISH)


def test_the_same_workbook_outside_the_block_gives_todays_english(tmp_path: Path) -> None:
    path = write_book(tmp_path / "broken.xlsx", five_faults())
    with language("da"):
        refused(path)
    error = refused(path)
    assert [str(p) for p in error.problems] == ENGLISH
    assert str(error) == f"{path}: 5 problems\n" + "\n".join(f"  - {line}" for line in ENGLISH)


def test_the_environment_gives_danish_to_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_book(tmp_path / "broken.xlsx", five_faults())
    monkeypatch.setenv("MANGFOLD_LANGUAGE", "da")
    assert [str(p) for p in refused(path).problems] == DANISH
    with language("en"):
        assert [str(p) for p in refused(path).problems] == ENGLISH


def test_a_file_that_is_no_workbook_is_one_problem_of_the_whole_workbook(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_bytes(b"not a zip file")
    with language("da"):
        error = refused(path)
        (problem,) = error.problems
        assert problem.where == "projektmappe"
        assert problem.message.startswith("projektmappen kan ikke læses: ")
        assert str(error).startswith(f"{path}: 1 problem\n  - projektmappe: projektmappen kan ikke læses")
    assert str(refused(path)).startswith(f"{path}: 1 problem\n  - workbook: cannot read the workbook: ")


def test_a_missing_sheet_is_named_in_danish(tmp_path: Path) -> None:
    sheets = copy.deepcopy(VALID)
    del sheets["indicators"]
    path = write_book(tmp_path / "book.xlsx", sheets)
    with language("da"):
        messages = [str(p) for p in refused(path).problems]
    assert "ark 'indicators': projektmappen mangler arket 'indicators'" in messages
    assert "sheet 'indicators': the workbook has no sheet named 'indicators'" in [
        str(p) for p in refused(path).problems
    ]


def test_a_problem_made_in_english_is_placed_in_the_language_it_is_shown_in() -> None:
    problem = Problem("choices", 7, "points", "points must be from 0 to 100, got 150", "E")
    with language("da"):
        assert problem.where == "ark 'choices', række 7, kolonne 'points' (E)"
    assert problem.where == "sheet 'choices', row 7, column 'points' (E)"


def answers_error(tmp_path: Path, questionnaire: Questionnaire) -> AnswerError:
    path = tmp_path / "answers.csv"
    path.write_text("question,value\nC2,maybe\nE2,many\nC1,yes no\n", encoding="utf-8")
    with pytest.raises(AnswerError) as caught:
        parse_answers(questionnaire, read_answers(path))
    return caught.value


def test_bad_answers_read_in_danish(tmp_path: Path, worked_example: Questionnaire) -> None:
    with language("da"):
        error = answers_error(tmp_path, worked_example)
        lines = [str(p) for p in error.problems]
    assert [(p.question, p.file, p.row, p.column) for p in error.problems] == [
        ("C2", "answers.csv", 2, "value"),
        ("E2", "answers.csv", 3, "value"),
        ("C1", "answers.csv", 4, "value"),
    ]
    assert lines == [
        "answers.csv, række 2, kolonne 'value': C2: "
        "ukendt valgmulighed 'maybe' (valgmuligheder: none, partial, full)",
        "answers.csv, række 3, kolonne 'value': E2: skal være et tal, men er 'many'",
        "answers.csv, række 4, kolonne 'value': C1: "
        "der kan kun vælges én valgmulighed, men der er angivet 2: yes no",
    ]
    assert str(error) == "3 problemer med svarene\n" + "\n".join(f"  - {line}" for line in lines)


def test_the_same_answers_outside_the_block_give_todays_english(
    tmp_path: Path, worked_example: Questionnaire
) -> None:
    with language("da"):
        answers_error(tmp_path, worked_example)
    error = answers_error(tmp_path, worked_example)
    lines = [
        "answers.csv, row 2, column 'value': C2: unknown choice 'maybe' (choices: none, partial, full)",
        "answers.csv, row 3, column 'value': E2: expected a number, got 'many'",
        "answers.csv, row 4, column 'value': C1: single choice, but 2 choices were given: yes no",
    ]
    assert [str(p) for p in error.problems] == lines
    assert str(error) == "3 problems with the answers\n" + "\n".join(f"  - {line}" for line in lines)


def test_an_unknown_question_and_a_file_problem_in_danish(
    tmp_path: Path, worked_example: Questionnaire
) -> None:
    with language("da"), pytest.raises(AnswerError) as caught:
        parse_answers(worked_example, {"C22": "yes"})
    assert str(caught.value) == "1 problem med svarene\n  - C22: ukendt spørgsmålskode (mente du C2?)"
    path = tmp_path / "answers.csv"
    path.write_text("question,answer\n", encoding="utf-8")
    with language("da"), pytest.raises(AnswerError) as caught:
        read_answers(path)
    with language("da"):
        lines = [str(p) for p in caught.value.problems]
    assert lines == [
        "answers.csv, række 1: overskriftsrækken mangler kolonnen 'value'",
        "answers.csv, række 1, kolonne 'answer': "
        "ukendt kolonne 'answer' (mulige kolonner: question, value, evidence)",
    ]
