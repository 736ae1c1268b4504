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

Long inputs (at least :data:`PARALLEL_BLOCKS` blocks) are split into contiguous runs of whole blocks,
one per worker thread (:func:`workers`: the CPUs this process may use, at most 4, or the environment
variable ``MANGFOLD_THREADS``). NumPy releases the GIL inside each block operation, so the runs are
read from memory side by side. The blocks and their partial sums are the same whatever the number of
threads, and :func:`math.fsum` is exactly rounded whatever the order of its terms: the results do not
depend on the thread count.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Iterator
from typing import TypeAlias, TypeVar

import numpy as np
import numpy.typing as npt

FloatArray: TypeAlias = npt.NDArray[np.float64]
Counts: TypeAlias = npt.NDArray[np.generic]

__all__ = ["BLOCK", "PARALLEL_BLOCKS", "gap_sum", "rest_total", "totals", "vectors", "within", "workers"]

#: Areas per block: 1 MiB of float64 per array, so a block and its buffers stay in the cache.
BLOCK = 1 << 17
#: Inputs of at least this many blocks are shared out among worker threads.
PARALLEL_BLOCKS = 4
#: At most this many threads by default: two or three already read memory at its full bandwidth.
MAX_WORKERS = 4

_Part = TypeVar("_Part")

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


def workers() -> int:
    """Threads for one pass: ``MANGFOLD_THREADS`` if set (≥ 1), else the usable CPUs, at most 4."""
    setting = os.environ.get("MANGFOLD_THREADS", "").strip()
    if setting:
        try:
            return max(1, int(setting))
        except ValueError:
            raise ValueError(f"MANGFOLD_THREADS must be a whole number, not {setting!r}") from None
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    return max(1, min(usable, MAX_WORKERS))


