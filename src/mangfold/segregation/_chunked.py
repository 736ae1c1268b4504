"""Block-wise passes over one city's counts: the large-``n`` path of the single-group indices.

An index that weighs each area by the city totals reads the counts at least twice: once for the totals,
once for the per-area terms. Written as whole-array NumPy expressions, every intermediate (``t − x``,
``Y x``, ``X y``, their difference and its absolute value, the masks of the input check) is an ``n``-long
temporary: at 10 million areas a dozen passes over 80 MB arrays and a fresh allocation (page faults) for
each. The functions here walk 1-D arrays in blocks of :data:`BLOCK` areas (1 MiB of float64) and write
into a few block buffers reused from block to block, so each pass reads the counts from main memory
once and every other operation on a block runs in the CPU cache.

Sums are NumPy's pairwise sums within a block, combined across blocks with :func:`math.fsum` (exactly
rounded), so their rounding error does not grow with the number of blocks.

Blocks of any real dtype other than float64 are converted to float64 one at a time, and the float64
values are what is checked and summed, as :func:`~mangfold.segregation._validate.check_single` does
for a whole array.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

FloatArray: TypeAlias = npt.NDArray[np.float64]
Counts: TypeAlias = npt.NDArray[np.generic]

__all__ = ["BLOCK", "gap_sum", "rest_total", "totals", "vectors", "within"]

#: Areas per block: 1 MiB of float64 per array, so a block and its buffers stay in the cache.
BLOCK = 1 << 17

_REAL = frozenset("biuf")  # bool, signed and unsigned integers, floats


def vectors(x: npt.ArrayLike, t: npt.ArrayLike) -> tuple[Counts, Counts] | None:
    """``x`` and ``t`` as arrays when both are 1-D, of one length ≥ 1 and of a real dtype.

    Long arrays are not copied (the passes convert other dtypes than float64 block by block); arrays
    of at most one block are converted to float64 here, once for all passes. ``None`` for anything else
    (batches, broadcasting, empty or malformed input): the caller then takes the whole-array path,
    which validates and reports such input.
    """
    try:
        xa, ta = np.asarray(x), np.asarray(t)
    except (TypeError, ValueError):
        return None
    if xa.ndim != 1 or xa.shape != ta.shape or xa.shape[0] == 0:
        return None
    if xa.dtype.kind not in _REAL or ta.dtype.kind not in _REAL:
        return None
    if xa.shape[0] <= BLOCK:
        return xa.astype(np.float64, copy=False), ta.astype(np.float64, copy=False)
    return xa, ta


def _blocks(*arrays: Counts) -> Iterator[tuple[Counts, ...]]:
    """Aligned float64 blocks of equally long 1-D arrays: views of float64 input, converted copies else."""
    n = arrays[0].shape[0]
    if n <= BLOCK and all(a.dtype == np.float64 for a in arrays):
        yield arrays  # one block: the arrays themselves
        return
    buffers = [None if a.dtype == np.float64 else np.empty(min(BLOCK, n)) for a in arrays]
    for start in range(0, n, BLOCK):
        stop = min(start + BLOCK, n)
        parts = []
        for array, buffer in zip(arrays, buffers, strict=True):
            part = array[start:stop]
            if buffer is not None:
                converted = buffer[: stop - start]
                np.copyto(converted, part, casting="unsafe")
                part = converted
            parts.append(part)
        yield tuple(parts)


def totals(x: Counts, t: Counts) -> tuple[float, float]:
    """``(Σ x_i, Σ t_i)`` in one pass (inf or nan when a count is, or when a sum overflows)."""
    xs: list[float] = []
    ts: list[float] = []
    for xb, tb in _blocks(x, t):
        xs.append(float(np.add.reduce(xb)))
        ts.append(float(np.add.reduce(tb)))
    return _fsum(xs), _fsum(ts)


def rest_total(x: Counts, t: Counts) -> float:
    """``Σ (t_i − x_i)``, summed from the differences (accurate when it is small against ``Σ t_i``)."""
    buffer = np.empty(min(BLOCK, x.shape[0]))
    parts: list[float] = []
    for xb, tb in _blocks(x, t):
        rest = buffer[: xb.shape[0]]
        np.subtract(tb, xb, out=rest)
        parts.append(float(np.add.reduce(rest)))
    return _fsum(parts)


def gap_sum(x: Counts, t: Counts, X: float, Y: float) -> float | None:
    """``Σ_i |Y x_i − X y_i|`` with ``y_i = t_i − x_i``, checking ``0 <= x_i <= t_i`` on the way.

    One pass; ``None`` when a group count is negative, above its total or NaN (the caller reports it).
    Requires finite ``X > 0`` and ``Y > 0`` (so that ``Y x_i`` has the sign of ``x_i``) and finite counts.
    For integer counts each term is exact (products below 2^53), so nothing cancels.
    """
    size = min(BLOCK, x.shape[0])
    work = np.empty((2, size))
    lows: list[float] = []
    parts: list[float] = []
    with np.errstate(over="ignore", invalid="ignore"):
        for xb, tb in _blocks(x, t):
            pair = work if xb.shape[0] == size else work[:, : xb.shape[0]]
            scaled, rest = pair[0], pair[1]
            np.subtract(tb, xb, out=rest)  # y = t − x
            np.multiply(xb, Y, out=scaled)  # Y x
            lows.append(float(np.minimum.reduce(pair, axis=None)))  # x >= 0 and y >= 0; nan propagates
            np.multiply(rest, X, out=rest)  # X y
            np.subtract(scaled, rest, out=scaled)
            np.absolute(scaled, out=scaled)
            parts.append(float(np.add.reduce(scaled)))
    if not all(low >= 0.0 for low in lows):
        return None
    return _fsum(parts)


def within(x: FloatArray, t: FloatArray) -> bool:
    """Whether ``0 <= x_i <= t_i`` and ``t_i`` is finite for every area (float64 arrays of one length).

    Per block: ``x <= t`` everywhere, ``min x >= 0`` and ``max t < inf`` (a NaN fails every comparison
    and propagates through min and max, so these cover NaN and infinite values too).
    """
    mask = np.empty(min(BLOCK, x.shape[0]), dtype=bool)
    for start in range(0, x.shape[0], BLOCK):
        xb, tb = x[start : start + BLOCK], t[start : start + BLOCK]
        below = mask[: xb.shape[0]]
        np.less_equal(xb, tb, out=below)
        if not (below.all() and np.minimum.reduce(xb) >= 0.0 and np.maximum.reduce(tb) < math.inf):
            return False
    return True


def _fsum(parts: list[float]) -> float:
    """:func:`math.fsum`, except that overflow and ``inf − inf`` give inf and nan instead of an exception."""
    try:
        return math.fsum(parts)
    except (OverflowError, ValueError):
        return sum(parts)
