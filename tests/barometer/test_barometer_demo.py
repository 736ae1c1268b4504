"""The shipped demo barometers: they read, and their statuses are those worked out by hand."""

from __future__ import annotations

from mangfold.barometer.demo import DEMO_BAROMETERS, demo_barometer
from mangfold.barometer.model import ValueSet, YearKind
from mangfold.barometer.rules import Status, barometer_statuses


def statuses(slug: str) -> dict[str, tuple[Status, list[Status]]]:
    barometer, values = demo_barometer(slug)
    return {
        goal.goal: (goal.status, [i.status for i in goal.indicators])
        for goal in barometer_statuses(barometer, ValueSet.of(values))
    }


def test_copenhagens_fall_in_the_unemployment_gap_is_green_and_its_missing_values_white() -> None:
    # 10.9 (2011) → 6.3 (2017) points, lower is better; København's values of the national indicators: none.
    assert statuses("copenhagen") == {
        "employment": (Status.GREEN, [Status.GREEN]),
        "national_work": (Status.WHITE, [Status.WHITE, Status.WHITE]),
        "national_education": (Status.WHITE, [Status.WHITE]),
    }


def test_eksempelby_shows_two_of_three_the_rounding_edge_no_significance_and_white() -> None:
    # work: 52 → 56 green; gap 25 → 22 with counts: −3.0 ± 3.3 points, yellow; unemployment 9 → 8 green.
    # education: 60 → 59.6 rounds to 60, yellow; 71 → 68 red. housing 12.5 → 11.8 green. participation: no
    # value after 2014, white.
    assert statuses("eksempelby") == {
        "work": (Status.GREEN, [Status.GREEN, Status.YELLOW, Status.GREEN]),
        "education": (Status.YELLOW, [Status.YELLOW, Status.RED]),
        "housing": (Status.GREEN, [Status.GREEN]),
        "participation": (Status.WHITE, [Status.WHITE]),
    }


def test_every_real_row_names_its_source_and_every_invented_row_says_so() -> None:
    for slug in DEMO_BAROMETERS:
        _, values = demo_barometer(slug)
        assert all(v.source for v in values)
    _, example = demo_barometer("eksempelby")
    assert all("Opdigtet" in v.source for v in example if v.area == "")


def test_the_national_values_are_the_published_ones_with_bases_derived_from_the_published_change() -> None:
    _, values = demo_barometer("copenhagen")
    national = {(v.indicator, v.year): v.value for v in values if v.area == "DK"}
    assert national == {
        ("employment_gap", 2012): 26.0,  # 20 published, −6 since 2012
        ("employment_gap", 2022): 20.0,
        ("employment_rate", 2012): 51.0,  # 60 published, +9
        ("employment_rate", 2022): 60.0,
        ("youth_education", 2012): 56.0,  # 68 published, +12
        ("youth_education", 2022): 68.0,
    }


def test_copenhagens_demo_is_named_a_selection_after_its_integrationsbarometer_not_the_barometer_itself() -> (
    None
):
    barometer, _ = demo_barometer("copenhagen")
    assert barometer.title_da.startswith("Udvalgte mål efter Københavns Integrationsbarometer")
    assert (barometer.based_on_da, barometer.based_on_goals, barometer.based_on_base_year) == (
        "Københavns Integrationsbarometer 2015–18",
        26,
        2014,
    )
    national = [g.code for g in barometer.goals if g.taken_from_da]
    assert national == ["national_work", "national_education"]


def test_the_national_figures_published_in_2022_are_labelled_by_their_publication_year() -> None:
    _, values = demo_barometer("copenhagen")
    published = {(v.indicator, v.year) for v in values if v.year_kind is YearKind.PUBLISHED}
    assert published == {("employment_gap", 2022), ("employment_rate", 2022), ("youth_education", 2022)}
