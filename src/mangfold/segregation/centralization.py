"""Centralisation: how close a group lives to the centre of the city (Massey & Denton 1988).

Areas are ordered by increasing distance to the centre; ``X_i``, ``Y_i`` and ``A_i`` are the
cumulative proportions, over areas 1..i of that order, of the focal group, of the rest of the
population (``t - x``) and of the land area. Then

- absolute centralisation ``ACE = sum_{i=2}^n X_{i-1} A_i - sum_{i=2}^n X_i A_{i-1}``, in [-1, 1]:
  the share of the group that would have to move to have a uniform density over the city's land
  (positive: the group lives closer to the centre than the land);
- relative centralisation ``RCE = sum_{i=2}^n X_{i-1} Y_i - sum_{i=2}^n X_i Y_{i-1}``, in [-1, 1]:
  the same against the rest of the population (positive: the group is more central).

Massey, D. S. & Denton, N. A. (1988). The dimensions of residential segregation. *Social Forces*
67(2), 281–315 (who take relative centralisation from Duncan & Duncan). Matches PySAL
``segregation`` 2.5.4's ``AbsoluteCentralization`` and ``RelativeCentralization`` (which compute
the distances from centroids for you; here you pass them, see :func:`distance_to_centre`). Ties
in distance keep the areas' order (a stable sort).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from ._kernels import metric_coordinates
from ._validate import FloatArray, SegregationInputError, check_single

_CENTRES = ("mean", "median", "population_weighted_mean", "largest_population")


def distance_to_centre(
    coords: npt.ArrayLike,
    centre: str | tuple[float, float] | npt.ArrayLike = "mean",
    *,
    totals: npt.ArrayLike | None = None,
    crs: object | None = None,
) -> FloatArray:
    """Euclidean distance (metres) from each area's coordinates to the city centre.

    ``centre`` is a point (x, y) in the coordinates' system or one of PySAL's rules: ``"mean"``
    or ``"median"`` of the coordinates, ``"population_weighted_mean"`` (weights ``totals``) or
    ``"largest_population"`` (the mean position of the area(s) with the largest ``totals``).
    With ``crs`` the coordinates (and a point centre) are first projected to metres.
    """
    raw = np.asarray(coords, dtype=np.float64)
    if isinstance(centre, str):
        if centre not in _CENTRES:
            raise SegregationInputError(
                f"Unknown centre rule {centre!r}; choose one of {', '.join(_CENTRES)} or a point."
            )
        xy = metric_coordinates(raw, crs)
        point = _centre_point(xy, centre, totals)
    else:
        point_in = np.asarray(centre, dtype=np.float64).reshape(-1)
        if point_in.shape != (2,):
            raise SegregationInputError("The centre must be a point (x, y).")
        both = metric_coordinates(np.vstack([raw, point_in]), crs)
        xy, point = both[:-1], both[-1]
    return np.asarray(np.hypot(xy[:, 0] - point[0], xy[:, 1] - point[1]), dtype=np.float64)


def _centre_point(xy: FloatArray, rule: str, totals: npt.ArrayLike | None) -> FloatArray:
    if rule == "mean":
        return np.asarray(xy.mean(axis=0), dtype=np.float64)
    if rule == "median":
        return np.asarray(np.median(xy, axis=0), dtype=np.float64)
    if totals is None:
        raise SegregationInputError(f"The centre rule {rule!r} needs the area totals.")
    t = np.asarray(totals, dtype=np.float64)
    if t.shape != (xy.shape[0],):
        raise SegregationInputError("There must be one total per area.")
    if rule == "population_weighted_mean":
        return np.asarray(np.average(xy, axis=0, weights=t), dtype=np.float64)
    return np.asarray(xy[t == t.max()].mean(axis=0), dtype=np.float64)


def _ordered_cumulative(values: FloatArray, order: npt.NDArray[np.intp]) -> FloatArray:
    ordered = np.take(values, order, axis=-1)
    cumulative = np.cumsum(ordered, axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(cumulative / cumulative[..., -1:], dtype=np.float64)


def _lorenz_area(first: FloatArray, second: FloatArray) -> Any:
    """``sum_{i>=2} F_{i-1} S_i - sum_{i>=2} F_i S_{i-1}`` along the last axis."""
    return (first[..., :-1] * second[..., 1:]).sum(axis=-1) - (first[..., 1:] * second[..., :-1]).sum(axis=-1)


def _check(
    x: npt.ArrayLike, t: npt.ArrayLike, distance: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.intp]]:
    xa, ta = check_single(x, t)
    d = np.asarray(distance, dtype=np.float64)
    if d.shape != (xa.shape[-1],):
        raise SegregationInputError("There must be one distance to the centre per area.")
    if np.any(~np.isfinite(d)):
        area = int(np.flatnonzero(~np.isfinite(d))[0])
        raise SegregationInputError(f"area {area}: the distance to the centre is not finite", area=area)
    return xa, ta, np.argsort(d, kind="stable")


def absolute_centralization(
    x: npt.ArrayLike, t: npt.ArrayLike, /, *, area: npt.ArrayLike, distance: npt.ArrayLike
) -> Any:
    """Absolute centralisation ACE (Massey & Denton 1988); see the module doc.

    Args:
        x: focal group counts (..., n).
        t: area totals (..., n) (only checked: ACE compares the group with land area).
        area: land area of each area (n,), any unit.
        distance: distance of each area to the centre (n,), see :func:`distance_to_centre`.
    """
    xa, _, order = _check(x, t, distance)
    a = np.asarray(area, dtype=np.float64)
    if a.shape != (xa.shape[-1],) or np.any(a < 0):
        raise SegregationInputError("There must be one non-negative land area per area.")
    return _lorenz_area(_ordered_cumulative(xa, order), _ordered_cumulative(a, order))


def relative_centralization(x: npt.ArrayLike, t: npt.ArrayLike, /, *, distance: npt.ArrayLike) -> Any:
    """Relative centralisation RCE of the group against the rest ``t - x`` (Massey & Denton 1988).

    Args:
        x: focal group counts (..., n).
        t: area totals (..., n).
        distance: distance of each area to the centre (n,), see :func:`distance_to_centre`.
    """
    xa, ta, order = _check(x, t, distance)
    return _lorenz_area(_ordered_cumulative(xa, order), _ordered_cumulative(ta - xa, order))
