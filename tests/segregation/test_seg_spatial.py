"""Kernel neighbourhoods, kernel-smoothed indices and multiscalar profiles.

Parity with PySAL ``segregation`` 2.5.4's spatial versions (``Dissim(gdf, g, t, distance=h,
function=kernel)``) on the Sacramento tracts projected to EPSG:3310, as the package's tests do;
the package runs in a subprocess (seg_pysal_reference.py) because importing it changes NumPy's
error state for the whole process.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from scipy import sparse

from mangfold.segregation import (
    SegregationInputError,
    atkinson,
    correlation_ratio,
    dissimilarity,
    entropy,
    exposure,
    isolation,
    min_max,
    multigroup_dissimilarity,
    multigroup_information_theory,
)
from mangfold.segregation._kernels import (
    KERNELS,
    kernel_function,
    kernel_weights,
    metric_coordinates,
    smooth_counts,
)
from mangfold.segregation.spatial import (
    kernel_smoothed,
    multiscalar_profile,
    spatial_index,
    spatial_multigroup_index,
)

GROUPS = ["WHITE_", "BLACK_", "ASIAN_", "HISP_"]
# A projected-looking origin (UTM-like false easting/northing) for hand-made layouts.
ORIGIN = np.array([500_000.0, 6_200_000.0])


@pytest.fixture(scope="module")
def reference(pysal_reference: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    return pysal_reference("kernel")


def _arrays(reference: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    data = reference["data"]
    xy = np.column_stack([data["x"], data["y"]])
    counts = np.column_stack([data["groups"][g] for g in GROUPS])
    return xy, np.asarray(data["groups"]["HISP_"]), np.asarray(data["tot"]), counts


# --- the kernel weights, by hand ---

# A 300-400-500 triangle and a far-away fourth area; bandwidth 500 m.
TRIANGLE = ORIGIN + np.array([[0.0, 0.0], [300.0, 0.0], [0.0, 400.0], [5_000.0, 5_000.0]])
Z01, Z02, Z12 = 0.6, 0.8, 1.0
BY_HAND = {
    "triangular": lambda z: 1 - z,
    "uniform": lambda z: 0.5,
    "quadratic": lambda z: 0.75 * (1 - z * z),
    "quartic": lambda z: 15 / 16 * (1 - z * z) ** 2,
    "gaussian": lambda z: np.exp(-z * z / 2) / np.sqrt(2 * np.pi),
}


@pytest.mark.parametrize("kernel", KERNELS)
def test_kernel_weights_on_a_3_4_5_triangle_match_a_hand_computation(kernel: str) -> None:
    k = BY_HAND[kernel]
    expected = np.eye(4)  # the focal area always has weight 1
    for (i, j), z in {(0, 1): Z01, (0, 2): Z02, (1, 2): Z12}.items():
        expected[i, j] = expected[j, i] = k(z)
    weights = kernel_weights(TRIANGLE, 500.0, kernel)
    np.testing.assert_allclose(weights.matrix.toarray(), expected, rtol=0, atol=1e-15)
    assert weights.bandwidth == 500.0 and weights.kernel == kernel


def test_the_bandwidth_is_also_the_truncation_radius_for_the_gaussian_kernel() -> None:
    weights = kernel_weights(TRIANGLE, 499.0, "gaussian").matrix.toarray()
    assert weights[1, 2] == 0.0  # 500 m apart: outside, although exp(-z²/2) > 0
    assert weights[0, 1] == pytest.approx(np.exp(-((300 / 499) ** 2) / 2) / np.sqrt(2 * np.pi))
    # A neighbour at exactly the bandwidth is inside (d <= h): visible with the uniform kernel.
    assert kernel_weights(TRIANGLE, 500.0, "uniform").matrix.toarray()[1, 2] == 0.5


def test_distinct_areas_at_the_same_point_weigh_k0_and_only_the_focal_area_weighs_1() -> None:
    points = ORIGIN + np.array([[0.0, 0.0], [0.0, 0.0], [100.0, 0.0]])
    weights = kernel_weights(points, 200.0, "quadratic").matrix.toarray()
    np.testing.assert_allclose(np.diag(weights), 1.0)
    assert weights[0, 1] == weights[1, 0] == 0.75
    assert weights[0, 2] == pytest.approx(0.75 * (1 - 0.25))


def test_kernel_function_rejects_unknown_kernels_and_bandwidths() -> None:
    assert kernel_function([0.0, 1.0], "triangular").tolist() == [1.0, 0.0]
    with pytest.raises(SegregationInputError, match="Unknown kernel"):
        kernel_weights(TRIANGLE, 500.0, "epanechnikov")
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(SegregationInputError, match="bandwidth"):
            kernel_weights(TRIANGLE, bad)


def test_smoothing_is_the_sparse_product_for_every_batch_layout() -> None:
    rng = np.random.default_rng(5)
    points = ORIGIN + rng.uniform(0, 3_000, (40, 2))
    weights = kernel_weights(points, 800.0, "quartic")
    dense = weights.matrix.toarray()
    x = rng.integers(0, 100, (3, 40)).astype(float)
    np.testing.assert_allclose(smooth_counts(x, weights, round_counts=False), x @ dense.T)
    np.testing.assert_array_equal(smooth_counts(x, weights), np.round(x @ dense.T))
    counts = rng.integers(0, 100, (2, 40, 4)).astype(float)
    expected = np.einsum("ij,bjk->bik", dense, counts)
    np.testing.assert_allclose(smooth_counts(counts, weights, area_axis=-2, round_counts=False), expected)
    with pytest.raises(SegregationInputError, match="40 areas"):
        smooth_counts(np.ones(39), weights)


def test_the_neighbourhood_is_sparse_and_never_dense_in_memory() -> None:
    rng = np.random.default_rng(6)
    n = 20_000  # a dense n × n float64 matrix would need 3.2 GB
    points = ORIGIN + rng.uniform(0, 50_000, (n, 2))
    tracemalloc.start()
    try:
        weights = kernel_weights(points, 600.0, "triangular")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sparse.issparse(weights.matrix) and weights.matrix.format == "csr"
    assert weights.nnz < 20 * n  # about 1 + π 0.6² 8 = 10 neighbours per area
    assert peak < 60e6  # bytes: pairs and blocks only


def test_longitude_latitude_coordinates_are_refused_with_a_clear_message() -> None:
    lonlat = np.array([[-121.49, 38.58], [-121.30, 38.70], [-121.60, 38.50]])
    with pytest.raises(SegregationInputError, match="longitude/latitude"):
        kernel_weights(lonlat, 1_000.0)
    with pytest.raises(SegregationInputError, match="not finite"):
        metric_coordinates(np.array([[1.0, np.nan]]))
    with pytest.raises(SegregationInputError, match=r"\(n, 2\)"):
        metric_coordinates(np.zeros((3, 3)))


def test_geographic_coordinates_are_projected_when_the_crs_is_known() -> None:
    from pyproj import Geod

    lonlat = np.array([[-121.49, 38.58], [-121.47, 38.59], [-121.60, 38.50]])
    metres = metric_coordinates(lonlat, crs="EPSG:4326")
    _, _, geodesic = Geod(ellps="WGS84").inv(*lonlat[0], *lonlat[1])
    planar = float(np.hypot(*(metres[0] - metres[1])))
    assert planar == pytest.approx(geodesic, rel=1e-3)
    # A projected CRS in US survey feet is converted to metres.
    feet = np.array([[6_700_000.0, 1_950_000.0], [6_701_000.0, 1_950_000.0]])
    np.testing.assert_allclose(metric_coordinates(feet, crs="EPSG:2226"), feet * 1200 / 3937)
    assert metric_coordinates(TRIANGLE, crs="EPSG:25832") is not None


# --- indices on local environments ---


def test_kernel_smoothed_indices_accept_batches_row_by_row() -> None:
    rng = np.random.default_rng(7)
    points = ORIGIN + rng.uniform(0, 5_000, (60, 2))
    weights = kernel_weights(points, 1_500.0, "gaussian")
    t = rng.integers(50, 500, (4, 60)).astype(float)
    x = np.floor(t * rng.uniform(0, 1, (4, 60)))
    smoothed_d = kernel_smoothed(dissimilarity, weights)
    batch = smoothed_d(x, t)
    assert batch.shape == (4,)
    for row in range(4):
        assert batch[row] == pytest.approx(spatial_index(dissimilarity, x[row], t[row], weights=weights))
    # Two groups: multigroup D = D (unrounded: rounding W y differs from rounding W t - W x).
    counts = np.stack([x, t - x], axis=-1)
    multi = kernel_smoothed(multigroup_dissimilarity, weights, multigroup=True, round_counts=False)
    exact = kernel_smoothed(dissimilarity, weights, round_counts=False)
    np.testing.assert_allclose(multi(counts), exact(x, t), rtol=1e-12)


SINGLE = {
    "dissimilarity": dissimilarity,
    "atkinson": atkinson,
    "entropy": entropy,
    "isolation": isolation,
    "exposure": exposure,
    "correlation_ratio": correlation_ratio,
}
MULTI = {
    "multigroup_dissimilarity": multigroup_dissimilarity,
    "multigroup_information_theory": multigroup_information_theory,
}


@pytest.mark.slow
def test_kernel_smoothed_indices_match_pysal_on_sacramento(reference: dict[str, Any]) -> None:
    xy, x, t, counts = _arrays(reference)
    checked = 0
    for key, expected in reference["kernel"].items():
        name, kernel, bandwidth = key.split("|")
        weights = kernel_weights(xy, float(bandwidth), kernel)
        if name in SINGLE:
            ours = spatial_index(SINGLE[name], x, t, weights=weights)
        elif name in MULTI:
            ours = spatial_multigroup_index(MULTI[name], counts, weights=weights)
        else:
            continue
        assert abs(ours - expected) < 1e-10, key
        checked += 1
    assert checked == len(KERNELS) * 2 * (len(SINGLE) + len(MULTI))


@pytest.mark.slow
def test_smoothed_min_max_differs_from_pysal_only_by_its_rounding_of_the_other_group(
    reference: dict[str, Any],
) -> None:
    """PySAL smooths and rounds the other group y on its own: round(W y), not round(W t) - round(W x).

    We smooth x and t (as for every index) and take y = t - x; the difference is below the
    rounding step. Rounding y separately reproduces the package exactly.
    """
    xy, x, t, _ = _arrays(reference)
    for kernel in KERNELS:
        expected = reference["kernel"][f"min_max|{kernel}|1500.0"]
        weights = kernel_weights(xy, 1500.0, kernel)
        ours = spatial_index(min_max, x, t, weights=weights)
        assert abs(ours - expected) < 1e-5
        sx, sy = smooth_counts(x, weights), smooth_counts(t - x, weights)
        assert abs(min_max(sx, sx + sy) - expected) < 1e-12


def test_multiscalar_profile_is_the_smoothed_index_at_each_bandwidth() -> None:
    rng = np.random.default_rng(8)
    points = ORIGIN + rng.uniform(0, 10_000, (150, 2))
    east = points[:, 0] > ORIGIN[0] + 5_000  # a segregated city: the group lives in the east
    t = rng.integers(100, 400, 150).astype(float)
    x = np.floor(t * np.where(east, 0.7, 0.1))
    bandwidths = [0.0, 500.0, 2_000.0, 50_000.0]
    profile = multiscalar_profile(dissimilarity, x, t, points, bandwidths, kernel="quartic")
    assert profile.values[0] == dissimilarity(x, t)
    for h, value in zip(bandwidths[1:], profile.values[1:], strict=True):
        assert value == spatial_index(dissimilarity, x, t, weights=kernel_weights(points, h, "quartic"))
    assert profile.values[-1] < 0.1 < profile.values[0]  # at 50 km everybody sees the whole city
    counts = np.column_stack([x, t - x])
    multi = multiscalar_profile(
        multigroup_dissimilarity, counts, None, points, bandwidths, round_counts=False
    )
    single = multiscalar_profile(dissimilarity, x, t, points, bandwidths, round_counts=False)
    np.testing.assert_allclose(multi.values, single.values, rtol=1e-12)
    with pytest.raises(SegregationInputError):
        multiscalar_profile(dissimilarity, x, t, points, [-1.0])
