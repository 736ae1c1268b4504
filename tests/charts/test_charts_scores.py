"""Chart builders give valid Vega-Lite that renders to SVG with the language's number format."""

from __future__ import annotations

import re

import pytest

from mangfold.charts import format_locale, number, to_svg
from mangfold.charts.scores import IndicatorScore, indicator_bars, score_distribution

SCORES = [
    IndicatorScore("Politisk forankring", 80.0, 62.5),
    IndicatorScore("Uddannelse", 45.0, 51.0),
    IndicatorScore("Sprog", None, 70.0),
]


def test_danish_numbers_use_comma_and_dot() -> None:
    assert number(1234.5, "da", 1) == "1.234,5"
    assert number(1234.5, "en", 1) == "1,234.5"
    assert number(1234567, "da") == "1.234.567"
    assert format_locale("sv") == format_locale("en")


def test_indicator_bars_hold_one_bar_per_scored_indicator_and_one_tick_per_mean() -> None:
    spec = indicator_bars(SCORES, city_label="Aby", sample_label="Gennemsnit", score_label="Score")
    values = spec["data"]["values"]
    assert [v["indicator"] for v in values if v["series"] == "Aby"] == ["Politisk forankring", "Uddannelse"]
    assert len([v for v in values if v["series"] == "Gennemsnit"]) == 3


@pytest.mark.parametrize(("lang", "tick"), [("da", "0,5"), ("en", "0.5")])
def test_the_svg_follows_the_language(lang: str, tick: str) -> None:
    spec = score_distribution([("A", 0.25), ("B", 0.75)], highlight="A", score_label="x", count_label="n")
    spec["encoding"]["x"]["scale"] = {"domain": [0, 1]}
    spec["encoding"]["x"]["axis"] = {"format": ".1f"}
    svg = to_svg(spec, lang)
    assert svg.startswith("<svg")
    assert tick in re.sub(r"<[^>]+>", " ", svg)


def test_indicator_bars_render_a_rect_per_city_bar() -> None:
    svg = to_svg(indicator_bars(SCORES, city_label="Aby", sample_label="Snit", score_label="Score"), "da")
    assert svg.count('role="graphics-symbol"') >= 2
