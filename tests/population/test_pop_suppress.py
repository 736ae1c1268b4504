"""Small-cell suppression: small counts become confidential (never 0) and cannot be recovered by one
subtraction from a line's total."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mangfold.population.columns import is_unknown
from mangfold.population.counts import Counts
from mangfold.population.model import Missing
from mangfold.population.suppress import suppress

GROUPS = ("danish", "imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern")


def _counts(table: dict[str, list[float]], period: str = "2024") -> Counts:
    records = [
        (area, period, group, n)
        for area, values in table.items()
        for group, n in zip(GROUPS, values, strict=True)
    ]
    return Counts.from_records(records)


def _hidden(counts: Counts) -> set[tuple[str, str]]:
    return {
        (a, g)
        for a, g, m in zip(counts.area, counts.group, counts.missing, strict=True)
        if m == Missing.CONFIDENTIAL
    }


def test_small_counts_become_confidential_not_zero() -> None:
    result = suppress(_counts({"a": [100, 3, 0, 5, 4]}), threshold=5, lines=())
    counts = result.counts
    assert _hidden(counts) == {("a", "imm_western"), ("a", "desc_nonwestern")}
    assert math.isnan(counts.value("a", 2024, "imm_western"))
    assert counts.reason("a", 2024, "imm_western") is Missing.CONFIDENTIAL
    assert counts.value("a", 2024, "imm_nonwestern") == 0  # zeros are shown by default
    assert counts.value("a", 2024, "desc_western") == 5  # the threshold itself is shown
    assert counts.value("a", 2024, "danish") == 100
    assert (result.primary, result.secondary) == (2, 0)


def test_zeros_can_be_hidden_too() -> None:
    result = suppress(_counts({"a": [100, 3, 0, 5, 40]}), zeros=True, lines=())
    assert _hidden(result.counts) == {("a", "imm_western"), ("a", "imm_nonwestern")}


def test_a_single_hidden_cell_gets_the_smallest_positive_neighbour_hidden_too() -> None:
    result = suppress(_counts({"a": [100, 3, 0, 7, 9], "b": [50, 2, 1, 30, 40]}))
    # In a, 3 alone would be the total minus the rest: 7 (the smallest positive) goes as well.
    # In b, two cells are already hidden: nothing more.
    assert _hidden(result.counts) == {
        ("a", "imm_western"),
        ("a", "desc_western"),
        ("b", "imm_western"),
        ("b", "imm_nonwestern"),
    }
    assert (result.primary, result.secondary) == (3, 1)


def test_lines_over_areas_protect_published_group_totals() -> None:
    table = {"a": [100, 3, 20, 7, 9], "b": [50, 12, 10, 30, 40], "c": [80, 15, 11, 6, 8]}
    result = suppress(_counts(table), lines=("groups", "areas"))
    hidden = _hidden(result.counts)
    assert ("a", "imm_western") in hidden
    _assert_no_line_with_one_hidden(result.counts, ("groups", "areas"))


def test_cells_already_missing_count_as_hidden() -> None:
    counts = Counts.from_records(
        [
            ("a", "2024", "danish", 100),
            ("a", "2024", "imm_western", 3),
            ("a", "2024", "imm_nonwestern", float("nan"), ".."),
            ("a", "2024", "desc_western", 9),
        ]
    )
    result = suppress(counts)
    assert result.secondary == 0
    assert result.counts.reason("a", 2024, "imm_nonwestern") is Missing.CONFIDENTIAL
    assert result.counts.value("a", 2024, "desc_western") == 9


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        suppress(_counts({"a": [1, 2, 3, 4, 5]}), threshold=0)
    with pytest.raises(ValueError, match="lines"):
        suppress(_counts({"a": [1, 2, 3, 4, 5]}), lines=("rows",))


def _assert_no_line_with_one_hidden(counts: Counts, kinds: tuple[str, ...]) -> None:
    hidden = is_unknown(counts.missing)
    keys = {"groups": (counts.area, counts.period), "areas": (counts.group, counts.period)}
    for kind in kinds:
        a, b = keys[kind]
        lines: dict[tuple[str, str], list[bool]] = {}
        for x, y, h in zip(a, b, hidden, strict=True):
            lines.setdefault((x, y), []).append(bool(h))
        for line, flags in lines.items():
            if len(flags) > 1:
                assert sum(flags) != 1, f"{kind} line {line} has a single hidden cell"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 30), min_size=5, max_size=5), min_size=1, max_size=8),
    st.integers(1, 10),
    st.sampled_from([(), ("groups",), ("areas",), ("groups", "areas")]),
    st.booleans(),
)
def test_suppression_hides_every_small_cell_and_leaves_no_lone_hidden_cell(
    rows: list[list[int]], threshold: int, kinds: tuple[str, ...], zeros: bool
) -> None:
    counts = _counts({f"a{i}": [float(v) for v in row] for i, row in enumerate(rows)})
    result = suppress(counts, threshold, lines=kinds, zeros=zeros)
    out = result.counts
    hidden = is_unknown(out.missing)
    small = (counts.n < threshold) & ((counts.n > 0) | zeros)
    assert (hidden[small]).all()
    assert np.array_equal(out.n[~hidden], counts.n[~hidden])  # shown cells are unchanged
    assert np.isnan(out.n[hidden]).all()
    assert int(hidden.sum()) == result.primary + result.secondary
    assert result.primary == int(small.sum())
    _assert_no_line_with_one_hidden(out, kinds)
