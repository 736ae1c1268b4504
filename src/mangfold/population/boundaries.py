"""Boundaries of an import (GeoJSON or TopoJSON) matched to the area codes of its counts, for web maps.

Rules: the property that holds the area code is the one named, else the property (or the feature id)
whose values match the most area codes, compared as codes (:func:`~mangfold.population.geo.normalise_code`,
numeric codes without leading zeros); boundaries are simplified by Douglas–Peucker at
:data:`SIMPLIFY_DEGREES` and written with 5 decimals; a boundary's name is the first of
:data:`NAME_PROPERTIES` it has. Boundaries that match no area and areas without a boundary are reported
as facts (:class:`Geometries`), for the caller to word. Problems are
:class:`~mangfold.population.errors.PopulationFileError`. Pure: no database, no Django.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mangfold.i18n import gettext as _
from mangfold.population.detect import InputFile
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.geo import (
    Boundaries,
    boundaries_from_features,
    normalise_code,
    to_feature_collection,
)
from mangfold.population.geojson import Feature, parse_geojson
from mangfold.population.labels import normalise_label
from mangfold.population.topojson import parse_topojson

__all__ = ["NAME_PROPERTIES", "SIMPLIFY_DEGREES", "Geometries", "outline_geometries", "read_geometries"]

NAME_PROPERTIES = ("navn", "name", "prsh_name", "sognenavn", "komnavn", "lad11nm", "bydel_navn")
SIMPLIFY_DEGREES = 0.0002
"""Douglas–Peucker tolerance for stored boundaries: about 13 m east–west and 22 m north–south in Denmark."""


@dataclass(frozen=True)
class Geometries:
    """Boundaries matched to area codes: GeoJSON geometry text and names found in the properties, the
    property that held the codes, and the codes of the boundaries that match no area."""

    geometry: Mapping[str, str]
    names: Mapping[str, str] = field(default_factory=dict)
    key: str = ""
    without_area: tuple[str, ...] = ()

    def lacking(self, codes: Sequence[str]) -> list[str]:
        """The ``codes`` without a boundary, in their order."""
        return [c for c in codes if c not in self.geometry]


def _text(data: bytes) -> bytes:
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError):
            return b""
    return data


def _features(file: InputFile) -> list[Feature]:
    try:
        document = json.loads(_text(file.content()).decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        message = _("not UTF-8 text (byte {position})").format(position=exc.start)
        raise PopulationFileError(message, file=file.name) from None
    except json.JSONDecodeError as exc:
        message = _("not valid JSON: {reason}").format(reason=exc.msg)
        raise PopulationFileError(Problem(message, file.name, exc.lineno)) from None
    if isinstance(document, dict) and document.get("type") == "Topology":
        return parse_topojson(document, source=file.name)
    return parse_geojson(document, source=file.name)


def _best_key(features: Sequence[Feature], codes: set[str]) -> str | None:
    wanted = {normalise_code(c, numeric=True) for c in codes}
    hits: dict[str, int] = {}
    for feature in features:
        for key, value in [*feature.properties.items(), ("id", feature.id)]:
            if value is not None and normalise_code(value, numeric=True) in wanted:
                hits[key] = hits.get(key, 0) + 1
    return max(hits, key=lambda k: hits[k]) if hits else None


def read_geometries(
    file: InputFile, codes: Sequence[str], *, key: str | None = None, tolerance: float = SIMPLIFY_DEGREES
) -> Geometries:
    """The boundaries of ``file`` keyed by the area codes they match, simplified for web maps.

    ``key`` names the property that holds the area code; by default the property whose values match
    the most codes. Boundaries that match no area are listed in ``without_area``; a file none of whose
    boundaries matches an area is refused.
    """
    features = _features(file)
    key = key or _best_key(features, set(codes))
    if key is None:
        raise PopulationFileError(
            _("no property of the boundaries holds the area codes of the counts; name it"), file=file.name
        )
    boundaries = boundaries_from_features(features, key, source=file.name, numeric_codes=True)
    by_code = {normalise_code(c, numeric=True): c for c in codes}
    geometries = {code: geometry for code, geometry in boundaries.geometries.items() if code in by_code}
    if not geometries:
        message = _("no boundary matches an area of the counts (key {key})").format(key=repr(key))
        raise PopulationFileError(Problem(message), file=file.name)
    matched = Boundaries(key, geometries, boundaries.properties, source=file.name)
    collection = to_feature_collection(matched, tolerance=tolerance, precision=5)
    geometry = {
        by_code[f["id"]]: json.dumps(f["geometry"], separators=(",", ":")) for f in collection["features"]
    }
    names = {by_code[c]: name for c in geometries if (name := _name(boundaries.properties.get(c, {})))}
    without = tuple(sorted(c for c in boundaries.codes if c not in by_code))
    return Geometries(geometry, names, key, without)


def _name(properties: Mapping[str, Any]) -> str:
    lowered = {normalise_label(k): v for k, v in properties.items()}
    for candidate in NAME_PROPERTIES:
        value = lowered.get(candidate)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def outline_geometries(file: InputFile, key: str, name_key: str) -> list[tuple[str, str, str]]:
    """(code, name, geometry text) of every boundary of ``file``: outlines drawn over a map."""
    boundaries = boundaries_from_features(_features(file), key, source=file.name)
    collection = to_feature_collection(boundaries, tolerance=SIMPLIFY_DEGREES, precision=5)
    return [
        (
            f["id"],
            str(boundaries.properties[f["id"]].get(name_key) or f["id"]),
            json.dumps(f["geometry"], separators=(",", ":")),
        )
        for f in collection["features"]
    ]
