"""Database rows in, the core's counts out; and the figures other apps ask of a city.

:func:`load_counts` reads the counts of one municipality-level area (a city) and its areas back into a
:class:`mangfold.population.Counts` with its scheme and hierarchy, from which the core
(:mod:`mangfold.population.figures`) computes everything. :func:`city_figures` is what the results
and reports apps call for a city's population and shares, of a round's year (else the nearest earlier
year) or the latest: the municipal total entered on the city or the sum over the small areas of the
imported statistics, with its coverage.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Count as CountOf
from django.db.models import QuerySet

from mangfold.population.counts import Counts
from mangfold.population.figures import over_time, small_level
from mangfold.population.model import Area as CoreArea
from mangfold.population.model import AreaHierarchy
from mangfold.population.schemes import scheme as built_in_scheme
from mangfold.reports.context import ContextFigure, Coverage, choose
from mangfold.web.network.models import City
from mangfold.web.statistics.models import Area, Count, Dataset

__all__ = ["CityFigures", "Figure", "city_areas", "city_figures", "load_counts", "year_of"]


def city_areas(city: City) -> list[Area]:
    """The municipality-level areas linked to the city, the dataset with the most periods first."""
    areas = Area.objects.filter(city_links__city=city).select_related("dataset")
    return sorted(areas, key=lambda a: (-len(a.dataset.periods), -a.dataset.pk))


def municipalities(dataset: Dataset) -> QuerySet[Area]:
    """The dataset's areas at municipality level, with how many areas each holds."""
    return (
        Area.objects.filter(dataset=dataset, level="municipality")
        .annotate(size=CountOf("inside"))
        .order_by("name", "code")
    )


def load_counts(municipality: Area, *, periods: list[str] | None = None) -> Counts:
    """The counts of a municipality-level area and of every area inside it, with scheme and hierarchy."""
    rows = list(
        Area.objects.filter(municipality=municipality).values_list("pk", "code", "name", "level", "parent_id")
    )
    by_pk = {pk: code for pk, code, *_ in rows}
    core = [
        CoreArea(code, name, level, None if pk == municipality.pk else by_pk.get(parent))
        for pk, code, name, level, parent in rows
    ]
    dataset = municipality.dataset
    group_scheme = built_in_scheme(dataset.scheme)
    levels = tuple(
        dict.fromkeys(["country", "municipality", "district", "small_area", *(a.level for a in core)])
    )
    hierarchy = AreaHierarchy.of(core, levels)
    found = Count.objects.filter(area__municipality=municipality)
    if periods is not None:
        found = found.filter(period__in=periods)
    values = list(found.values_list("area_id", "period", "group", "n", "missing"))
    if not values:
        return Counts.empty(group_scheme).replace(areas=hierarchy)
    area, period, group, n, missing = zip(*values, strict=True)
    return Counts.from_arrays(
        [by_pk[a] for a in area],
        period,
        group,
        np.array([np.nan if v is None else v for v in n], dtype=np.float64),
        np.array(missing, dtype=np.uint8),
        scheme=group_scheme,
        areas=hierarchy,
    )


def geometries(municipality: Area) -> dict[str, dict[str, Any]]:
    """The boundaries of the areas inside a municipality, by code (GeoJSON geometry objects)."""
    found = Area.objects.filter(municipality=municipality).exclude(geometry="").exclude(pk=municipality.pk)
    return {code: json.loads(text) for code, text in found.values_list("code", "geometry")}


def year_of(period: str) -> int | None:
    """The year of a period such as ``"2020"`` or ``"2024K1"`` (``None`` when it names no year)."""
    match = re.match(r"(\d{4})", period)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Figure:
    """One figure of a city with its year and source; ``from_statistics`` when imported data gave it.

    A figure from statistics is a sum over the city's small areas: ``coverage`` says how many of them
    had residents that year and, when the city's entered population is of the same year, how many of its
    residents they hold. ``round_year``: the year of the round it was chosen for (None: the latest).
    """

    value: float | None
    year: int | None
    source: str
    from_statistics: bool = False
    coverage: Coverage | None = None
    round_year: int | None = None

    def context(self) -> ContextFigure | None:
        """The figure as the core's reports take it (None when there is no value)."""
        if self.value is None:
            return None
        return ContextFigure(
            self.value, self.year, self.source, not self.from_statistics, self.coverage, self.round_year
        )


@dataclass(frozen=True)
class CityFigures:
    """A city's population and shares (per cent, like the fields of :class:`City`)."""

    population: Figure
    immigrant_background_share: Figure
    foreign_born_share: Figure


CountsIn = Callable[[Area, str], Counts]
"""The counts of a municipality-level area in one period."""


