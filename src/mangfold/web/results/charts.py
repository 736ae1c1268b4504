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
from mangfold.web.results.profile import IndicatorRow, TrendRow
from mangfold.web.results.services import RoundResults


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
    """The radar of the indicators the city has a score on (None for fewer than three)."""
    scored = [RadarAxis(row.name, row.score, row.mean) for row in rows if row.score is not None]
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
        [(entry.city.name, score) for entry, score, _standing in scored],
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
        [RankedScore(entry.city.name, score, entry.slug == highlight) for entry, score, _standing in scored],
        mean=results.summary(measure).mean,
        score_label=score_label(),
        mean_label=_("Mean of the cities"),
        name_label=_("City"),
    )


def trend_chart(rows: Sequence[TrendRow], city: str) -> dict[str, Any] | None:
    """The city's overall score and the sample mean over the rounds (None for a single round)."""
    if len([row for row in rows if row.score is not None]) < 2:
        return None
    mean = _("Mean of the cities")
    points = [
        TrendPoint(row.round.name, i, city, row.score) for i, row in enumerate(rows) if row.score is not None
    ]
    points += [
        TrendPoint(row.round.name, i, mean, row.mean) for i, row in enumerate(rows) if row.mean is not None
    ]
    return score_trend(
        points,
        series=[city, mean],
        score_label=score_label(),
        round_label=_("Round"),
        series_label=_("Series"),
    )
