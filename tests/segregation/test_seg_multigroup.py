"""Multigroup indices against direct evaluations of Reardon & Firebaugh's (2002) formulas."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mangfold.segregation import (
    SegregationInputError,
    dissimilarity,
    divergence,
    divergence_decomposition,
    diversity,
    entropy,
    gini,
    multigroup_dissimilarity,
    multigroup_gini,
    multigroup_information_theory,
    normalized_exposure,
    relative_diversity,
    simpson_concentration,
    simpson_interaction,
    squared_coefficient_of_variation,
)

SEGREGATION = [
    multigroup_dissimilarity,
    multigroup_gini,
    multigroup_information_theory,
    normalized_exposure,
    relative_diversity,
    squared_coefficient_of_variation,
]
ALL = [*SEGREGATION, divergence, diversity, simpson_concentration, simpson_interaction]


def naive(c: np.ndarray) -> dict[str, float]:
    """Loops over areas, groups and pairs, straight from the formulas (all groups present)."""
    n, k = c.shape
    t = c.sum(axis=1)
    T = t.sum()
    P = c.sum(axis=0) / T
    inter = sum(P[m] * (1 - P[m]) for m in range(k))
    E = -sum(P[m] * math.log(P[m]) for m in range(k))
    p = [[c[i, m] / t[i] if t[i] > 0 else 0.0 for m in range(k)] for i in range(n)]
    d = g = h = ne = rd = cv = 0.0
    for i in range(n):
        for m in range(k):
            d += t[i] * abs(p[i][m] - P[m]) / (2 * T * inter)
            if p[i][m] > 0:
                h += t[i] * p[i][m] * math.log(p[i][m] / P[m]) / (T * E)
            ne += t[i] * (p[i][m] - P[m]) ** 2 / ((1 - P[m]) * T)
            rd += t[i] * (p[i][m] - P[m]) ** 2 / (T * inter)
            cv += t[i] * (p[i][m] - P[m]) ** 2 / ((k - 1) * T * P[m])
            for j in range(n):
                g += t[i] * t[j] * abs(p[i][m] - p[j][m]) / (2 * T * T * inter)
    return {
        "multigroup_dissimilarity": d,
        "multigroup_gini": g,
        "multigroup_information_theory": h,
        "normalized_exposure": ne,
        "relative_diversity": rd,
        "squared_coefficient_of_variation": cv,
        "divergence": h * E,
        "diversity": E,
        "simpson_concentration": float(np.sum(P * P)),
        "simpson_interaction": inter,
    }


@st.composite
def count_tables(draw: st.DrawFn) -> np.ndarray:
    n = draw(st.integers(2, 15))
    k = draw(st.integers(2, 5))
    c = draw(hnp.arrays(np.int64, (n, k), elements=st.integers(0, 300))).astype(float)
    c[np.arange(k) % n, np.arange(k)] += 1  # every group present
    return c


@settings(max_examples=50, deadline=None)
@given(count_tables())
def test_each_index_equals_its_published_formula(c: np.ndarray) -> None:
    expected = naive(c)
    for name, value in expected.items():
        got = globals()[name](c)
        assert isinstance(got, float)
        assert got == pytest.approx(value, rel=1e-10, abs=1e-13), name


@settings(max_examples=40, deadline=None)
@given(count_tables())
def test_two_groups_reduce_to_the_single_group_indices(c: np.ndarray) -> None:
    two = c[:, :2]
    if np.count_nonzero(two.sum(axis=0)) < 2:
        return
    x, t = two[:, 0], two.sum(axis=1)
    assert multigroup_dissimilarity(two) == pytest.approx(dissimilarity(x, t), rel=1e-10)
    assert multigroup_gini(two) == pytest.approx(gini(x, t), rel=1e-10)
    assert multigroup_information_theory(two) == pytest.approx(entropy(x, t), rel=1e-10, abs=1e-14)


def test_diversity_and_simpson_of_a_known_composition() -> None:
    c = np.array([[10.0, 20.0, 30.0, 40.0], [10.0, 20.0, 30.0, 40.0]])
    P = np.array([0.1, 0.2, 0.3, 0.4])
    assert diversity(c) == pytest.approx(-np.sum(P * np.log(P)), rel=1e-15)
    assert diversity(c, normalized=True) == pytest.approx(-np.sum(P * np.log(P)) / np.log(4))
    assert diversity(np.ones((3, 5)), normalized=True) == pytest.approx(1.0)
    assert simpson_concentration(c) + simpson_interaction(c) == pytest.approx(1.0)
    for index in SEGREGATION:
        assert index(c) == pytest.approx(0.0, abs=1e-15)


def test_complete_segregation_scores_one() -> None:
    c = np.diag([10.0, 20.0, 5.0])
    for index in (
        multigroup_dissimilarity,
        multigroup_gini,
        multigroup_information_theory,
        normalized_exposure,
        relative_diversity,
        squared_coefficient_of_variation,
    ):
        assert index(c) == pytest.approx(1.0, abs=1e-12), index.__name__
    assert divergence(c) == pytest.approx(diversity(c), rel=1e-14)


def test_an_absent_group_is_ignored_except_where_k_counts_columns() -> None:
    c = np.array([[10.0, 2.0, 5.0], [3.0, 9.0, 1.0], [0.0, 4.0, 8.0]])
    padded = np.insert(c, 1, 0.0, axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for index in [*SEGREGATION, divergence, diversity, simpson_concentration]:
            assert index(padded) == pytest.approx(index(c), rel=1e-14), index.__name__
        # Normalised diversity is relative to ln K with K the columns given.
        assert diversity(padded, normalized=True) == pytest.approx(diversity(c) / np.log(4))


def test_one_group_present_is_not_segregation() -> None:
    c = np.array([[10.0, 0.0], [4.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for index in SEGREGATION:
            assert math.isnan(index(c)), index.__name__
        assert divergence(c) == 0.0
        assert diversity(c) == 0.0
        assert simpson_concentration(c) == 1.0
        for index in ALL:
            assert math.isnan(index(np.zeros((3, 2)))), index.__name__


def test_empty_areas_change_nothing() -> None:
    c = np.array([[10.0, 2.0, 5.0], [3.0, 9.0, 1.0], [0.0, 4.0, 8.0]])
    padded = np.insert(c, [0, 2], 0.0, axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for index in ALL:
            assert index(padded) == pytest.approx(index(c), rel=1e-14), index.__name__


@pytest.mark.parametrize("index", ALL, ids=lambda f: f.__name__)
def test_a_batch_equals_the_cities_one_by_one(index) -> None:
    gen = np.random.default_rng(3)
    c = gen.integers(0, 100, size=(2, 3, 40, 4)).astype(float)
    got = index(c)
    assert got.shape == (2, 3)
    for i in range(2):
        for j in range(3):
            assert got[i, j] == pytest.approx(index(c[i, j]), rel=1e-12)


def test_bad_counts_name_area_and_group() -> None:
    c = np.array([[1.0, 2.0], [3.0, -4.0]])
    with pytest.raises(SegregationInputError, match="area 1, group 1: the count is negative"):
        multigroup_gini(c)
    with pytest.raises(SegregationInputError, match="shape"):
        multigroup_gini([1.0, 2.0])


# --- divergence decomposition ---


def test_divergence_decomposes_exactly_into_between_and_within_parents() -> None:
    gen = np.random.default_rng(5)
    c = gen.integers(0, 60, size=(30, 4)).astype(float)
    parents = np.array(["b", "a", "c"] * 10)
    result = divergence_decomposition(c, parents)
    assert result.parents == ("a", "b", "c")
    assert result.total == pytest.approx(divergence(c), rel=1e-14)
    assert result.total == pytest.approx(result.between + result.within, rel=1e-12)
    # Between: the divergence of the parents' aggregated counts.
    aggregated = np.stack([c[parents == p].sum(axis=0) for p in ("a", "b", "c")])
    assert result.between == pytest.approx(divergence(aggregated), rel=1e-13)
    # Within: each parent's own divergence, weighted by its population share.
    for j, p in enumerate(("a", "b", "c")):
        assert result.within_by_parent[j] == pytest.approx(divergence(c[parents == p]), rel=1e-12)
        assert result.share[j] == pytest.approx(c[parents == p].sum() / c.sum())
    assert result.within == pytest.approx(np.sum(result.share * result.within_by_parent))


def test_divergence_decomposition_is_batched() -> None:
    gen = np.random.default_rng(6)
    c = gen.integers(0, 60, size=(3, 12, 3)).astype(float)
    codes = [1, 1, 2, 2, 2, 3, 3, 1, 2, 3, 3, 1]
    result = divergence_decomposition(c, codes)
    assert result.within_by_parent.shape == (3, 3)
    for b in range(3):
        single = divergence_decomposition(c[b], codes)
        assert result.between[b] == pytest.approx(single.between, rel=1e-13)
        assert result.within[b] == pytest.approx(single.within, rel=1e-13)


def test_divergence_decomposition_checks_the_codes() -> None:
    with pytest.raises(ValueError, match="parent codes"):
        divergence_decomposition(np.ones((3, 2)), [1, 2])
