"""A radar (spider) chart of a city's indicator scores against the sample mean, drawn from plain marks.

Vega-Lite has no polar line mark, so the chart is laid out here: indicator ``i`` of ``n`` sits at the
angle ``θᵢ = 2π·i/n`` measured clockwise from twelve o'clock, and a score ``s`` (0–100) at the point

    x = (s / 100) · sin θᵢ,    y = (s / 100) · cos θᵢ

in a square of side 2 (the unit circle holds 100). Rings mark 25, 50, 75 and 100, spokes lead to each
indicator's label. A radar needs at least three indicators; :func:`radar` refuses fewer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mangfold.charts.scores import SCHEMA, city_and_sample_colour

RINGS = (25, 50, 75, 100)
LABEL_RADIUS = 1.12
GRID_COLOUR = "#c9ced8"
_EXTENT = 1.3
"""Half the side of the plotting square: room for the labels outside the 100 ring."""


@dataclass(frozen=True)
class RadarAxis:
    """One spoke: an indicator's label, the city's score and the sample's mean (0–100, None: none)."""

    label: str
    city: float | None
    sample_mean: float | None


def polar(score: float, index: int, count: int) -> tuple[float, float]:
    """The point of ``score`` (0–100) on spoke ``index`` of ``count``, clockwise from the top."""
    angle = 2 * math.pi * index / count
    radius = score / 100.0
    return round(radius * math.sin(angle), 6), round(radius * math.cos(angle), 6)


def _outline(series: str, axes: Sequence[RadarAxis], pick: str) -> list[dict[str, Any]]:
    """The closed polygon of one series; a missing score sits at the centre (drawn, but no dot)."""
    points = []
    for i, axis in enumerate(axes):
        score = getattr(axis, pick)
        x, y = polar(score or 0.0, i, len(axes))
        points.append({"series": series, "indicator": axis.label, "score": score, "x": x, "y": y, "i": i})
    return [*points, {**points[0], "i": len(axes)}]


def _align(x: float) -> str:
    return "center" if abs(x) < 0.05 else ("left" if x > 0 else "right")


def radar(
    axes: Sequence[RadarAxis],
    *,
    city_label: str,
    sample_label: str,
    indicator_label: str = "indicator",
    series_label: str = "series",
    score_label: str = "score",
    title: str = "",
    size: int = 340,
) -> dict[str, Any]:
    """A radar of the city's indicator scores (filled) and the sample means (dashed), 0–100.

    :class:`ValueError` for fewer than three indicators (a radar of two spokes is a line).
    """
    if len(axes) < 3:
        raise ValueError("a radar chart needs at least three indicators")
    n = len(axes)
    rings = [
        {"ring": ring, "x": x, "y": y, "i": i}
        for ring in RINGS
        for i in range(n + 1)
        for x, y in [polar(ring, i % n, n)]
    ]
    spokes = [{"x": 0.0, "y": 0.0, "x2": x, "y2": y} for i in range(n) for x, y in [polar(100, i, n)]]
    labels = [
        {"label": axis.label, "x": x * LABEL_RADIUS, "y": y * LABEL_RADIUS, "align": _align(x)}
        for i, axis in enumerate(axes)
        for x, y in [polar(100, i, n)]
    ]
    outlines = _outline(city_label, axes, "city")
    if any(axis.sample_mean is not None for axis in axes):  # no mean line where every mean is withheld
        outlines += _outline(sample_label, axes, "sample_mean")
    scale = {"domain": [-_EXTENT, _EXTENT]}
    x = {"field": "x", "type": "quantitative", "scale": scale, "axis": None}
    y = {"field": "y", "type": "quantitative", "scale": scale, "axis": None}
    colour = city_and_sample_colour(city_label, sample_label)
    dash = {
        "field": "series",
        "type": "nominal",
        "scale": {"domain": [city_label, sample_label], "range": [[1, 0], [5, 3]]},
        "legend": None,
    }
    tooltip = [
        {"field": "indicator", "title": indicator_label},
        {"field": "series", "title": series_label},
        {"field": "score", "title": score_label, "format": ".1f"},
    ]
    label_layers = [
        {
            "data": {"values": [label for label in labels if label["align"] == align]},
            "mark": {"type": "text", "align": align, "baseline": "middle", "fontSize": 11, "limit": 180},
            "encoding": {"x": x, "y": y, "text": {"field": "label"}},
        }
        for align in ("left", "right", "center")
        if any(label["align"] == align for label in labels)
    ]
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": size,
        "height": size,
        "view": {"stroke": None},
        "layer": [
            {
                "data": {"values": rings},
                "mark": {"type": "line", "color": GRID_COLOUR, "strokeWidth": 1},
                "encoding": {"x": x, "y": y, "detail": {"field": "ring"}, "order": {"field": "i"}},
            },
            {
                "data": {"values": spokes},
                "mark": {"type": "rule", "color": GRID_COLOUR},
                "encoding": {"x": x, "y": y, "x2": {"field": "x2"}, "y2": {"field": "y2"}},
            },
            {
                "data": {"values": outlines},
                "mark": {"type": "line", "strokeWidth": 2},
                "encoding": {"x": x, "y": y, "color": colour, "strokeDash": dash, "order": {"field": "i"}},
            },
            {
                "data": {"values": [p for p in outlines if p["score"] is not None and p["i"] < n]},
                "mark": {"type": "point", "filled": True, "size": 40, "tooltip": True},
                "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip},
            },
            *label_layers,
        ],
    }
