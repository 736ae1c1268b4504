"""Thin helpers between tables (pandas / GeoPandas) or libpysal weights and the array functions.

Column names become float64 arrays, already validated with the area labels so that an error names the
area as the user knows it ("area 'E00000001': the group count exceeds the total"). pandas, geopandas,
scipy and libpysal are imported inside the functions only: ``import mangfold.segregation`` stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from mangfold.segregation._validate import (
    FloatArray,
    SegregationInputError,
    check_counts,
    check_single,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MultigroupData",
    "SingleGroupData",
    "area_labels",
    "multigroup_arrays",
    "single_group_arrays",
    "weights_matrix",
]


@dataclass(frozen=True)
class SingleGroupData:
    """A focal group ``x`` against totals ``t`` (validated), with the labels of the areas."""

    x: FloatArray
    t: FloatArray
    areas: tuple[object, ...] | None


@dataclass(frozen=True)
class MultigroupData:
    """Group counts ``(n, k)`` (validated), with the group names and the area labels."""

    counts: FloatArray
    groups: tuple[str, ...]
    areas: tuple[object, ...] | None


def area_labels(frame: pd.DataFrame, area: str | None = None) -> tuple[object, ...] | None:
    """The labels of the rows: column ``area`` if given, else the index unless it is a plain range."""
    import pandas as pd

    if area is not None:
        _require(frame, [area])
        return tuple(frame[area].tolist())
    if isinstance(frame.index, pd.RangeIndex):
        return None
    return tuple(frame.index.tolist())


def _require(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        available = ", ".join(map(str, frame.columns))
        raise SegregationInputError(f"no column {missing[0]!r} in the table (columns: {available})")


def _column(frame: pd.DataFrame, name: str, areas: tuple[object, ...] | None) -> FloatArray:
    """Column ``name`` as float64; missing values become NaN (and fail validation, naming the area)."""
    import pandas as pd

    series = frame[name]
    try:
        return np.asarray(series.to_numpy(dtype=np.float64, na_value=np.nan))
    except (TypeError, ValueError):
        numeric = pd.to_numeric(series, errors="coerce")
        bad = np.flatnonzero(numeric.isna().to_numpy() & series.notna().to_numpy())
        where = areas[bad[0]] if areas is not None else int(bad[0])
        raise SegregationInputError(
            f"area {where!r}: column {name!r} holds {series.iloc[bad[0]]!r}, not a number",
            area=where,
        ) from None


def single_group_arrays(
    frame: pd.DataFrame,
    group: str,
    total: str | None = None,
    *,
    other: str | None = None,
    area: str | None = None,
) -> SingleGroupData:
    """Arrays for a single-group index from columns of ``frame``.

    Either ``total`` (the group against the area total) or ``other`` (the two-group form: the group
    against another group, ``t = x + y``). ``area`` names the column of area labels for messages.
    """
    reference = total if other is None else other
    if reference is None or (total is not None and other is not None):
        raise ValueError("give exactly one of total (group against total) or other (two groups)")
    _require(frame, [group, reference])
    labels = area_labels(frame, area)
    x = _column(frame, group, labels)
    ref = _column(frame, reference, labels)
    t = ref if total is not None else x + ref
    xa, ta = check_single(x, t, areas=labels)
    return SingleGroupData(xa, ta, labels)


def multigroup_arrays(
    frame: pd.DataFrame, groups: Sequence[str], *, area: str | None = None
) -> MultigroupData:
    """The count matrix ``(n, k)`` of columns ``groups`` of ``frame`` (area totals are the row sums)."""
    names = tuple(groups)
    if not names:
        raise SegregationInputError("no group columns given")
    _require(frame, names)
    labels = area_labels(frame, area)
    counts = np.column_stack([_column(frame, g, labels) for g in names])
    return MultigroupData(check_counts(counts, areas=labels, groups=names), names, labels)


def weights_matrix(w: Any, ids: Sequence[object] | None = None) -> Any:
    """A libpysal ``W`` as a ``scipy.sparse.csr_array`` whose rows follow ``ids`` (default ``w.id_order``).

    Use it to align weights read from a GAL file (keyed by its own ids) with the rows of a table.
    """
    from scipy import sparse

    matrix = sparse.csr_array(w.sparse)
    if ids is None:
        return matrix
    try:
        order = np.array([w.id2i[i] for i in ids], dtype=np.int64)
    except KeyError as exc:
        raise ValueError(f"area {exc.args[0]!r} is not in the weights") from None
    return sparse.csr_array(matrix[order][:, order])
