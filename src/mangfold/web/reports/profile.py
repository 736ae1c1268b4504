"""What a city profile shows, built from the round's published results in the report's language.

The numbers come from the results app (:mod:`mangfold.web.results.services` and ``.profile``: the
benchmark of the round, peer groups, trend); the recommendations from real practice are the result page's
(:func:`mangfold.web.practices.recommended.recommended_practices`, rules in
:mod:`mangfold.index.learning`), for every indicator where the city trails its comparable peers; the
population part from the statistics app (:mod:`mangfold.web.reports.population`); the outcome barometer,
when the city has published one, from :func:`mangfold.web.barometer.sections.barometer_section`; the
method section from what was done for this result (:mod:`mangfold.web.reports.method`).
Call :func:`build_profile` inside ``translation.override(lang)``: labels and chart titles are translated
with the active language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from mangfold.index.benchmark import OVERALL
from mangfold.index.instrument import Instrument
from mangfold.index.learning import WEAK_BELOW
from mangfold.index.standing import Placement, Withheld
from mangfold.reports import typography
from mangfold.reports.briefing import strongest_and_weakest
from mangfold.reports.context import round_year
from mangfold.reports.sources import practice_source, published_result_note
from mangfold.web.assessments.models import Round
from mangfold.web.assessments.questionnaires import round_questionnaire
from mangfold.web.assessments.scores import IndicatorView, LineView, scorecard_view
from mangfold.web.barometer.sections import barometer_section
from mangfold.web.practices.recommended import Area, Recommended, recommended_practices
from mangfold.web.reports import report_charts as charts
from mangfold.web.reports.method import method_paragraphs
from mangfold.web.reports.population import PopulationSection, population_section
from mangfold.web.results import result_charts as results_charts
from mangfold.web.results.places import place_label, rank_label, withheld_text
from mangfold.web.results.profile import (
    IndicatorRow,
    PeerGroup,
    indicator_rows,
    peer_groups,
    peer_thresholds,
)
from mangfold.web.results.services import (
    Entry,
    RoundResults,
    round_results,
    stored_scorecard,
)
from mangfold.web.results.trend import Progress, TrendRow, instrument_name, trend, trend_note


@dataclass(frozen=True)
class IndicatorSection:
    """One indicator's page: the score against the sample, what the city does and what it could do, and
    the practices recommended for it (its area of :attr:`ProfileReport.recommended`, if any)."""

    row: IndicatorRow
    sample: int
    does: tuple[LineView, ...]
    could: tuple[LineView, ...]
    area: Area | None
    trails: bool
    """The area was chosen because the city trails its comparable peers here (not for too few peers)."""
    chart: dict[str, Any] | None
    coverage: float | None = None
    """The share (0–1) of the indicator's weight its answered questions carry, when below 1 ("not
    measured" answers); None when complete."""

    @property
    def gap(self) -> float | None:
        """Points the city trails the peer mean by (only where :attr:`trails`)."""
        area = self.area
        if not self.trails or area is None or area.peer_mean is None or area.score is None:
            return None
        return area.peer_mean - area.score

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
    strongest: tuple[IndicatorRow, ...]
    weakest: tuple[IndicatorRow, ...]
    sections: list[IndicatorSection]
    population: PopulationSection | None
    charts: dict[str, dict[str, Any]]
    sources: list[str]
    questionnaire_title: str
    missing_rule: str | None
    trend_note: str = ""
    """Why the trend has several series (the city has results on several instruments); "" otherwise."""
    recommended: Recommended | None = None
    """Recommendations from real practice, as on the city's result page."""
    barometer: dict[str, Any] | None = None
    """The city's published outcome barometer (:func:`barometer_section`); None when unpublished."""
    method: tuple[str, ...] = ()
    """The method section's paragraphs: what was done for this result (:func:`method_paragraphs`)."""

    @property
    def city(self) -> str:
        """The name in the report's language, an invented city marked: "Eksempelby (opdigtet eksempel)"."""
        city = self.entry.city
        return typography.display_name(city.name, self.lang, invented=city.is_example)

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
            (rank_label(place), _shown_name(entry, self.lang), value, entry.slug == self.entry.slug)
            for entry, value, place in self.results.scored(OVERALL)
        ]

    @property
    def published_note(self) -> str:
        """An imported result's period and source: "resultat fra foråret 2011; kilde: …" ("" for a
        self-assessment)."""
        assessment = self.entry.assessment
        if not assessment.is_legacy:
            return ""
        return published_result_note(assessment.source, assessment.published_period, self.lang)

    @property
    def published_period(self) -> str:
        """The period of a published place as the cover gives it: "resultat fra foråret 2011"."""
        placement = self.placement
        if placement is None or not placement.published or not placement.period:
            return ""
        return published_result_note("", placement.period, self.lang)

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
    report_rows: list[IndicatorRow], results: RoundResults, entry: Entry, recommended: Recommended | None
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
    areas = {a.code: a for a in recommended.areas if a.code} if recommended is not None else {}
    trails = recommended is not None and recommended.trails
    sections = []
    for row in report_rows:
        if row.score is None:
            continue
        view = views.get(row.code)
        does, could = _lines(view)
        sections.append(
            IndicatorSection(
                row=row,
                sample=results.summary(row.code).count,
                does=does,
                could=could,
                area=areas.get(row.code),
                trails=trails,
                chart=charts.indicator_chart(results, row.code, entry.slug),
                coverage=coverage_below_full(view),
            )
        )
    return sections


