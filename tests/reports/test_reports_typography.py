"""Danish and English typography of the reports: dates, numbers, shares, ordinals, lists, rank sentences."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mangfold.reports.typography import (
    MINUS,
    display_name,
    genitive,
    join,
    long_date,
    number,
    ordinal,
    percent,
    rank_sentence,
    score,
    signed,
)


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (datetime.date(2010, 3, 22), "da", "22. marts 2010"),
        (datetime.date(2010, 3, 22), "en", "22 March 2010"),
        (datetime.date(2012, 1, 16), "da", "16. januar 2012"),
        (datetime.date(2024, 5, 1), "da", "1. maj 2024"),
        (datetime.date(2024, 12, 31), "en", "31 December 2024"),
    ],
)
def test_dates_are_written_out(day: datetime.date, lang: str, expected: str) -> None:
    assert long_date(day, lang) == expected


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1234.5, "da", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (1234567, "da", 0, "1.234.567"),
        (0.42, "da", 2, "0,42"),
        (-2.0, "da", 1, f"{MINUS}2,0"),
        (-0.01, "da", 1, "0,0"),
    ],
)
def test_numbers_follow_the_language(value: float, lang: str, decimals: int, expected: str) -> None:
    assert number(value, lang, decimals) == expected


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_a_danish_number_reads_back_as_the_english_one(value: float, decimals: int) -> None:
    danish, english = number(value, "da", decimals), number(value, "en", decimals)
    swapped = danish.replace(".", "\x00").replace(",", ".").replace("\x00", ",")
    assert swapped == english
    assert float(english.replace(",", "").replace(MINUS, "-")) == pytest.approx(
        round(value, decimals), abs=1e-9
    )


def test_shares_have_a_space_before_the_per_cent_sign_in_danish_only() -> None:
    assert percent(18.5, "da") == "18,5\u00a0%"
    assert percent(18.5, "en") == "18.5%"
    assert percent(None, "da") == "–"


def test_scores_and_changes() -> None:
    assert score(66.0, "da") == "66,0"
    assert score(None, "en") == "–"
    assert signed(4.5, "da") == "+4,5"
    assert signed(-2, "en") == f"{MINUS}2.0"
    assert signed(0.0, "da") == "0,0"


@pytest.mark.parametrize(
    ("n", "en"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (102, "102nd"),
        (111, "111th"),
    ],
)
def test_ordinals(n: int, en: str) -> None:
    assert ordinal(n, "en") == en
    assert ordinal(n, "da") == f"{n}."


def test_lists_join_without_a_comma_before_the_last_item() -> None:
    assert join(["A", "B", "C"], "da") == "A, B og C"
    assert join(["A", "B"], "en") == "A and B"
    assert join(["A"], "da") == "A"
    assert join([], "da") == ""


def test_genitive() -> None:
    assert genitive("København", "da") == "Københavns"
    assert genitive("Paris", "da") == "Paris'"
    assert genitive("Bruxelles", "da") == "Bruxelles'"
    assert genitive("Copenhagen", "en") == "Copenhagen's"
    assert genitive("Athens", "en") == "Athens'"
    assert genitive("Halifax", "da") == "Halifax'"
    assert genitive("Graz", "da") == "Graz'"


def test_the_genitive_of_a_name_with_a_parenthesis_goes_on_the_name_before_it() -> None:
    assert genitive("Eksempelby (opdigtet eksempel)", "da") == "Eksempelbys (opdigtet eksempel)"
    assert genitive("Exempelstad (opdigtet eksempel)", "da") == "Exempelstads (opdigtet eksempel)"
    assert genitive("Sampleton (invented example)", "en") == "Sampleton's (invented example)"
    assert ")s" not in genitive("Eksempelby (example)", "da")


def test_an_invented_city_is_marked_as_an_invented_example_in_the_reports_language() -> None:
    assert display_name("Eksempelby (example)", "da", invented=True) == "Eksempelby (opdigtet eksempel)"
    assert display_name("Eksempelby (example)", "en", invented=True) == "Eksempelby (invented example)"
    assert display_name("Prøvestad", "da", invented=True) == "Prøvestad (opdigtet eksempel)"
    assert display_name("København", "da") == "København"


def test_rank_sentences() -> None:
    assert rank_sentence("København", 5, 20, "da") == "København ligger nr. 5 af 20 byer"
    assert rank_sentence("København", 8, 34, "en") == "København ranks 8th of 34 cities"
    assert rank_sentence("Oslo", 2, 4, "da", tied=True) == "Oslo ligger delt nr. 2 af 4 byer"
    assert rank_sentence("Oslo", 2, 4, "en", tied=True) == "Oslo ranks joint 2nd of 4 cities"
    assert rank_sentence("Eksempelby", 1, 1, "da") == "Eksempelby ligger nr. 1 af 1 by"
    assert rank_sentence("Eksempelby", 1, 1, "en") == "Eksempelby ranks 1st of 1 city"
