"""Null models, p-values and intervals of mangfold.segregation.inference.

The systematic and evenness nulls are compared in distribution with PySAL ``segregation``
2.5.4's (two-sample Kolmogorov–Smirnov, 999 draws each, fixed seeds, α = 0.01); the package runs
in a subprocess (seg_pysal_reference.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import stats

from mangfold.segregation import SegregationInputError, dissimilarity, multigroup_dissimilarity
from mangfold.segregation._kernels import kernel_weights
from mangfold.segregation.inference import (
    draw_bootstrap,
    draw_evenness,
    draw_person_permutation,
    draw_systematic,
    infer,
    infer_multigroup,
    p_value,
    percentile_interval,
    resolve_seed,
)
from mangfold.segregation.spatial import kernel_smoothed

DATA = Path(str(resources.files("mangfold") / "data" / "sacramento"))
GROUPS = ["WHITE_", "BLACK_", "ASIAN_", "HISP_"]


@pytest.fixture(scope="module")
def reference(pysal_reference: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    return pysal_reference("inference")


@pytest.fixture(scope="module")
def tracts() -> dict[str, np.ndarray]:
    import geopandas as gpd

    frame = gpd.read_file(DATA / "sacramentot2.dbf")
    columns = {name: frame[name].to_numpy(dtype=float) for name in ["TOT_POP", *GROUPS]}
    columns["counts"] = np.column_stack([columns[g] for g in GROUPS])
    return columns


def small_city() -> tuple[np.ndarray, np.ndarray]:
    t = np.array([120.0, 80.0, 0.0, 200.0, 50.0, 150.0])
    x = np.array([60.0, 10.0, 0.0, 20.0, 40.0, 15.0])
    return x, t


# --- the draws keep what each null fixes ---

tables = hnp.arrays(
    np.int64,
    st.tuples(st.integers(1, 12), st.integers(1, 5)),
    elements=st.integers(0, 40),
)


@settings(max_examples=60, deadline=None)
@given(table=tables, seed=st.integers(0, 2**32))
def test_every_person_permutation_draw_keeps_area_and_group_totals_exactly(
    table: np.ndarray, seed: int
) -> None:
    drawn = draw_person_permutation(table, 25, np.random.default_rng(seed))
    assert drawn.shape == (25, *table.shape)
    assert np.all(drawn >= 0)
    assert np.array_equal(drawn.sum(axis=2), np.broadcast_to(table.sum(axis=1), (25, table.shape[0])))
    assert np.array_equal(drawn.sum(axis=1), np.broadcast_to(table.sum(axis=0), (25, table.shape[1])))


def test_person_permutation_keeps_the_sacramento_totals(tracts: dict[str, np.ndarray]) -> None:
    counts = tracts["counts"].astype(np.int64)
    drawn = draw_person_permutation(counts, 200, np.random.default_rng(1))
    assert np.array_equal(drawn.sum(axis=2), np.broadcast_to(counts.sum(axis=1), (200, len(counts))))
    assert np.array_equal(drawn.sum(axis=1), np.broadcast_to(counts.sum(axis=0), (200, 4)))
    assert not np.array_equal(drawn[0], drawn[1])


def test_person_permutation_cells_are_hypergeometric() -> None:
    """Any cell of a shuffled table is Hypergeometric(T, N_g, t_i); chi-square over 4000 draws."""
    table = np.array([[5, 3, 2], [0, 4, 6], [7, 1, 2], [3, 3, 3], [2, 0, 9]])
    total = int(table.sum())
    drawn = draw_person_permutation(table, 4000, np.random.default_rng(2))
    for area, group in ((0, 0), (2, 1), (4, 2), (3, 2)):
        law = stats.hypergeom(total, int(table[:, group].sum()), int(table[area].sum()))
        values, observed = np.unique(drawn[:, area, group], return_counts=True)
        expected = law.pmf(values) * 4000
        assert expected.sum() > 3990  # every drawn value is possible
        keep = expected >= 5
        chi2 = (((observed - expected) ** 2) / expected)[keep].sum()
        assert stats.chi2.sf(chi2, keep.sum() - 1) > 0.001, (area, group)


def test_systematic_keeps_group_totals_and_evenness_keeps_area_totals() -> None:
    x, t = small_city()
    table = np.column_stack([x, t - x])
    rng = np.random.default_rng(3)
    systematic = draw_systematic(table, 50, rng)
    assert np.array_equal(systematic.sum(axis=1), np.broadcast_to(table.sum(axis=0), (50, 2)))
    assert systematic[:, 2].sum() == 0  # an empty area attracts nobody (p_j = t_j / T)
    for counts in (table, np.column_stack([x, t - x - 5 * (t > 0), 5 * (t > 0)])):
        evenness = draw_evenness(counts, 50, rng)
        assert np.array_equal(evenness.sum(axis=2), np.broadcast_to(counts.sum(axis=1), (50, 6)))


def test_draws_are_reproducible_from_an_int_seed() -> None:
    x, t = small_city()
    table = np.column_stack([x, t - x])
    for draw in (draw_systematic, draw_evenness, draw_person_permutation):
        assert np.array_equal(draw(table, 20, 99), draw(table, 20, 99))
        assert not np.array_equal(draw(table, 20, 99), draw(table, 20, 100))
    assert np.array_equal(draw_bootstrap(6, 20, 99), draw_bootstrap(6, 20, 99))


def test_null_models_need_whole_non_negative_counts() -> None:
    with pytest.raises(SegregationInputError, match="whole"):
        draw_person_permutation(np.array([[1.5, 2.0]]), 3, np.random.default_rng(0))
    with pytest.raises(SegregationInputError, match="exceeds the total"):
        infer(dissimilarity, np.array([5.0, 1.0]), np.array([4.0, 3.0]), replicates=5, seed=1)
    with pytest.raises(SegregationInputError, match="null must be"):
        infer(dissimilarity, *small_city(), null="shuffle", seed=1)
    with pytest.raises(SegregationInputError, match="replicates"):
        infer(dissimilarity, *small_city(), replicates=0, seed=1)


# --- p-values, intervals, results ---


def test_p_values_count_the_observed_value_as_a_draw() -> None:
    sims = np.array([0.1, 0.2, 0.3])
    assert p_value(0.25, sims, "greater") == 2 / 4
    assert p_value(0.25, sims, "less") == 3 / 4
    assert p_value(0.25, sims) == 1.0
    assert p_value(0.35, sims, "greater") == 1 / 4  # never 0
    assert p_value(0.35, sims) == 2 / 4
    assert p_value(0.2, sims, "greater") == 3 / 4  # ties count as at least as extreme
    assert p_value(0.35, np.array([0.1, np.nan, 0.2]), "greater") == 1 / 3
    # Bootstrap: does the index exceed null_value? Draws at or below it count against.
    assert p_value(0.3, sims, "greater", bootstrap=True, null_value=0.15) == 2 / 4
    assert p_value(0.3, sims, "greater", bootstrap=True, null_value=0.0) == 1 / 4


def test_percentile_interval() -> None:
    sims = np.arange(1001.0)
    assert percentile_interval(sims, 0.95) == pytest.approx((25.0, 975.0), abs=1e-9)
    assert percentile_interval(sims, 0.5) == pytest.approx((250.0, 750.0), abs=1e-9)
    with pytest.raises(SegregationInputError):
        percentile_interval(sims, 1.0)


@pytest.mark.parametrize("null", ["systematic", "evenness", "person_permutation", "bootstrap"])
def test_results_are_reproducible_from_a_seed(null: str) -> None:
    x, t = small_city()
    first = infer(dissimilarity, x, t, null=null, replicates=199, seed=42)
    again = infer(dissimilarity, x, t, null=null, replicates=199, seed=42)
    other = infer(dissimilarity, x, t, null=null, replicates=199, seed=43)
    assert np.array_equal(first.simulated, again.simulated)
    assert (first.p_value, first.ci) == (again.p_value, again.ci)
    assert not np.array_equal(first.simulated, other.simulated)
    assert first.seed == 42 and first.null == null and first.replicates == 199
    assert first.observed == dissimilarity(x, t)
    lower, upper = first.ci
    assert lower <= upper
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.p_value = 0.0  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        first.simulated[0] = 0.0


def test_no_two_replicates_share_draws(tracts: dict[str, np.ndarray]) -> None:
    """PySAL's forked workers repeat each other's draws; one Generator stream never does."""
    x, t = tracts["HISP_"], tracts["TOT_POP"]
    for null in ("systematic", "person_permutation"):
        result = infer(dissimilarity, x, t, null=null, replicates=999, seed=5)
        assert np.unique(result.simulated).size == 999


def test_an_unseeded_run_records_the_seed_that_reproduces_it() -> None:
    x, t = small_city()
    first = infer(dissimilarity, x, t, null="systematic", replicates=99)
    assert isinstance(first.seed, int)
    again = infer(dissimilarity, x, t, null="systematic", replicates=99, seed=first.seed)
    assert np.array_equal(first.simulated, again.simulated)
    generator, recorded = resolve_seed(np.random.default_rng(5))
    assert recorded is None and isinstance(generator, np.random.Generator)
    with pytest.raises(SegregationInputError):
        resolve_seed(-1)


def test_a_segregated_city_is_significant_and_an_even_one_is_not() -> None:
    t = np.full(40, 200.0)
    segregated = np.where(np.arange(40) < 10, 150.0, 10.0)
    result = infer(dissimilarity, segregated, t, null="person_permutation", replicates=199, seed=1)
    assert result.p_value == 2 / 200  # two-sided, nothing as extreme
    assert (
        infer(dissimilarity, segregated, t, replicates=199, seed=1, alternative="greater").p_value == 1 / 200
    )
    even = np.full(40, 50.0)  # D = 0: more even than any shuffle, not more segregated
    result = infer(
        dissimilarity, even, t, null="person_permutation", replicates=199, seed=1, alternative="greater"
    )
    assert result.p_value == 1.0 and result.observed == 0.0
    assert p_value(result.observed, result.simulated, "less") == 1 / 200
    boot = infer(dissimilarity, segregated, t, null="bootstrap", replicates=199, seed=1)
    assert boot.ci[0] <= dissimilarity(segregated, t) <= boot.ci[1]
    assert boot.p_value == 2 / 200  # D > 0 in every resample


def test_multigroup_and_spatial_indices_can_be_tested() -> None:
    rng = np.random.default_rng(4)
    counts = rng.integers(0, 60, (30, 3)).astype(float)
    result = infer_multigroup(multigroup_dissimilarity, counts, null="evenness", replicates=99, seed=3)
    assert result.simulated.shape == (99,) and np.all(result.simulated < result.observed)
    points = np.array([500_000.0, 6_200_000.0]) + rng.uniform(0, 3_000, (30, 2))
    smoothed = kernel_smoothed(dissimilarity, kernel_weights(points, 1_000.0))
    x, t = counts[:, 0], counts.sum(axis=1)
    result = infer(smoothed, x, t, null="person_permutation", replicates=49, seed=3)
    assert result.observed == smoothed(x, t) and np.isfinite(result.simulated).all()


# --- agreement in distribution with PySAL ---


@pytest.mark.slow
@pytest.mark.parametrize("null", ["systematic", "evenness"])
def test_null_distributions_agree_with_pysal(
    reference: dict[str, Any], tracts: dict[str, np.ndarray], null: str
) -> None:
    x, t = tracts["HISP_"], tracts["TOT_POP"]
    ours = infer(dissimilarity, x, t, null=null, replicates=999, seed=2024).simulated
    theirs = np.asarray(reference[null])
    assert theirs.size == 999
    assert stats.ks_2samp(ours, theirs).pvalue > 0.01


@pytest.mark.slow
def test_multigroup_evenness_agrees_with_pysal(
    reference: dict[str, Any], tracts: dict[str, np.ndarray]
) -> None:
    ours = infer_multigroup(
        multigroup_dissimilarity, tracts["counts"], null="evenness", replicates=999, seed=7
    ).simulated
    assert stats.ks_2samp(ours, np.asarray(reference["multigroup_evenness"])).pvalue > 0.01
