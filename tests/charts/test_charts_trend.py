"""Scores over rounds: one line per series, the rounds in time order, valid SVG in both languages."""

from __future__ import annotations

import re

from mangfold.charts import to_svg
from mangfold.charts.trend import TrendPoint, score_trend

POINTS = [
    TrendPoint("2012", 1, "København", 66.5),
    TrendPoint("2011", 0, "København", 66.0),
    TrendPoint("2011", 0, "Gennemsnit", 60.25),
    TrendPoint("2012", 1, "Gennemsnit", 61.0),
]


def test_rounds_are_placed_in_time_order_and_series_keep_their_colours() -> None:
    spec = score_trend(POINTS, series=["København", "Gennemsnit"], score_label="Score", round_label="Runde")
    assert spec["encoding"]["x"]["scale"]["domain"] == ["2011", "2012"]
    colour = spec["encoding"]["color"]["scale"]
    assert colour["domain"] == ["København", "Gennemsnit"]
    assert len(colour["range"]) == 2 and colour["range"][0] != colour["range"][1]
    assert len(spec["data"]["values"]) == 4


def test_the_trend_renders_with_danish_axis_titles() -> None:
    spec = score_trend(POINTS, series=["København", "Gennemsnit"], score_label="Score", round_label="Runde")
    svg = to_svg(spec, "da")
    visible = re.sub(r"<[^>]+>", " ", svg)
    assert "Runde" in visible and "2011" in visible and "2012" in visible
    assert svg.count('aria-roledescription="line mark"') == 2  # one line per series
    assert svg.count('aria-roledescription="point"') == 4  # a dot per round and series
