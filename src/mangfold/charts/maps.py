"""Choropleth maps: a Vega-Lite ``geoshape`` layer with one path per area, coloured by a value, and
optional outlines (e.g. a city's districts) drawn over it.

Geometries arrive as GeoJSON geometry objects in longitude/latitude. GeoJSON (RFC 7946 §3.1.6) winds
exterior rings counter-clockwise; d3-geo, which Vega uses, reads rings on the sphere and takes a
counter-clockwise exterior as "everything but this polygon" (d3-geo documentation, "spherical polygons
… clockwise exterior"). :func:`d3_winding` therefore rewinds every polygon: exterior rings clockwise,
holes counter-clockwise, in the plane of longitude (x) and latitude (y), where the shoelace formula
A = ½ Σ (x_k y_{k+1} − x_{k+1} y_k) is negative for a clockwise ring.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from mangfold.charts.scores import SCHEMA

NO_DATA_COLOUR = "#d9d9d9"
OUTLINE_COLOUR = "#1d2433"

Ring = list[list[float]]


@dataclass(frozen=True)
class MapArea:
    """One area of a choropleth: its code, name, GeoJSON geometry and value (``None``: no value)."""

    code: str
    name: str
    geometry: Mapping[str, Any]
    value: float | None


@dataclass(frozen=True)
class MapOutline:
    """A boundary drawn as an outline only (no fill), with its name."""

    code: str
    name: str
    geometry: Mapping[str, Any]


def signed_area(ring: Sequence[Sequence[float]]) -> float:
    """The shoelace area of a ring in the (longitude, latitude) plane; negative when clockwise."""
    total = 0.0
    for (x1, y1, *_), (x2, y2, *_) in pairwise(ring):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def _wind(ring: Sequence[Sequence[float]], clockwise: bool) -> Ring:
    points = [list(map(float, p[:2])) for p in ring]
    is_clockwise = signed_area(points) < 0
    return points if is_clockwise == clockwise else points[::-1]


def _polygon(rings: Sequence[Sequence[Sequence[float]]]) -> list[Ring]:
    return [_wind(ring, clockwise=(i == 0)) for i, ring in enumerate(rings)]


def d3_winding(geometry: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a Polygon or MultiPolygon with d3's winding (exterior clockwise, holes counter-clockwise).

    Other geometry types are returned unchanged.
    """
    kind = geometry.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon(geometry["coordinates"])}
    if kind == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [_polygon(p) for p in geometry["coordinates"]]}
    return dict(geometry)


def _feature(code: str, geometry: Mapping[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": code, "properties": properties, "geometry": d3_winding(geometry)}


def choropleth(
    areas: Sequence[MapArea],
    *,
    value_title: str,
    name_title: str,
    outlines: Sequence[MapOutline] = (),
    outline_title: str = "",
    title: str = "",
    value_format: str = ".1f",
    width: int = 520,
    height: int = 460,
    scheme: str = "blues",
) -> dict[str, Any]:
    """A map with one path per area, filled by its value on a sequential colour scale.

    Areas without a value are drawn in :data:`NO_DATA_COLOUR` (never dropped, so every area shows).
    ``outlines`` are drawn on top as unfilled paths. The projection is Mercator fitted to the areas.
    """
    features = [
        _feature(a.code, a.geometry, {"code": a.code, "name": a.name, "value": a.value}) for a in areas
    ]
    layers: list[dict[str, Any]] = [
        {
            "name": "areas",
            "data": {"values": features},
            "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.6, "invalid": "show"},
            "encoding": {
                "color": {
                    "condition": {"test": "!isValid(datum.properties.value)", "value": NO_DATA_COLOUR},
                    "field": "properties.value",
                    "type": "quantitative",
                    "title": value_title,
                    "scale": {"scheme": scheme, "zero": True},
                    "legend": {"format": value_format, "orient": "right"},
                },
                "tooltip": [
                    {"field": "properties.name", "title": name_title},
                    {"field": "properties.value", "title": value_title, "format": value_format},
                ],
            },
        }
    ]
    if outlines:
        layers.append(
            {
                "name": "outlines",
                "data": {
                    "values": [
                        _feature(o.code, o.geometry, {"code": o.code, "name": o.name}) for o in outlines
                    ]
                },
                "mark": {"type": "geoshape", "filled": False, "stroke": OUTLINE_COLOUR, "strokeWidth": 1.6},
                "encoding": {"tooltip": [{"field": "properties.name", "title": outline_title or name_title}]},
            }
        )
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "limit": width, "anchor": "start"},
        "width": width,
        "height": height,
        "projection": {"type": "mercator"},
        "layer": layers,
    }
