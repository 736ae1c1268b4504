"""Column helpers of :class:`~mangfold.population.counts.Counts`, and :class:`Matrix`.

Parallel key columns are factorised (pandas' hash-based ``factorize``, linear in the rows), summed into
groups with the missing-value rule of the tidy table (a sum is unknown when one of its rows is), and one
period's counts are served as an (areas × groups) :class:`Matrix` for ``mangfold.segregation``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mangfold.population.model import Missing

__all__ = [
    "UNKNOWN",
    "Matrix",
    "as_strings",
    "factorize",
    "frozen",
    "group_sum",
    "is_unknown",
    "isin",
    "key_list",
    "reason_of",
]

StrArray = npt.NDArray[np.object_]
FloatArray = npt.NDArray[np.float64]
CodeArray = npt.NDArray[np.uint8]

#: Per missing-value code: is a value with that reason unknown (every reason but NONE and NIL)?
UNKNOWN = np.array([r.is_missing for r in Missing], dtype=bool)


def as_strings(values: Iterable[Any] | npt.ArrayLike) -> StrArray:
    """Keys as an object array of Python strings (``str(v)`` of each value).

    Strings are kept as the same objects (a group code repeated a million times stays one string,
    not a million copies, and no fixed-width text array is built in between).
    """
    arr = np.asarray(values, dtype=object).ravel()
    if len(arr) == 0:
        return np.array([], dtype=object)
    out = np.empty(len(arr), dtype=object)
    out[:] = [v if type(v) is str else str(v) for v in arr.tolist()]
    return out


def frozen(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``a`` as a contiguous read-only array (the columns of a Counts are never written)."""
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a


def factorize(*cols: npt.ArrayLike) -> tuple[npt.NDArray[np.intp], list[StrArray]]:
    """Integer codes of the distinct rows of parallel key columns, and those rows' values.

    ``codes[i]`` numbers row i's key in order of first appearance; ``uniques[j][k]`` is column
    j of key k. Hash-based (pandas.factorize per column), so linear in the number of rows.
    """
    per = [pd.factorize(np.asarray(c, dtype=object)) for c in cols]
    sizes = [max(len(u), 1) for _, u in per]
    if not per or len(per[0][0]) == 0:
        return np.zeros(0, dtype=np.intp), [np.array([], dtype=object) for _ in cols]
    combined = np.ravel_multi_index(tuple(c for c, _ in per), sizes)
    codes, uniq = pd.factorize(combined)
    parts = np.unravel_index(np.asarray(uniq), sizes)
    uniques = [np.asarray(u, dtype=object)[k] for (_, u), k in zip(per, parts, strict=True)]
    return codes.astype(np.intp), uniques


def key_list(v: str | int | Iterable[str | int]) -> list[str]:
    """One key or several as a list of strings (``2008`` → ``["2008"]``)."""
    if isinstance(v, str | int):
        return [str(v)]
    return [str(x) for x in v]


def reason_of(v: Any) -> Missing:
    """A missing-value reason from a :class:`Missing`, its code, a marker (``".."``) or its name
    (``"confidential"``); ``None``, NaN and ``""`` are ``NONE``."""
    if isinstance(v, Missing):
        return v
    if isinstance(v, int | np.integer):
        return Missing(int(v))
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return Missing.NONE
    s = str(v).strip()
    by_marker = Missing.from_marker(s)
    if by_marker is not None:
        return by_marker
    if s == "":
        return Missing.NONE
    try:
        return Missing[s.upper()]
    except KeyError:
        raise ValueError(f"unknown missing-value reason {v!r}") from None


def isin(arr: StrArray, values: Iterable[str]) -> npt.NDArray[np.bool_]:
    """Per element of a string column: is it one of ``values``?"""
    wanted = set(values)
    return np.fromiter((x in wanted for x in arr.tolist()), dtype=bool, count=len(arr))


def group_sum(
    codes: npt.NDArray[np.intp], k: int, n: FloatArray, missing: CodeArray
) -> tuple[FloatArray, CodeArray, npt.NDArray[np.intp]]:
    """Sum ``n`` into ``k`` groups given per-row group ``codes``.

    Returns the sums, the missing reason of each sum (the lowest unknown reason code among
    its rows, ``NONE`` when every row is known; nil rows count as 0) and the row counts.
    """
    unknown = UNKNOWN[missing]
    # float even when there are no rows (NumPy's bincount of nothing is int64, which cannot hold NaN)
    weights = np.where(unknown, 0.0, np.nan_to_num(n))
    total = np.bincount(codes, weights=weights, minlength=k).astype(np.float64)
    reason = np.full(k, 255, dtype=np.uint8)
    np.minimum.at(reason, codes[unknown], missing[unknown])
    reason[reason == 255] = Missing.NONE
    total[UNKNOWN[reason]] = np.nan
    count = np.bincount(codes, minlength=k)
    return total.astype(np.float64), reason, count


def is_unknown(missing: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Per cell: is the value unknown (a missing reason other than ``NONE`` and ``NIL``)?"""
    return UNKNOWN[np.asarray(missing, dtype=np.uint8)]


@dataclass(frozen=True, eq=False)
class Matrix:
    """Counts of one period as an (areas × groups) matrix, for mangfold.segregation.

    ``values[i, j]`` is the count of group ``groups[j]`` in area ``areas[i]``; NaN where
    missing, with the reason in ``missing[i, j]``.
    """

    period: str
    areas: tuple[str, ...]
    groups: tuple[str, ...]
    values: FloatArray
    missing: CodeArray

    def column(self, group: str) -> FloatArray:
        """The counts of one group over the areas (a NumPy vector)."""
        return self.values[:, self.groups.index(group)]

    @property
    def complete(self) -> bool:
        """True when no cell is missing."""
        return not bool(is_unknown(self.missing).any())

    def to_pandas(self) -> pd.DataFrame:
        return pd.DataFrame(self.values, index=list(self.areas), columns=list(self.groups))
