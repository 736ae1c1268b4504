"""Headline figures per city and period, on the project's copy of KMSTA001 and on small tables."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from mangfold.population import Area, AreaHierarchy, Counts
from mangfold.population.indices import city_indices, indices_frame
from mangfold.population.readers import read_kmsta001
from mangfold.population.schemes import dst_origin

KMSTA001 = (
    Path(__file__).resolve().parents[2]
    / "src/mangfold/data/kmsta001/KMSTA001_capital_region_parishes_2008_2020_long.csv.gz"
)


@pytest.fixture(scope="module")
def counts() -> Counts:
    return read_kmsta001(KMSTA001).counts


@pytest.mark.parametrize(("year", "expected"), [(2008, 0.322), (2020, 0.249)])
def test_copenhagen_nonwestern_against_danish_dissimilarity(
    counts: Counts, year: int, expected: float
) -> None:
    result = city_indices(counts, "København", year)
    assert result.dissimilarity == pytest.approx(expected, abs=0.001)
    assert result.group == "nonwestern_background" and result.reference == "danish"


def test_copenhagen_uses_only_parishes_present_that_year(counts: Counts) -> None:
    r2008, r2020 = city_indices(counts, "København", 2008), city_indices(counts, "København", 2020)
    assert (r2008.areas, r2020.areas) == (50, 56)
    assert 0 < r2008.nonwestern_share < r2008.immigrant_background_share < 1
    assert r2020.population == sum(
        counts.value(a, 2020, g) for a in counts.select(within="København", period=2020).area_codes
        for g in ("danish", "imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern")
    )  # fmt: skip


def test_indices_frame_has_a_row_per_city_and_period(counts: Counts) -> None:
    frame = indices_frame(counts, cities=["København", "Frederiksberg"], periods=[2008, 2020])
    assert len(frame) == 4 and set(frame.city) == {"København", "Frederiksberg"}
    assert frame.dissimilarity.between(0, 1).all() and frame.theil.between(0, 1).all()


def _toy(x: list[object], y: list[object]) -> Counts:
    areas = AreaHierarchy.of(
        [
            Area("C", "City", "municipality"),
            *(Area(f"a{i}", level="small_area", parent="C") for i in range(len(x))),
        ]
    )
    rows = []
    for i, (xi, yi) in enumerate(zip(x, y, strict=True)):
        rows += [(f"a{i}", 2020, "danish", yi), (f"a{i}", 2020, "imm_nonwestern", xi)]
        rows += [(f"a{i}", 2020, g, 0) for g in ("imm_western", "desc_western", "desc_nonwestern")]
    return Counts.from_records(rows, scheme=dst_origin(), areas=areas)


def test_complete_segregation_and_evenness_on_small_cities() -> None:
    apart = city_indices(_toy([10, 0], [0, 30]), "C", 2020)
    assert apart.dissimilarity == pytest.approx(1.0) and apart.isolation == pytest.approx(1.0)
    assert apart.theil == pytest.approx(1.0)
    even = city_indices(_toy([10, 20], [30, 60]), "C", 2020)
    assert even.dissimilarity == pytest.approx(0.0) and even.isolation == pytest.approx(0.25)
    assert even.nonwestern_share == pytest.approx(0.25)


def test_areas_with_confidential_counts_are_dropped_and_named() -> None:
    r = city_indices(_toy([10, 0, ".."], [0, 30, 5]), "C", 2020)
    assert r.dropped == ("a2",) and r.areas == 2 and r.dissimilarity == pytest.approx(1.0)


def test_a_city_without_areas_that_year_gives_nan() -> None:
    r = city_indices(_toy([0], [0]), "C", 2020)
    assert r.areas == 0 and math.isnan(r.dissimilarity) and math.isnan(r.nonwestern_share)
