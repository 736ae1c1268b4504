"""The population part of a city profile: the statistics app's figures, charts and map for the city.

:func:`mangfold.web.statistics.services.city_figures` gives the population and shares (imported
statistics where the city has some, the figures entered on the city otherwise); when a dataset is linked
to the city, :func:`mangfold.web.statistics.pages.page_context` gives the same tables, charts (shares over
time, segregation indices over time) and map as the city's statistics page, for its latest period. Every
dataset shown is cited with its attribution line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from mangfold.population.indices import CityIndices
from mangfold.reports.briefing import PopulationFacts
from mangfold.web.network.models import City
from mangfold.web.statistics.pages import page_context
from mangfold.web.statistics.services import CityFigures, Figure, city_areas, city_figures


@dataclass(frozen=True)
class Share:
    label: str
    percent: float


@dataclass(frozen=True)
class PopulationSection:
    """What the profile shows of the city's population (shares in per cent, indices 0–1)."""

    figures: CityFigures
    dataset: str = ""
    period: str = ""
    shares: tuple[Share, ...] = ()
    nonwestern_share: float | None = None
    indices: CityIndices | None = None
    group_label: str = ""
    reference_label: str = ""
    map_label: str = ""
    charts: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    """The data sources as the profile lists them ("dataset: attribution line")."""
    citations: tuple[str, ...] = ()
    """The attribution lines alone, as the briefing cites them."""

    def facts(self) -> PopulationFacts:
        """The figures the committee briefing cites."""
        indices = self.indices
        dissimilarity = (
            None if indices is None or math.isnan(indices.dissimilarity) else indices.dissimilarity
        )
        year = self.figures.population.year
        return PopulationFacts(
            population=self.figures.population.value,
            year=str(year) if year else None,
            immigrant_share=self.figures.immigrant_background_share.value,
            nonwestern_share=self.nonwestern_share,
            dissimilarity=dissimilarity,
            period=indices.period if indices is not None and dissimilarity is not None else None,
            source="; ".join(self.citations),
        )


def _entered_sources(figures: CityFigures) -> list[str]:
    found: list[Figure] = [figures.population, figures.immigrant_background_share, figures.foreign_born_share]
    return list(
        dict.fromkeys(f.source for f in found if f.value is not None and f.source and not f.from_statistics)
    )


def population_section(city: City, lang: str) -> PopulationSection | None:
    """The city's population figures, and its statistics page's charts and map when it has a dataset.

    None when nothing is known of the city's population.
    """
    linked = city_areas(city)
    figures = city_figures(city, linked)
    areas = [a for a in linked if a.dataset.use_for_figures] or linked
    if not areas:
        if all(
            f.value is None
            for f in (figures.population, figures.immigrant_background_share, figures.foreign_born_share)
        ):
            return None
        entered = tuple(_entered_sources(figures))
        return PopulationSection(figures=figures, sources=entered, citations=entered)
    area = areas[0]
    context = page_context(area, {}, lang)
    latest = context.get("latest")
    shares = tuple(
        Share(label, 100.0 * value) for label, value in context.get("headline", []) if not math.isnan(value)
    )
    nonwestern = None
    if latest is not None:
        value = latest.shares.get("nonwestern_background", math.nan)
        nonwestern = None if math.isnan(value) else 100.0 * value
    charts = {
        "population": context.get("over_time_chart"),
        "segregation": context.get("indices_chart"),
        "map": context.get("map"),
    }
    sources = [
        _("%(dataset)s: %(attribution)s")
        % {"dataset": area.dataset.name, "attribution": context["attribution"]}
    ]
    entered = _entered_sources(figures)
    return PopulationSection(
        figures=figures,
        dataset=area.dataset.name,
        period=latest.period if latest is not None else "",
        shares=shares,
        nonwestern_share=nonwestern,
        indices=context.get("latest_indices"),
        group_label=context.get("group_label", ""),
        reference_label=context.get("reference_label", ""),
        map_label=context.get("map_label", ""),
        charts={key: spec for key, spec in charts.items() if spec is not None},
        sources=(*sources, *entered),
        citations=(context["attribution"], *entered),
    )
