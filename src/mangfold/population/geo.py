"""Boundaries for maps: read GeoJSON / TopoJSON, repair, dissolve by a key, join counts, write GeoJSON.

The flow: :func:`read_boundaries` (either format, ``.gz`` or not, recognised by content) → one polygonal
geometry per area code, parts of the same code dissolved (DAGI's ``kommuner.geojson``: 311 parts → 99
``KOMKODE``) and invalid polygons repaired (:func:`repair_polygonal`) → :func:`join` with values keyed by
area code → :func:`to_feature_collection`, a GeoJSON dict in longitude/latitude, simplified for the web
choropleth. Everything is in longitude/latitude (RFC 7946); nothing is reprojected.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from mangfold.i18n import gettext as _
from mangfold.population.counts import Counts
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.geojson import Feature, load_json, parse_geojson
from mangfold.population.topojson import parse_topojson

__all__ = [
    "Boundaries",
    "Joined",
    "boundaries_from_features",
    "counts_values",
    "dissolve",
    "join",
    "normalise_code",
    "read_boundaries",
    "repair_polygonal",
    "to_feature_collection",
]

Polygonal = shapely.Polygon | shapely.MultiPolygon


@dataclass(frozen=True)
class Boundaries:
    """One polygonal geometry (longitude/latitude) per area code.

    ``key`` is the property the codes come from; ``properties`` keeps each area's properties (those of
    its first part); ``parts`` counts the features read and ``repaired`` how many of them were invalid
    polygons that :func:`repair_polygonal` mended.
    """

    key: str
    geometries: Mapping[str, BaseGeometry]
    properties: Mapping[str, Mapping[str, Any]]
    parts: int = 0
    repaired: int = 0
    source: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        """The area codes, sorted."""
        return tuple(sorted(self.geometries))

    def __len__(self) -> int:
        return len(self.geometries)

    def __getitem__(self, code: str) -> BaseGeometry:
        return self.geometries[code]

    def bounds(self) -> tuple[float, float, float, float]:
        """(min lon, min lat, max lon, max lat) over all areas."""
        b = shapely.total_bounds(list(self.geometries.values()))
        return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))


def normalise_code(value: object, *, numeric: bool = False) -> str:
    """An area code as text: ``101``, ``"101"`` and ``101.0`` all give ``"101"``.

    With ``numeric=True`` leading zeros of an all-digit code are dropped as well (``"0101"`` → ``"101"``),
    for joining files that write municipality codes with and without them.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if numeric and text.isdigit():
        text = text.lstrip("0") or "0"
    return text


def repair_polygonal(geometry: BaseGeometry) -> tuple[BaseGeometry, bool]:
    """A valid polygonal geometry and whether it needed repair.

    An invalid polygon (self-intersection, ring self-intersection, …) is rebuilt with
    ``shapely.make_valid`` (GEOS ``MakeValid``, "linework" method) and only its polygonal parts are kept:
    the lines and points that repair may leave behind have no area and no place on a choropleth.
    """
    if geometry.is_valid:
        return geometry, False
    fixed = shapely.make_valid(geometry)
    return _polygonal_part(fixed), True


def _polygonal_part(geometry: BaseGeometry) -> BaseGeometry:
    if isinstance(geometry, Polygonal):
        return geometry
    polygons: list[shapely.Polygon] = []
    for part in shapely.get_parts(geometry).tolist():
        if isinstance(part, shapely.Polygon):
            polygons.append(part)
        elif isinstance(part, shapely.MultiPolygon | shapely.GeometryCollection):
            polygons.extend(p for p in shapely.get_parts(_polygonal_part(part)).tolist())
    if len(polygons) == 1:
        return polygons[0]
    return shapely.MultiPolygon(polygons)


def _code_of(feature: Feature, key: str) -> object:
    if key in feature.properties:
        return feature.properties[key]
    if key == "id":
        return feature.id
    return None


