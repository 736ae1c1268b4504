"""Distance kernels and sparse KD-tree neighbourhoods for the spatial indices.

The spatial ("kernel-smoothed") indices replace each area's counts by a weighted sum of the counts
of the areas around it, its *local environment* (Reardon & O'Sullivan 2004; Oka & Wong 2014),
and compute the aspatial index on the smoothed counts. The reference is PySAL ``segregation``
2.5.4 (``segregation._base._build_local_environment``), which builds
``libpysal.weights.Kernel(points, bandwidth=h, function=...)`` with a *fixed* bandwidth and then
``fill_diagonal(w)``. Its definitions, matched here exactly:

- neighbours of area i: every area j with ``d_ij <= h`` (the bandwidth is also the truncation
  radius, for the gaussian kernel too);
- weight ``w_ij = K(d_ij / h)`` with (Anselin & Rey 2014, p. 78), for ``0 <= z <= 1``::

      triangular  K(z) = 1 - z
      uniform     K(z) = 1/2
      quadratic   K(z) = 3/4 (1 - z^2)
      quartic     K(z) = 15/16 (1 - z^2)^2
      gaussian    K(z) = (2 pi)^(-1/2) exp(-z^2 / 2)   (truncated at z = 1, *not* renormalised)

- the focal area is included with weight ``w_ii = 1`` whatever the kernel (``fill_diagonal``
  overwrites ``K(0)``); distinct areas with identical coordinates get ``K(0)``;
- the weights are **not** row-standardised: the local environment is the kernel-weighted *sum*
  ``x~_i = sum_j w_ij x_j``.

The matrix is built block by block from :meth:`scipy.spatial.cKDTree.sparse_distance_matrix` into a
:class:`scipy.sparse.csr_array`: memory grows with the number of neighbour pairs, never with n².
SciPy is imported on first use, so importing :mod:`mangfold.segregation` stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ._validate import FloatArray, SegregationInputError

Kernel = Literal["triangular", "uniform", "quadratic", "quartic", "gaussian"]
KERNELS: tuple[Kernel, ...] = ("triangular", "uniform", "quadratic", "quartic", "gaussian")

#: Rows of the distance matrix handled at once when building the neighbourhood.
_BLOCK_ROWS = 8192


def _triangular(z: FloatArray) -> FloatArray:
    return 1.0 - z


def _uniform(z: FloatArray) -> FloatArray:
    return np.full_like(z, 0.5)


def _quadratic(z: FloatArray) -> FloatArray:
    return 0.75 * (1.0 - z**2)


def _quartic(z: FloatArray) -> FloatArray:
    return (15.0 / 16.0) * (1.0 - z**2) ** 2


def _gaussian(z: FloatArray) -> FloatArray:
    return np.asarray((2.0 * np.pi) ** -0.5 * np.exp(-(z**2) / 2.0), dtype=np.float64)


_KERNEL_FUNCTIONS: dict[str, Callable[[FloatArray], FloatArray]] = {
    "triangular": _triangular,
    "uniform": _uniform,
    "quadratic": _quadratic,
    "quartic": _quartic,
    "gaussian": _gaussian,
}


def kernel_by_name(kernel: str) -> Callable[[FloatArray], FloatArray]:
    """The kernel ``K`` called ``kernel`` (one of :data:`KERNELS`)."""
    function = _KERNEL_FUNCTIONS.get(kernel)
    if function is None:
        raise SegregationInputError(f"Unknown kernel {kernel!r}; choose one of {', '.join(KERNELS)}.")
    return function


def kernel_function(z: npt.ArrayLike, kernel: str = "triangular") -> FloatArray:
    """Kernel value ``K(z)`` for scaled distances ``z = d / h`` in ``[0, 1]`` (see module doc)."""
    return kernel_by_name(kernel)(np.asarray(z, dtype=np.float64))


@dataclass(frozen=True)
class KernelWeights:
    """A sparse kernel neighbourhood: ``matrix[i, j] = w_ij`` (CSR, n × n, self weight 1).

    Attributes:
        matrix: the weights as a :class:`scipy.sparse.csr_array`.
        bandwidth: the bandwidth ``h`` in metres (also the truncation radius).
        kernel: the kernel's name.
    """

    matrix: Any
    bandwidth: float
    kernel: str

    @property
    def n(self) -> int:
        """Number of areas."""
        return int(self.matrix.shape[0])

    @property
    def nnz(self) -> int:
        """Number of stored weights (neighbour pairs, the focal areas included)."""
        return int(self.matrix.nnz)


def metric_coordinates(coords: npt.ArrayLike, crs: object | None = None) -> FloatArray:
    """Validate area coordinates and return them as an (n, 2) array in metres.

    Without ``crs`` the coordinates must already be projected in metres; coordinates that all
    fall within longitude/latitude ranges (|x| <= 180, |y| <= 90) are refused, since distances
    in degrees are meaningless. With ``crs`` (anything :class:`pyproj.CRS` accepts, e.g.
    ``"EPSG:4326"``): a geographic CRS is projected to the UTM zone of the coordinates' centre
    (as ``geopandas.GeoDataFrame.estimate_utm_crs`` does); a projected CRS in feet or another
    linear unit is converted to metres. ``pyproj`` is imported only then.
    """
    xy = np.asarray(coords, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise SegregationInputError(f"Coordinates must be an (n, 2) array of x and y, got shape {xy.shape}.")
    bad = np.flatnonzero(~np.isfinite(xy).all(axis=1))
    if bad.size:
        raise SegregationInputError(f"area {int(bad[0])}: the coordinates are not finite", area=int(bad[0]))
    if crs is not None:
        return _to_metres(xy, crs)
    if xy.size and np.all(np.abs(xy[:, 0]) <= 180.0) and np.all(np.abs(xy[:, 1]) <= 90.0):
        raise SegregationInputError(
            "The coordinates look like longitude/latitude in degrees. Project them to a metric "
            "CRS (e.g. EPSG:25832 for Denmark, or the local UTM zone) or pass crs='EPSG:4326' "
            "so they can be projected; distances and bandwidths are in metres."
        )
    return xy


def _to_metres(xy: FloatArray, crs: object) -> FloatArray:
    try:
        from pyproj import CRS, Transformer
        from pyproj.aoi import AreaOfInterest
        from pyproj.database import query_utm_crs_info
    except ImportError as error:  # pragma: no cover - pyproj comes with geopandas
        raise SegregationInputError(
            "Projecting coordinates needs pyproj; install it or pass projected coordinates."
        ) from error
    source = CRS.from_user_input(crs)
    if source.is_geographic:
        lon, lat = xy[:, 0], xy[:, 1]
        if np.any(np.abs(lon) > 180.0) or np.any(np.abs(lat) > 90.0):
            raise SegregationInputError(
                "Coordinates are outside longitude/latitude ranges for a geographic CRS."
            )
        aoi = AreaOfInterest(float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))
        lon_0 = float((lon.min() + lon.max()) / 2)
        lat_0 = float((lat.min() + lat.max()) / 2)
        infos = query_utm_crs_info(datum_name="WGS 84", area_of_interest=aoi)
        target = (
            CRS.from_epsg(int(infos[0].code))
            if infos
            else CRS.from_proj4(f"+proj=aeqd +lat_0={lat_0} +lon_0={lon_0} +units=m")
        )
        transformer = Transformer.from_crs(source, target, always_xy=True)
        x, y = transformer.transform(lon, lat)
        return np.column_stack([np.asarray(x, np.float64), np.asarray(y, np.float64)])
    if not source.is_projected:
        raise SegregationInputError(f"CRS {source.name!r} is neither geographic nor projected.")
    factor = float(source.axis_info[0].unit_conversion_factor)
    return xy * factor


def kernel_weights(
    coords: npt.ArrayLike,
    bandwidth: float,
    kernel: str = "triangular",
    *,
    crs: object | None = None,
) -> KernelWeights:
    """Sparse kernel weights ``w_ij = K(d_ij / h)`` for ``d_ij <= h``, ``w_ii = 1``.

    Args:
        coords: (n, 2) area coordinates (centroids) in metres, or in ``crs``.
        bandwidth: ``h`` in metres, > 0; the kernel's scale and its truncation radius.
        kernel: one of :data:`KERNELS`.
        crs: the coordinates' CRS when they are not projected in metres (see
            :func:`metric_coordinates`).

    Matches ``libpysal.weights.Kernel(points, bandwidth=h, function=kernel)`` followed by
    ``fill_diagonal`` (PySAL ``segregation`` 2.5.4's ``_build_local_environment``).
    """
    function = kernel_by_name(kernel)
    h = float(bandwidth)
    if not np.isfinite(h) or h <= 0:
        raise SegregationInputError(f"The bandwidth must be a positive distance in metres, got {h}.")
    xy = metric_coordinates(coords, crs)
    return KernelWeights(_kernel_matrix(kd_tree(xy), xy, h, function), h, kernel)


def kd_tree(xy: FloatArray) -> Any:
    """A :class:`scipy.spatial.cKDTree` of the coordinates (SciPy is imported on first use)."""
    from scipy.spatial import cKDTree

    return cKDTree(xy)


def _kernel_matrix(tree: Any, xy: FloatArray, h: float, function: Callable[[FloatArray], FloatArray]) -> Any:
    from scipy import sparse

    n = xy.shape[0]
    blocks = []
    for start in range(0, n, _BLOCK_ROWS):
        stop = min(start + _BLOCK_ROWS, n)
        pairs = kd_tree(xy[start:stop]).sparse_distance_matrix(tree, max_distance=h, output_type="ndarray")
        rows = pairs["i"].astype(np.int64)
        cols = pairs["j"].astype(np.int64)
        values = function(pairs["v"] / h)
        values[rows + start == cols] = 1.0
        blocks.append(sparse.coo_array((values, (rows, cols)), shape=(stop - start, n)).tocsr())
    if not blocks:
        return sparse.csr_array((0, 0), dtype=np.float64)
    matrix = sparse.vstack(blocks, format="csr")
    matrix.sort_indices()
    return matrix


def smooth_counts(
    values: npt.ArrayLike,
    weights: KernelWeights | Any,
    *,
    area_axis: int = -1,
    round_counts: bool = True,
) -> FloatArray:
    """Local environments ``x~_i = sum_j w_ij x_j`` along ``area_axis`` of a batch of counts.

    ``values`` may have any leading/trailing batch dimensions: (..., n) for one group, (..., n, k)
    with ``area_axis=-2`` for several groups. ``round_counts`` rounds the result to whole persons
    (half to even), as the reference's ``_build_local_environment`` does (``DataFrame.round(0)``);
    pass ``False`` for the exact weighted sums. ``weights`` is a :class:`KernelWeights` or any
    n × n scipy sparse matrix.
    """
    matrix = weights.matrix if isinstance(weights, KernelWeights) else weights
    array = np.asarray(values, dtype=np.float64)
    moved = np.moveaxis(array, area_axis, 0)
    n = moved.shape[0]
    if matrix.shape != (n, n):
        raise SegregationInputError(f"The weights are for {matrix.shape[0]} areas but the counts have {n}.")
    flat = moved.reshape(n, -1)
    result = np.asarray(matrix @ flat, dtype=np.float64).reshape(moved.shape)
    if round_counts:
        np.round(result, out=result)
    return np.moveaxis(result, 0, area_axis)
