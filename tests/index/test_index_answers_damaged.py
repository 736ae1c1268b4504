"""Damaged answers files are refused as AnswerError naming the file (and row where there is one), never
with the csv or json module's own exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from mangfold.i18n import language
from mangfold.index.answers import read_answers
from mangfold.index.errors import AnswerError, AnswerProblem


def refused(path: Path) -> AnswerProblem:
    with pytest.raises(AnswerError) as caught:
        read_answers(path)
    (problem,) = caught.value.problems
    return problem


def test_a_cell_past_the_csv_modules_limit_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("question,value\nQ1,yes\nQ2," + "x" * 200_000 + "\n", encoding="utf-8")
    problem = refused(path)
    assert (problem.file, problem.row) == ("answers.csv", 3)
    assert problem.message.startswith("cannot read the row: field larger than field limit")


def test_a_number_of_five_thousand_digits_is_refused_before_it_is_converted(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"answers": {"Q1": ' + "9" * 5000 + "}}", encoding="utf-8")
    assert refused(path).message == "not valid JSON: a number of 5000 digits (at most 30)"
    with language("da"):
        assert refused(path).message == "ikke gyldig JSON: et tal med 5000 cifre (højst 30)"


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"answers": {"Q1": ' + "[" * 100_000 + "]" * 100_000 + "}}", encoding="utf-8")
    assert refused(path).message == "not valid JSON: nested too deeply"


@pytest.mark.parametrize("value", ["Infinity", "-Infinity", "NaN", "1e400"])
def test_a_number_that_is_not_finite_is_no_answer(tmp_path: Path, value: str) -> None:
    path = tmp_path / "answers.json"
    path.write_text('{"answers": {"Q1": ' + value + "}}", encoding="utf-8")
    problem = refused(path)
    assert (problem.question, problem.column) == ("Q1", "answers.Q1")
    assert problem.message.startswith("expected a string, a number, a list of strings or null")