def boundaries_from_features(
    features: Iterable[Feature], key: str, *, source: str = "", numeric_codes: bool = False
) -> Boundaries:
    """Key polygonal features by the property ``key`` (or the feature ``id`` for ``key="id"``).

    Parts with the same code are dissolved (their union); invalid parts are repaired first. A feature
    without the key, with a null or non-polygonal geometry, or that repair leaves empty, is a problem;
    all problems are raised together as one :class:`PopulationFileError`.
    """
    file = source or None
    parts: dict[str, list[BaseGeometry]] = {}
    properties: dict[str, Mapping[str, Any]] = {}
    problems: list[Problem] = []
    count = repaired = 0
    for feature in features:
        count += 1
        raw = _code_of(feature, key)
        where = feature.label or _("feature {number}").format(number=count - 1)
        if raw is None or normalise_code(raw) == "":
            problems.append(Problem(_("{where}: has no {key!r}").format(where=where, key=key), file))
            continue
        geometry = feature.geometry
        if geometry is None or geometry.is_empty:
            message = _("{where} ({key} {value!r}): has no geometry")
            problems.append(Problem(message.format(where=where, key=key, value=raw), file))
            continue
        if not isinstance(geometry, Polygonal):
            message = _("{where} ({key} {value!r}): is a {kind}, not a polygon")
            text = message.format(where=where, key=key, value=raw, kind=geometry.geom_type)
            problems.append(Problem(text, file))
            continue
        if not np.isfinite(shapely.get_coordinates(geometry)).all():  # GEOS refuses NaN and infinity
            message = _("{where} ({key} {value!r}): has coordinates that are not finite numbers")
            problems.append(Problem(message.format(where=where, key=key, value=raw), file))
            continue
        geometry, was_repaired = repair_polygonal(geometry)
        repaired += was_repaired
        if geometry.is_empty:
            message = _("{where} ({key} {value!r}): has no area left after repair")
            problems.append(Problem(message.format(where=where, key=key, value=raw), file))
            continue
        code = normalise_code(raw, numeric=numeric_codes)
        parts.setdefault(code, []).append(geometry)
        properties.setdefault(code, dict(feature.properties))
    if problems:
        raise PopulationFileError(problems, file=file)
    geometries = {code: _union(p) for code, p in sorted(parts.items())}
    return Boundaries(key, geometries, properties, parts=count, repaired=repaired, source=source)


def _union(parts: Sequence[BaseGeometry]) -> BaseGeometry:
    if len(parts) == 1:
        return parts[0]
    return _polygonal_part(shapely.union_all(parts))


def read_boundaries(
    path: str | Path,
    key: str,
    *,
    object_name: str | None = None,
    numeric_codes: bool = False,
) -> Boundaries:
    """Read a GeoJSON or TopoJSON file (``.gz`` or not; the format is told by the content) into
    :class:`Boundaries` keyed by the property ``key``. ``object_name`` picks a TopoJSON object."""
    source = str(path)
    document = load_json(path)
    if isinstance(document, dict) and document.get("type") == "Topology":
        features = parse_topojson(document, object_name=object_name, source=source)
    else:
        features = parse_geojson(document, source=source)
    return boundaries_from_features(features, key, source=source, numeric_codes=numeric_codes)


def dissolve(boundaries: Boundaries, parent: Mapping[str, str], key: str) -> Boundaries:
    """Merge areas into their parents (e.g. voting areas → municipalities): the union per parent code.

    ``parent`` maps each area code to its parent's code; an area without a parent is an error (a map
    with holes would mislead), listed with all others in one ``ValueError``.
    """
    unmapped = [c for c in boundaries.codes if c not in parent]
    if unmapped:
        shown = ", ".join(unmapped[:20]) + (" …" if len(unmapped) > 20 else "")
        raise ValueError(
            _("{count} area(s) have no parent in the mapping: {codes}").format(
                count=len(unmapped), codes=shown
            )
        )
    groups: dict[str, list[BaseGeometry]] = {}
    for code, geometry in boundaries.geometries.items():
        groups.setdefault(normalise_code(parent[code]), []).append(geometry)
    geometries = {code: _union(parts) for code, parts in sorted(groups.items())}
    return Boundaries(
        key,
        geometries,
        {code: {key: code} for code in geometries},
        parts=len(boundaries),
        repaired=0,
        source=boundaries.source,
    )


