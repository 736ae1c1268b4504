"""Spatial dissimilarity (contiguity), centralisation and distance-decay isolation/exposure.

By hand on small layouts, and against PySAL ``segregation`` 2.5.4 on the Sacramento tracts
(EPSG:3310) through the subprocess in seg_pysal_reference.py. The package's distance-decay
indices depart from Morgan (1983); the last tests document how.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from scipy import sparse
from scipy.spatial.distance import cdist

from mangfold.segregation import SegregationInputError, dissimilarity
from mangfold.segregation.centralization import (
    absolute_centralization,
    distance_to_centre,
    relative_centralization,
)
from mangfold.segregation.distance_decay import (
    decay_sums,
    distance_decay_exposure,
    distance_decay_isolation,
)
from mangfold.segregation.spatial import spatial_dissimilarity

ORIGIN = np.array([500_000.0, 6_200_000.0])


@pytest.fixture(scope="module")
def reference(pysal_reference: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    return pysal_reference("explicit")


def _tracts(reference: dict[str, Any]) -> SimpleNamespace:
    data = reference["data"]
    return SimpleNamespace(
        xy=np.column_stack([data["x"], data["y"]]),
        area=np.asarray(data["area"]),
        x=np.asarray(data["groups"]["HISP_"]),
        t=np.asarray(data["tot"]),
    )


# --- spatial dissimilarity ---

PATH = sparse.csr_array(np.diag(np.ones(3), 1) + np.diag(np.ones(3), -1))  # 0-1-2-3 in a line
X4, T4 = np.array([10.0, 20.0, 40.0, 80.0]), np.full(4, 100.0)  # shares .1 .2 .4 .8


def test_spatial_dissimilarity_by_hand_on_a_line_of_four_areas() -> None:
    # D = Σ t|p - P| / (2TP(1-P)) = 90 / 187.5; neighbours differ by .1, .2, .4 (each pair twice).
    d = 90 / 187.5
    assert dissimilarity(X4, T4) == pytest.approx(d)
    assert spatial_dissimilarity(X4, T4, adjacency=PATH) == pytest.approx(d - 1.4 / 6)
    # Row-standardised: rows contribute .1, (.1 + .2)/2, (.2 + .4)/2, .4 over a weight sum of 4.
    standardized = spatial_dissimilarity(X4, T4, adjacency=PATH, standardize=True)
    assert standardized == pytest.approx(d - 0.95 / 4)


def test_spatial_dissimilarity_takes_dense_sparse_and_libpysal_like_weights_and_batches() -> None:
    expected = spatial_dissimilarity(X4, T4, adjacency=PATH)
    assert spatial_dissimilarity(X4, T4, adjacency=PATH.toarray()) == expected
    assert spatial_dissimilarity(X4, T4, adjacency=SimpleNamespace(sparse=PATH)) == expected
    batch = spatial_dissimilarity(np.stack([X4, X4[::-1]]), T4, adjacency=PATH)
    np.testing.assert_allclose(batch, [expected, expected])
    with pytest.raises(SegregationInputError, match="4"):
        spatial_dissimilarity(X4[:3], T4[:3], adjacency=PATH)
    with pytest.raises(SegregationInputError, match="no neighbours"):
        spatial_dissimilarity(X4, T4, adjacency=sparse.csr_array((4, 4)))


@pytest.mark.slow
def test_spatial_dissimilarity_matches_pysal_with_queen_contiguity(reference: dict[str, Any]) -> None:
    tracts = _tracts(reference)
    queen = reference["queen"]
    n = tracts.x.size
    adjacency = sparse.coo_array((np.ones(len(queen["rows"])), (queen["rows"], queen["cols"])), shape=(n, n))
    ours = spatial_dissimilarity(tracts.x, tracts.t, adjacency=adjacency)
    assert abs(ours - reference["spatial_dissim"]) < 1e-10
    assert abs(ours - 0.2611974332919437) < 1e-10  # the package's own test value
    ours = spatial_dissimilarity(tracts.x, tracts.t, adjacency=adjacency, standardize=True)
    assert abs(ours - reference["spatial_dissim_std"]) < 1e-10


# --- centralisation ---


def test_centralization_by_hand_on_three_areas() -> None:
    x, t = np.array([10.0, 30.0, 20.0]), np.array([50.0, 40.0, 60.0])
    area, distance = np.array([1.0, 1.0, 2.0]), np.array([3.0, 1.0, 2.0])
    # Ordered from the centre: areas 1, 2, 0.
    X = [Fraction(30, 60), Fraction(50, 60), Fraction(1)]
    A = [Fraction(1, 4), Fraction(3, 4), Fraction(1)]
    Y = [Fraction(10, 90), Fraction(50, 90), Fraction(1)]

    def lorenz(f: list[Fraction], s: list[Fraction]) -> float:
        return float(sum(f[i - 1] * s[i] - f[i] * s[i - 1] for i in (1, 2)))

    ace = absolute_centralization(x, t, area=area, distance=distance)
    assert ace == pytest.approx(lorenz(X, A), abs=1e-15)
    assert relative_centralization(x, t, distance=distance) == pytest.approx(lorenz(X, Y), abs=1e-15)
    batch = relative_centralization(np.stack([x, t - x]), t, distance=distance)
    assert batch[0] == pytest.approx(lorenz(X, Y)) and batch[1] == pytest.approx(-lorenz(X, Y))


def test_centralization_refuses_missing_distances_naming_the_area() -> None:
    x, t = np.array([1.0, 2.0, 3.0]), np.array([5.0, 5.0, 5.0])
    with pytest.raises(SegregationInputError, match="area 1") as caught:
        relative_centralization(x, t, distance=np.array([1.0, np.nan, 2.0]))
    assert caught.value.area == 1
    with pytest.raises(SegregationInputError, match="one distance"):
        relative_centralization(x, t, distance=np.array([1.0, 2.0]))
    with pytest.raises(SegregationInputError, match="exceeds the total"):
        absolute_centralization(t + 1, t, area=np.ones(3), distance=np.arange(3.0))


def test_centralization_is_one_when_the_group_lives_only_in_the_centre() -> None:
    x, t = np.array([100.0, 0.0, 0.0]), np.array([100.0, 100.0, 100.0])
    distance, area = np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0, 1.0])
    assert relative_centralization(x, t, distance=distance) == pytest.approx(1.0)
    assert absolute_centralization(x, t, area=area, distance=distance) == pytest.approx(1.0)


def test_distance_to_centre_rules() -> None:
    xy = ORIGIN + np.array([[0.0, 0.0], [300.0, 0.0], [0.0, 400.0]])
    t = np.array([1.0, 5.0, 2.0])
    assert distance_to_centre(xy, (ORIGIN[0], ORIGIN[1]))[2] == pytest.approx(400.0)
    assert distance_to_centre(xy, "largest_population", totals=t)[1] == 0.0
    assert distance_to_centre(xy, "median")[0] == pytest.approx(0.0)
    np.testing.assert_allclose(
        distance_to_centre(xy, "population_weighted_mean", totals=np.ones(3)),
        distance_to_centre(xy, "mean"),
    )
    with pytest.raises(SegregationInputError, match="totals"):
        distance_to_centre(xy, "largest_population")
    with pytest.raises(SegregationInputError, match="centre rule"):
        distance_to_centre(xy, "centroid")


@pytest.mark.slow
def test_centralization_matches_pysal_for_every_centre_rule(reference: dict[str, Any]) -> None:
    tracts = _tracts(reference)
    for centre in ("mean", "median", "population_weighted_mean", "largest_population"):
        distance = distance_to_centre(tracts.xy, centre, totals=tracts.t)
        ace = absolute_centralization(tracts.x, tracts.t, area=tracts.area, distance=distance)
        rce = relative_centralization(tracts.x, tracts.t, distance=distance)
        assert abs(ace - reference[f"ace|{centre}"]) < 1e-10, centre
        assert abs(rce - reference[f"rce|{centre}"]) < 1e-10, centre


# --- distance decay (Morgan 1983) ---


def _naive_morgan(x: np.ndarray, t: np.ndarray, xy: np.ndarray, area: np.ndarray) -> float:
    """DDxPx as printed: P_ij = c_ij t_j / Σ_j c_ij t_j, c_ij = exp(-d_ij) in km, d_ii = (.6 a_i)^.5."""
    n = x.size
    c = np.exp(-cdist(xy, xy) / 1000)
    for i in range(n):
        c[i, i] = np.exp(-((0.6 * area[i] / 1e6) ** 0.5))
    total = 0.0
    for i in range(n):
        p_i = [c[i, j] * t[j] / sum(c[i, k] * t[k] for k in range(n)) for j in range(n)]
        total += x[i] / x.sum() * sum(p_i[j] * x[j] / t[j] for j in range(n) if t[j] > 0)
    return total


def test_distance_decay_isolation_follows_morgan_and_is_computed_in_blocks() -> None:
    rng = np.random.default_rng(9)
    n = 30
    xy = ORIGIN + rng.uniform(0, 4_000, (n, 2))
    area = rng.uniform(1e5, 1e6, n)
    t = rng.integers(0, 300, n).astype(float)
    x = np.floor(t * rng.uniform(0, 1, n))
    expected = _naive_morgan(x, t, xy, area)
    for block in (1, 7 * n, 10**9):  # one entry, seven rows, everything at once
        ours = distance_decay_isolation(x, t, coords=xy, area=area, block_elements=block)
        assert ours == pytest.approx(expected, rel=1e-12)
    exposure = distance_decay_exposure(x, t, coords=xy, area=area)
    assert expected + exposure == pytest.approx(1.0, rel=1e-12)
    batch = distance_decay_isolation(np.stack([x, t - x]), np.stack([t, t]), coords=xy, area=area)
    assert batch[0] == pytest.approx(expected, rel=1e-12)
    matrix = decay_sums(np.eye(n), xy, area, block_elements=n)  # C @ e_k, row by row
    np.testing.assert_allclose(np.diag(matrix), np.exp(-np.sqrt(0.6 * area / 1e6)), rtol=1e-15)
    np.testing.assert_allclose(matrix[0, 1:], np.exp(-cdist(xy[:1], xy[1:])[0] / 1000))


def test_distance_decay_weights_fall_with_distance_so_far_apart_groups_are_isolated() -> None:
    # Two clusters 30 km apart; the group lives only in the first: ours sees near-total isolation.
    cluster = np.array([[0.0, 0.0], [400.0, 0.0], [0.0, 400.0]])
    xy = ORIGIN + np.vstack([cluster, cluster + 30_000.0])
    t = np.full(6, 100.0)
    x = np.array([100.0, 100.0, 100.0, 0.0, 0.0, 0.0])
    area = np.full(6, 160_000.0)
    assert distance_decay_isolation(x, t, coords=xy, area=area) > 0.999
    assert _package_formula(x, t, xy, area)[0] < 0.6


def _package_formula(
    x: np.ndarray, t: np.ndarray, xy: np.ndarray, area: np.ndarray
) -> tuple[float, np.ndarray]:
    """PySAL segregation 2.5.4's DistanceDecayIsolation, transcribed (with its broadcasting)."""
    d = cdist(xy, xy)
    dist = np.exp(-(d / d.sum(axis=1)))  # divides column j by the sum of row j
    np.fill_diagonal(dist, np.exp(-((0.6 * area) ** 0.5)))
    c = 1 - dist  # proximity 1 - exp(-d/s): grows with distance
    pij = c * t / np.sum(c * t, axis=1)  # divides column j by the sum of row j, not row i
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (x / x.sum() * np.nansum(pij * (x / t), axis=1)).sum()
    return float(value), c


@pytest.mark.slow
def test_pysal_distance_decay_uses_a_proximity_that_grows_with_distance(
    reference: dict[str, Any],
) -> None:
    tracts = _tracts(reference)
    package_value, c = _package_formula(tracts.x, tracts.t, tracts.xy, tracts.area)
    assert abs(package_value - reference["dd_isolation"]) < 1e-10  # the transcription is exact
    d = cdist(tracts.xy, tracts.xy)
    j = 0  # along a column, the package's proximity increases with distance
    off = np.arange(d.shape[0]) != j
    order = np.argsort(d[off, j])
    assert np.all(np.diff(c[off, j][order]) >= 0)
    # Ours follows the paper: isolation + exposure = 1; the package's do not add up.
    ours = distance_decay_isolation(tracts.x, tracts.t, coords=tracts.xy, area=tracts.area)
    exposure = distance_decay_exposure(tracts.x, tracts.t, coords=tracts.xy, area=tracts.area)
    assert ours + exposure == pytest.approx(1.0, rel=1e-12)
    assert abs(reference["dd_isolation"] + reference["dd_exposure"] - 1.0) > 0.05
    assert abs(ours - reference["dd_isolation"]) > 0.01
