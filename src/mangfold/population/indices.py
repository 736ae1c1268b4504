"""Headline figures per city and period: origin shares and two-group segregation indices.

For a city (an area, by default a municipality) and a period, over the small areas inside it
that are present then (absent areas — no population — are left out):

- the share of the population with immigrant background and with non-Western background
  (each over the total population; ``nan`` if the scheme has no such group);
- for a focal group against a reference group (default: non-Western background against Danish
  origin) the two-group index of dissimilarity, isolation index and Theil's entropy index H,
  computed by :mod:`mangfold.segregation` on ``two_group(x, y)``, i.e. with area totals
  ``t_i = x_i + y_i`` (Massey & Denton 1988).

Small areas with an unknown count (confidential, not available …) in any group used are left
out of everything and listed in ``dropped``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from mangfold.population.columns import is_unknown
from mangfold.population.counts import Counts
from mangfold.segregation import dissimilarity, entropy, isolation, two_group

__all__ = ["CityIndices", "city_indices", "indices_frame"]


@dataclass(frozen=True)
class CityIndices:
    """The figures of one city in one period (see the module docstring)."""

    city: str
    period: str
    group: str
    reference: str
    areas: int
    population: float
    immigrant_background_share: float
    nonwestern_share: float
    dissimilarity: float
    isolation: float
    theil: float
    dropped: tuple[str, ...] = ()


def _share(m_values: np.ndarray, groups: list[str], name: str, total: np.ndarray) -> float:
    if name not in groups:
        return float("nan")
    t = float(total.sum())
    return float(m_values[:, groups.index(name)].sum() / t) if t > 0 else float("nan")


def city_indices(
    counts: Counts,
    city: str,
    period: str | int,
    *,
    group: str = "nonwestern_background",
    reference: str = "danish",
    small_level: str = "small_area",
) -> CityIndices:
    """The figures of ``city`` in ``period`` from counts with a scheme and an area hierarchy."""
    scheme = counts.scheme
    if scheme is None:
        raise ValueError("these counts have no group scheme")
    inside = counts.select(within=city, level=small_level, period=period)
    extra = [g for g in ("immigrant_background", "nonwestern_background") if g in scheme]
    total = scheme.total
    wanted = list(dict.fromkeys([group, reference, *extra, *([total] if total else [])]))
    m = inside.pivot(period, wanted)
    values = m.values
    groups = list(m.groups)
    if total is None:
        base = inside.pivot(period, [g.code for g in scheme.base])
        values = np.column_stack([values, base.values.sum(axis=1)])
        groups.append("__total__")
        bad = is_unknown(m.missing).any(axis=1) | is_unknown(base.missing).any(axis=1)
    else:
        bad = is_unknown(m.missing).any(axis=1)
    keep = ~bad
    v = values[keep]
    tot = v[:, groups.index(total or "__total__")]
    pair = two_group(v[:, groups.index(group)], v[:, groups.index(reference)])
    have = len(v) > 0
    return CityIndices(
        city=city,
        period=str(period),
        group=group,
        reference=reference,
        areas=int(keep.sum()),
        population=float(tot.sum()),
        immigrant_background_share=_share(v, groups, "immigrant_background", tot),
        nonwestern_share=_share(v, groups, "nonwestern_background", tot),
        dissimilarity=float(dissimilarity(*pair)) if have else float("nan"),
        isolation=float(isolation(*pair)) if have else float("nan"),
        theil=float(entropy(*pair)) if have else float("nan"),
        dropped=tuple(a for a, b in zip(m.areas, np.asarray(bad).tolist(), strict=True) if b),
    )


def indices_frame(
    counts: Counts,
    cities: Iterable[str] | None = None,
    periods: Iterable[str | int] | None = None,
    *,
    city_level: str = "municipality",
    group: str = "nonwestern_background",
    reference: str = "danish",
    small_level: str = "small_area",
) -> pd.DataFrame:
    """:func:`city_indices` for every city (areas of ``city_level``) and period, as a table."""
    if counts.areas is None:
        raise ValueError("these counts have no area hierarchy")
    city_list = list(cities) if cities is not None else [a.code for a in counts.areas.at_level(city_level)]
    period_list = [str(p) for p in periods] if periods is not None else list(counts.periods)
    rows = [
        asdict(city_indices(counts, c, p, group=group, reference=reference, small_level=small_level))
        for c in city_list
        for p in period_list
    ]
    return pd.DataFrame(rows)