def coverage_below_full(view: IndicatorView | None) -> float | None:
    """The indicator's coverage when below 100 % (answers "not measured" left out), else None."""
    coverage = getattr(view, "coverage", None)
    return coverage if coverage is not None and coverage < 1 else None


def _sources(
    results: RoundResults,
    entry: Entry,
    recommended: Recommended | None,
    population: PopulationSection | None,
    barometer: dict[str, Any] | None = None,
    lang: str = "en",
) -> list[str]:
    """The profile's sources; practice sources in the report's language (``lang``: a Danish report cites
    a practice by its Danish title and the addresses of its sources,
    :func:`mangfold.reports.sources.practice_source`)."""
    lines = []
    assessment = entry.assessment
    if assessment.is_legacy:
        lines.extend(_published_sources(entry, lang))
    else:
        lines.append(
            _("Scores: the self-assessment of %(city)s in %(round)s, approved and published by %(network)s.")
            % {
                "city": _shown_name(entry, lang),
                "round": results.round.title,
                "network": results.round.network.name,
            }
        )
    areas = recommended.areas if recommended is not None else ()
    titles = {s.practice.pk: s.title for a in areas for s in a.practices if s.practice.source}
    practices = {s.practice.pk: s.practice for a in areas for s in a.practices}
    for pk, title in titles.items():
        source = practice_source(practices[pk].source, practices[pk].link_list, lang)
        lines.append(_("Practice “%(title)s”: %(source)s") % {"title": title, "source": source})
    if population is not None:
        lines.extend(population.sources)
    lines.extend(barometer_sources(barometer))
    return lines


def _shown_name(entry: Entry, lang: str) -> str:
    """A city's name as the report prints it (an invented city marked in ``lang``)."""
    return typography.display_name(entry.city.name, lang, invented=entry.city.is_example)


def _published_sources(entry: Entry, lang: str) -> list[str]:
    """An imported result's source lines: the period dates the result, the source is cited apart
    ("Score og placering (nr. 5 af 20 byer): resultat fra foråret 2011; kilde: …")."""
    assessment = entry.assessment
    note = published_result_note(assessment.source, assessment.published_period, lang)
    placement = entry.placement
    if placement is None or not placement.published:
        return [_("Score: %(note)s") % {"note": note}]
    values = {"place": place_label(placement), "note": note}
    if placement.source == assessment.source:
        return [_("Score and place (%(place)s): %(note)s") % values]
    values["place_note"] = published_result_note(placement.source, placement.period, lang)
    return [
        _("Score: %(note)s") % values,
        _("Place (%(place)s): %(place_note)s") % values,
    ]


def barometer_sources(barometer: dict[str, Any] | None) -> list[str]:
    """The sources of the barometer's figures, each once, in the order they appear."""
    if barometer is None:
        return []
    found: dict[str, None] = {}
    for goal in barometer["goals"]:
        for indicator in goal["indicators"]:
            for item in [*indicator["values"], *indicator["comparisons"]]:
                if item.get("source"):
                    found.setdefault(str(item["source"]), None)
    return [
        _("Outcome barometer “%(title)s”: %(source)s") % {"title": barometer["title"], "source": s}
        for s in found
    ]


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
    recommended = recommended_practices(results, entry, lang, max_indicators=len(results.indicators))
    barometer = barometer_section(entry.city, lang, scores=dict(entry.result.indicators))
    strong, weak = strongest_and_weakest(rows)  # the briefing's rule (mangfold.reports.briefing)
    population = population_section(entry.city, lang, year=round_year(round_.slug, round_.name))
    questionnaire = round_questionnaire(round_)
    card = stored_scorecard(entry.assessment)
    name = _shown_name(entry, lang)
    chart_specs = {
        "ranking": charts.indicator_chart(results, OVERALL, entry.slug),
        "indicators": results_charts.indicators_chart(rows, name),
        "radar": results_charts.radar_chart(rows, name),
        "trend": results_charts.trend_chart(history, name),
        **(population.charts if population is not None else {}),
    }
    sections = _sections(rows, results, entry, recommended)
    chart_specs.update({section.chart_key: section.chart for section in sections})
    peers = peer_groups(results, entry, lang)
    title = questionnaire.label(questionnaire.title, lang) if questionnaire else ""
    missing_rule = card.missing_answer_rule if card else None
    return ProfileReport(
        lang=lang,
        round=round_,
        results=results,
        entry=entry,
        generated=today or timezone.localdate(),
        rows=rows,
        peers=peers,
        history=history,
        progress=progress,
        strongest=strong,
        weakest=weak,
        sections=sections,
        population=population,
        charts={key: spec for key, spec in chart_specs.items() if spec is not None},
        sources=_sources(results, entry, recommended, population, barometer, lang),
        questionnaire_title=title,
        missing_rule=missing_rule,
        trend_note=trend_note(history, lang, progress),
        recommended=recommended,
        barometer=barometer,
        method=tuple(
            method_paragraphs(
                results,
                entry,
                peers,
                recommended,
                questionnaire_title=title,
                missing_rule=missing_rule,
                indicator_pages=bool(sections),
                lang=lang,
            )
        ),
    )
