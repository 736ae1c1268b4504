"""GeoJSON (RFC 7946) to shapely geometries, and the JSON loading shared with the TopoJSON decoder.

A position keeps its first two values (longitude, latitude) and ignores the rest: DAGI's files carry a
third value (-999) that is no elevation. Anything malformed raises
:class:`~mangfold.population.errors.PopulationFileError` naming the file, the feature and what is wrong.

Reference: H. Butler et al., *The GeoJSON Format*, RFC 7946 (2016).
"""

from __future__ import annotations

import json
import math
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.readers.common import gunzip

__all__ = ["Feature", "GeometryError", "load_json", "parse_geojson", "read_geojson"]


@dataclass(frozen=True)
class Feature:
    """One feature of a boundary file: its geometry (``None`` for a null geometry) and properties.

    ``label`` says where it came from ("feature 12", "object 'stdin', geometry 5") for messages.
    """

    geometry: BaseGeometry | None
    properties: Mapping[str, Any] = field(default_factory=dict)
    id: str | int | None = None
    label: str = ""


class GeometryError(Exception):
    """A malformed piece of geometry inside one feature; the reader turns it into a ``Problem``."""


#: How deep GeometryCollections may nest inside one another.
MAX_COLLECTION_DEPTH = 32


def loads_json(raw: bytes, file: str) -> Any:
    """Parse JSON text (gzip allowed), refusing what is not JSON with the file and the line.

    A document nested deeper than Python's parser goes (about 1,000 levels) is refused as such
    (never a ``RecursionError``); an integer of more than 18 digits is read as a float, so no
    4,300-digit conversion limit is met.
    """
    if raw[:2] == b"\x1f\x8b":
        raw = gunzip(raw, file)
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_int=json_integer)
    except UnicodeDecodeError as exc:
        text = _("not a readable JSON file: {error}").format(error=exc)
        raise PopulationFileError(text, file=file) from None
    except json.JSONDecodeError as exc:
        text = _("not a readable JSON file: {error}").format(error=exc)
        raise PopulationFileError(Problem(text, file, exc.lineno)) from None
    except RecursionError:
        raise too_deep(file) from None


def json_integer(text: str) -> int | float:
    """``parse_int`` for :func:`json.loads`: a float past 18 digits (Python refuses to convert an
    integer of more than 4,300 digits with a ``ValueError``)."""
    return int(text) if len(text) <= 18 else float(text)


def too_deep(file: str) -> PopulationFileError:
    """The refusal of a JSON document that :func:`json.loads` stops with a ``RecursionError``."""
    text = _("the JSON is nested too deeply to be read (more than about 1,000 levels)")
    return PopulationFileError(text, file=file)


def load_json(path: str | Path) -> Any:
    """Parse a JSON file, gzip-compressed or not (recognised by its magic bytes, not its name)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise PopulationFileError(
            _("not a readable JSON file: {error}").format(error=exc), file=str(path)
        ) from None
    return loads_json(raw, str(path))


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = 80


class _Brief:
    """A value whose ``repr`` is cut short before it is built (``reprlib``): a message quoting part of
    a 40 MB array must not first write out all of it."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return _REPR.repr(self.value)


def brief(value: object) -> object:
    """``value`` for a message's ``{value!r:.60}``: its ``repr`` is short however large the value is."""
    return _Brief(value)


def is_number(value: object) -> bool:
    """True for a JSON number (an int or float, not a bool) that a float can hold, and finite."""
    if type(value) is float:
        return math.isfinite(value)
    return type(value) is int and -(2**1000) < value < 2**1000


def _position(value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) < 2:
        raise GeometryError(
            _("a position must be an array of at least 2 numbers, got {value!r:.60}").format(
                value=brief(value)
            )
        )
    x, y = value[0], value[1]
    if not (is_number(x) and is_number(y)):
        raise GeometryError(_("a position must hold numbers, got {value!r:.60}").format(value=brief(value)))
    return (float(x), float(y))


def _positions(value: object, what: str) -> list[tuple[float, float]]:
    if not isinstance(value, list):
        raise GeometryError(
            _("{what} must be an array of positions, got {value!r:.60}").format(what=what, value=brief(value))
        )
    return [_position(p) for p in value]


def _ring(value: object) -> list[tuple[float, float]]:
    ring = _positions(value, _("a linear ring"))
    if len(ring) < 4 or ring[0] != ring[-1]:
        raise GeometryError(_("a linear ring needs at least 4 positions and must end where it starts"))
    return ring


def _polygon(value: object) -> BaseGeometry:
    if not isinstance(value, list) or not value:
        raise GeometryError(
            _("polygon coordinates must be a non-empty array of rings, got {value!r:.60}").format(
                value=brief(value)
            )
        )
    rings = [_ring(r) for r in value]
    return shapely.Polygon(rings[0], rings[1:])


