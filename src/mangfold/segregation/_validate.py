"""Input checks and small array helpers shared by the segregation modules.

Every index function converts its input with :func:`check_single` (a focal group ``x`` and area totals
``t``) or :func:`check_counts` (a matrix of group counts, areas × groups). Both return float64 arrays and
raise :class:`SegregationInputError` naming the first offending area: by its position along the area axis,
or by its label when the caller passes ``areas=`` (the pandas helpers in :mod:`mangfold.segregation.frames`
do). The checks are a couple of vectorised passes (block by block for one city, see
:mod:`mangfold.segregation._chunked`); the detailed diagnosis only runs when a check fails.

Conventions (used by every module in the package):

- The last axis of ``x`` and ``t`` is the area axis; any leading axes are a batch (e.g. 999 simulated
  replicates). Multigroup counts have shape ``(..., n, k)``: areas on the second-to-last axis, groups
  on the last.
- Counts are converted to float64 before any sum, so large integer counts (1e15 per area) never overflow
  (an int64 sum would wrap at 9.2e18). Non-integer counts are accepted.
- Zero-population areas are allowed: their shares are defined as 0 and they carry zero weight.
- Indices are returned as a Python ``float`` for one city (1-D input) and as an array of shape ``(...)``
  for batched input (see :func:`finish`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from mangfold.segregation._chunked import within

_TINY = float(np.finfo(np.float64).tiny)

FloatArray: TypeAlias = npt.NDArray[np.float64]
Result: TypeAlias = float | FloatArray
Seed: TypeAlias = int | np.random.Generator | np.random.SeedSequence | None

__all__ = [
    "FloatArray",
    "Result",
    "Seed",
    "SegregationInputError",
    "as_float",
    "check_counts",
    "check_single",
    "finish",
    "rng",
    "shares",
    "xlogx",
]


class SegregationInputError(ValueError):
    """Counts that no segregation index can use (negative, NaN, infinite, or a group above its total).

    ``area`` holds the label (or position) of the first offending area, ``None`` for a problem with the
    whole input (wrong shape, no areas).
    """

    def __init__(self, message: str, *, area: object = None) -> None:
        super().__init__(message)
        self.area = area


def as_float(values: npt.ArrayLike, name: str) -> FloatArray:
    """``values`` as a float64 array; raise :class:`SegregationInputError` if that is impossible."""
    try:
        return np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as exc:
        raise SegregationInputError(f"{name}: counts must be numbers ({exc})") from exc


def _label(position: tuple[int, ...], areas: Sequence[object] | None) -> tuple[object, str]:
    """The area (label or index) at ``position`` (area on the last axis, batch before it), for messages."""
    area_index = int(position[-1])
    area: object = areas[area_index] if areas is not None else area_index
    text = f"area {area!r}" if areas is not None else f"area {area_index}"
    if len(position) > 1:
        text += f" (batch {tuple(int(i) for i in position[:-1])})"
    return area, text


def _first(mask: npt.NDArray[np.bool_]) -> tuple[int, ...]:
    return tuple(int(i) for i in np.argwhere(mask)[0])


def _check_areas(n: int, areas: Sequence[object] | None) -> None:
    if n == 0:
        raise SegregationInputError("no areas: an index needs at least one area")
    if areas is not None and len(areas) != n:
        raise SegregationInputError(f"{len(areas)} area labels for {n} areas")


def check_single(
    x: npt.ArrayLike, t: npt.ArrayLike, *, areas: Sequence[object] | None = None
) -> tuple[FloatArray, FloatArray]:
    """Validate a focal group ``x`` against area totals ``t``; return both as float64 arrays.

    ``x`` and ``t`` have shape ``(..., n)`` and must broadcast against each other (e.g. ``x`` of shape
    ``(999, n)`` with ``t`` of shape ``(n,)``). Raises :class:`SegregationInputError` for NaN or infinite
    values, negative counts, or a group count above its area's total, naming the first such area.
    """
    xa = as_float(x, "group")
    ta = as_float(t, "total")
    if xa.ndim == 0 or ta.ndim == 0:
        raise SegregationInputError("counts must be arrays with one value per area (got a scalar)")
    if xa.shape[-1] != ta.shape[-1]:
        raise SegregationInputError(f"{xa.shape[-1]} group counts for {ta.shape[-1]} area totals")
    _check_areas(xa.shape[-1], areas)
    # Fast path: NaN fails every comparison. One city is checked block by block (no n-long masks).
    if xa.ndim == 1 and ta.ndim == 1:
        if within(xa, ta):
            return xa, ta
    else:
        try:
            np.broadcast_shapes(xa.shape, ta.shape)
        except ValueError as exc:
            raise SegregationInputError(
                f"group counts of shape {xa.shape} do not match totals of shape {ta.shape}"
            ) from exc
        if bool(np.all((xa >= 0) & (xa <= ta))) and bool(np.all(np.isfinite(ta))):
            return xa, ta
    xb, tb = np.broadcast_arrays(xa, ta)
    for mask, what in (
        (np.isnan(xb), "the group count is NaN"),
        (np.isnan(tb), "the total is NaN"),
        (np.isinf(xb), "the group count is infinite"),
        (np.isinf(tb), "the total is infinite"),
        (xb < 0, "the group count is negative"),
        (tb < 0, "the total is negative"),
        (xb > tb, "the group count exceeds the total"),
    ):
        if mask.any():
            position = _first(mask)
            area, text = _label(position, areas)
            values = f" (group {xb[position]:g}, total {tb[position]:g})"
            raise SegregationInputError(f"{text}: {what}{values}", area=area)
    raise AssertionError("unreachable: a failed check must have a cause")  # pragma: no cover


def check_counts(
    counts: npt.ArrayLike,
    *,
    areas: Sequence[object] | None = None,
    groups: Sequence[object] | None = None,
) -> FloatArray:
    """Validate a count matrix of shape ``(..., n, k)`` (areas × groups); return it as float64.

    Raises :class:`SegregationInputError` for NaN, infinite or negative counts, naming the first such
    area (and group, by label when ``groups`` is given).
    """
    c = as_float(counts, "counts")
    if c.ndim < 2:
        raise SegregationInputError(
            f"counts must have shape (areas, groups), got an array of shape {c.shape}"
        )
    _check_areas(c.shape[-2], areas)
    if c.shape[-1] == 0:
        raise SegregationInputError("no groups: counts need at least one group column")
    if groups is not None and len(groups) != c.shape[-1]:
        raise SegregationInputError(f"{len(groups)} group labels for {c.shape[-1]} groups")
    if bool(np.all((c >= 0) & (c < np.inf))):
        return c
    for mask, what in (
        (np.isnan(c), "count is NaN"),
        (np.isinf(c), "count is infinite"),
        (c < 0, "count is negative"),
    ):
        if mask.any():
            position = _first(mask)
            area, text = _label(position[:-1], areas)
            group = groups[position[-1]] if groups is not None else position[-1]
            raise SegregationInputError(f"{text}, group {group!r}: the {what}", area=area)
    raise AssertionError("unreachable: a failed check must have a cause")  # pragma: no cover


def finish(value: Any) -> Result:
    """A 0-d result as a Python float, anything else as a float64 array (batched input)."""
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 0:
        return float(arr)
    return arr


def shares(x: FloatArray, t: FloatArray) -> FloatArray:
    """``x / t`` with 0 where ``t == 0`` (an empty area), without division warnings.

    Assumes validated counts: ``0 <= x <= t``, so ``x`` is 0 wherever ``t`` is.
    """
    return np.asarray(x / np.where(t > 0, t, 1.0))


def xlogx(p: FloatArray) -> FloatArray:
    """``p · ln p`` elementwise for ``p >= 0``, with the convention ``0 · ln 0 = 0``.

    The logarithm is taken of ``p + m`` with ``m`` the smallest normal double: ``0`` gives
    ``0 · ln m = 0``, and ``p + m`` rounds to ``p`` for every ``p >= 2^-969``, so the result is exact
    there (below, it is off by less than 1e-305). An addition is several times faster than the
    ``maximum`` that would do the same. One temporary: the sum, the logarithm and the product are
    written into the same array.
    """
    q = np.add(p, _TINY, out=np.empty(np.shape(p)))
    np.log(q, out=q)
    return np.multiply(p, q, out=q)


def rng(seed: Seed) -> np.random.Generator:
    """A NumPy Generator from a seed, a SeedSequence, an existing Generator (used as is) or None."""
    return np.random.default_rng(seed)
