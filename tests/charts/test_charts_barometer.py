"""The barometer's indicator chart: values in year order, base year and target marked and labelled."""

from __future__ import annotations

from typing import Any

from mangfold.charts.barometer import indicator_trend
from mangfold.charts.render import to_svg


def spec(target: float | None = 65.0) -> dict[str, Any]:
    return indicator_trend(
        [(2022, 60.0), (2012, 51.0)],
        base_year=2012,
        value_label="Beskæftigelse (%)",
        year_label="År",
        base_label="Basisår 2012",
        target=target,
        target_label="Mål 65 %",
    )


def test_the_values_are_in_year_order_and_the_base_year_is_a_labelled_rule() -> None:
    chart = spec()
    base, line = chart["layer"][0], chart["layer"][1]
    assert line["data"]["values"] == [{"year": 2012, "value": 51.0}, {"year": 2022, "value": 60.0}]
    assert base["data"]["values"] == [{"year": 2012, "label": "Basisår 2012"}]
    assert [layer["mark"]["type"] for layer in base["layer"]] == ["rule", "text"]


def test_the_target_is_a_dashed_labelled_line_and_absent_without_a_target() -> None:
    target = spec()["layer"][2]
    assert target["data"]["values"] == [{"target": 65.0, "label": "Mål 65 %"}]
    assert "strokeDash" in target["layer"][0]["mark"]
    assert len(spec(None)["layer"]) == 2


def test_the_chart_renders_to_svg_with_its_labels() -> None:
    svg = to_svg(spec())
    assert "Basisår 2012" in svg and "Mål 65 %" in svg


def test_the_policy_outcome_scatter_has_one_labelled_dot_per_city_and_no_fitted_line() -> None:
    from mangfold.charts.barometer import policy_outcome_scatter

    chart = policy_outcome_scatter(
        [("Aby", 40.0, 56.0), ("Bby", 70.0, 52.0)],
        policy_label="Politik",
        outcome_label="Job",
        city_label="By",
    )
    assert chart["data"]["values"][1] == {"city": "Bby", "policy": 70.0, "outcome": 52.0}
    assert [layer["mark"]["type"] for layer in chart["layer"]] == ["point", "text"]
    assert "Bby" in to_svg(chart)
