"""Awkward input: empty areas, absent groups, huge and fractional counts, and the errors for bad counts."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from mangfold.segregation import (
    SegregationInputError,
    atkinson,
    bias_corrected_dissimilarity,
    concentration_profile,
    correlation_ratio,
    density_corrected_dissimilarity,
    dissimilarity,
    entropy,
    exposure,
    gini,
    isolation,
    min_max,
    modified_dissimilarity,
    modified_gini,
    multigroup_dissimilarity,
)

DETERMINISTIC = [
    dissimilarity,
    gini,
    entropy,
    isolation,
    exposure,
    atkinson,
    correlation_ratio,
    min_max,
    concentration_profile,
    density_corrected_dissimilarity,
]
RANDOM = [bias_corrected_dissimilarity, modified_dissimilarity, modified_gini]

X = np.array([12.0, 3.0, 40.0, 7.0, 0.0, 25.0])
T = np.array([50.0, 60.0, 55.0, 20.0, 30.0, 45.0])


def _call(index, x, t):
    if index in RANDOM:
        return index(x, t, seed=3)
    return index(x, t)


@pytest.mark.parametrize("index", DETERMINISTIC + RANDOM, ids=lambda f: f.__name__)
def test_empty_areas_change_nothing_and_warn_nothing(index) -> None:
    x = np.insert(X, [0, 3, 6], 0.0)
    t = np.insert(T, [0, 3, 6], 0.0)
    # The simulated ones draw a different random stream when areas are added: same law, not same draw.
    tolerance = {"abs": 0.02} if index in RANDOM else {"rel": 1e-12}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _call(index, x, t) == pytest.approx(_call(index, X, T), **tolerance)


@pytest.mark.parametrize("index", DETERMINISTIC + RANDOM, ids=lambda f: f.__name__)
def test_an_absent_group_gives_nan_not_a_warning(index) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert math.isnan(_call(index, np.zeros_like(T), T))
        assert math.isnan(_call(index, np.zeros_like(T), np.zeros_like(T)))


@pytest.mark.parametrize("index", DETERMINISTIC + RANDOM, ids=lambda f: f.__name__)
def test_a_group_that_is_everyone_is_nan_except_for_exposure_measures(index) -> None:
    value = _call(index, T, T)
    if index is isolation:
        assert value == 1.0
    elif index is exposure:
        assert value == 0.0
    else:
        assert math.isnan(value)


# Scale-free indices: they depend on shares only (the density correction depends on sample sizes).
SCALE_FREE = [f for f in DETERMINISTIC if f is not density_corrected_dissimilarity]


@pytest.mark.parametrize("index", SCALE_FREE, ids=lambda f: f.__name__)
def test_huge_integer_counts_do_not_overflow(index) -> None:
    # 10,000 areas of 1e15 people: int64 sums would wrap around (9.2e18).
    gen = np.random.default_rng(1)
    share = gen.uniform(0.05, 0.6, size=10_000)
    t = np.full(10_000, 10**15, dtype=np.int64)
    x = (share * 1e15).astype(np.int64)
    small = index(np.round(share * 1000), np.full(10_000, 1000.0))
    big = index(x, t)
    reference = index(x / 1e15, t / 1e15)
    assert big == pytest.approx(reference, rel=1e-9)
    assert np.isfinite(big) and np.isfinite(small)


def test_huge_counts_in_a_multigroup_matrix() -> None:
    counts = np.array([[10**15, 3 * 10**15], [4 * 10**15, 10**15]], dtype=np.int64).repeat(5000, 0)
    assert multigroup_dissimilarity(counts) == pytest.approx(
        multigroup_dissimilarity(counts / 1e15), rel=1e-12
    )


def test_the_density_correction_vanishes_for_huge_counts() -> None:
    gen = np.random.default_rng(2)
    t = np.full(5_000, 10**15, dtype=np.int64)
    x = (gen.uniform(0.05, 0.6, size=5_000) * 1e15).astype(np.int64)
    assert density_corrected_dissimilarity(x, t) == pytest.approx(dissimilarity(x, t), rel=1e-6)


@pytest.mark.parametrize("index", SCALE_FREE, ids=lambda f: f.__name__)
def test_fractional_counts_are_accepted_and_scale_free(index) -> None:
    assert index(X * 0.37, T * 0.37) == pytest.approx(index(X, T), rel=1e-12)


@pytest.mark.parametrize(
    ("x", "t", "message"),
    [
        ([1.0, -2.0, 3.0], [5.0, 5.0, 5.0], "area 1: the group count is negative"),
        ([1.0, 2.0, 6.0], [5.0, 5.0, 5.0], "area 2: the group count exceeds the total"),
        ([1.0, np.nan, 3.0], [5.0, 5.0, 5.0], "area 1: the group count is NaN"),
        ([1.0, 2.0, 3.0], [np.nan, 5.0, 5.0], "area 0: the total is NaN"),
        ([1.0, 2.0, 3.0], [5.0, np.inf, 5.0], "area 1: the total is infinite"),
    ],
)
def test_bad_counts_raise_an_error_naming_the_area(x, t, message: str) -> None:
    for index in (dissimilarity, gini, modified_gini):
        with pytest.raises(SegregationInputError, match=message):
            index(x, t)


def test_the_error_names_the_batch_row_and_is_a_value_error() -> None:
    x = np.array([[1.0, 2.0], [3.0, 9.0]])
    with pytest.raises(ValueError, match=r"area 1 \(batch \(1,\)\): the group count exceeds"):
        gini(x, np.array([5.0, 5.0]))


@pytest.mark.parametrize(
    ("x", "t", "message"),
    [
        ([], [], "no areas"),
        (3.0, 4.0, "scalar"),
        ([1.0, 2.0], [3.0, 4.0, 5.0], "2 group counts for 3 area totals"),
        (["a", "b"], [1.0, 2.0], "must be numbers"),
    ],
)
def test_malformed_input_is_refused(x, t, message: str) -> None:
    with pytest.raises(SegregationInputError, match=message):
        dissimilarity(x, t)


def test_random_indices_refuse_too_few_replicates() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        modified_dissimilarity(X, T, iterations=1)
    with pytest.raises(ValueError, match="at least 2"):
        bias_corrected_dissimilarity(X, T, replicates=True)
