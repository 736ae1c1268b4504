"""Population context that matches the round: the year rule, the kind of figure and its coverage."""

from __future__ import annotations

import pytest

from mangfold.reports.context import (
    ContextFigure,
    Coverage,
    choose,
    coverage_text,
    figure_label,
    round_year,
    year_for,
)

KMSTA = "Statistics Denmark, table KMSTA001"
# København in the demo: the municipal total entered on the city (ICC city profile, 2011) and the parish
# sums of the KMSTA001 copy shipped in mangfold/data/kmsta001 (residents in 50 of 56 parishes in 2008,
# 51 in 2011, all 56 in 2020).
ENTERED_2011 = ContextFigure(548_443.0, 2011, "Council of Europe, city profile of Copenhagen", True)
PARISHES = {
    2008: ContextFigure(402_216.0, 2008, KMSTA, False, Coverage(50, 56, 402_216.0)),
    2011: ContextFigure(459_420.0, 2011, KMSTA, False, Coverage(51, 56, 459_420.0, 548_443.0)),
    2020: ContextFigure(628_809.0, 2020, KMSTA, False, Coverage(56, 56, 628_809.0)),
}


@pytest.mark.parametrize(
    ("round_year", "years", "expected"),
    [
        (2011, [2008, 2011, 2020], 2011),
        (2011, [2008, 2020], 2008),
        (2011, [2017], None),
        (None, [2008, 2020, 2011], 2020),
        (2011, [], None),
    ],
)
def test_a_round_shows_its_years_figure_else_the_nearest_earlier_one(
    round_year: int | None, years: list[int], expected: int | None
) -> None:
    assert year_for(round_year, years) == expected


def test_the_round_year_is_read_from_its_short_name_then_its_name() -> None:
    assert round_year("2011", "ICC index 2011") == 2011
    assert round_year("spring", "Runde 2026") == 2026
    assert round_year("r12345", "no year") is None


def test_the_2011_population_of_copenhagen_is_the_municipal_total_not_the_2020_parish_sum() -> None:
    found = choose([ENTERED_2011, *PARISHES.values()], 2011, prefer_whole=True)
    assert found is not None
    assert (found.value, found.year, found.whole, found.round_year) == (548_443.0, 2011, True, 2011)
    assert figure_label(found, "da") == "2011, tal for hele kommunen"


def test_a_share_of_the_rounds_year_comes_from_the_small_areas_with_their_coverage() -> None:
    shares = [
        ContextFigure(22.3, 2011, "ICC", True),
        ContextFigure(21.6, 2011, KMSTA, False, PARISHES[2011].coverage),
    ]
    found = choose(shares, 2011, prefer_whole=False)
    assert found is not None and found.value == 21.6
    assert figure_label(found, "da") == (
        "2011, summen over 51 af kommunens 56 sogne, med 459.420 af de 548.443 indbyggere i kommunens "
        "tal for samme år (83,8\u00a0%)"
    )


def test_a_figure_of_an_earlier_year_is_labelled_as_the_nearest_earlier_year() -> None:
    found = choose([PARISHES[2008], PARISHES[2020]], 2011, prefer_whole=True)
    assert found is not None and found.year == 2008 and found.earlier
    assert figure_label(found, "da") == (
        "2008, nærmeste tidligere år end rundens (2011), summen over 50 af kommunens 56 sogne"
    )
    assert figure_label(found, "en").startswith("2008, the nearest earlier year to the round's (2011)")


def test_no_figure_of_a_later_year_is_shown_beside_an_older_round() -> None:
    assert (
        choose([PARISHES[2020], ContextFigure(666_757.0, 2017, "SSB", True)], 2011, prefer_whole=True) is None
    )


def test_coverage_of_all_areas_reads_as_the_whole_sum() -> None:
    assert coverage_text(Coverage(56, 56), "da") == "summen over alle kommunens 56 områder"
    assert coverage_text(Coverage(56, 56, kind="parish"), "da") == "summen over alle kommunens 56 sogne"
    assert Coverage(51, 56, 459_420.0, 548_443.0).resident_share == pytest.approx(83.768, abs=1e-3)
    assert Coverage(51, 56, 459_420.0).resident_share is None
