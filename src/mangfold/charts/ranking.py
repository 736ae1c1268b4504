"""Every city's score on one measure as ranked horizontal bars, with a rule at the sample mean."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mangfold.charts.scores import CITY_COLOUR, SAMPLE_COLOUR, SCHEMA

OTHERS_COLOUR = "#5b6b84"
"""The bars of the cities not highlighted (4.9:1 against white)."""


@dataclass(frozen=True)
class RankedScore:
    """One bar: a city's name and its score (0–100); ``highlight`` draws it in the accent colour."""

    label: str
    score: float
    highlight: bool = False


def ranking_bars(
    scores: Sequence[RankedScore],
    *,
    mean: float | None,
    score_label: str,
    mean_label: str,
    name_label: str = "city",
    title: str = "",
) -> dict[str, Any]:
    """Bars of the cities' scores, highest first (ties in the given order), and the mean as a rule."""
    ordered = sorted(enumerate(scores), key=lambda pair: (-pair[1].score, pair[0]))
    values = [
        {"city": s.label, "score": s.score, "order": position, "highlight": s.highlight}
        for position, (_, s) in enumerate(ordered)
    ]
    x = {"field": "score", "type": "quantitative", "title": score_label, "scale": {"domain": [0, 100]}}
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": values},
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "y": {"field": "city", "type": "nominal", "title": None, "sort": {"field": "order"}},
                "x": x,
                "color": {
                    "field": "highlight",
                    "type": "nominal",
                    "legend": None,
                    "scale": {"domain": [False, True], "range": [OTHERS_COLOUR, CITY_COLOUR]},
                },
                "tooltip": [
                    {"field": "city", "title": name_label},
                    {"field": "score", "format": ".1f", "title": score_label},
                ],
            },
        }
    ]
    if mean is not None:
        layers.append(
            {
                "data": {"values": [{"score": mean, "label": mean_label}]},
                "mark": {"type": "rule", "color": SAMPLE_COLOUR, "strokeWidth": 2, "strokeDash": [5, 3]},
                "encoding": {
                    "x": x,
                    "tooltip": [{"field": "score", "format": ".1f", "title": mean_label}],
                },
            }
        )
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": 420,
        "height": {"step": 22},
        "layer": layers,
    }
