"""A city's figures per period and per small area, from :class:`~mangfold.population.Counts`: the rules
behind the statistics pages (the web loads a city's counts and shows these rows).

Rules:

- The areas are the city's small areas present in a period (absent areas have no row in the pivot); a
  city without small areas uses its own counts (:func:`small_level`).
- The population is the scheme's total group (else the sum of its base groups) summed over the areas
  whose total is known; areas whose total is unknown are left out and listed (``dropped``).
- A share that involves an unknown count is unknown (``nan``), never 0.
- A population is a figure only when it comes from the table: when no area's total is known (a table
  without the total and without every group it is summed from, such as Statistics Denmark's FOLK1C
  herkomst categories without the Western split and without "I alt"), the population is unknown
  (``nan``, shown as "–") with the reason in words (:attr:`PeriodRow.reason`), never 0.
- The indices are :func:`mangfold.population.indices.city_indices` (two-group form, ``t_i = x_i + y_i``).
- :data:`PRESETS`: each built-in scheme's focal and reference group and the groups charted.

Pure: no database, no Django.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mangfold.i18n import gettext as _
from mangfold.population.columns import is_unknown
from mangfold.population.counts import Counts
from mangfold.population.indices import CityIndices, city_indices
from mangfold.population.model import GroupScheme, Missing

__all__ = [
    "PRESETS",
    "AreaRow",
    "PeriodRow",
    "PopulationGap",
    "Preset",
    "by_area",
    "gives_total",
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


class PopulationGap(enum.Enum):
    """Why a period's population is unknown (``NONE``: it is known)."""

    NONE = "none"
    NO_TOTAL = "no_total"
    ALL_UNKNOWN = "all_unknown"

    @property
    def reason(self) -> str:
        """The reason in words, in the active language (``""`` when the population is known)."""
        if self is PopulationGap.NO_TOTAL:
            return _("The table does not give the total population")
        if self is PopulationGap.ALL_UNKNOWN:
            return _("The total population of every area is unknown")
        return ""


@dataclass(frozen=True)
class PeriodRow:
    """A city in one period: population (``nan`` unknown, see ``gap``), each series group's share (0–1,
    ``nan`` unknown), how many areas were summed and which were left out for an unknown total."""

    period: str
    population: float
    shares: dict[str, float]
    areas: int
    dropped: tuple[str, ...]
    gap: PopulationGap = PopulationGap.NONE

    @property
    def reason(self) -> str:
        """Why the population is unknown, in words (``""`` when it is known)."""
        return self.gap.reason


def gives_total(counts: Counts) -> bool:
    """Whether ``counts`` give the total population: the scheme's total group, or every base group it
    is the sum of. A table of coarser groups only (FOLK1C's Danish origin, immigrants, descendants)
    does not."""
    scheme = counts.scheme
    if scheme is None:
        return False
    have = set(counts.groups)
    return (scheme.total is not None and scheme.total in have) or all(g.code in have for g in scheme.base)


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
    wanted = [g for g in series if g in scheme]
    totals = [scheme.total] if scheme.total else [g.code for g in scheme.base]
    groups = list(dict.fromkeys([*wanted, *totals]))
    at = [groups.index(g) for g in totals]
    rows = []
    for period in source.periods:
        m = source.pivot(period, groups)
        total = m.values[:, at].sum(axis=1)
        unknown_total = np.asarray(is_unknown(m.missing[:, at]).any(axis=1), dtype=bool)
        keep = ~unknown_total
        dropped = tuple(a for a, bad in zip(m.areas, unknown_total.tolist(), strict=True) if bad)
        if not keep.any():
            gap = PopulationGap.ALL_UNKNOWN if gives_total(source) else PopulationGap.NO_TOTAL
            unknown = dict.fromkeys(wanted, float("nan"))
            rows.append(PeriodRow(str(period), float("nan"), unknown, 0, dropped, gap))
            continue
        population = float(total[keep].sum())
        shares = {}
        for g in wanted:
            col = groups.index(g)
            if is_unknown(m.missing[keep, col]).any() or population <= 0:
                shares[g] = float("nan")
            else:
                shares[g] = float(m.values[keep, col].sum() / population)
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
    groups = [group, scheme.total] if scheme.total else [group, *(g.code for g in scheme.base)]
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