def _coverage(municipality: Area, period: str, counts: Counts, residents: float, city: City) -> Coverage:
    """The small areas with residents in ``period`` of those the city has in the dataset, and the
    residents they hold against the city's entered population of the same year."""
    level = small_level(counts, municipality.code)
    hierarchy = counts.areas
    if level is None or hierarchy is None:
        return Coverage(1, 1)
    total = sum(1 for a in hierarchy if a.level == level)
    present = len(counts.select(within=municipality.code, level=level).present(period))
    official = None
    if city.population is not None and city.population_year == year_of(period):
        official = float(city.population)
    return Coverage(present, total, residents, official)


def _nearest(
    municipality: Area, group: str, counts_in: CountsIn, round_year: int | None
) -> tuple[str, float, float, Counts] | None:
    """(period, population, share of ``group``, counts) in the latest period of the round's year or
    before (any year when ``round_year`` is None) where both are known."""
    dataset = municipality.dataset
    if group not in built_in_scheme(dataset.scheme):
        return None
    for period in sorted(dataset.periods, reverse=True):
        year = year_of(period)
        if round_year is not None and (year is None or year > round_year):
            continue
        counts = counts_in(municipality, period)
        rows = over_time(counts, municipality.code, [group]) if len(counts) else []
        if rows and rows[0].population > 0 and not np.isnan(rows[0].shares[group]):
            return period, rows[0].population, rows[0].shares[group], counts
    return None


def _statistics_figure(
    areas: list[Area], group: str, counts_in: CountsIn, city: City, round_year: int | None
) -> tuple[Figure, Figure] | None:
    for area in areas:
        if not area.dataset.use_for_figures:
            continue
        found = _nearest(area, group, counts_in, round_year)
        if found is not None:
            period, population, share, counts = found
            source = area.dataset.source
            coverage = _coverage(area, period, counts, population, city)
            year = year_of(period)
            return (
                Figure(population, year, source, True, coverage, round_year),
                Figure(100.0 * share, year, source, True, coverage, round_year),
            )
    return None


def _pick(candidates: list[Figure], round_year: int | None, *, prefer_whole: bool) -> Figure:
    """The figure of the round's year (else the nearest earlier year) among ``candidates``, by
    :func:`mangfold.reports.context.choose`; an empty figure when there is none."""
    known = [(f, c) for f in candidates if (c := f.context()) is not None]
    chosen = choose([c for _, c in known], round_year, prefer_whole=prefer_whole)
    if chosen is None:
        return Figure(None, None, "", round_year=round_year)
    found = next(f for f, c in known if c.year == chosen.year and c.whole == chosen.whole)
    return Figure(found.value, found.year, found.source, found.from_statistics, found.coverage, round_year)


def city_figures(city: City, areas: list[Area] | None = None, *, year: int | None = None) -> CityFigures:
    """The city's population, share with an immigrant background and share of immigrants (foreign-born).

    ``year`` is the year of the round the figures are for (docs/methodology/reports.md, "Population
    context"; :mod:`mangfold.reports.context`): each figure is of that year, else of the nearest earlier
    year, and never of a later one; without ``year`` (a page of no round), the latest. The candidates are
    the imported statistics linked to the city (datasets marked for city figures; sums over the city's
    small areas, with their coverage) and the figures entered on the city with their year and source
    (totals for the whole municipality). Of one year, the population is the municipal total and the
    shares are the statistics' (a sum over part of the areas undercounts the population, while its shares
    hold). Shares are in per cent. Statistics Denmark's immigrants (indvandrere) are the foreign-born of
    the definition (docs/methodology/population.md §2). ``areas``: :func:`city_areas` when the caller has
    them.
    """
    loaded: dict[tuple[int, str], Counts] = {}

    def counts_in(area: Area, period: str) -> Counts:  # each period's counts read once for every figure
        if (area.pk, period) not in loaded:
            loaded[area.pk, period] = load_counts(area, periods=[period])
        return loaded[area.pk, period]

    areas = city_areas(city) if areas is None else areas
    background = _statistics_figure(areas, "immigrant_background", counts_in, city, year)
    immigrants = _statistics_figure(areas, "immigrants", counts_in, city, year)
    statistics_population = [f[0] for f in (background, immigrants) if f is not None]
    entered_population = Figure(
        None if city.population is None else float(city.population),
        city.population_year,
        city.population_source,
    )
    entered_background = Figure(
        city.immigrant_background_share, city.immigrant_background_year, city.immigrant_background_source
    )
    entered_immigrants = Figure(city.foreign_born_share, city.foreign_born_year, city.foreign_born_source)
    return CityFigures(
        population=_pick([entered_population, *statistics_population[:1]], year, prefer_whole=True),
        immigrant_background_share=_pick(
            [*(background[1:] if background else ()), entered_background], year, prefer_whole=False
        ),
        foreign_born_share=_pick(
            [*(immigrants[1:] if immigrants else ()), entered_immigrants], year, prefer_whole=False
        ),
    )
