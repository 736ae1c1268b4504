"""One precision per score: computed scores with one decimal everywhere, published scores as published;
a practice's period of one year written as that year."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import translation

from mangfold.web.results.templatetags.results_tags import published_score, score
from tests.web.results_world import ResultsWorld, build_results_world
from tests.web.test_web_results_pages import get, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(db: Any) -> ResultsWorld:
    return build_results_world()


def test_a_published_score_keeps_the_decimals_it_was_published_with() -> None:
    with translation.override("da"):
        assert published_score(66.0) == "66"
        assert published_score(66.5) == "66,5"
        assert published_score(66.25) == "66,25"
        assert published_score(None) == "–"
        assert score(66.0) == "66,0"


def test_published_results_show_as_published_and_computed_ones_with_one_decimal(rw: ResultsWorld) -> None:
    city = text(get("/da/results/results-net/2024/city/fjordby/", "da"))
    assert "Samlet score 66 af 100" in city
    ranking = get("/da/results/results-net/2024/", "da")
    assert '<td class="num">66</td>' in ranking
    assert '<td class="num">66,0</td>' not in ranking


def test_a_practice_of_one_year_shows_that_year(rw: ResultsWorld) -> None:
    practice = rw.practices["lektiecafe"]
    practice.period_start = practice.period_end = 2014
    practice.save()
    other = rw.practices["parents"]
    other.period_start, other.period_end = 2014, 2016
    other.save()
    listing = text(get("/da/practices/", "da"))
    assert re.search(r"\(SE\), 2014(?!–)", listing), listing
    assert "2014–2014" not in listing
    assert "2014–2016" in listing
    detail = text(get(practice.get_absolute_url(), "da"))
    assert "Periode 2014 " in detail
    assert "2014–2014" not in detail
