"""Population charts: a point per period and series, a path per area, d3's winding, Danish numbers."""

from __future__ import annotations

import re

import pytest

from mangfold.charts import to_svg
from mangfold.charts.maps import MapArea, MapOutline, choropleth, d3_winding, signed_area
from mangfold.charts.population import PALETTE, SeriesPoint, indices_over_time, shares_over_time


def square(x: float, y: float, side: float = 0.01) -> list[list[float]]:
    """A counter-clockwise square (RFC 7946's winding for an exterior ring)."""
    return [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]


def test_a_counter_clockwise_ring_has_a_positive_area_and_is_rewound_clockwise() -> None:
    ring = square(12.5, 55.6)
    assert signed_area(ring) > 0
    hole = square(12.502, 55.602, 0.002)[::-1]
    wound = d3_winding({"type": "Polygon", "coordinates": [ring, hole]})
    exterior, inner = wound["coordinates"]
    assert signed_area(exterior) < 0 < signed_area(inner)
    assert exterior == ring[::-1]
    multi = d3_winding({"type": "MultiPolygon", "coordinates": [[ring], [ring[::-1]]]})
    assert all(signed_area(p[0]) < 0 for p in multi["coordinates"])
    assert d3_winding({"type": "Point", "coordinates": [1, 2]}) == {"type": "Point", "coordinates": [1, 2]}


def svg_paths(svg: str, role: str) -> list[str]:
    return re.findall(rf'<path[^>]*aria-roledescription="{role}"[^>]*>', svg)


def test_the_choropleth_draws_every_area_and_greys_those_without_a_value() -> None:
    areas = [
        MapArea("1", "Nord", {"type": "Polygon", "coordinates": [square(12.50, 55.60)]}, 12.5),
        MapArea("2", "Syd", {"type": "Polygon", "coordinates": [square(12.51, 55.60)]}, None),
        MapArea("3", "Øst", {"type": "Polygon", "coordinates": [square(12.52, 55.60)]}, 40.0),
    ]
    outline = MapOutline("b1", "Bydel", {"type": "Polygon", "coordinates": [square(12.50, 55.60, 0.03)]})
    spec = choropleth(areas, value_title="Andel (%)", name_title="Sogn", outlines=[outline], title="Kort")
    svg = to_svg(spec, "da")
    shapes = svg_paths(svg, "geoshape")
    assert len(shapes) == 4  # three areas and one outline
    assert sum('fill="#d9d9d9"' in p for p in shapes) == 1
    assert 'aria-label="Andel (%): 40,0; Sogn: Øst"' in svg
    width = float(re.search(r'<svg[^>]*width="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    assert width < 1000  # the projection fits the areas (a wrong winding would draw the whole globe)


def points(periods: list[str], series: list[str]) -> list[SeriesPoint]:
    return [SeriesPoint(p, s, 10.0 + i + j) for i, p in enumerate(periods) for j, s in enumerate(series)]


def test_shares_over_time_draw_a_point_for_every_period_of_every_series() -> None:
    periods = [str(y) for y in range(2008, 2021)]
    series = ["Indvandrerbaggrund", "Ikke-vestlig baggrund"]
    spec = shares_over_time(
        points(periods, series), series=series, share_title="Andel (%)", period_title="År"
    )
    assert spec["encoding"]["x"]["scale"]["domain"] == periods
    assert spec["encoding"]["color"]["scale"]["range"] == list(PALETTE[:2])
    svg = to_svg(spec, "da")
    marks = svg_paths(svg, "point")
    assert len(marks) == len(periods) * len(series)
    for year in periods:
        assert sum(f"År: {year};" in m for m in marks) == len(series)
    assert "10,0" in re.sub(r"<[^>]+>", " ", svg)


def test_an_unknown_value_leaves_its_point_out() -> None:
    data = [SeriesPoint("2019", "D", 0.3), SeriesPoint("2020", "D", None)]
    spec = indices_over_time(data, series=["D"], value_title="Indeks", period_title="År")
    assert spec["data"]["values"] == [{"period": "2019", "series": "D", "value": 0.3}]
    assert spec["encoding"]["x"]["scale"]["domain"] == ["2019", "2020"]
    assert spec["encoding"]["y"]["scale"]["domain"] == [0.0, 1.0]


@pytest.mark.parametrize(("lang", "text"), [("da", "0,25"), ("en", "0.25")])
def test_indices_follow_the_language(lang: str, text: str) -> None:
    spec = indices_over_time(
        [SeriesPoint("2020", "D", 0.25)], series=["D"], value_title="x", period_title="y"
    )
    svg = to_svg(spec, lang)
    assert f"x: {text}" in svg
