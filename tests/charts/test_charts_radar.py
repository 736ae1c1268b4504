"""The radar chart: points placed on spokes clockwise from the top, closed outlines, valid SVG."""

from __future__ import annotations

import math
import re

import pytest

from mangfold.charts import to_svg
from mangfold.charts.radar import RINGS, RadarAxis, polar, radar

AXES = [
    RadarAxis("Forpligtelse", 80.0, 62.5),
    RadarAxis("Uddannelse", 45.0, 51.0),
    RadarAxis("Sprog", 100.0, 70.0),
    RadarAxis("Medier", None, 40.0),
]


def layer(spec: dict, mark: str, index: int = 0) -> dict:
    return [entry for entry in spec["layer"] if entry["mark"]["type"] == mark][index]


@pytest.mark.parametrize(
    ("score", "index", "count", "point"),
    [(100, 0, 4, (0.0, 1.0)), (50, 1, 4, (0.5, 0.0)), (100, 2, 4, (0.0, -1.0)), (25, 3, 4, (-0.25, 0.0))],
)
def test_spokes_run_clockwise_from_twelve_o_clock(score: float, index: int, count: int, point: tuple) -> None:
    assert polar(score, index, count) == pytest.approx(point, abs=1e-9)


def test_a_point_lies_at_its_score_from_the_centre() -> None:
    x, y = polar(66.7, 2, 7)
    assert math.hypot(x, y) == pytest.approx(0.667, abs=1e-6)


def test_each_series_is_a_closed_outline_and_missing_scores_get_no_dot() -> None:
    spec = radar(AXES, city_label="Aby", sample_label="Snit")
    outline = layer(spec, "line", 1)["data"]["values"]
    city = [p for p in outline if p["series"] == "Aby"]
    assert len(city) == len(AXES) + 1
    assert (city[0]["x"], city[0]["y"]) == (city[-1]["x"], city[-1]["y"])
    assert city[0]["y"] == pytest.approx(0.8)
    dots = layer(spec, "point")["data"]["values"]
    assert len([d for d in dots if d["series"] == "Aby"]) == 3  # Medier has no city score
    assert len([d for d in dots if d["series"] == "Snit"]) == 4


def test_the_grid_has_a_ring_per_level_and_a_spoke_per_indicator() -> None:
    spec = radar(AXES, city_label="Aby", sample_label="Snit")
    rings = layer(spec, "line", 0)["data"]["values"]
    assert sorted({r["ring"] for r in rings}) == list(RINGS)
    assert len(layer(spec, "rule")["data"]["values"]) == len(AXES)
    labels = [
        v["label"]
        for entry in spec["layer"]
        if entry["mark"]["type"] == "text"
        for v in entry["data"]["values"]
    ]
    assert sorted(labels) == sorted(a.label for a in AXES)


def test_fewer_than_three_indicators_are_refused() -> None:
    with pytest.raises(ValueError, match="three"):
        radar(AXES[:2], city_label="Aby", sample_label="Snit")


def test_the_radar_renders_to_svg_with_every_label_and_a_dot_per_score() -> None:
    svg = to_svg(radar(AXES, city_label="Aby", sample_label="Snit"), "da")
    assert svg.startswith("<svg")
    visible = re.sub(r"<[^>]+>", " ", svg)
    for axis in AXES:
        assert axis.label in visible
    assert svg.count('aria-roledescription="point"') == 7
