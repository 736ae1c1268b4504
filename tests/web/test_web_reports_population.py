"""The population context of a round on its reports: the round's year, else the nearest earlier year,
the municipal total or the sum over small areas with its coverage (hand-computed on the reports world)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from mangfold.reports.briefing import draft
from mangfold.web.reports import briefings
from mangfold.web.reports.population import population_section
from mangfold.web.reports.profile import build_profile
from mangfold.web.statistics.services import city_figures
from tests.reports.reports_world import FOCUS, ReportsWorld, build_reports_world

# Ærøskøbing: 210,000 inhabitants entered on the city for 2024; four parishes with residents in both years,
# 24,350 in 2024 (5,800 + 5,800 + 5,680 + 7,070) and 23,133 in 2023 (each count × 0.95, rounded).
ENTERED_2024 = 210_000.0
PARISHES_2024, PARISHES_2023 = 24_350.0, 23_133.0
BACKGROUND_2024 = 100.0 * (1_800 + 600 + 2_680 + 970) / 24_350


@pytest.fixture
def rw(db: Any) -> ReportsWorld:
    return build_reports_world()


def test_the_population_of_the_rounds_year_is_the_municipal_total(rw: ReportsWorld) -> None:
    figures = city_figures(rw.focus, year=2024)
    population, share = figures.population, figures.immigrant_background_share
    assert (population.value, population.year, population.from_statistics) == (ENTERED_2024, 2024, False)
    assert share.value == pytest.approx(BACKGROUND_2024) and share.from_statistics
    assert share.coverage is not None
    assert (share.coverage.areas, share.coverage.of_areas) == (4, 4)
    assert (share.coverage.residents, share.coverage.of_residents) == (PARISHES_2024, ENTERED_2024)


def test_a_figure_of_a_later_year_is_never_used_for_an_earlier_round(rw: ReportsWorld) -> None:
    figures = city_figures(rw.focus, year=2023)
    assert (figures.population.value, figures.population.year) == (PARISHES_2023, 2023)
    assert figures.population.from_statistics and figures.population.round_year == 2023
    immigrants_2023 = (285 + 855) + (238 + 190) + (190 + 1_425) + (380 + 285)
    foreign_born = figures.foreign_born_share  # the parishes' 2023 share, not the 17.5 % entered for 2024
    assert (foreign_born.value, foreign_born.year) == (
        pytest.approx(100.0 * immigrants_2023 / PARISHES_2023),
        2023,
    )
    assert city_figures(rw.focus, year=2022).population.value is None


def test_a_page_of_no_round_shows_the_latest_figures(rw: ReportsWorld) -> None:
    figures = city_figures(rw.focus)
    assert (figures.population.value, figures.population.year, figures.population.round_year) == (
        ENTERED_2024,
        2024,
        None,
    )


def test_the_briefing_of_an_earlier_round_cites_that_years_population(rw: ReportsWorld) -> None:
    report = build_profile(rw.rounds["2023"], FOCUS, "da")
    assert report is not None
    problem = re.sub(r"\s+", " ", draft(briefings.facts(report), "da")["problem"])
    assert "Ærøskøbing havde 23.133 indbyggere (2023, summen over alle kommunens 4 sogne; kilde:" in problem
    assert "210.000" not in problem and "24.350" not in problem


def test_the_profile_section_for_a_round_labels_its_figures(rw: ReportsWorld) -> None:
    section = population_section(rw.focus, "da", year=2024)
    assert section is not None and section.period == "2024"
    assert section.population_label == "2024, tal for hele kommunen"
    assert section.immigrant_label == (
        "2024, summen over alle kommunens 4 sogne, med 24.350 af de 210.000 indbyggere i kommunens "
        "tal for samme år (11,6\u00a0%)"
    )
    assert section.for_round(2024) is section
    latest = population_section(rw.focus, "da")
    assert latest is not None and latest.for_round(2023) is None and latest.for_round(2025) is not None


def test_the_briefing_names_the_round_in_the_reports_language(rw: ReportsWorld) -> None:
    round_ = rw.rounds["2024"]
    round_.name_en = "Round 2024"
    round_.save()
    danish = build_profile(round_, FOCUS, "da")
    english = build_profile(round_, FOCUS, "en")
    assert danish is not None and english is not None
    assert briefings.facts(danish).round == "Runde 2024"
    assert briefings.facts(english).round == "Round 2024"
    assert briefings.profile_title(english).endswith("Round 2024 (PDF)")
