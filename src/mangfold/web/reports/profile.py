"""What a city profile shows, built from the round's published results in the report's language.

The numbers come from the results app (:mod:`mangfold.web.results.services` and ``.profile``: the
benchmark of the round, peer groups, trend, and recommendations for every indicator where the city trails
the other cities, by the pure core's :func:`mangfold.index.recommend.recommend`); the population part
from the statistics app
(:mod:`mangfold.web.reports.population`). Call :func:`build_profile` inside ``translation.override(lang)``:
labels and chart titles are translated with the active language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from mangfold.index.benchmark import OVERALL
from mangfold.index.instrument import Instrument
from mangfold.index.recommend import WEAK_BELOW
from mangfold.index.standing import Placement, Withheld
from mangfold.reports import typography
from mangfold.web.assessments.models import Round
from mangfold.web.assessments.questionnaires import round_questionnaire
from mangfold.web.assessments.scores import IndicatorView, LineView, scorecard_view
from mangfold.web.reports import charts
from mangfold.web.reports.population import PopulationSection, population_section
from mangfold.web.results import charts as results_charts
from mangfold.web.results.places import place_label, withheld_text
from mangfold.web.results.profile import (
    Advice,
    IndicatorRow,
    PeerGroup,
    indicator_rows,
    peer_groups,
    peer_thresholds,
    recommendations,
)
from mangfold.web.results.services import (
    Entry,
    RoundResults,
    rank_label,
    round_results,
    stored_scorecard,
)
from mangfold.web.results.trend import Progress, TrendRow, instrument_name, trend, trend_note


@dataclass(frozen=True)
class IndicatorSection:
    """One indicator's page: the score against the sample, what the city does and what it could do."""

    row: IndicatorRow
    sample: int
    does: tuple[LineView, ...]
    could: tuple[LineView, ...]
    advice: Advice | None
    chart: dict[str, Any] | None

    @property
    def code(self) -> str:
        return self.row.code

    @property
    def chart_key(self) -> str:
        """The key of this indicator's chart in :attr:`ProfileReport.charts`."""
        return f"indicator-{self.row.code}"

    @property
    def name(self) -> str:
        return self.row.name


@dataclass(frozen=True)
class ProfileReport:
    """Everything the city profile template lays out (web page and PDF alike)."""

    lang: str
    round: Round
    results: RoundResults
    entry: Entry
    generated: datetime.date
    rows: list[IndicatorRow]
    peers: list[PeerGroup]
    history: list[TrendRow]
    progress: Progress | None
    advice: list[Advice]
    strongest: list[IndicatorRow]
    weakest: list[IndicatorRow]
    sections: list[IndicatorSection]
    population: PopulationSection | None
    charts: dict[str, dict[str, Any]]
    sources: list[str]
    questionnaire_title: str
    missing_rule: str | None
    trend_note: str = ""
    """Why the trend has several series (the city has results on several instruments); "" otherwise."""

    @property
    def city(self) -> str:
        return self.entry.city.name

    @property
    def instrument(self) -> Instrument:
        """What the round's scores were measured with (a questionnaire version or a published index)."""
        return self.results.instrument

    @property
    def instrument_name(self) -> str:
        """The instrument's name in the report's language ("ICC-indekset (Europarådet), udgave 2011")."""
        return instrument_name(self.results.instrument, self.lang)

    @property
    def published(self) -> bool:
        """A round of a published index: the place is the published one, no mean, no peer positions."""
        return self.results.published

    @property
    def placement(self) -> Placement | None:
        """The city's place that may be shown: the published one on a published index, else the
        computed one from the minimum sample (``MANGFOLD_MIN_RANK_SAMPLE``); None with :attr:`withheld`."""
        return self.entry.standing.placement

    @property
    def withheld(self) -> Withheld | None:
        """Why :attr:`placement` is None (a small sample; a place not published; no score)."""
        return self.entry.standing.withheld

    @property
    def withheld_reason(self) -> str:
        """:attr:`withheld` in words, in the active language ("" when a place is shown)."""
        standing = self.entry.standing
        return withheld_text(standing.withheld, standing.count, standing.limits)

    @property
    def mean(self) -> float | None:
        """The mean overall score of the round's cities; None below the minimum or on a published index."""
        return self.entry.standing.mean

    @property
    def median(self) -> float | None:
        return self.entry.standing.median

    @property
    def rank_sentence(self) -> str:
        """ "København ligger nr. 5 af 20 byer." or why no place is shown."""
        placement = self.placement
        if placement is None:
            return self.withheld_reason
        if placement.of is None:
            return _("%(city)s is %(place)s.") % {"city": self.city, "place": place_label(placement)}
        sentence = typography.rank_sentence(
            self.city, placement.rank, placement.of, self.lang, tied=placement.tied
        )
        return sentence + "."

    @property
    def ranking(self) -> list[tuple[str, str, float, bool]]:
        """Every city of the round with an overall score, best first: (place that may be shown, name,
        score, is this city)."""
        return [
            (rank_label(place), entry.city.name, value, entry.slug == self.entry.slug)
            for entry, value, place in self.results.scored(OVERALL)
        ]

    @property
    def title(self) -> str:
        return _("City profile: %(city)s") % {"city": self.city}

    @property
    def thresholds(self) -> dict[str, str]:
        """The size and diversity that split the peer groups, in the report's language."""
        return peer_thresholds(self.lang)


