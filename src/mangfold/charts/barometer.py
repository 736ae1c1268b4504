"""An outcome indicator over the years: its values, the base year marked, the target marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mangfold.charts.scores import CITY_COLOUR, SAMPLE_COLOUR, SCHEMA

TARGET_COLOUR = "#38761d"
"""The target line (at least 4.5:1 against white); it is also dashed and labelled, never colour alone."""


def indicator_trend(
    points: Sequence[tuple[int, float]],
    *,
    base_year: int,
    value_label: str,
    year_label: str,
    base_label: str,
    target: float | None = None,
    target_label: str = "",
    decimals: int = 0,
    title: str = "",
) -> dict[str, Any]:
    """Line with dots of ``(year, value)``; a solid vertical rule at the base year and a dashed
    horizontal rule at the target, each with its label written next to it.

    The y-axis is not forced to start at zero: a barometer shows change, and every point carries its
    value in the tooltip (and the page puts a table with the same numbers beside the chart).
    """
    values = [{"year": year, "value": value} for year, value in sorted(points)]
    years = [year for year, _ in points] + [base_year]
    number = f",.{decimals}f"
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": [{"year": base_year, "label": base_label}]},
            "layer": [
                {
                    "mark": {"type": "rule", "color": SAMPLE_COLOUR, "strokeWidth": 1.5},
                    "encoding": {"x": {"field": "year"}},
                },
                {
                    "mark": {"type": "text", "align": "left", "dx": 4, "dy": -6, "baseline": "top", "y": 0},
                    "encoding": {"x": {"field": "year"}, "text": {"field": "label"}},
                },
            ],
        },
        {
            "data": {"values": values},
            "mark": {
                "type": "line",
                "color": CITY_COLOUR,
                "point": {"filled": True, "size": 60, "color": CITY_COLOUR},
            },
            "encoding": {
                "x": {"field": "year"},
                "y": {
                    "field": "value",
                    "type": "quantitative",
                    "title": value_label,
                    "scale": {"zero": False},
                },
                "tooltip": [
                    {"field": "year", "title": year_label, "format": "d"},
                    {"field": "value", "title": value_label, "format": number},
                ],
            },
        },
    ]
    if target is not None:
        layers.append(
            {
                "data": {"values": [{"target": target, "label": target_label}]},
                "layer": [
                    {
                        "mark": {
                            "type": "rule",
                            "color": TARGET_COLOUR,
                            "strokeDash": [6, 4],
                            "strokeWidth": 1.5,
                        },
                        "encoding": {"y": {"field": "target", "type": "quantitative"}},
                    },
                    {
                        "mark": {
                            "type": "text",
                            "align": "right",
                            "dy": -6,
                            "color": TARGET_COLOUR,
                            "x": "width",
                        },
                        "encoding": {
                            "y": {"field": "target", "type": "quantitative"},
                            "text": {"field": "label"},
                        },
                    },
                ],
            }
        )
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": 420,
        "height": 220,
        "encoding": {
            "x": {
                "type": "quantitative",
                "title": year_label,
                "scale": {"domain": [min(years), max(years)], "nice": False},
                "axis": {"format": "d", "tickMinStep": 1, "labelAngle": 0},
            }
        },
        "layer": layers,
    }


def policy_outcome_scatter(
    points: Sequence[tuple[str, float, float]],
    *,
    policy_label: str,
    outcome_label: str,
    city_label: str,
    decimals: int = 0,
    title: str = "",
) -> dict[str, Any]:
    """One dot per city: its policy indicator score (x, 0–100) against an outcome's latest value (y),
    each dot labelled with the city's name. No fitted line: the chart shows association, not effect."""
    values = [{"city": city, "policy": policy, "outcome": outcome} for city, policy, outcome in points]
    tooltip = [
        {"field": "city", "title": city_label},
        {"field": "policy", "title": policy_label, "format": ".0f"},
        {"field": "outcome", "title": outcome_label, "format": f",.{decimals}f"},
    ]
    encoding = {
        "x": {
            "field": "policy",
            "type": "quantitative",
            "title": policy_label,
            "scale": {"domain": [0, 100]},
        },
        "y": {"field": "outcome", "type": "quantitative", "title": outcome_label, "scale": {"zero": False}},
    }
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": 420,
        "height": 260,
        "data": {"values": values},
        "encoding": encoding,
        "layer": [
            {
                "mark": {"type": "point", "filled": True, "size": 70, "color": CITY_COLOUR},
                "encoding": {"tooltip": tooltip},
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 7, "dy": -7},
                "encoding": {"text": {"field": "city"}},
            },
        ],
    }
