"""A city's figures from counts (no database): unknown counts stay unknown, absent areas stay off the table,
and a population the table does not give is unknown with its reason, never 0."""

from __future__ import annotations

import math

from mangfold.i18n import language
from mangfold.population.counts import Counts
from mangfold.population.figures import (
    PopulationGap,
    by_area,
    gives_total,
    indices_by_period,
    over_time,
    preset,
    small_level,
)
from mangfold.population.model import Area, AreaHierarchy, Missing
from mangfold.population.schemes import dst_origin, ew_ethnicity_2011

GROUPS = ["danish", "imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern"]
HIERARCHY = AreaHierarchy.of(
    [Area("C", "City", "municipality"), *(Area(a, f"Area {a}", "small_area", "C") for a in ("1", "2", "3"))]
)


def counts(rows: dict[tuple[str, str], list[object]]) -> Counts:
    records = [(a, p, g, n) for (a, p), ns in rows.items() for g, n in zip(GROUPS, ns, strict=True)]
    return Counts.from_records(records, scheme=dst_origin(), areas=HIERARCHY)


TABLE = counts(
    {
        ("1", "2019"): [800, 50, 100, 10, 40],
        ("2", "2019"): [400, 20, 300, 5, 75],
        ("3", "2019"): [0, 0, 0, 0, 0],  # not built yet: absent
        ("1", "2020"): [790, 55, 110, 10, 45],
        ("2", "2020"): [390, "..", 310, 5, 80],  # a confidential cell
        ("3", "2020"): [100, 5, 20, 0, 5],
    }
)


def test_shares_sum_the_present_areas_and_an_unknown_cell_makes_its_shares_unknown() -> None:
    rows = over_time(TABLE, "C", ["immigrant_background", "nonwestern_background", "western_background"])
    first, second = rows
    assert (first.period, first.population, first.areas) == ("2019", 1800.0, 2)
    assert first.shares["nonwestern_background"] == (100 + 40 + 300 + 75) / 1800
    assert first.shares["immigrant_background"] == (1800 - 1200) / 1800
    assert second.dropped == ("2",)  # its total is unknown
    assert second.areas == 2 and second.population == 1010 + 130
    assert math.isclose(second.shares["nonwestern_background"], (110 + 45 + 20 + 5) / 1140)


def test_the_indices_leave_out_areas_with_an_unknown_count_and_list_them() -> None:
    first, second = indices_by_period(TABLE, "C", "nonwestern_background", "danish")
    assert (first.areas, first.dropped) == (2, ())  # area 3 is absent in 2019, not dropped
    assert (second.areas, second.dropped) == (2, ("2",))  # its total is unknown


def test_the_area_table_gives_the_reason_of_an_unknown_count_and_marks_absent_areas() -> None:
    rows = {r.code: r for r in by_area(TABLE, "C", "2020", "imm_western")}
    assert rows["2"].reason is Missing.CONFIDENTIAL and math.isnan(rows["2"].share)
    assert rows["1"].share == 55 / 1010
    absent = {r.code: r.present for r in by_area(TABLE, "C", "2019", "danish")}
    assert absent == {"1": True, "2": True, "3": False}


def test_defaults_per_scheme_and_the_level_of_the_small_areas() -> None:
    assert preset(dst_origin()).group == "nonwestern_background"
    assert preset(ew_ethnicity_2011()).reference == "white_british"
    assert small_level(TABLE, "C") == "small_area"
    records = [("C", "2020", g, n) for g, n in zip(GROUPS, [75, 5, 10, 5, 5], strict=True)]
    only_city = Counts.from_records(records, scheme=dst_origin(), areas=HIERARCHY)
    assert small_level(only_city, "C") is None
    assert over_time(only_city, "C", ["danish"])[0].shares == {"danish": 0.75}
    assert indices_by_period(only_city, "C", "nonwestern_background", "danish") == []


FOLK1C = Counts.from_records(
    [
        ("C", "2024K1", "danish", 477_210),
        ("C", "2024K1", "immigrants", 141_532),
        ("C", "2024K1", "descendants", 41_905),
    ],
    scheme=dst_origin(),
    areas=HIERARCHY,
)


def test_a_table_without_the_total_gives_no_population_and_says_why() -> None:
    (row,) = over_time(FOLK1C, "C", ["immigrant_background", "immigrants", "descendants"])
    assert math.isnan(row.population) and row.population != 0
    assert row.gap is PopulationGap.NO_TOTAL and not gives_total(FOLK1C)
    assert all(math.isnan(share) for share in row.shares.values())
    assert (row.areas, row.dropped) == (0, ("C",))
    assert row.reason == "The table does not give the total population"
    with language("da"):
        assert row.reason == "Tabellen giver ikke det samlede folketal"


def test_the_same_table_with_its_total_gives_the_population_it_states() -> None:
    with_total = Counts.concat(
        [FOLK1C, Counts.from_records([("C", "2024K1", "total", 660_647)], scheme=dst_origin())]
    ).replace(scheme=dst_origin(), areas=HIERARCHY)
    (row,) = over_time(with_total, "C", ["immigrants", "descendants"])
    assert (row.population, row.gap, row.reason) == (660_647.0, PopulationGap.NONE, "")
    assert row.shares["immigrants"] == 141_532 / 660_647


def test_totals_unknown_in_every_area_give_no_population_and_a_different_reason() -> None:
    secret = counts({("1", "2020"): ["..", 5, 5, 5, 5], ("2", "2020"): [10, 5, 5, 5, ".."]})
    (row,) = over_time(secret, "C", ["immigrants"])
    assert math.isnan(row.population) and row.gap is PopulationGap.ALL_UNKNOWN
    assert row.dropped == ("1", "2") and gives_total(secret)
    with language("da"):
        assert row.reason == "Folketallet er ukendt for alle områder"