def _array(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise GeometryError(
            _("{what} coordinates must be an array, got {value!r:.60}").format(what=what, value=brief(value))
        )
    return value


def geometry_from_geojson(obj: object, depth: int = 0) -> BaseGeometry | None:
    """A shapely geometry from a GeoJSON geometry object (``None`` for ``null``).

    GeometryCollections may nest :data:`MAX_COLLECTION_DEPTH` deep.
    """
    if obj is None:
        return None
    if not isinstance(obj, dict):
        raise GeometryError(_("a geometry must be an object, got {value!r:.60}").format(value=brief(obj)))
    kind = obj.get("type")
    if kind == "GeometryCollection":
        if depth >= MAX_COLLECTION_DEPTH:
            text = _("GeometryCollections nest more than {depth} deep")
            raise GeometryError(text.format(depth=MAX_COLLECTION_DEPTH))
        members = _array(obj.get("geometries"), "GeometryCollection")
        parts = [geometry_from_geojson(m, depth + 1) for m in members]
        return shapely.GeometryCollection([p for p in parts if p is not None])
    if "coordinates" not in obj:
        raise GeometryError(_("a {kind} geometry has no 'coordinates'").format(kind=kind))
    coords = obj["coordinates"]
    if kind == "Point":
        return shapely.Point(_position(coords))
    if kind == "MultiPoint":
        return shapely.MultiPoint(_positions(coords, "MultiPoint"))
    if kind == "LineString":
        return shapely.LineString(_positions(coords, "LineString"))
    if kind == "MultiLineString":
        line = _("a line")
        return shapely.MultiLineString([_positions(c, line) for c in _array(coords, "MultiLineString")])
    if kind == "Polygon":
        return _polygon(coords)
    if kind == "MultiPolygon":
        return shapely.MultiPolygon([_polygon(c) for c in _array(coords, "MultiPolygon")])
    raise GeometryError(_("unknown geometry type {kind!r}").format(kind=kind))


_LONLAT_CRS = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
    "epsg:4326",
}


def parse_geojson(document: object, *, source: str = "<GeoJSON>") -> list[Feature]:
    """The features of a GeoJSON FeatureCollection, Feature or bare geometry.

    A named ``crs`` member (GeoJSON 2008) other than CRS84 / EPSG:4326 is refused: mangfold keeps
    boundaries in longitude/latitude and does not reproject. Every malformed feature is listed in one
    :class:`PopulationFileError`.
    """
    if not isinstance(document, dict):
        raise PopulationFileError(_("a GeoJSON document must be a JSON object"), file=source)
    crs = document.get("crs")
    if isinstance(crs, dict):
        name = crs.get("properties", {}).get("name") if isinstance(crs.get("properties"), dict) else None
        if isinstance(name, str) and name not in _LONLAT_CRS:
            raise PopulationFileError(
                _("coordinates are in {crs}; mangfold needs longitude/latitude (CRS84 / EPSG:4326)").format(
                    crs=name
                ),
                file=source,
            )
    kind = document.get("type")
    if kind == "FeatureCollection":
        raw = document.get("features")
        if not isinstance(raw, list):
            raise PopulationFileError(_("a FeatureCollection needs a 'features' array"), file=source)
    elif kind == "Feature":
        raw = [document]
    else:
        raw = [{"type": "Feature", "geometry": document, "properties": {}}]
    features: list[Feature] = []
    problems: list[Problem] = []
    for i, item in enumerate(raw):
        label = _("feature {number}").format(number=i)
        try:
            features.append(_feature(item, label))
        except GeometryError as exc:
            problems.append(Problem(f"{label}: {exc}", file=source))
    if problems:
        raise PopulationFileError(problems, file=source)
    return features


def _feature(item: object, label: str) -> Feature:
    if not isinstance(item, dict) or item.get("type") != "Feature":
        raise GeometryError(_("is not a GeoJSON Feature object"))
    properties = item.get("properties") or {}
    if not isinstance(properties, dict):
        raise GeometryError(_("'properties' must be an object or null"))
    ident = item.get("id")
    if ident is not None and not isinstance(ident, str | int):
        raise GeometryError(
            _("'id' must be a string or number, got {value!r:.60}").format(value=brief(ident))
        )
    if "geometry" not in item:
        raise GeometryError(_("has no 'geometry' member"))
    try:
        geometry = geometry_from_geojson(item["geometry"])
    except (ValueError, TypeError) as exc:  # shapely's own complaints about degenerate shapes
        raise GeometryError(str(exc)) from None
    return Feature(geometry=geometry, properties=properties, id=ident, label=label)


def read_geojson(path: str | Path) -> list[Feature]:
    """Read a GeoJSON file (``.gz`` or not) into features; see :func:`parse_geojson`."""
    return parse_geojson(load_json(path), source=str(path))
