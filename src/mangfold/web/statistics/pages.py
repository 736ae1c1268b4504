"""The context of a city's statistics page: tables, charts and forms from one municipality-level area.

The view passes the area (a city's linked area, or any municipality of a dataset) and the request's
choices; this module loads the counts once, asks :mod:`mangfold.population.figures` for the
numbers and :mod:`mangfold.charts` for the specifications.

A population summed over a dataset's small areas is labelled as such, with its coverage
(:func:`mangfold.reports.context.coverage_text`): it is the population of the areas in the dataset that
year, never the city's official population. The map and the table by area show the year asked for; a year
or group the dataset does not have shows the form's error and no map, never another year.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from mangfold.charts.maps import MapArea, MapOutline, choropleth
from mangfold.charts.population import SeriesPoint, indices_over_time, shares_over_time
from mangfold.collation import danish_sort_key
from mangfold.population.counts import Counts
from mangfold.population.figures import (
    AreaRow,
    PeriodRow,
    by_area,
    indices_by_period,
    over_time,
    preset,
    small_level,
)
from mangfold.population.indices import CityIndices
from mangfold.population.model import GroupScheme
from mangfold.reports.context import Coverage, coverage_text
from mangfold.web.network.models import City
from mangfold.web.statistics.forms import AreaForm, IndicesForm
from mangfold.web.statistics.models import Area
from mangfold.web.statistics.services import geometries, load_counts, year_of


@dataclass(frozen=True)
class Column:
    code: str
    label: str


def _finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) else value


def _over_time_chart(rows: list[PeriodRow], columns: list[Column]) -> dict[str, Any]:
    points = [
        SeriesPoint(
            row.period, c.label, None if _finite(row.shares[c.code]) is None else 100 * row.shares[c.code]
        )
        for row in rows
        for c in columns
    ]
    return shares_over_time(
        points,
        series=[c.label for c in columns],
        share_title=_("Share of the population (%)"),
        period_title=_("Year"),
    )


def _indices_chart(rows: list[CityIndices]) -> dict[str, Any]:
    names = [
        ("dissimilarity", _("Dissimilarity (D)")),
        ("isolation", _("Isolation")),
        ("theil", _("Theil's H")),
    ]
    points = [
        SeriesPoint(r.period, label, _finite(getattr(r, field))) for r in rows for field, label in names
    ]
    return indices_over_time(
        points, series=[label for _, label in names], value_title=_("Index (0–1)"), period_title=_("Year")
    )


def _map(area: Area, rows: list[AreaRow], group_label: str) -> dict[str, Any] | None:
    shapes = geometries(area)
    if not shapes:
        return None
    values = {r.code: (_finite(r.share), r.name) for r in rows}
    names = dict(area.inside.values_list("code", "name"))
    areas = [
        MapArea(code, (values.get(code, (None, ""))[1] or names.get(code) or code), shape, _pct(values, code))
        for code, shape in sorted(shapes.items())
    ]
    outlines = [MapOutline(o.code, o.name, json.loads(o.geometry)) for o in area.outlines.all()]
    return choropleth(
        areas,
        value_title=_("Share (%)"),
        name_title=_("Area"),
        outlines=outlines,
        outline_title=_("District"),
        title=group_label,
    )


def _pct(values: Mapping[str, tuple[float | None, str]], code: str) -> float | None:
    share = values.get(code, (None, ""))[0]
    return None if share is None else round(100 * share, 2)


def _form(
    form_class: Any, query: Mapping[str, str], initial: dict[str, str], **kwargs: Any
) -> tuple[Any, dict[str, str] | None]:
    """The form bound to the query when the query holds any of its fields (a field it leaves out takes its
    initial value), and the values to use: the query's when valid, ``None`` when not (the caller decides),
    ``initial`` when the query names none."""
    if any(name in query for name in initial):
        form = form_class({**initial, **{name: query[name] for name in initial if name in query}}, **kwargs)
        if form.is_valid():
            return form, {name: str(form.cleaned_data[name]) for name in initial}
        return form, None
    return form_class(initial=initial, **kwargs), initial


def inline(label: str) -> str:
    """A group's label inside a sentence: its first letter in lower case unless the label starts with an
    abbreviation ("Personer med dansk oprindelse" → "personer med dansk oprindelse"; "EU-borgere" stays)."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


