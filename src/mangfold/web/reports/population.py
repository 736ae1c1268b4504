"""The population part of a city profile: the statistics app's figures, charts and map for the city.

:func:`mangfold.web.statistics.services.city_figures` gives the population and shares of the round's
year, else of the nearest earlier year (:mod:`mangfold.reports.context`): the municipal total entered on
the city or the sum over the small areas of the imported statistics, with its coverage. When a dataset
is linked to the city, :func:`mangfold.web.statistics.pages.page_context` gives the same tables, charts
(shares over time, segregation indices over time) and map as the city's statistics page; the shares,
indices and map shown are those of the same year. The map is asked for with the page's full choice (the
period and the default group on the map: a period alone fails the page's form, which then shows the
latest year), is left out when no year of the dataset is the round's or earlier, and carries its year
(marked when it is the nearest earlier one) and its source in its title. Every dataset shown is cited with
its attribution line.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from mangfold.population.figures import preset
from mangfold.population.indices import CityIndices
from mangfold.population.schemes import scheme as built_in_scheme
from mangfold.reports.briefing import PopulationFacts
from mangfold.reports.context import ContextFigure, figure_label, year_for
from mangfold.reports.sources import entered_note, source_note
from mangfold.web.network.models import City
from mangfold.web.statistics.models import Area
from mangfold.web.statistics.pages import page_context
from mangfold.web.statistics.services import CityFigures, Figure, city_areas, city_figures, year_of


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
    map_period: str = ""
    """The period the map shows ("" without a map)."""
    charts: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    """The data sources as the profile lists them ("dataset: attribution line")."""
    citations: tuple[str, ...] = ()
    """The attribution lines alone, as the briefing cites them."""
    attribution: str = ""
    """The linked dataset's attribution line in the report's language (its figures' source)."""
    round_year: int | None = None
    """The year of the round the figures are for (None: the latest)."""
    lang: str = "da"

    @property
    def map_caption(self) -> str:
        """What the map shows and when: "Indvandrere og efterkommere fra ikke-vestlige lande, 2011"."""
        return map_caption(self.map_label, self.map_period, self.round_year, self.lang)

    @property
    def indices_period(self) -> str:
        """The year of the segregation indices, marked when it is the nearest earlier one to the round's."""
        return (
            period_text(self.indices.period, self.round_year, self.lang) if self.indices is not None else ""
        )

    def _label(self, figure: ContextFigure | None) -> str:
        return figure_label(figure, self.lang) if figure is not None else ""

    @property
    def population_label(self) -> str:
        """What the population figure is: "2011, tal for hele kommunen" (year, kind, coverage)."""
        return self._label(self.figures.population.context())

    @property
    def immigrant_label(self) -> str:
        return self._label(self.figures.immigrant_background_share.context())

    @property
    def foreign_born_label(self) -> str:
        return self._label(self.figures.foreign_born_share.context())

    @property
    def nonwestern_label(self) -> str:
        facts = self.facts()
        return self._label(facts.nonwestern_share)

    def _statistics(self, value: float, period: str, like: Figure) -> ContextFigure:
        """A figure of the linked dataset in ``period``: a sum over small areas with ``like``'s coverage
        when it is of the same year."""
        year = year_of(period)
        coverage = like.coverage if like.from_statistics and like.year == year else None
        return ContextFigure(value, year, self.attribution, False, coverage, self.round_year)

    def _cited(self, figure: Figure) -> ContextFigure | None:
        found = figure.context()
        if found is None or not figure.from_statistics or not self.attribution:
            return found
        return ContextFigure(
            found.value, found.year, self.attribution, False, found.coverage, found.round_year
        )

    def for_round(self, year: int | None) -> PopulationSection | None:
        """This section as the one of a round of ``year``, when it already is: built for that year, or
        built for the latest with every figure of ``year`` or earlier (the rule of
        :func:`mangfold.reports.context.year_for` then picks the same figures). None otherwise."""
        if self.round_year == year:
            return self
        if self.round_year is not None or year is None:
            return None
        found = [
            self.figures.population,
            self.figures.immigrant_background_share,
            self.figures.foreign_born_share,
        ]
        years = [f.year for f in found if f.value is not None]
        if self.period:
            years.append(year_of(self.period))
        if any(y is None or y > year for y in years):
            return None
        figures = CityFigures(*(replace(f, round_year=year) for f in found))
        return replace(self, figures=figures, round_year=year)

    def facts(self) -> PopulationFacts:
        """The figures the committee briefing cites, each with its year, kind, coverage and source."""
        share = self.figures.immigrant_background_share
        indices = self.indices
        dissimilarity = None
        if indices is not None and not math.isnan(indices.dissimilarity):
            dissimilarity = self._statistics(indices.dissimilarity, indices.period, share)
        nonwestern = None
        if self.nonwestern_share is not None and self.period:
            nonwestern = self._statistics(self.nonwestern_share, self.period, share)
        return PopulationFacts(
            population=self._cited(self.figures.population),
            immigrant_share=self._cited(share),
            nonwestern_share=nonwestern,
            dissimilarity=dissimilarity,
        )


ENTERED_FACTS = {
    "population": "population",
    "immigrant_background_share": "immigrant_background",
    "foreign_born_share": "foreign_born",
}
"""Each figure of :class:`CityFigures` and the :class:`City` fact it is entered as (:data:`FACTS`)."""


def sources_in_language(figures: CityFigures, city: City, lang: str) -> CityFigures:
    """``figures`` with the source of each figure entered on the city in ``lang``: the source the city
    stores in that language (:meth:`City.source`: its Danish source in Danish); a city without one cites
    the source as entered, an English one in quotation marks and marked "(på engelsk)"
    (:func:`entered_note`), never part-translated. Figures from statistics keep their source."""
    changes = {}
    for name, fact in ENTERED_FACTS.items():
        figure: Figure = getattr(figures, name)
        if figure.from_statistics or not figure.source:
            continue
        stored = lang == "en" or bool(getattr(city, f"{fact}_source_da", ""))
        source = city.source(fact, lang)
        changes[name] = replace(figure, source=source if stored else entered_note(source, lang))
    return replace(figures, **changes)


def _entered_sources(figures: CityFigures, lang: str) -> list[str]:
    """The sources of the figures entered on the city, in the report's language (:func:`source_note`)."""
    found: list[Figure] = [figures.population, figures.immigrant_background_share, figures.foreign_born_share]
    notes = (f.source for f in found if f.value is not None and f.source and not f.from_statistics)
    return list(dict.fromkeys(source_note(note, lang) for note in notes))


def population_section(city: City, lang: str, *, year: int | None = None) -> PopulationSection | None:
    """The city's population figures, and its statistics page's charts and map when it has a dataset.

    ``year``: the round's year; figures, shares, indices and map are of that year, else of the nearest
    earlier year (the latest when None). None when nothing is known of the city's population then.
    """
    linked = city_areas(city)
    figures = sources_in_language(city_figures(city, linked, year=year), city, lang)
    areas = [a for a in linked if a.dataset.use_for_figures] or linked
    if not areas:
        if all(
            f.value is None
            for f in (figures.population, figures.immigrant_background_share, figures.foreign_born_share)
        ):
            return None
        entered = tuple(_entered_sources(figures, lang))
        return PopulationSection(
            figures=figures, sources=entered, citations=entered, round_year=year, lang=lang
        )
    area = areas[0]
    period = _period(area.dataset.periods, year)
    context = page_context(area, _choices(area, period), lang)
    rows = [r for r in context.get("rows", []) if r.period == period]
    latest = rows[-1] if rows else None
    columns = context.get("columns", [])
    shares = tuple(
        Share(c.label, 100.0 * latest.shares[c.code])
        for c in columns[:2]
        if latest is not None and not math.isnan(latest.shares.get(c.code, math.nan))
    )
    nonwestern = None
    if latest is not None:
        value = latest.shares.get("nonwestern_background", math.nan)
        nonwestern = None if math.isnan(value) else 100.0 * value
    chosen_indices = [i for i in context.get("indices", []) if i.period == period]
    map_period = period if period and context.get("period") == period else ""  # never another year's
    caption = map_caption(context.get("map_label", ""), map_period, year, lang)
    charts = {
        "population": context.get("over_time_chart"),
        "segregation": context.get("indices_chart"),
        "map": _titled(context.get("map"), caption, context["attribution"]) if map_period else None,
    }
    sources = [
        _("“%(dataset)s”: %(attribution)s")
        % {"dataset": area.dataset.title, "attribution": context["attribution"]}
    ]
    entered = tuple(_entered_sources(figures, lang))
    return PopulationSection(
        figures=figures,
        dataset=area.dataset.title,
        period=latest.period if latest is not None else "",
        shares=shares,
        nonwestern_share=nonwestern,
        indices=chosen_indices[-1] if chosen_indices else None,
        group_label=context.get("group_label", ""),
        reference_label=context.get("reference_label", ""),
        map_label=context.get("map_label", ""),
        map_period=map_period if charts["map"] is not None else "",
        charts={key: spec for key, spec in charts.items() if spec is not None},
        sources=(*sources, *entered),
        citations=(context["attribution"], *entered),
        attribution=context["attribution"],
        round_year=year,
        lang=lang,
    )


def _choices(area: Area, period: str) -> dict[str, str]:
    """The statistics page's choices that show ``period``: the period with the default group on the map
    (the page's form needs both; with one it falls back to the latest year). Empty without a period."""
    if not period:
        return {}
    return {"period": period, "map_group": preset(built_in_scheme(area.dataset.scheme)).group}


def period_text(period: str, round_year: int | None, lang: str) -> str:
    """A period of the statistics as a report in ``lang`` labels it: "2011", or "2008, nærmeste tidligere
    år end rundens (2011)" (:func:`mangfold.reports.context.year_for`'s rule)."""
    year = year_of(period)
    if round_year is None or year is None or year >= round_year:
        return period
    with translation.override(lang):
        text = _("%(period)s, the nearest earlier year to the round's (%(year)s)")
    return text % {"period": period, "year": round_year}


def map_caption(label: str, period: str, round_year: int | None, lang: str) -> str:
    """The map's title: its group and year ("Indvandrere og efterkommere fra ikke-vestlige lande, 2011")."""
    return f"{label}, {period_text(period, round_year, lang)}" if period else label


def _titled(spec: dict[str, Any] | None, caption: str, source: str) -> dict[str, Any] | None:
    """The map with its year in the title and its source below it (lines of at most 72 characters)."""
    if spec is None:
        return None
    title = {**spec.get("title", {}), "text": caption}
    if source:
        title["subtitle"] = textwrap.wrap(source, 72)
    return {**spec, "title": title}


def _period(periods: list[str], year: int | None) -> str:
    """The dataset's period for the round's year: the latest period of :func:`year_for`'s year."""
    years = {y: p for p in sorted(periods) if (y := year_of(p)) is not None}
    chosen = year_for(year, years)
    return years[chosen] if chosen is not None else ""
