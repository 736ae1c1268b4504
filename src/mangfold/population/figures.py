"""What the statistics pages show, computed from :class:`mangfold.population.Counts` by the core.

No database and no Django here: the views load a city's counts (``services.load_counts``) and these
functions turn them into table rows. The numbers come from :mod:`mangfold.population.indices`
(:func:`city_indices`: population, origin shares, dissimilarity, isolation, Theil's H over the small
areas present in a period, those with an unknown count left out and listed) and from
:meth:`Counts.pivot`. A share that involves an unknown count is unknown (``nan``), never 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mangfold.population.indices import CityIndices, city_indices
from mangfold.population.model import GroupScheme, Missing
from mangfold.population.tables import Counts, is_unknown

__all__ = [
    "PRESETS",
    "AreaRow",
    "PeriodRow",
    "Preset",
    "by_area",
    "indices_by_period",
    "over_time",
    "preset",
    "small_level",
]


@dataclass(frozen=True)
class Preset:
    """A scheme's defaults on the pages: the focal and reference group, and the groups to chart."""

    group: str
    reference: str
    series: tuple[str, ...]


_REGIONS = (
    "nordic",
    "turkey",
    "former_yugoslavia",
    "old_eu",
    "new_eu",
    "other_europe",
    "africa",
    "north_america",
    "latin_america",
    "asia_oceania",
    "unknown",
)
PRESETS = {
    "dst_origin": Preset(
        "nonwestern_background",
        "danish",
        ("immigrant_background", "nonwestern_background", "western_background", "immigrants", "descendants"),
    ),
    "dst_regions_2024": Preset("immigrant_background", "danish", ("immigrant_background", *_REGIONS)),
    "dst_citizenship_2024": Preset("foreign", "denmark", ("foreign", *_REGIONS)),
    "ew_ethnicity_2011": Preset(
        "asian", "white_british", ("white_british", "white", "mixed", "asian", "black", "arab", "other")
    ),
}


def preset(scheme: GroupScheme) -> Preset:
    """The defaults for ``scheme``: from :data:`PRESETS`, else its first two base groups."""
    if scheme.name in PRESETS:
        return PRESETS[scheme.name]
    base = [g.code for g in scheme.base]
    others = tuple(g.code for g in scheme.groups if g.code != scheme.total)
    return Preset(base[-1] if base else "", base[0] if base else "", others[:8])


def small_level(counts: Counts, city: str) -> str | None:
    """The lowest level of the hierarchy at which the city's areas have counts (``None``: none)."""
    areas = counts.areas
    if areas is None:
        return None
    present = {areas[a].level for a in counts.area_codes if a in areas and a != city}
    below = [level for level in areas.levels if level in present]
    return below[-1] if below else None


@dataclass(frozen=True)
class PeriodRow:
    """A city in one period: population, each series group's share (0–1, ``nan`` unknown), the indices."""

    period: str
    population: float
    shares: dict[str, float]
    areas: int
    dropped: tuple[str, ...]


def _total(scheme: GroupScheme) -> str:
    return scheme.total or "__total__"


def over_time(counts: Counts, city: str, series: Sequence[str]) -> list[PeriodRow]:
    """Population and the share of each ``series`` group, per period.

    Sums over the small areas of the city present in the period (absent areas are not in the pivot);
    areas whose total is unknown are left out and listed in ``dropped``, and a share involving an
    unknown count of a kept area is unknown. A city with no small areas uses its own counts.
    """
    scheme = counts.scheme
    if scheme is None:
        raise ValueError("these counts have no group scheme")
    level = small_level(counts, city)
    source = counts.select(within=city, level=level) if level else counts.select(area=city)
    rows = []
    for period in source.periods:
        groups = [g for g in dict.fromkeys([*series, _total(scheme)]) if g in scheme]
        m = source.pivot(period, groups)
        total = m.values[:, groups.index(_total(scheme))] if scheme.total else m.values.sum(axis=1)
        unknown_total = (
            is_unknown(m.missing[:, groups.index(_total(scheme))])
            if scheme.total
            else (is_unknown(m.missing).any(axis=1))
        )
        keep = ~unknown_total
        population = float(total[keep].sum())
        shares = {}
        for g in series:
            if g not in scheme:
                continue
            col = groups.index(g)
            if is_unknown(m.missing[keep, col]).any() or population <= 0:
                shares[g] = float("nan")
            else:
                shares[g] = float(m.values[keep, col].sum() / population)
        dropped = tuple(a for a, bad in zip(m.areas, unknown_total.tolist(), strict=True) if bad)
        rows.append(PeriodRow(str(period), population, shares, int(keep.sum()), dropped))
    return rows


def indices_by_period(counts: Counts, city: str, group: str, reference: str) -> list[CityIndices]:
    """:func:`city_indices` (two-group form, ``t_i = x_i + y_i``) for every period of the city."""
    level = small_level(counts, city)
    if level is None:
        return []
    inside = counts.select(within=city, level=level)
    return [
        city_indices(counts, city, period, group=group, reference=reference, small_level=level)
        for period in inside.periods
    ]


@dataclass(frozen=True)
class AreaRow:
    """One small area in one period: its population and the count and share of one group."""

    code: str
    name: str
    population: float
    count: float
    share: float
    reason: Missing
    present: bool


def by_area(counts: Counts, city: str, period: str, group: str) -> list[AreaRow]:
    """Every small area of the city in ``period``: population, the group's count and share.

    Areas absent in the period (no population) are listed with ``present=False`` so that a map can
    still draw them. An unknown count gives ``nan`` and its reason.
    """
    scheme = counts.scheme
    level = small_level(counts, city)
    if scheme is None or level is None or counts.areas is None:
        return []
    inside = counts.select(within=city, level=level)
    total = _total(scheme)
    groups = [group, total] if scheme.total else [group, *(g.code for g in scheme.base)]
    m = inside.pivot(period, groups, include_absent=True)
    present = set(inside.present(period))
    pop = m.values[:, 1] if scheme.total else m.values[:, 1:].sum(axis=1)
    reasons = np.where(is_unknown(m.missing[:, 0]), m.missing[:, 0], 0)
    if scheme.total:
        reasons = np.where((reasons == 0) & is_unknown(m.missing[:, 1]), m.missing[:, 1], reasons)
    rows = []
    for i, code in enumerate(m.areas):
        count, population = float(m.values[i, 0]), float(pop[i])
        reason = Missing(int(reasons[i]))
        known = not reason.is_missing and population > 0
        rows.append(
            AreaRow(
                code=code,
                name=counts.areas[code].name or code,
                population=population,
                count=count,
                share=count / population if known else float("nan"),
                reason=reason,
                present=code in present,
            )
        )
    return rows
