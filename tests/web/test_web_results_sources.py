"""The city page of the results: each fact of the city with its source in the page's language."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.results_world import ResultsWorld, build_results_world
from tests.web.test_web_results_pages import get, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(db: Any) -> ResultsWorld:
    return build_results_world()


def test_facts_show_their_source_in_the_page_language(rw: ResultsWorld) -> None:
    city = rw.cities["ankeby"]
    city.population_year, city.foreign_born_year = 2020, 2021
    city.population_source, city.population_source_da = "Statistics office", "Danmarks Statistik"
    city.foreign_born_source = "Computed from parishes covering 84 % of the city"
    city.save()
    danish = text(get("/da/results/results-net/2024/city/ankeby/", "da"))
    english = text(get("/en/results/results-net/2024/city/ankeby/", "en"))
    assert "(2020) Kilde: Danmarks Statistik" in danish
    assert "(2021) Kilde: Computed from parishes covering 84 % of the city" in danish
    assert "(2020) Source: Statistics office" in english
    assert "Statistics office" not in danish


def test_a_fact_without_source_shows_no_source_line(rw: ResultsWorld) -> None:
    page = text(get("/en/results/results-net/2024/city/ankeby/", "en"))
    assert "Population" in page
    assert "Source: Source" not in page
    assert page.count("Source:") == 0


@pytest.mark.parametrize(
    ("lang", "heading", "note"),
    [
        ("en", "Change since", "The changes are computed from the unrounded scores"),
        ("da", "Ændring siden", "Ændringerne er beregnet af de uafrundede scorer, så de kan afvige"),
    ],
)
def test_a_change_table_says_changes_are_computed_unrounded(
    rw: ResultsWorld, lang: str, heading: str, note: str
) -> None:
    page = text(get(f"/{lang}/results/results-net/2024/city/ankeby/", lang))
    assert heading in page
    assert page.index(note) > page.index(heading)


def test_percentile_and_relative_position_are_explained_side_by_side(rw: ResultsWorld) -> None:
    english = text(get("/en/results/results-net/2024/city/ankeby/", "en"))
    danish = text(get("/da/results/results-net/2024/city/ankeby/", "da"))
    assert "Percentile" in english and "of the other cities" in english
    assert "(from the published place)" not in english
    assert "Percentile: the share of the cities of the round scoring below the city" in english
    assert "(N − rank)/(N − 1)" in english
    assert "»Foran … af de øvrige byer«: andelen af de øvrige byer, der er placeret efter byen" in danish
