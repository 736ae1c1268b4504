"""Counterfactual populations, the spatial/attribute decomposition and two-city comparisons.

Against PySAL ``segregation`` 2.5.4 (``DecomposeSegregation``, ``TwoValueTest``) on the
Sacramento tracts, HISP_ against BLACK_ (the package's own test case), and by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import stats

from mangfold.segregation import (
    SegregationInputError,
    dissimilarity,
    gini,
    multigroup_dissimilarity,
)
from mangfold.segregation.compare import compare, compare_multigroup
from mangfold.segregation.decomposition import APPROACHES, counterfactuals, decompose

DATA = Path(str(resources.files("mangfold") / "data" / "sacramento"))

# DecomposeSegregation(Dissim(HISP), Dissim(BLACK)) in the package's test_decomposition.py.
PUBLISHED = {
    "composition": (-0.005104643275796905, -0.16138819842911295),
    "share": (-0.012109983776922045, -0.1543828579279878),
    "dual_composition": (-0.004897572242559378, -0.16159526946235048),
}


@pytest.fixture(scope="module")
def reference(pysal_reference: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    return pysal_reference("compare")


@pytest.fixture(scope="module")
def tracts() -> dict[str, np.ndarray]:
    import geopandas as gpd

    frame = gpd.read_file(DATA / "sacramentot2.dbf")
    return {name: frame[name].to_numpy(dtype=float) for name in ("TOT_POP", "HISP_", "BLACK_")}


@pytest.mark.parametrize("approach", APPROACHES)
def test_decomposition_reproduces_the_published_sacramento_values(
    tracts: dict[str, np.ndarray], approach: str
) -> None:
    t = tracts["TOT_POP"]
    result = decompose(dissimilarity, tracts["HISP_"], t, tracts["BLACK_"], t, approach=approach)
    spatial, attribute = PUBLISHED[approach]
    assert abs(result.spatial - spatial) < 1e-10
    assert abs(result.attribute - attribute) < 1e-10
    assert result.spatial + result.attribute == pytest.approx(result.difference, abs=1e-15)
    assert result.s1_a1 == dissimilarity(tracts["HISP_"], t) and result.approach == approach


@pytest.mark.slow
@pytest.mark.parametrize("approach", APPROACHES)
def test_counterfactuals_and_decomposition_match_pysal(reference: dict[str, Any], approach: str) -> None:
    data = reference["data"]
    t = np.asarray(data["tot"])
    hisp, black = np.asarray(data["groups"]["HISP_"]), np.asarray(data["groups"]["BLACK_"])
    first, second = counterfactuals(hisp, t, black, t, approach=approach)
    expected = reference[f"counterfactual|{approach}"]
    for ours, key in ((first.x, "x1"), (first.t, "t1"), (second.x, "x2"), (second.t, "t2")):
        np.testing.assert_allclose(ours, expected[key], rtol=1e-12, atol=1e-9)
    result = decompose(dissimilarity, hisp, t, black, t, approach=approach)
    indices = reference[f"decomposition|{approach}"]
    assert abs(result.spatial - indices["c_s"]) < 1e-10
    assert abs(result.attribute - indices["c_a"]) < 1e-10
    for name in ("s1_a1", "s1_a2", "s2_a1", "s2_a2"):
        assert abs(getattr(result, name) - indices[name]) < 1e-10, name


cities = hnp.arrays(np.int64, st.integers(3, 30), elements=st.integers(20, 400))


@settings(max_examples=40, deadline=None)
@given(t1=cities, t2=cities, seed=st.integers(0, 2**16), approach=st.sampled_from(APPROACHES))
def test_the_two_parts_add_up_and_vanish_between_identical_cities(
    t1: np.ndarray, t2: np.ndarray, seed: int, approach: str
) -> None:
    rng = np.random.default_rng(seed)
    x1 = rng.binomial(t1, rng.uniform(0.2, 0.8)).astype(float)
    x2 = rng.binomial(t2, rng.uniform(0.2, 0.8)).astype(float)
    result = decompose(gini, x1, t1, x2, t2, approach=approach)
    # A counterfactual city can lose the group entirely (all shares read as 0): G is undefined.
    assume(np.isfinite([result.s1_a2, result.s2_a1]).all())
    assert result.spatial + result.attribute == pytest.approx(result.difference, abs=1e-12)
    same = decompose(gini, x1, t1, x1, t1, approach=approach)
    assert same.spatial == pytest.approx(0.0, abs=1e-12)
    assert same.attribute == pytest.approx(0.0, abs=1e-12)
    first, _ = counterfactuals(x1, t1, x2, t2, approach=approach)
    assert np.all(first.x <= first.t + 1e-9) and np.all(first.x >= 0)
    if approach == "share":  # the group keeps its size, the shares are rescaled
        assert first.x.sum() == pytest.approx(x1.sum())
        assert first.t.sum() == pytest.approx(t1.sum())
    else:  # the counterfactual composition stays within [0, 1] of each area
        assert np.all(first.x <= t1 + 1e-9)


def test_counterfactual_composition_takes_the_other_citys_shares_by_rank() -> None:
    # City 1's areas ranked by share get city 2's quantiles at their percentile ranks (r/n).
    x1, t1 = np.array([10.0, 30.0, 20.0]), np.array([100.0, 100.0, 100.0])
    x2, t2 = np.array([0.0, 50.0, 100.0]), np.array([100.0, 100.0, 100.0])
    first, second = counterfactuals(x1, t1, x2, t2)
    # Ranks 1/3, 3/3, 2/3 read off city 2's shares (0, .5, 1): quantiles 1/3, 1, 2/3.
    np.testing.assert_allclose(first.x, [100 / 3, 100.0, 200 / 3])
    np.testing.assert_allclose(first.t, t1)
    # And back: ranks 1/3, 2/3, 1 read off city 1's shares (.1, .2, .3).
    np.testing.assert_allclose(second.x, [50 / 3, 70 / 3, 30.0])
    with pytest.raises(SegregationInputError, match="approach"):
        counterfactuals(x1, t1, x2, t2, approach="swap")


# --- comparisons ---


def _two_cities() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(11)
    t1, t2 = rng.integers(50, 300, 60).astype(float), rng.integers(50, 300, 80).astype(float)
    x1 = np.floor(t1 * np.where(np.arange(60) < 15, 0.8, 0.1))  # segregated
    x2 = rng.binomial(t2.astype(int), 0.25).astype(float)  # random
    return x1, t1, x2, t2


@pytest.mark.parametrize(
    "null", ["random_label", "person_permutation", "composition", "share", "dual_composition", "bootstrap"]
)
def test_every_comparison_null_detects_a_real_difference_reproducibly(null: str) -> None:
    x1, t1, x2, t2 = _two_cities()
    result = compare(dissimilarity, x1, t1, x2, t2, null=null, replicates=199, seed=8)
    assert result.observed == dissimilarity(x1, t1) - dissimilarity(x2, t2)
    assert result.null == null and result.simulated.shape == (199,)
    assert result.p_value == 2 / 200
    again = compare(dissimilarity, x1, t1, x2, t2, null=null, replicates=199, seed=8)
    assert np.array_equal(result.simulated, again.simulated)
    if null == "bootstrap":  # the interval is the difference's, away from 0
        assert result.ci[0] > 0
    else:
        assert result.ci[1] < result.observed


def test_invalid_counts_are_refused_naming_the_city_and_the_area() -> None:
    x1, t1, x2, t2 = _two_cities()
    x2 = x2.copy()
    x2[3] = t2[3] + 1
    with pytest.raises(SegregationInputError, match="city 2, area 3") as caught:
        compare(dissimilarity, x1, t1, x2, t2, seed=1)
    assert caught.value.area == 3


def test_random_labels_between_two_halves_of_one_random_city_find_nothing() -> None:
    rng = np.random.default_rng(12)
    t = rng.integers(50, 300, 200).astype(float)
    x = rng.binomial(t.astype(int), 0.3).astype(float)
    result = compare(dissimilarity, x[:100], t[:100], x[100:], t[100:], replicates=499, seed=2)
    assert result.p_value > 0.05


def test_multigroup_comparisons_keep_totals_and_refuse_counterfactual_nulls() -> None:
    rng = np.random.default_rng(13)
    first, second = rng.integers(0, 50, (30, 3)), rng.integers(0, 50, (20, 3))
    for null in ("random_label", "person_permutation", "bootstrap"):
        result = compare_multigroup(multigroup_dissimilarity, first, second, null=null, replicates=49, seed=1)
        assert np.isfinite(result.simulated).all()
    with pytest.raises(SegregationInputError, match="null must be"):
        compare_multigroup(multigroup_dissimilarity, first, second, null="composition", seed=1)
    with pytest.raises(SegregationInputError, match="same groups"):
        compare_multigroup(multigroup_dissimilarity, first, second[:, :2], seed=1)


@pytest.mark.slow
@pytest.mark.parametrize("null", ["random_label", "composition"])
def test_comparison_nulls_agree_with_pysal(reference: dict[str, Any], null: str) -> None:
    data = reference["data"]
    t = np.asarray(data["tot"])
    hisp, black = np.asarray(data["groups"]["HISP_"]), np.asarray(data["groups"]["BLACK_"])
    ours = compare(dissimilarity, hisp, t, black, t, null=null, replicates=999, seed=31).simulated
    assert stats.ks_2samp(ours, np.asarray(reference[f"two_value|{null}"])).pvalue > 0.01
