"""The published-results CSV refuses what it cannot read and scores that are not ASCII digits, naming the row
and column (the fuzz campaign's crash signature, crafted by hand)."""

from __future__ import annotations

import pytest

from mangfold.i18n import language
from mangfold.web.assessments.legacy import LegacyImportError, parse_score, read_legacy_csv

HEADER = "network,round,city,overall,source,published_rank\n"


def refusals(text: str) -> list[str]:
    with pytest.raises(LegacyImportError) as caught:
        read_legacy_csv(text)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("text", ["1_000", "١٢٣", "１２", "inf", "nan", "-inf", "1e2", "66 %%", ".5", "6,"])
def test_a_score_that_is_not_ascii_digits_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_score(text)


@pytest.mark.parametrize(
    ("text", "score"), [("66", 66.0), ("66.5", 66.5), ("66,5", 66.5), ("66 %", 66.0), ("66,5%", 66.5)]
)
def test_a_published_score_is_read_with_a_decimal_point_or_comma_and_a_percent_sign(
    text: str, score: float
) -> None:
    assert parse_score(text) == score


def test_a_field_past_the_csv_field_limit_is_refused_naming_its_row() -> None:
    text = HEADER + "icc,2011,oslo,66,ICC 2011,\nicc,2011,bergen," + "6" * 140_000 + ",ICC 2011,\n"
    assert refusals(text) == ["row 3: not readable as CSV (field larger than field limit (131072))"]


def test_the_refusal_is_told_in_danish() -> None:
    text = HEADER + '"' + "x" * 140_000 + '",2011,oslo,66,ICC\n'
    with language("da"):  # the import writes its problems in the core's language
        assert refusals(text) == ["række 2: kan ikke læses som CSV (field larger than field limit (131072))"]


@pytest.mark.parametrize("cell", ["١٢٣", "２", "²", "1_0"])
def test_a_published_rank_that_is_not_ascii_digits_is_refused_by_row_and_column(cell: str) -> None:
    assert refusals(HEADER + f"icc,2011,oslo,66,ICC 2011,{cell}\n") == [
        f"row 2, column 'published_rank': not a whole number from 1: {cell!r}"
    ]


def test_an_overall_score_written_as_infinity_is_refused_by_row_and_column() -> None:
    assert refusals(HEADER + "icc,2011,oslo,inf,ICC 2011,\n") == [
        "row 2, column 'overall': not a number: 'inf'"
    ]
