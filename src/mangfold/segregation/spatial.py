"""Spatial segregation indices: kernel-smoothed indices, multiscalar profiles, spatial dissimilarity.

Kernel-smoothed ("spatial") indices follow Reardon & O'Sullivan (2004) and PySAL ``segregation``
2.5.4: replace each area's counts by its *local environment*, the kernel-weighted sum of the
counts around it (see :mod:`mangfold.segregation._kernels` for the weights), and compute the
aspatial index on those. Any single-group index ``f(x, t, /, **params)`` or multigroup index
``f(counts, /, **params)`` of this package can be smoothed.

References:
    Reardon, S. F. & O'Sullivan, D. (2004). Measures of spatial segregation. *Sociological
    Methodology* 34, 121–162.
    Morrill, R. L. (1991). On the measure of geographic segregation. *Geography Research Forum*
    11, 25–36.
    Wong, D. W. S. (1993). Spatial indices of segregation. *Urban Studies* 30(3), 559–572.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ._kernels import (
    KernelWeights,
    _kernel_matrix,
    kd_tree,
    kernel_by_name,
    metric_coordinates,
    smooth_counts,
)
from ._validate import FloatArray, SegregationInputError, shares
from .aspatial import dissimilarity

IndexFn = Callable[..., Any]


def spatial_index(
    index_fn: IndexFn,
    x: npt.ArrayLike,
    t: npt.ArrayLike,
    /,
    *,
    weights: KernelWeights,
    round_counts: bool = True,
    **params: Any,
) -> Any:
    """A single-group index on local environments: ``index_fn(W x, W t, **params)``.

    ``x`` and ``t`` (shape (..., n)) are smoothed separately and, by default, rounded to whole
    persons, exactly as PySAL ``segregation``'s spatial versions (``Dissim(gdf, g, t,
    distance=h, function=kernel)``) do.
    """
    return index_fn(
        smooth_counts(x, weights, round_counts=round_counts),
        smooth_counts(t, weights, round_counts=round_counts),
        **params,
    )


def spatial_multigroup_index(
    index_fn: IndexFn,
    counts: npt.ArrayLike,
    /,
    *,
    weights: KernelWeights,
    round_counts: bool = True,
    **params: Any,
) -> Any:
    """A multigroup index on local environments: ``index_fn(W counts, **params)``.

    ``counts`` has shape (..., n, k); each group's column is smoothed (and rounded) on its own.
    """
    smoothed = smooth_counts(counts, weights, area_axis=-2, round_counts=round_counts)
    return index_fn(smoothed, **params)


def kernel_smoothed(
    index_fn: IndexFn,
    weights: KernelWeights,
    *,
    multigroup: bool = False,
    round_counts: bool = True,
) -> IndexFn:
    """The kernel-smoothed version of ``index_fn`` as a function of the raw counts.

    The result has ``index_fn``'s signature (``f(x, t, /, **params)`` or ``f(counts, /,
    **params)``) and accepts the same batch dimensions, so it can be handed to
    :func:`mangfold.segregation.inference.infer` to test a spatial index.
    """
    if multigroup:

        def smoothed_multigroup(counts: npt.ArrayLike, /, **params: Any) -> Any:
            return spatial_multigroup_index(
                index_fn, counts, weights=weights, round_counts=round_counts, **params
            )

        return smoothed_multigroup

    def smoothed_single(x: npt.ArrayLike, t: npt.ArrayLike, /, **params: Any) -> Any:
        return spatial_index(index_fn, x, t, weights=weights, round_counts=round_counts, **params)

    return smoothed_single


@dataclass(frozen=True)
class MultiscalarProfile:
    """An index as a function of the kernel bandwidth (Reardon et al. 2008).

    Attributes:
        bandwidths: the bandwidths in metres (0 is the aspatial index).
        values: the index at each bandwidth.
        kernel: the kernel's name.
    """

    bandwidths: FloatArray
    values: FloatArray
    kernel: str


def multiscalar_profile(
    index_fn: IndexFn,
    x: npt.ArrayLike,
    t: npt.ArrayLike | None,
    coords: npt.ArrayLike,
    bandwidths: Sequence[float] | npt.ArrayLike,
    *,
    kernel: str = "triangular",
    crs: object | None = None,
    round_counts: bool = True,
    **params: Any,
) -> MultiscalarProfile:
    """The kernel-smoothed index at each bandwidth: a segregation profile.

    With ``t=None``, ``x`` holds multigroup counts (n, k) and ``index_fn`` is a multigroup index.
    A bandwidth of 0 gives the aspatial index. The KD-tree is built once for all bandwidths.

    Reardon, S. F. et al. (2008). The geographic scale of metropolitan racial segregation.
    *Demography* 45(3), 489–514. (PySAL's ``compute_multiscalar_profile`` builds its weights
    with ``libpysal.graph`` kernels, whose normalisation differs; this profile uses the same
    weights as :func:`spatial_index` at every scale.)
    """
    function = kernel_by_name(kernel)
    hs = np.asarray(bandwidths, dtype=np.float64).reshape(-1)
    if np.any(~np.isfinite(hs)) or np.any(hs < 0):
        raise SegregationInputError("Bandwidths must be finite distances in metres, >= 0.")
    xy = metric_coordinates(coords, crs)
    tree = kd_tree(xy)
    counts = (x,) if t is None else (x, t)
    values = np.empty(hs.shape, dtype=np.float64)
    for position, h in enumerate(hs):
        if h == 0:
            result = index_fn(*counts, **params)
        else:
            weights = KernelWeights(_kernel_matrix(tree, xy, float(h), function), float(h), kernel)
            smoothed = kernel_smoothed(index_fn, weights, multigroup=t is None, round_counts=round_counts)
            result = smoothed(*counts, **params)
        values[position] = float(result)
    return MultiscalarProfile(hs, values, kernel)


def adjacency_matrix(w: Any, n: int | None = None) -> Any:
    """A contiguity matrix as scipy CSR: from a scipy sparse matrix, a dense array or a
    ``libpysal`` ``W`` (its ``.sparse``, rows in ``W.id_order``, which must be the areas' order).
    """
    from scipy import sparse

    matrix = getattr(w, "sparse", w)
    matrix = (
        sparse.csr_array(matrix)
        if sparse.issparse(matrix)
        else sparse.csr_array(np.asarray(matrix, dtype=np.float64))
    )
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise SegregationInputError(f"The adjacency matrix must be square, got {matrix.shape}.")
    if n is not None and matrix.shape[0] != n:
        raise SegregationInputError(
            f"The adjacency matrix is for {matrix.shape[0]} areas but the counts have {n}."
        )
    return matrix.astype(np.float64)


def spatial_dissimilarity(
    x: npt.ArrayLike,
    t: npt.ArrayLike,
    /,
    *,
    adjacency: Any,
    standardize: bool = False,
) -> Any:
    """Morrill's (1991) spatial dissimilarity ``D(adj) = D - sum_ij c_ij |p_i - p_j| / sum_ij c_ij``.

    ``c`` is a contiguity matrix (PySAL ``SpatialDissim`` uses queen contiguity): a scipy sparse
    matrix, a dense array or a ``libpysal`` ``W``; ``p_i = x_i / t_i`` (0 where ``t_i = 0``).
    With ``standardize`` the rows of ``c`` are divided by their sums (Wong 1993's variant; rows
    of islands stay zero, where the reference gives NaN). Accepts batches (..., n).
    """
    xa = np.asarray(x, dtype=np.float64)
    ta = np.asarray(t, dtype=np.float64)
    n = xa.shape[-1]
    c = adjacency_matrix(adjacency, n).tocoo()
    rows, cols, values = c.row, c.col, np.asarray(c.data, dtype=np.float64)
    if standardize:
        sums = np.bincount(rows, weights=values, minlength=n)
        values = values / sums[rows]
    total = values.sum()
    if total == 0:
        raise SegregationInputError("The adjacency matrix has no neighbours.")
    with np.errstate(divide="ignore", invalid="ignore"):
        p = shares(xa, ta)
    contrast = np.abs(p[..., rows] - p[..., cols]) @ values / total
    return dissimilarity(xa, ta) - contrast
