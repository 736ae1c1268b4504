"""Population charts: shares by origin over time and segregation indices over time.

Both are lines with a point (a mark) for every period of every series, so a reader can hover or read
each year; the web page puts a table with the same numbers beside each chart. Values are plain numbers
(shares in per cent, indices 0–1); ``None`` (unknown) leaves a gap: the point is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mangfold.charts.scores import SCHEMA

PALETTE = (
    "#0b5394",
    "#b45f06",
    "#38761d",
    "#741b47",
    "#134f5c",
    "#7f6000",
    "#990000",
    "#1d2433",
    "#5b3fa0",
    "#a0306b",
    "#2f6f4f",
    "#6b4e16",
)
"""Series colours, each at least 4.5:1 against white (more than the 3:1 that WCAG 1.4.11 asks of graphics)."""


@dataclass(frozen=True)
class SeriesPoint:
    """One value of one series in one period (``value`` ``None`` when unknown)."""

    period: str
    series: str
    value: float | None


def _lines(
    points: Sequence[SeriesPoint],
    *,
    series: Sequence[str],
    value_title: str,
    period_title: str,
    value_format: str,
    domain: Sequence[float] | None,
    title: str,
) -> dict[str, Any]:
    periods = sorted({p.period for p in points})
    values = [
        {"period": p.period, "series": p.series, "value": p.value} for p in points if p.value is not None
    ]
    y: dict[str, Any] = {
        "field": "value",
        "type": "quantitative",
        "title": value_title,
        "axis": {"format": value_format},
    }
    if domain is not None:
        y["scale"] = {"domain": list(domain)}
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(series))]
    return {
        "$schema": SCHEMA,
        "title": title,
        "width": 520,
        "height": 260,
        "data": {"values": values},
        "mark": {"type": "line", "point": {"filled": True, "size": 50}, "tooltip": True},
        "encoding": {
            "x": {
                "field": "period",
                "type": "ordinal",
                "title": period_title,
                "scale": {"domain": periods},
                "axis": {"labelAngle": 0},
            },
            "y": y,
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(series), "range": colours},
                "legend": {"orient": "bottom", "columns": 2, "labelLimit": 380},
            },
            "tooltip": [
                {"field": "period", "title": period_title},
                {"field": "series", "title": " "},
                {"field": "value", "title": value_title, "format": value_format},
            ],
        },
    }


def shares_over_time(
    points: Sequence[SeriesPoint],
    *,
    series: Sequence[str],
    share_title: str,
    period_title: str,
    title: str = "",
) -> dict[str, Any]:
    """Lines of each group's share of the population (per cent) over the periods, a point per period.

    ``series`` names the groups in legend order; each gets a colour of :data:`PALETTE`.
    """
    return _lines(
        points,
        series=series,
        value_title=share_title,
        period_title=period_title,
        value_format=".1f",
        domain=None,
        title=title,
    )


def indices_over_time(
    points: Sequence[SeriesPoint],
    *,
    series: Sequence[str],
    value_title: str,
    period_title: str,
    title: str = "",
) -> dict[str, Any]:
    """Lines of segregation indices (dissimilarity, isolation, Theil's H: each 0–1) over the periods."""
    return _lines(
        points,
        series=series,
        value_title=value_title,
        period_title=period_title,
        value_format=".2f",
        domain=(0.0, 1.0),
        title=title,
    )
