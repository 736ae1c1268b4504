"""Scores over rounds: one line per series (the city's overall score, the sample mean, an indicator)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mangfold.charts.scores import CITY_COLOUR, SAMPLE_COLOUR, SCHEMA

OTHER_COLOURS = ("#b45f06", "#38761d", "#741b47", "#134f5c", "#7f6000", "#990000")
"""Further series (indicators), each at least 4.5:1 against white."""


@dataclass(frozen=True)
class TrendPoint:
    """A series' score (0–100) in one round; ``order`` places the round on the time axis."""

    round_label: str
    order: int
    series: str
    score: float


def score_trend(
    points: Sequence[TrendPoint],
    *,
    series: Sequence[str],
    score_label: str,
    round_label: str,
    series_label: str = "series",
    title: str = "",
) -> dict[str, Any]:
    """Lines with dots of each series over the rounds (x: the rounds in ``order``; y: 0–100).

    ``series`` names the lines in legend order; the first is drawn in the city colour, the second
    in the sample colour, the rest in :data:`OTHER_COLOURS`.
    """
    palette = [CITY_COLOUR, SAMPLE_COLOUR, *OTHER_COLOURS]
    values = [
        {"round": p.round_label, "order": p.order, "series": p.series, "score": p.score} for p in points
    ]
    rounds = [p.round_label for p in sorted(points, key=lambda p: p.order)]
    domain = list(dict.fromkeys(rounds))
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": 420,
        "height": 220,
        "data": {"values": values},
        "mark": {"type": "line", "point": {"filled": True, "size": 60}, "tooltip": True},
        "encoding": {
            "x": {
                "field": "round",
                "type": "ordinal",
                "title": round_label,
                "scale": {"domain": domain},
                "axis": {"labelAngle": 0},
            },
            "y": {
                "field": "score",
                "type": "quantitative",
                "title": score_label,
                "scale": {"domain": [0, 100]},
            },
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(series), "range": palette[: len(series)]},
                "legend": {"orient": "bottom"},
            },
            "tooltip": [
                {"field": "series", "title": series_label},
                {"field": "round", "title": round_label},
                {"field": "score", "title": score_label, "format": ".1f"},
            ],
        },
    }
