"""Ranked bars: highest score first, ties in the given order, the mean as a rule, valid SVG."""

from __future__ import annotations

import re

from mangfold.charts import to_svg
from mangfold.charts.ranking import RankedScore, ranking_bars

SCORES = [
    RankedScore("Aby", 50.0),
    RankedScore("Bby", 80.0, True),
    RankedScore("Cby", 66.7),
    RankedScore("Dby", 80.0),
]


def test_bars_are_sorted_best_first_with_ties_in_the_given_order() -> None:
    spec = ranking_bars(SCORES, mean=69.2, score_label="Score", mean_label="Snit")
    bars = spec["layer"][0]["data"]["values"]
    assert [(b["city"], b["order"]) for b in bars] == [("Bby", 0), ("Dby", 1), ("Cby", 2), ("Aby", 3)]
    assert [b["highlight"] for b in bars] == [True, False, False, False]
    assert spec["layer"][1]["data"]["values"] == [{"score": 69.2, "label": "Snit"}]


def test_without_a_mean_there_is_no_rule() -> None:
    assert len(ranking_bars(SCORES, mean=None, score_label="Score", mean_label="Snit")["layer"]) == 1


def test_the_ranking_renders_a_bar_per_city_with_danish_numbers() -> None:
    spec = ranking_bars(SCORES, mean=69.2, score_label="Score", mean_label="Snit")
    spec["layer"][0]["encoding"]["x"]["axis"] = {"format": ".1f"}
    svg = to_svg(spec, "da")
    assert svg.count('aria-roledescription="bar"') == 4
    assert "20,0" in re.sub(r"<[^>]+>", " ", svg)