def _spans(n: int) -> list[tuple[int, int]]:
    """``[start, stop)`` runs of whole blocks covering ``0 … n``, one per worker (one run when short)."""
    blocks = -(-n // BLOCK)
    count = min(workers(), blocks) if blocks >= PARALLEL_BLOCKS else 1
    edges = [BLOCK * (blocks * k // count) for k in range(count)] + [n]
    return [(edges[k], min(edges[k + 1], n)) for k in range(count)]


def _map_spans(task: Callable[[int, int], list[_Part]], n: int) -> list[_Part]:
    """``task(start, stop)`` for each run of :func:`_spans`, on threads; the parts in area order.

    The first run is done by the calling thread. Threads are started per call (a pass over millions of
    areas takes milliseconds; a pool kept between calls would not survive a fork of the process).
    """
    spans = _spans(n)
    if len(spans) == 1:
        return task(*spans[0])
    results: list[list[_Part]] = [[] for _ in spans]
    errors: list[BaseException] = []

    def run(k: int) -> None:
        try:
            results[k] = task(*spans[k])
        except BaseException as error:  # re-raised in the calling thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(k,), daemon=True) for k in range(1, len(spans))]
    for thread in threads:
        thread.start()
    run(0)
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return [part for result in results for part in result]


def _blocks(x: Counts, t: Counts, start: int, stop: int) -> Iterator[tuple[Counts, Counts]]:
    """Aligned float64 blocks of ``x`` and ``t`` from ``start`` (a multiple of :data:`BLOCK`) to ``stop``:
    views of float64 input, converted copies else (one buffer per array, reused from block to block)."""
    if start == 0 and stop == x.shape[0] <= BLOCK and x.dtype == t.dtype == np.float64:
        yield x, t  # one block: the arrays themselves
        return
    size = min(BLOCK, stop - start)
    buffers = [None if a.dtype == np.float64 else np.empty(size) for a in (x, t)]
    for begin in range(start, stop, BLOCK):
        end = min(begin + BLOCK, stop)
        parts = []
        for array, buffer in zip((x, t), buffers, strict=True):
            part = array[begin:end]
            if buffer is not None:
                converted = buffer[: end - begin]
                np.copyto(converted, part, casting="unsafe")
                part = converted
            parts.append(part)
        yield parts[0], parts[1]


def totals(x: Counts, t: Counts) -> tuple[float, float]:
    """``(Σ x_i, Σ t_i)`` in one pass (inf or nan when a count is, or when a sum overflows)."""

    def sums(start: int, stop: int) -> list[tuple[float, float]]:
        return [(float(np.add.reduce(xb)), float(np.add.reduce(tb))) for xb, tb in _blocks(x, t, start, stop)]

    parts = _map_spans(sums, x.shape[0])
    return _fsum([p[0] for p in parts]), _fsum([p[1] for p in parts])


def rest_total(x: Counts, t: Counts) -> float:
    """``Σ (t_i − x_i)``, summed from the differences (accurate when it is small against ``Σ t_i``)."""

    def sums(start: int, stop: int) -> list[float]:
        buffer = np.empty(min(BLOCK, stop - start))
        parts: list[float] = []
        for xb, tb in _blocks(x, t, start, stop):
            rest = np.subtract(tb, xb, out=buffer[: xb.shape[0]])
            parts.append(float(np.add.reduce(rest)))
        return parts

    return _fsum(_map_spans(sums, x.shape[0]))


def gap_sum(x: Counts, t: Counts, X: float, Y: float) -> float | None:
    """``Σ_i |Y x_i − X y_i|`` with ``y_i = t_i − x_i``, checking ``0 <= x_i <= t_i`` on the way.

    One pass; ``None`` when a group count is negative, above its total or NaN (the caller reports it).
    Requires finite ``X > 0`` and ``Y > 0`` (so that ``Y x_i`` has the sign of ``x_i``) and finite counts.
    For integer counts each term is exact (products below 2^53), so nothing cancels.
    """

    def sums(start: int, stop: int) -> list[tuple[float, float]]:
        size = min(BLOCK, stop - start)
        work = np.empty((2, size))
        parts: list[tuple[float, float]] = []
        with np.errstate(over="ignore", invalid="ignore"):
            for xb, tb in _blocks(x, t, start, stop):
                pair = work if xb.shape[0] == size else work[:, : xb.shape[0]]
                scaled, rest = pair[0], pair[1]
                np.subtract(tb, xb, out=rest)  # y = t − x
                np.multiply(xb, Y, out=scaled)  # Y x
                low = float(np.minimum.reduce(pair, axis=None))  # x >= 0 and y >= 0; nan propagates
                np.multiply(rest, X, out=rest)  # X y
                np.subtract(scaled, rest, out=scaled)
                np.absolute(scaled, out=scaled)
                parts.append((low, float(np.add.reduce(scaled))))
        return parts

    parts = _map_spans(sums, x.shape[0])
    if not all(low >= 0.0 for low, _ in parts):
        return None
    return _fsum([part for _, part in parts])


def within(x: FloatArray, t: FloatArray) -> bool:
    """Whether ``0 <= x_i <= t_i`` and ``t_i`` is finite for every area (float64 arrays of one length).

    Per block: ``x <= t`` everywhere, ``min x >= 0`` and ``max t < inf`` (a NaN fails every comparison
    and propagates through min and max, so these cover NaN and infinite values too).
    """

    def check(start: int, stop: int) -> list[bool]:
        mask = np.empty(min(BLOCK, stop - start), dtype=bool)
        for xb, tb in _blocks(x, t, start, stop):
            below = np.less_equal(xb, tb, out=mask[: xb.shape[0]])
            if not (below.all() and np.minimum.reduce(xb) >= 0.0 and np.maximum.reduce(tb) < math.inf):
                return [False]
        return [True]

    verdicts: list[bool] = _map_spans(check, x.shape[0])
    return all(verdicts)


def _fsum(parts: list[float]) -> float:
    """:func:`math.fsum`, except that overflow and ``inf − inf`` give inf and nan instead of an exception."""
    try:
        return math.fsum(parts)
    except (OverflowError, ValueError):
        return sum(parts)
