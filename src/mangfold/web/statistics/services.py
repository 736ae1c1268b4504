"""Database rows in, the core's counts out; and the figures other apps ask of a city.

:func:`load_counts` reads the counts of one municipality-level area (a city) and its areas back into a
:class:`mangfold.population.Counts` with its scheme and hierarchy, from which :mod:`.figures` and the
core compute everything. :func:`city_figures` is what the results and reports apps call for a city's
population and shares: the imported statistics where there are some, the figures entered on the city
(with their year and source) otherwise.
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

from mangfold.population.model import Area as CoreArea
from mangfold.population.model import AreaHierarchy
from mangfold.population.schemes import scheme as built_in_scheme
from mangfold.population.tables import Counts
from mangfold.web.network.models import City
from mangfold.web.statistics.figures import over_time
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
    """One figure of a city with its year and source; ``from_statistics`` when imported data gave it."""

    value: float | None
    year: int | None
    source: str
    from_statistics: bool = False


@dataclass(frozen=True)
class CityFigures:
    """A city's population and shares (per cent, like the fields of :class:`City`)."""

    population: Figure
    immigrant_background_share: Figure
    foreign_born_share: Figure


CountsIn = Callable[[Area, str], Counts]
"""The counts of a municipality-level area in one period."""


def _latest(municipality: Area, group: str, counts_in: CountsIn) -> tuple[str, float, float] | None:
    """(period, population, share of ``group``) in the latest period where both are known."""
    dataset = municipality.dataset
    if group not in built_in_scheme(dataset.scheme):
        return None
    for period in sorted(dataset.periods, reverse=True):
        counts = counts_in(municipality, period)
        rows = over_time(counts, municipality.code, [group]) if len(counts) else []
        if rows and rows[0].population > 0 and not np.isnan(rows[0].shares[group]):
            return period, rows[0].population, rows[0].shares[group]
    return None


def _statistics_figure(areas: list[Area], group: str, counts_in: CountsIn) -> tuple[Figure, Figure] | None:
    for area in areas:
        if not area.dataset.use_for_figures:
            continue
        found = _latest(area, group, counts_in)
        if found is not None:
            period, population, share = found
            source = area.dataset.source
            return (
                Figure(population, year_of(period), source, True),
                Figure(100.0 * share, year_of(period), source, True),
            )
    return None


def city_figures(city: City, areas: list[Area] | None = None) -> CityFigures:
    """The city's population, share with an immigrant background and share of immigrants (foreign-born).

    Each comes from the imported statistics linked to the city (datasets marked for city figures, the
    latest period with the figure known; population and shares are sums over the city's small areas)
    and otherwise from the figures entered on the city, with their year and source. Shares are in per
    cent. Statistics Denmark's immigrants (indvandrere) are the foreign-born of the definition
    (docs/methodology/population.md §2). ``areas``: :func:`city_areas` when the caller has them.
    """
    loaded: dict[tuple[int, str], Counts] = {}

    def counts_in(area: Area, period: str) -> Counts:  # each period's counts read once for both figures
        if (area.pk, period) not in loaded:
            loaded[area.pk, period] = load_counts(area, periods=[period])
        return loaded[area.pk, period]

    areas = city_areas(city) if areas is None else areas
    background = _statistics_figure(areas, "immigrant_background", counts_in)
    immigrants = _statistics_figure(areas, "immigrants", counts_in)
    population = background[0] if background else immigrants[0] if immigrants else None
    entered_population = Figure(
        None if city.population is None else float(city.population),
        city.population_year,
        city.population_source,
    )
    return CityFigures(
        population=population or entered_population,
        immigrant_background_share=background[1]
        if background
        else Figure(
            city.immigrant_background_share, city.immigrant_background_year, city.immigrant_background_source
        ),
        foreign_born_share=immigrants[1]
        if immigrants
        else Figure(city.foreign_born_share, city.foreign_born_year, city.foreign_born_source),
    )
