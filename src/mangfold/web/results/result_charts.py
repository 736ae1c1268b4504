"""The results pages' charts: Vega-Lite specifications from :mod:`mangfold.charts`, labelled in the
page's language. Each chart on a page has a table with the same numbers beside it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from mangfold.charts.radar import RadarAxis, radar
from mangfold.charts.ranking import RankedScore, ranking_bars
from mangfold.charts.scores import IndicatorScore, indicator_bars, score_distribution
from mangfold.charts.trend import TrendPoint, score_trend
from mangfold.index.benchmark import OVERALL
from mangfold.web.results.profile import IndicatorRow
from mangfold.web.results.services import RoundResults
from mangfold.web.results.trend import TrendRow


def score_label() -> str:
    return _("Score (0–100)")


def indicators_chart(rows: Sequence[IndicatorRow], city: str) -> dict[str, Any] | None:
    """Bars of the city's indicator scores, a tick at each sample mean (None when it has none)."""
    if not any(row.score is not None for row in rows):
        return None
    spec = indicator_bars(
        [IndicatorScore(row.name, row.score, row.mean) for row in rows],
        city_label=city,
        sample_label=_("Mean of the cities"),
        score_label=score_label(),
    )
    for layer in spec["layer"]:  # a layered chart drops "sort by field": keep the questionnaire's order
        layer["encoding"]["y"] = {**layer["encoding"]["y"], "sort": [row.name for row in rows]}
    return spec


def radar_chart(rows: Sequence[IndicatorRow], city: str) -> dict[str, Any] | None:
    """The radar of the indicators the city has a score on (None for fewer than three); the dashed mean
    line only when every one of them has a mean that may be shown (three cities or more)."""
    shown = [row for row in rows if row.score is not None]
    every_mean = all(row.mean is not None for row in shown)  # a withheld mean is no point at the centre
    scored = [RadarAxis(row.name, row.score, row.mean if every_mean else None) for row in shown]
    if len(scored) < 3:
        return None
    return radar(
        scored,
        city_label=city,
        sample_label=_("Mean of the cities"),
        indicator_label=_("Indicator"),
        series_label=_("Series"),
        score_label=score_label(),
    )


def distribution_chart(results: RoundResults, highlight: str | None = None) -> dict[str, Any] | None:
    """Every city's overall score as a dot on 0–100, the highlighted city (a slug) in the accent colour."""
    scored = results.scored(OVERALL)
    if not scored:
        return None
    name = results.name(highlight) if highlight and results.entry(highlight) else None
    return score_distribution(
        [(entry.city.display_name, score) for entry, score, _standing in scored],
        highlight=name,
        score_label=_("Overall score (0–100)"),
        count_label=_("Overall score"),
    )


def ranking_chart(results: RoundResults, measure: str, highlight: str | None = None) -> dict[str, Any] | None:
    """Bars of every city's score on ``measure`` (``overall`` or an indicator), the mean as a rule."""
    scored = results.scored(measure)
    if not scored:
        return None
    return ranking_bars(
        [
            RankedScore(entry.city.display_name, score, entry.slug == highlight)
            for entry, score, _standing in scored
        ],
        mean=results.summary(measure).mean,
        score_label=score_label(),
        mean_label=_("Mean of the cities"),
        name_label=_("City"),
    )


def trend_chart(rows: Sequence[TrendRow], city: str) -> dict[str, Any] | None:
    """The city's overall score over the rounds, one series per instrument (scores of different
    instruments are never joined by a line), and the mean of the cities where one may be shown (None
    when no instrument has two rounds with a score)."""
    scored = [row for row in rows if row.score is not None]
    instruments = list(dict.fromkeys(row.instrument for row in scored))
    if not any(sum(1 for row in scored if row.instrument == i) >= 2 for i in instruments):
        return None
    several = len(instruments) > 1
    names = {
        i: (f"{city} – {next(r.instrument_name for r in scored if r.instrument == i)}" if several else city)
        for i in instruments
    }
    order = {row.round.pk: n for n, row in enumerate(rows)}
    points = [
        TrendPoint(row.round.title, order[row.round.pk], names[row.instrument], score)
        for row in rows
        if (score := row.score) is not None
    ]
    series = list(names.values())
    mean = _("Mean of the cities")
    means = [
        TrendPoint(row.round.title, order[row.round.pk], mean, value)
        for row in rows
        if (value := row.mean) is not None and not several
    ]
    if means:
        points += means
        series.insert(1, mean)
    return score_trend(
        points,
        series=series,
        score_label=score_label(),
        round_label=_("Round"),
        series_label=_("Series"),
    )
