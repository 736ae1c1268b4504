"""The order of non-negative shares along the last axis, by one sort of packed integer keys.

The Gini indices need the areas in the order of their group share ``p_i`` together with their weights,
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

__all__ = ["share_order"]

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
