"""The tidy model: missing reasons, areas, schemes and the Counts operations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from mangfold.population import Area, AreaHierarchy, Counts, Group, GroupScheme, Missing
from mangfold.population.columns import factorize


@pytest.fixture
def scheme() -> GroupScheme:
    return GroupScheme.of(
        "toy",
        [
            Group("a", "A-da", "A-en"),
            Group("b", "B-da", "B-en"),
            Group("c", "C-da", "C-en"),
            Group("ab", "AB-da", "AB-en", ("a", "b")),
            Group("total", "I alt", "Total", ("a", "b", "c")),
        ],
        total="total",
    )


@pytest.fixture
def areas() -> AreaHierarchy:
    return AreaHierarchy.of(
        [
            Area("DK", "Danmark", "country"),
            Area("M1", "One", "municipality", "DK"),
            Area("M2", "Two", "municipality", "DK"),
            Area("D1", "District", "district", "M1"),
            Area("s1", "s1", "small_area", "D1"),
            Area("s2", "s2", "small_area", "D1"),
            Area("s3", "s3", "small_area", "M2"),  # no district level in M2
        ]
    )


@pytest.fixture
def counts(scheme: GroupScheme, areas: AreaHierarchy) -> Counts:
    return Counts.from_records(
        [
            ("s1", 2008, "a", 10),
            ("s1", 2008, "b", 5),
            ("s1", 2008, "c", 1.5),
            ("s2", 2008, "a", 4),
            ("s2", 2008, "b", ".."),
            ("s2", 2008, "c", 0),
            ("s3", 2008, "a", 7),
            ("s3", 2008, "b", "-"),
            ("s3", 2008, "c", 3),
            ("s1", 2009, "a", 12),
            ("s1", 2009, "b", 6),
            ("s1", 2009, "c", 2),
            # s2 has no rows in 2009 (merged away); s3 has rows that are all zero
            ("s3", 2009, "a", 0),
            ("s3", 2009, "b", 0),
            ("s3", 2009, "c", "-"),
        ],
        scheme=scheme,
        areas=areas,
    )


def test_markers_map_to_distinct_reasons_and_back() -> None:
    markers = [".", "..", "...", "....", ".....", "......", "-"]
    reasons = [Missing.from_marker(m) for m in markers]
    assert len(set(reasons)) == 7
    assert all(r is not None and r.marker == m for r, m in zip(reasons, markers, strict=True))
    assert Missing.from_marker("12") is None
    assert Missing.CONFIDENTIAL.is_missing and not Missing.NIL.is_missing
    assert not Missing.NONE.is_missing
    assert Missing.CONFIDENTIAL.label("da") != Missing.CONFIDENTIAL.label("en")


def test_missing_counts_are_nan_with_their_reason_and_nil_is_zero(counts: Counts) -> None:
    assert math.isnan(counts.value("s2", 2008, "b"))
    assert counts.reason("s2", 2008, "b") is Missing.CONFIDENTIAL
    assert counts.value("s3", 2008, "b") == 0.0
    assert counts.reason("s3", 2008, "b") is Missing.NIL
    assert counts.value("s1", 2008, "c") == 1.5  # non-integer counts are kept


def test_arrays_are_read_only(counts: Counts) -> None:
    with pytest.raises(ValueError, match="read-only"):
        counts.n[0] = 1.0


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("x", 1, "a", 1), ("x", 1, "a", 2)], "duplicate"),
        ([("x", 1, "a", -1)], "negative"),
        ([("x", 1, "a", float("nan"))], "no missing-value reason"),
    ],
)
def test_invalid_counts_are_refused(rows: list[tuple[object, ...]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Counts.from_records(rows)


def test_unequal_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="equal lengths"):
        Counts.from_arrays(["a"], ["1"], ["g"], [1.0, 2.0])


def test_hierarchy_checks_parents_and_levels() -> None:
    with pytest.raises(ValueError, match="unknown parent"):
        AreaHierarchy.of([Area("x", level="small_area", parent="nowhere")])
    with pytest.raises(ValueError, match="not above"):
        AreaHierarchy.of([Area("m", level="small_area"), Area("x", level="municipality", parent="m")])
    with pytest.raises(ValueError, match="unknown level"):
        AreaHierarchy.of([Area("x", level="galaxy")])


def test_ancestor_skips_missing_levels(areas: AreaHierarchy) -> None:
    assert areas.ancestor("s1", "municipality") == "M1"
    assert areas.ancestor("s3", "municipality") == "M2"
    assert areas.ancestor("s3", "district") is None
    assert areas.ancestor("s1", "small_area") == "s1"
    assert [a.code for a in areas.children("D1")] == ["s1", "s2"]


def test_scheme_refuses_derived_groups_of_unknown_or_derived_parts() -> None:
    with pytest.raises(ValueError, match="not a base group"):
        GroupScheme.of("bad", [Group("a", "a", "a"), Group("x", "x", "x", ("a", "zz"))])
    with pytest.raises(ValueError, match="not a base group"):
        GroupScheme.of(
            "bad",
            [Group("a", "a", "a"), Group("x", "x", "x", ("a",)), Group("y", "y", "y", ("x",))],
        )


def test_scheme_round_trips_through_plain_data(scheme: GroupScheme) -> None:
    again = GroupScheme.from_dict(scheme.to_dict())
    assert again.groups == scheme.groups and again.total == "total"
    assert scheme.components("ab") == ("a", "b") and scheme.components("a") == ("a",)
    assert scheme.label("ab", "en") == "AB-en"


def test_select_by_period_level_and_containing_area(counts: Counts) -> None:
    assert set(counts.select(period=2009).period) == {"2009"}
    assert set(counts.select(within="M1").area) == {"s1", "s2"}
    assert set(counts.select(within="D1", period="2008").area) == {"s1", "s2"}
    assert len(counts.select(level="municipality")) == 0
    assert set(counts.select(group=["a", "c"]).group) == {"a", "c"}


def test_absent_areas_are_periods_without_population(counts: Counts) -> None:
    assert counts.present(2008) == ("s1", "s2", "s3")
    assert counts.present(2009) == ("s1",)
    assert counts.absent_periods() == {"s1": (), "s2": ("2009",), "s3": ("2009",)}


def test_derived_groups_sum_base_groups_and_propagate_missing(counts: Counts) -> None:
    d = counts.with_derived()
    assert d.value("s1", 2008, "ab") == 15
    assert d.value("s1", 2008, "total") == 16.5
    assert math.isnan(d.value("s2", 2008, "ab"))
    assert d.reason("s2", 2008, "ab") is Missing.CONFIDENTIAL
    assert d.value("s3", 2008, "ab") == 7  # nil adds 0
    assert d.reason("s3", 2008, "ab") is Missing.NONE


def test_aggregate_up_the_hierarchy(counts: Counts) -> None:
    m = counts.aggregate("municipality")
    assert m.value("M1", 2008, "a") == 14
    assert m.reason("M1", 2008, "b") is Missing.CONFIDENTIAL
    assert m.value("M2", 2008, "c") == 3
    country = counts.aggregate("country")
    assert country.value("DK", 2009, "a") == 12
    assert set(counts.aggregate("district").area) == {"D1"}  # s3 has no district


def test_pivot_leaves_absent_areas_out_and_computes_derived_groups(counts: Counts) -> None:
    m = counts.pivot(2009)
    assert m.areas == ("s1",) and m.groups == ("a", "b", "c")
    np.testing.assert_array_equal(m.values, [[12, 6, 2]])
    m8 = counts.pivot(2008, ["ab", "c"])
    assert m8.areas == ("s1", "s2", "s3")
    np.testing.assert_array_equal(m8.column("c"), [1.5, 0, 3])
    assert math.isnan(m8.values[1, 0]) and m8.missing[1, 0] == Missing.CONFIDENTIAL
    assert not m8.complete
    assert counts.pivot(2009, include_absent=True).areas == ("s1", "s3")


def test_shares_divide_by_the_total_and_stay_unknown_when_a_part_is(counts: Counts) -> None:
    s = counts.shares()
    assert s.value("s1", 2008, "a") == pytest.approx(10 / 16.5)
    assert s.reason("s2", 2008, "a") is Missing.CONFIDENTIAL  # total unknown
    assert s.reason("s3", 2009, "a") is Missing.NOT_AVAILABLE  # 0 / 0
    assert s.value("s3", 2008, "b") == 0.0  # nil share is a known 0
    explicit = counts.shares(total=["a", "c"])
    assert explicit.value("s1", 2009, "c") == pytest.approx(2 / 14)


def test_pandas_round_trip_keeps_values_and_reasons(counts: Counts) -> None:
    df = counts.to_pandas()
    assert list(df.columns) == ["area", "period", "group", "n", "missing"]
    assert df.loc[(df.area == "s2") & (df.group == "b"), "missing"].item() == "confidential"
    back = Counts.from_pandas(df)
    np.testing.assert_array_equal(back.missing, counts.missing)
    np.testing.assert_array_equal(np.nan_to_num(back.n, nan=-1), np.nan_to_num(counts.n, nan=-1))
    plain = Counts.from_pandas(pd.DataFrame({"area": ["x"], "period": [1], "group": ["g"], "n": [None]}))
    assert plain.reason("x", 1, "g") is Missing.NOT_AVAILABLE
    table = counts.to_arrow()
    assert table.num_rows == len(counts) and table.column_names[-1] == "missing"


def test_concat_refuses_overlapping_keys(counts: Counts) -> None:
    assert len(Counts.concat([counts.select(period=2008), counts.select(period=2009)])) == len(counts)
    with pytest.raises(ValueError, match="duplicate"):
        Counts.concat([counts, counts.select(period=2009)])


def test_factorize_numbers_distinct_keys_in_order() -> None:
    codes, uniq = factorize(["x", "y", "x", "x"], ["1", "1", "1", "2"])
    assert codes.tolist() == [0, 1, 0, 2]
    assert [list(u) for u in uniq] == [["x", "y", "x"], ["1", "1", "2"]]