def _lines(view: IndicatorView | None) -> tuple[tuple[LineView, ...], tuple[LineView, ...]]:
    if view is None:
        return (), ()
    counted = [line for line in view.lines if line.points is not None]
    does = tuple(line for line in counted if line.points is not None and line.points >= WEAK_BELOW)
    could = tuple(line for line in counted if line.points is not None and line.points < WEAK_BELOW)
    return does, could


def _sections(
    report_rows: list[IndicatorRow], results: RoundResults, entry: Entry, advice: list[Advice]
) -> list[IndicatorSection]:
    card = stored_scorecard(entry.assessment)
    views = {
        v.code: v
        for v in (
            scorecard_view(card, round_questionnaire(results.round), private=False).indicators
            if card is not None
            else []
        )
    }
    by_code = {a.code: a for a in advice}
    sections = []
    for row in report_rows:
        if row.score is None:
            continue
        does, could = _lines(views.get(row.code))
        sections.append(
            IndicatorSection(
                row=row,
                sample=results.summary(row.code).count,
                does=does,
                could=could,
                advice=by_code.get(row.code),
                chart=charts.indicator_chart(results, row.code, entry.slug),
            )
        )
    return sections


def strongest_and_weakest(
    rows: list[IndicatorRow], count: int = 3
) -> tuple[list[IndicatorRow], list[IndicatorRow]]:
    """The city's ``count`` best indicators and its ``count`` weakest (among the others), by score."""

    def gap(row: IndicatorRow) -> float:
        return row.difference or 0.0

    scored = [r for r in rows if r.score is not None]
    strong = sorted(scored, key=lambda r: (-(r.score or 0.0), -gap(r), r.name))[:count]
    rest = [r for r in scored if r not in strong]
    weak = sorted(rest, key=lambda r: (r.score or 0.0, gap(r), r.name))[:count]
    return strong, weak


def _sources(
    results: RoundResults, entry: Entry, advice: list[Advice], population: PopulationSection | None
) -> list[str]:
    lines = []
    assessment = entry.assessment
    if assessment.is_legacy:
        lines.append(_("Scores: %(source)s") % {"source": assessment.source})
        if entry.placement is not None:
            lines.append(
                _("Place: %(place)s, as published by the source") % {"place": place_label(entry.placement)}
            )
    else:
        lines.append(
            _("Scores: the self-assessment of %(city)s in %(round)s, approved and published by %(network)s.")
            % {"city": entry.city.name, "round": results.round.name, "network": results.round.network.name}
        )
    practices = {p.practice.pk: p.practice for a in advice for p in a.practices if p.practice.source}
    for practice in practices.values():
        lines.append(
            _("Practice “%(title)s”: %(source)s") % {"title": practice.title, "source": practice.source}
        )
    if population is not None:
        lines.extend(population.sources)
    return lines


def build_profile(
    round_: Round, city_slug: str, lang: str, today: datetime.date | None = None
) -> ProfileReport | None:
    """The profile of ``city_slug`` in ``round_`` (None when it has no published result there)."""
    results = round_results(round_, lang)
    entry = results.entry(city_slug)
    if entry is None:
        return None
    rows = indicator_rows(results, entry)
    history, progress = trend(results, entry, lang)
    advice_all = recommendations(results, entry, lang, max_indicators=len(results.indicators))
    strong, weak = strongest_and_weakest(rows)
    population = population_section(entry.city, lang)
    questionnaire = round_questionnaire(round_)
    card = stored_scorecard(entry.assessment)
    name = entry.city.name
    chart_specs = {
        "ranking": charts.indicator_chart(results, OVERALL, entry.slug),
        "indicators": results_charts.indicators_chart(rows, name),
        "radar": results_charts.radar_chart(rows, name),
        "trend": results_charts.trend_chart(history, name),
        **(population.charts if population is not None else {}),
    }
    sections = _sections(rows, results, entry, advice_all)
    chart_specs.update({section.chart_key: section.chart for section in sections})
    return ProfileReport(
        lang=lang,
        round=round_,
        results=results,
        entry=entry,
        generated=today or timezone.localdate(),
        rows=rows,
        peers=peer_groups(results, entry, lang),
        history=history,
        progress=progress,
        advice=advice_all[:3],
        strongest=strong,
        weakest=weak,
        sections=sections,
        population=population,
        charts={key: spec for key, spec in chart_specs.items() if spec is not None},
        sources=_sources(results, entry, advice_all, population),
        questionnaire_title=questionnaire.label(questionnaire.title, lang) if questionnaire else "",
        missing_rule=card.missing_answer_rule if card else None,
        trend_note=trend_note(history, lang),
    )
