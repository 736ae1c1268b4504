"""Charts of policy-index scores: a city's indicators against the sample, and the spread of a round."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
CITY_COLOUR = "#0b5394"
SAMPLE_COLOUR = "#1d2433"


def city_and_sample_colour(city_label: str, sample_label: str) -> dict[str, Any]:
    """The colour encoding of a chart's two series: the city in :data:`CITY_COLOUR`, the sample in
    :data:`SAMPLE_COLOUR`, with the legend below the chart."""
    return {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": [city_label, sample_label], "range": [CITY_COLOUR, SAMPLE_COLOUR]},
        "legend": {"orient": "bottom"},
    }


@dataclass(frozen=True)
class IndicatorScore:
    """One bar: an indicator's label, the city's score and the sample's mean (both 0–100)."""

    label: str
    city: float | None
    sample_mean: float | None


def indicator_bars(
    scores: Sequence[IndicatorScore],
    *,
    city_label: str,
    sample_label: str,
    score_label: str,
    title: str = "",
) -> dict[str, Any]:
    """Horizontal bars of the city's indicator scores with a tick at the sample mean of each indicator."""
    values = [
        {"indicator": s.label, "series": city_label, "score": s.city, "order": i}
        for i, s in enumerate(scores)
        if s.city is not None
    ] + [
        {"indicator": s.label, "series": sample_label, "score": s.sample_mean, "order": i}
        for i, s in enumerate(scores)
        if s.sample_mean is not None
    ]
    # Vega-Lite drops a field sort in layered charts: name the order explicitly.
    y = {"field": "indicator", "type": "nominal", "title": None, "sort": [s.label for s in scores]}
    x = {"field": "score", "type": "quantitative", "title": score_label, "scale": {"domain": [0, 100]}}
    colour = city_and_sample_colour(city_label, sample_label)
    tooltip = [{"field": "indicator"}, {"field": "series"}, {"field": "score", "format": ".0f"}]
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": 420,
        "data": {"values": values},
        "layer": [
            {
                "transform": [{"filter": {"field": "series", "equal": city_label}}],
                "mark": {"type": "bar", "tooltip": True},
                "encoding": {"y": y, "x": x, "color": colour, "tooltip": tooltip},
            },
            {
                "transform": [{"filter": {"field": "series", "equal": sample_label}}],
                "mark": {"type": "tick", "thickness": 3, "size": 18},
                "encoding": {"y": y, "x": x, "color": colour, "tooltip": tooltip},
            },
        ],
    }


def score_distribution(
    scores: Sequence[tuple[str, float]], *, highlight: str | None, score_label: str, count_label: str
) -> dict[str, Any]:
    """Dots of every city's overall score on one 0–100 axis, the highlighted city in the accent colour."""
    values = [{"city": name, "score": score, "focus": name == highlight} for name, score in scores]
    return {
        "$schema": SCHEMA,
        "width": 420,
        "height": 60,
        "data": {"values": values},
        "mark": {"type": "circle", "size": 90, "opacity": 0.85, "tooltip": True},
        "encoding": {
            "x": {
                "field": "score",
                "type": "quantitative",
                "title": score_label,
                "scale": {"domain": [0, 100]},
            },
            "color": {
                "field": "focus",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": [False, True], "range": ["#8a94a6", CITY_COLOUR]},
            },
            "tooltip": [{"field": "city"}, {"field": "score", "format": ".0f", "title": count_label}],
        },
    }
