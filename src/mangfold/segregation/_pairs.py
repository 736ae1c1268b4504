"""The Gini indices' pair sum ``Σ_{i<j} w_i w_j |p_i − p_j|`` in O(n log n), and the sort it rests on.

:func:`pair_sum` sorts the areas by their group share ``p_i`` and adds, for each gap between neighbouring
shares, the gap times the mass below it times the mass above it.

The order: the Gini indices need the areas in the order of their share together with their weights,
that is an argsort. NumPy sorts plain 64-bit keys several times faster than it argsorts them (its SIMD
sorts handle keys, not key–index pairs), so :func:`share_order` packs each area's index into the low
bits of its share and sorts the packed keys:

- a non-negative float64 has the bit pattern of a non-negative int64 that sorts in the same order;
- the lowest ``b = bit_length(n − 1)`` bits of that pattern are replaced by the area's index, so
  the sorted keys carry the permutation, and areas with equal shares come out in index order;
- shares that differ only in those ``b`` low bits (a relative difference below ``2^(b − 52)``) may come
  out in the wrong order. The shares are therefore taken in the sorted order and checked: if any pair
  of neighbours is out of order, a stable sort of the nearly sorted shares (timsort: close to linear
  on such input) repairs the order. The result is always an exact ordering.

Rows longer than ``2^24`` areas, and input that is not a non-negative float64, take NumPy's argsort.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from mangfold.segregation._validate import FloatArray

__all__ = ["pair_sum", "share_order"]

#: Up to this many index bits the packed keys keep at least 28 bits of each share's mantissa.
_MAX_INDEX_BITS = 24


def share_order(p: FloatArray, out: FloatArray | None = None) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """``(order, sorted_p)``: indices that sort ``p`` along its last axis, and ``p`` in that order.

    ``p`` is float64 with every value ``>= 0`` (shares; ``-0.0`` counts as 0). Ties keep no particular
    order. The returned order is exact: ``sorted_p`` is non-decreasing along the last axis. ``out``, a
    C-contiguous float64 array of shape ``(2, *p.shape)``, receives the order (as int64, in row 0) and
    the sorted shares (row 1) unless a repair was needed; without it, two arrays are allocated.
    """
    n = p.shape[-1]
    bits = max(1, (n - 1).bit_length())
    if p.dtype != np.float64 or bits > _MAX_INDEX_BITS or n < 2:
        order = np.argsort(p, axis=-1)
        return order, np.take_along_axis(p, order, axis=-1)
    if out is None:
        out = np.empty((2, *p.shape))
    mask = (1 << bits) - 1
    np.add(p, 0.0, out=out[0])  # + 0.0: -0.0 becomes 0.0
    keys = out[0].view(np.int64)
    np.bitwise_and(keys, ~mask, out=keys)
    np.bitwise_or(keys, np.arange(n, dtype=np.int64), out=keys)
    keys.sort(axis=-1)
    order = np.bitwise_and(keys, mask, out=keys)
    ordered = out[1]
    if p.ndim == 1:
        np.take(p, order, out=ordered)
    else:
        ordered[...] = np.take_along_axis(p, order, axis=-1)
    if np.any(ordered[..., 1:] < ordered[..., :-1]):
        repair = np.argsort(ordered, axis=-1, kind="stable")
        order = np.take_along_axis(order, repair, axis=-1)
        ordered = np.take_along_axis(ordered, repair, axis=-1)
    return order, ordered


def pair_sum(p: FloatArray, w: npt.ArrayLike, *, counts: npt.ArrayLike | None = None) -> FloatArray:
    """``Σ_{i<j} w_i w_j |p_i − p_j|`` along the last axis, in O(n log n).

    After sorting by ``p``, each gap ``p_(k+1) − p_(k)`` is crossed by every pair with one member at or
    below ``k`` and one above, so the sum is ``Σ_k gap_k · W_≤k · W_>k``. All terms are non-negative (no
    cancellation), and the masses below and above come from cumulative sums (one exact integer sum for
    whole-number weights, else one from each end).

    ``counts`` (the group counts behind ``p = counts / w``, same shape as ``p``) makes the gaps exact
    for whole-number counts: ``x_b / t_b − x_a / t_a`` is evaluated as ``(x_b t_a − x_a t_b) / (t_a t_b)``,
    whose products are exact below 2^53, so the gap is correctly rounded. The difference of two rounded
    shares loses digits when the shares are close (two areas with 200 of 201 and 199 of 200: a relative
    error of 1e-12 in that gap), and the index inherits it when such gaps dominate.
    """
    wa = np.asarray(w, dtype=np.float64)
    if wa.shape[-1:] == p.shape[-1:] and wa.size == p.shape[-1]:  # one city's weights for every row
        ca = None if counts is None else np.broadcast_to(np.asarray(counts, dtype=np.float64), p.shape)
        return _rows_pair_sum(p, wa.reshape(-1), ca)
    order, ps = share_order(p)
    ws = np.take_along_axis(np.broadcast_to(wa, p.shape), order, axis=-1)
    below = np.cumsum(ws, axis=-1)[..., :-1]
    above = np.cumsum(ws[..., ::-1], axis=-1)[..., ::-1][..., 1:]
    gaps = np.diff(ps, axis=-1)
    return np.asarray(np.einsum("...i,...i,...i->...", gaps, below, above))


def _rows_pair_sum(p: FloatArray, w: FloatArray, counts: FloatArray | None) -> FloatArray:
    """:func:`pair_sum` of every row of ``p`` (one city, or each group of one city in the multigroup
    Gini) with the same weights ``w`` (the city's area totals).

    Every temporary is a row of one ``(5, *p.shape)`` block, written in place: glibc then keeps that
    memory between calls rather than handing it back to the system and faulting it in again on the next
    call (a minor page fault costs microseconds on a virtual machine; seven separate temporaries cost
    more than the sort of 10,000 shares).
    """
    work = np.empty((5, *p.shape))
    order, ps = share_order(p, out=work[:2])
    weights = np.take(w, order, out=work[2])  # w[order] row by row
    gaps = work[3, ..., :-1]
    np.subtract(ps[..., 1:], ps[..., :-1], out=gaps)
    scratch = ps.reshape(-1)[: w.size]  # the sorted shares are no longer needed
    whole = np.array_equal(w, np.rint(w, out=scratch)) and np.add.reduce(w) < 2.0**53
    if whole and counts is not None and float(np.max(w)) ** 2 < 2.0**53:
        _exact_gaps(counts, order, weights, gaps, spare=work[4], scratch=ps, free=work[0])
    if whole:
        # Whole-number weights: one integer cumulative sum, exact, and W_>k = W − W_≤k exactly.
        mass = np.cumsum(weights, axis=-1, dtype=np.int64, out=work[0].view(np.int64))
        below = mass[..., :-1]
        gaps *= below
        np.subtract(mass[..., -1:], below, out=below)  # the mass above each gap, in place
        gaps *= below
    else:
        gaps *= np.cumsum(weights, axis=-1)[..., :-1]
        gaps *= np.cumsum(weights[..., ::-1], axis=-1)[..., ::-1][..., 1:]
    return np.asarray(np.add.reduce(gaps, axis=-1))


def _exact_gaps(
    counts: FloatArray,
    order: npt.NDArray[np.int64],
    weights: FloatArray,
    gaps: FloatArray,
    *,
    spare: FloatArray,
    scratch: FloatArray,
    free: FloatArray,
) -> None:
    """Overwrite ``gaps`` with ``(x_b t_a − x_a t_b) / (t_a t_b)`` where the counts are whole and
    ``t_a t_b > 0`` (an empty area keeps the difference of the shares, ``0`` and ``x_b / t_b``, exact).

    ``spare``, ``scratch`` and ``free`` are rows of ``p``'s shape that may be overwritten (``free`` may
    be the memory of ``order``: it is read first).
    """
    xs = spare
    if counts.ndim == 1:
        np.take(counts, order, out=xs)
    else:
        xs[...] = np.take_along_axis(counts, order, axis=-1)
    if not np.array_equal(xs, np.rint(xs, out=scratch)):
        return
    num, other = scratch[..., :-1], free[..., :-1]
    np.multiply(xs[..., 1:], weights[..., :-1], out=num)
    np.multiply(xs[..., :-1], weights[..., 1:], out=other)
    np.subtract(num, other, out=num)
    den = np.multiply(weights[..., 1:], weights[..., :-1], out=other)
    np.divide(num, den, out=gaps, where=den > 0)
