"""Small-cell suppression of counts before they are shown or published.

**Primary suppression** (threshold rule): a count ``n`` with ``0 < n < threshold`` is replaced by the
missing marker *confidential* (PX ``".."``, :attr:`Missing.CONFIDENTIAL`), never by 0. With
``zeros=True`` zero counts are hidden too (a zero can disclose that nobody of a group lives somewhere).
Statistics Denmark's rule for tables from its registers is a threshold of 3 to 5 persons depending on the
subject; mangfold's default is 5.

**Secondary (complementary) suppression**: a single hidden cell in a line of cells whose sum is known
(e.g. the groups of one area, when the area's total is published) can be recovered by subtraction. For
each line holding exactly one hidden cell, the smallest other cell of the line (a positive one if there
is one) is hidden as well; this is repeated until no line has a single hidden cell. ``lines="groups"``
protects the groups of each (area, period); ``lines="areas"`` the areas of each (group, period), needed
when totals over the areas are published; both together alternate until stable. This is the simple
heuristic, not an optimal pattern (cf. the hypercube method of τ-ARGUS: Hundepool et al., *Statistical
Disclosure Control*, Wiley 2012, §4.4); it protects against one-step subtraction, not against every
linear combination of published sums. Cells already missing in the input count as hidden.

Give the counts of *base* groups (a partition); derive sums afterwards with
:meth:`Counts.with_derived`, which keeps a sum unknown when one of its parts is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mangfold.population.columns import factorize, is_unknown
from mangfold.population.counts import Counts
from mangfold.population.model import Missing

__all__ = ["Suppressed", "suppress"]

_LINES = {"groups": ("area", "period"), "areas": ("group", "period")}


@dataclass(frozen=True)
class Suppressed:
    """Counts after suppression and how many cells each step hid."""

    counts: Counts
    primary: int
    secondary: int
    threshold: int


def suppress(
    counts: Counts,
    threshold: int = 5,
    *,
    zeros: bool = False,
    lines: Sequence[str] | str = ("groups",),
    max_rounds: int = 100,
) -> Suppressed:
    """Hide counts below ``threshold`` as *confidential*, then protect them by secondary suppression.

    ``lines``: ``"groups"``, ``"areas"``, both, or ``()`` for primary suppression only (see the module
    docstring). Returns the new :class:`Counts` (``n`` = NaN and reason ``CONFIDENTIAL`` for hidden
    cells; other cells unchanged) and the number of primary and secondary suppressions.
    """
    if threshold < 1:
        raise ValueError(f"threshold must be at least 1, got {threshold}")
    kinds = (lines,) if isinstance(lines, str) else tuple(lines)
    unknown_kinds = [k for k in kinds if k not in _LINES]
    if unknown_kinds:
        raise ValueError(f"lines must be among {sorted(_LINES)}, got {unknown_kinds}")
    n = np.nan_to_num(counts.n)
    already = is_unknown(counts.missing)
    small = (n < threshold) & ((n > 0) | zeros) & ~already
    hidden = already | small
    secondary = np.zeros(len(counts), dtype=bool)
    line_ids = {k: _line_ids(counts, _LINES[k]) for k in kinds}
    for _ in range(max_rounds):
        changed = False
        for kind in kinds:
            extra = _complements(line_ids[kind], n, hidden)
            if extra.any():
                hidden |= extra
                secondary |= extra
                changed = True
        if not changed:
            break
    newly = small | secondary
    values = np.where(newly, np.nan, counts.n)
    missing = np.where(newly, np.uint8(Missing.CONFIDENTIAL), counts.missing).astype(np.uint8)
    result = Counts.from_arrays(
        counts.area,
        counts.period,
        counts.group,
        values,
        missing,
        scheme=counts.scheme,
        areas=counts.areas,
    )
    return Suppressed(result, int(small.sum()), int(secondary.sum()), threshold)


def _line_ids(counts: Counts, columns: tuple[str, str]) -> npt.NDArray[np.intp]:
    return factorize(*(getattr(counts, c) for c in columns))[0]


def _complements(
    line: npt.NDArray[np.intp], n: npt.NDArray[np.float64], hidden: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """For every line with exactly one hidden cell and some visible cell, the cell to hide next:
    the smallest positive visible cell, else the smallest visible cell (first in row order on ties)."""
    out = np.zeros(len(n), dtype=bool)
    if not len(n):
        return out
    k = int(line.max()) + 1
    hidden_per_line = np.bincount(line, weights=hidden.astype(np.float64), minlength=k)
    exposed = (hidden_per_line == 1)[line] & ~hidden
    rows = np.flatnonzero(exposed)
    if not len(rows):
        return out
    # lexsort: last key first → by line, then zeros last, then n, then row order
    order = np.lexsort((rows, n[rows], n[rows] <= 0, line[rows]))
    ranked = rows[order]
    first = np.ones(len(ranked), dtype=bool)
    first[1:] = line[ranked][1:] != line[ranked][:-1]
    out[ranked[first]] = True
    return out