@dataclass(frozen=True)
class Joined:
    """Values matched to boundaries by area code, and what did not match on either side."""

    values: Mapping[str, Any]
    without_value: tuple[str, ...]
    without_geometry: tuple[str, ...]


def join(boundaries: Boundaries, values: Mapping[Any, Any], *, numeric_codes: bool = False) -> Joined:
    """Match ``values`` (keyed by area code) to the areas of ``boundaries``.

    Codes are compared as text after :func:`normalise_code` (``numeric_codes`` also drops leading
    zeros on both sides, so "0101" meets 101). Areas without a value and values without an area are
    reported, not dropped silently.
    """
    by_code = {normalise_code(k, numeric=numeric_codes): v for k, v in values.items()}
    area_codes = {normalise_code(c, numeric=numeric_codes): c for c in boundaries.codes}
    matched = {area_codes[c]: v for c, v in by_code.items() if c in area_codes}
    without_value = tuple(sorted(c for n, c in area_codes.items() if n not in by_code))
    without_geometry = tuple(sorted(c for c in by_code if c not in area_codes))
    return Joined(matched, without_value, without_geometry)


def counts_values(counts: Counts, period: str | int, group: str) -> dict[str, float | None]:
    """The counts (or shares) of one period and group keyed by area code, for :func:`join` and
    :func:`to_feature_collection`; a missing value (confidential, not available) is ``None``."""
    selected = counts.select(period=period, group=group)
    return {
        str(area): None if unknown else float(n)
        for area, n, unknown in zip(selected.area, selected.n, selected.unknown, strict=True)
    }


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def to_feature_collection(
    boundaries: Boundaries,
    values: Mapping[str, Any] | None = None,
    *,
    tolerance: float = 0.0005,
    precision: int = 5,
    properties: Sequence[str] = (),
    value_name: str = "value",
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (a plain dict) for a web choropleth.

    Each area becomes a Feature with ``id`` = its code and properties ``code``, the requested
    ``properties`` of the area, and ``value_name`` from ``values`` (``None`` where there is none or
    it is NaN, so the result is strict JSON).
    Geometries are simplified with Douglas–Peucker at ``tolerance`` degrees (topology-preserving per
    area, 0 to keep every point; 0.0005° is about 30 m east–west and 55 m north–south in Denmark),
    then snapped to a grid of 10^-``precision`` degrees (5 → about 1 m). Shared borders are simplified
    separately on each side, so slivers of up to ``tolerance`` can appear between neighbours.
    """
    grid = 10.0**-precision
    features = []
    for code in boundaries.codes:
        geometry = boundaries.geometries[code]
        if tolerance > 0:
            geometry = shapely.simplify(geometry, tolerance, preserve_topology=True)
        snapped = _polygonal_part(shapely.set_precision(geometry, grid))
        if not snapped.is_empty:
            geometry = snapped
        props: dict[str, Any] = {"code": code}
        area_props = boundaries.properties.get(code, {})
        props.update({p: area_props.get(p) for p in properties})
        props[value_name] = None if values is None else _json_value(values.get(code))
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": props,
                "geometry": _rounded(shapely.geometry.mapping(geometry), precision),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _rounded(obj: Any, digits: int) -> Any:
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, list | tuple):
        return [_rounded(v, digits) for v in obj]
    if isinstance(obj, dict):
        return {k: _rounded(v, digits) for k, v in obj.items()}
    return obj
