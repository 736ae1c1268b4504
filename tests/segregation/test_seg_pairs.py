"""The packed-key sort behind the Gini indices: always an exact ordering, whatever the ties and near-ties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mangfold.segregation import gini, multigroup_gini
from mangfold.segregation._pairs import pair_sum, share_order


def _is_permutation_sorting(p: np.ndarray, order: np.ndarray, ordered: np.ndarray) -> bool:
    rows = p.reshape(-1, p.shape[-1])
    orders = order.reshape(-1, p.shape[-1])
    values = ordered.reshape(-1, p.shape[-1])
    for row, idx, got in zip(rows, orders, values, strict=True):
        if not np.array_equal(np.sort(idx), np.arange(row.size)):
            return False
        if not (np.array_equal(row[idx], got) and np.all(np.diff(got) >= 0)):
            return False
    return True


shares = hnp.arrays(
    np.float64,
    st.integers(1, 300),
    elements=st.one_of(
        st.floats(0.0, 1.0),
        st.sampled_from([0.0, -0.0, 0.25, 0.5, 1.0, 0.1 + 2.0**-55, 0.1, 0.1 + 2.0**-40]),
    ),
)


@given(shares)
@settings(max_examples=300, deadline=None)
def test_the_order_sorts_any_shares_exactly(p: np.ndarray) -> None:
    order, ordered = share_order(p)
    assert _is_permutation_sorting(p, order, ordered)


def test_near_ties_that_share_the_packed_bits_are_repaired() -> None:
    # 1,000 areas use the low 10 bits for the index: shares 1 ulp apart collide in the packed keys,
    # and the later index (the smaller share) first comes out after the larger one.
    base = 0.3
    p = np.full(1000, 0.7)
    p[10] = np.nextafter(base, 1.0)
    p[900] = base
    order, ordered = share_order(p)
    assert _is_permutation_sorting(p, order, ordered)
    assert order[0] == 900 and order[1] == 10


def test_rows_of_a_batch_are_ordered_independently() -> None:
    gen = np.random.default_rng(3)
    p = np.round(gen.random((4, 500)), 2)  # many exact ties
    p[2, ::7] = np.nextafter(p[2, ::7], 2.0)  # and near-ties
    order, ordered = share_order(p)
    assert _is_permutation_sorting(p, order, ordered)


def test_pair_sum_equals_the_pairwise_definition_with_near_ties() -> None:
    gen = np.random.default_rng(11)
    p = np.repeat(gen.random(40), 5)
    p[::3] = np.nextafter(p[::3], 0.0)
    w = gen.integers(0, 50, p.size).astype(np.float64)
    brute = 0.5 * np.sum(np.outer(w, w) * np.abs(p[:, None] - p[None, :]))
    assert float(pair_sum(p, w)) == np.float64(brute) or abs(float(pair_sum(p, w)) / brute - 1) < 1e-13


def test_long_rows_and_other_dtypes_fall_back_to_argsort() -> None:
    p32 = np.array([0.5, 0.25, 0.75], dtype=np.float32)
    order, ordered = share_order(p32)  # type: ignore[arg-type]
    assert order.tolist() == [1, 0, 2] and ordered.dtype == np.float32


def test_gini_is_unchanged_by_the_order_of_the_areas() -> None:
    gen = np.random.default_rng(5)
    t = gen.integers(1, 400, 2000)
    x = gen.binomial(t, 0.3)
    perm = gen.permutation(t.size)
    assert gini(x, t) == gini(x[perm], t[perm])
    counts = np.column_stack([x, t - x])
    assert abs(multigroup_gini(counts) / multigroup_gini(counts[perm]) - 1) < 1e-14


def _exact_gini(x: np.ndarray, t: np.ndarray) -> float:
    from fractions import Fraction

    shares = [Fraction(int(a), int(b)) if b else Fraction(0) for a, b in zip(x, t, strict=True)]
    pairs = sum(
        int(t[i]) * int(t[j]) * abs(shares[i] - shares[j])
        for i in range(len(t))
        for j in range(i + 1, len(t))
    )
    X, T = int(x.sum()), int(t.sum())
    return float(pairs / (X * (T - X)))


def test_close_shares_give_the_correctly_rounded_gini() -> None:
    # 200/201 − 199/200 = 1/40200, but the difference of the two rounded shares is off by 1e-12.
    x, t = np.array([200.0, 199.0]), np.array([201.0, 200.0])
    assert gini(x, t) == _exact_gini(x, t)
    assert multigroup_gini(np.column_stack([x, t - x])) == pytest.approx(_exact_gini(x, t), rel=1e-15)


@given(
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), min_size=2, max_size=30),
    st.booleans(),
)
@settings(max_examples=200, deadline=None)
def test_gini_of_whole_counts_agrees_with_exact_rationals(rows: list[tuple[int, int]], empty: bool) -> None:
    x = np.array([min(a, b) for a, b in rows], dtype=np.float64)
    t = np.array([max(a, b) for a, b in rows], dtype=np.float64)
    if empty:
        x[0] = t[0] = 0.0  # an empty area: its share is 0 by convention
    X, T = x.sum(), t.sum()
    if not 0 < X < T:
        return
    assert gini(x, t) == pytest.approx(_exact_gini(x, t), rel=4e-15)


def test_fractional_counts_keep_the_difference_of_the_shares() -> None:
    x, t = np.array([200.5, 199.0, 3.0]), np.array([201.0, 200.0, 10.0])
    p = x / t
    pairs = sum(t[i] * t[j] * abs(p[i] - p[j]) for i in range(3) for j in range(i + 1, 3))
    assert gini(x, t) == pytest.approx(pairs / (x.sum() * (t - x).sum()), rel=1e-14)