@dataclass(frozen=True)
class AreaSums:
    """What a population over the dataset's areas is: whether it is a sum over small areas, how many small
    areas the city has in the dataset, and the coverage of each period (by period)."""

    summed: bool
    of_areas: int
    coverage: dict[str, str]


def area_sums(counts: Counts, area: Area, rows: list[PeriodRow], city: City | None, lang: str) -> AreaSums:
    """Each period's population as a sum over the small areas with residents that year, with its coverage
    in words; against the city's entered population where that is of the same year."""
    level = small_level(counts, area.code)
    hierarchy = counts.areas
    if level is None or hierarchy is None:
        return AreaSums(False, 0, {})
    of_areas = sum(1 for a in hierarchy if a.level == level)
    coverage = {}
    for row in rows:
        official = None
        if city is not None and city.population is not None and city.population_year == year_of(row.period):
            official = float(city.population)
        residents = None if math.isnan(row.population) else row.population
        coverage[row.period] = coverage_text(Coverage(row.areas, of_areas, residents, official), lang)
    return AreaSums(True, of_areas, coverage)


def page_context(area: Area, query: Mapping[str, str], lang: str, city: City | None = None) -> dict[str, Any]:
    """Everything the page template shows for the municipality-level ``area`` (of ``city``, if any)."""
    counts = load_counts(area)
    scheme: GroupScheme = counts.scheme  # type: ignore[assignment]
    defaults = preset(scheme)
    periods = list(counts.periods)
    columns = [Column(g, scheme.label(g, lang)) for g in defaults.series if g in scheme]
    rows = over_time(counts, area.code, [c.code for c in columns])
    initial = {"group": defaults.group, "reference": defaults.reference}
    indices_form, chosen = _form(IndicesForm, query, initial, scheme=scheme, lang=lang)
    group, reference = (chosen or initial)["group"], (chosen or initial)["reference"]  # heading names them
    indices = indices_by_period(counts, area.code, group, reference)
    latest = periods[-1] if periods else ""
    area_form, asked = _form(
        AreaForm,
        query,
        {"period": latest, "map_group": defaults.group},
        scheme=scheme,
        periods=periods,
        lang=lang,
    )
    period, map_group = (asked["period"], asked["map_group"]) if asked else ("", defaults.group)
    area_rows = (
        sorted(by_area(counts, area.code, period, map_group), key=lambda r: danish_sort_key(r.name))
        if period
        else []
    )
    map_label = scheme.label(map_group, lang)
    sums = area_sums(counts, area, rows, city, lang)
    return {
        "area": area,
        "dataset": area.dataset,
        "scheme": scheme,
        "periods": periods,
        "columns": columns,
        "rows": rows,
        "table_rows": [
            {
                "row": r,
                "shares": [r.shares.get(c.code, math.nan) for c in columns],
                "coverage": sums.coverage.get(r.period, ""),
            }
            for r in rows
        ],
        "over_time_chart": _over_time_chart(rows, columns) if rows else None,
        "indices": indices,
        "indices_chart": _indices_chart(indices) if indices else None,
        "indices_form": indices_form,
        "group_label": scheme.label(group, lang),
        "reference_label": scheme.label(reference, lang),
        "group_inline": inline(scheme.label(group, lang)),
        "reference_inline": inline(scheme.label(reference, lang)),
        "area_form": area_form,
        "area_refused": asked is None,
        "period": period,
        "map_label": map_label,
        "area_rows": [r for r in area_rows if r.present],
        "map": _map(area, area_rows, map_label) if area_rows else None,
        "latest": rows[-1] if rows else None,
        "latest_coverage": sums.coverage.get(rows[-1].period, "") if rows else "",
        "summed": sums.summed,
        "of_areas": sums.of_areas,
        "headline": [(c.label, rows[-1].shares[c.code]) for c in columns[:2]] if rows else [],
        "latest_indices": indices[-1] if indices else None,
        "attribution": area.dataset.attribution(lang),
    }
