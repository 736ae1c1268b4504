"""A TopoJSON decoder of our own: topology → shapely geometries with their properties.

Follows the TopoJSON Format Specification 1.0 (M. Bostock, 2013; github.com/topojson/topojson-specification):

- **Arcs** are shared line strings. With a ``transform`` (``scale`` [sx, sy], ``translate`` [tx, ty]) the
  arcs are *quantised* and *delta-encoded*: the absolute position of point k of an arc is
  ``x_k = (Σ_{i≤k} dx_i)·sx + tx`` and ``y_k = (Σ_{i≤k} dy_i)·sy + ty``. A position may carry more than
  two values; only x and y are read and delta-decoded, the rest are ignored (DAGI's ``sogne.topojson``
  has a third value, -999, on the first point of every arc, which GDAL's reader mistakes for a delta).
- **Arc indices** in a geometry's ``arcs``: index ``i ≥ 0`` is arc i; a negative index ``j`` is arc
  ``~j = -j - 1`` traversed in reverse. Consecutive arcs of a line or ring share their end point, which
  is kept once.
- **Point / MultiPoint** coordinates are quantised (``x·sx + tx``) but not delta-encoded.
- Nesting: LineString ``[i, …]``, MultiLineString and Polygon ``[[i, …], …]``, MultiPolygon
  ``[[[i, …], …], …]``; a GeometryCollection at the top of an object is a collection of features.

Anything malformed (an arc index out of range, wrong nesting, a transform without ``scale``, arcs that do
not join, an unclosed ring, a non-numeric position) raises
:class:`~mangfold.population.errors.PopulationFileError` naming the file, the object and geometry (with its
id or first property) and what is wrong; all problems of a file are listed at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.geojson import (
    MAX_COLLECTION_DEPTH,
    Feature,
    GeometryError,
    brief,
    is_number,
    load_json,
)

__all__ = ["Transform", "decode_arcs", "parse_topojson", "read_topojson"]

Coords = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Transform:
    """The quantisation transform of a topology: ``x = q_x·sx + tx``, ``y = q_y·sy + ty``."""

    sx: float
    sy: float
    tx: float
    ty: float


def _transform(topology: dict[str, Any], source: str) -> Transform | None:
    raw = topology.get("transform")
    if raw is None:
        return None
    problems = []
    if not isinstance(raw, dict):
        raise PopulationFileError(_("'transform' must be an object"), file=source)
    values: dict[str, list[float]] = {}
    for name in ("scale", "translate"):
        pair = raw.get(name)
        if not (isinstance(pair, list) and len(pair) == 2 and all(is_number(v) for v in pair)):
            message = _("transform: '{name}' must be an array of 2 numbers, got {value!r:.60}")
            problems.append(Problem(message.format(name=name, value=brief(pair)), source))
        elif not all(np.isfinite(pair)):
            message = _("transform: '{name}' must be finite, got {value!r}")
            problems.append(Problem(message.format(name=name, value=pair), source))
        else:
            values[name] = [float(v) for v in pair]
    if not problems and 0.0 in values["scale"]:
        problems.append(Problem(_("transform: 'scale' must not be zero"), source))
    if problems:
        raise PopulationFileError(problems, file=source)
    (sx, sy), (tx, ty) = values["scale"], values["translate"]
    return Transform(sx, sy, tx, ty)


def decode_arcs(topology: dict[str, Any], *, source: str = "<TopoJSON>") -> list[Coords]:
    """The arcs of a topology as absolute (n, 2) arrays of x, y (delta-decoded and transformed).

    Formula (TopoJSON 1.0, §2.1.3 and §2.2): with a transform, ``x_k = (Σ_{i≤k} q_{x,i})·sx + tx``
    and likewise for y; positions' extra values are ignored. The sums are taken per arc over the
    quantised integers, so shared end points agree exactly.
    """
    raw = topology.get("arcs")
    if not isinstance(raw, list):
        raise PopulationFileError(_("a topology needs an 'arcs' array"), file=source)
    transform = _transform(topology, source)
    problems: list[Problem] = []
    xs: list[float] = []
    ys: list[float] = []
    lengths: list[int] = []
    for i, arc in enumerate(raw):
        if not isinstance(arc, list) or len(arc) < 2:
            message = _("arc {index}: must be an array of at least 2 positions")
            problems.append(Problem(message.format(index=i), source))
            lengths.append(0)
            continue
        ax: list[float] = []
        ay: list[float] = []
        for k, p in enumerate(arc):
            if not (isinstance(p, list) and len(p) >= 2 and is_number(p[0]) and is_number(p[1])):
                message = _(
                    "arc {index}, position {position}: must be an array of numbers, got {value!r:.60}"
                )
                problems.append(Problem(message.format(index=i, position=k, value=brief(p)), source))
                break
            ax.append(p[0])
            ay.append(p[1])
        else:
            if transform is not None:
                ax, ay = list(accumulate(ax)), list(accumulate(ay))
            xs.extend(ax)
            ys.extend(ay)
            lengths.append(len(arc))
            continue
        lengths.append(0)
    if problems:
        raise PopulationFileError(problems, file=source)
    with np.errstate(over="ignore", invalid="ignore"):
        xy = np.column_stack([np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64)])
        if transform is not None:
            xy = xy * np.array([transform.sx, transform.sy]) + np.array([transform.tx, transform.ty])
    if xy.size and not np.isfinite(xy).all():
        raise PopulationFileError(_("arcs hold positions that are not finite numbers"), file=source)
    return list(np.split(xy, np.cumsum(lengths)[:-1])) if lengths else []


class _Decoder:
    """Turns the geometry objects of one topology into shapely geometries, given its decoded arcs."""

    def __init__(self, arcs: list[Coords], transform: Transform | None):
        self.arcs = arcs
        self.transform = transform

    def arc(self, index: object) -> Coords:
        if type(index) is not int:
            raise GeometryError(
                _("an arc index must be an integer, got {value!r:.40}").format(value=brief(index))
            )
        n = len(self.arcs)
        i = index if index >= 0 else ~index
        if i >= n:
            raise GeometryError(
                _("arc index {index} is out of range (the topology has {count} arcs)").format(
                    index=index, count=n
                )
            )
        return self.arcs[i] if index >= 0 else self.arcs[i][::-1]

    def line(self, indices: object) -> Coords:
        if not isinstance(indices, list) or not indices:
            message = _("expected a non-empty array of arc indices, got {value!r:.60}")
            raise GeometryError(message.format(value=brief(indices)))
        pieces = [self.arc(i) for i in indices]
        for before, (j, after) in zip(pieces, enumerate(pieces[1:], 1), strict=False):
            if not np.array_equal(before[-1], after[0]):
                raise GeometryError(
                    _("arc {arc} does not start where arc {previous} ends ({start} ≠ {end})").format(
                        arc=indices[j],
                        previous=indices[j - 1],
                        start=after[0].tolist(),
                        end=before[-1].tolist(),
                    )
                )
        return np.concatenate([pieces[0], *(p[1:] for p in pieces[1:])])

    def ring(self, indices: object) -> Coords:
        ring = self.line(indices)
        if len(ring) < 4 or not np.array_equal(ring[0], ring[-1]):
            raise GeometryError(
                _("ring {arcs!r:.60} is not closed or has fewer than 4 positions ({count})").format(
                    arcs=indices, count=len(ring)
                )
            )
        return ring

    def polygon(self, rings: object) -> shapely.Polygon:
        if not isinstance(rings, list) or not rings:
            raise GeometryError(
                _("a Polygon needs a non-empty array of rings, got {value!r:.60}").format(value=brief(rings))
            )
        decoded = [self.ring(r) for r in rings]
        return shapely.Polygon(decoded[0], decoded[1:])

    def position(self, value: object) -> tuple[float, float]:
        if not (isinstance(value, list) and len(value) >= 2 and all(map(is_number, value[:2]))):
            raise GeometryError(
                _("a position must be an array of numbers, got {value!r:.60}").format(value=brief(value))
            )
        x, y = float(value[0]), float(value[1])
        if self.transform is not None:
            x, y = (
                x * self.transform.sx + self.transform.tx,
                y * self.transform.sy + self.transform.ty,
            )
        return (x, y)

    def geometry(self, obj: dict[str, Any], depth: int = 0) -> BaseGeometry | None:
        kind = obj.get("type")
        if kind is None:
            return None
        if kind == "GeometryCollection":
            members = obj.get("geometries")
            if not isinstance(members, list):
                raise GeometryError(_("a GeometryCollection needs a 'geometries' array"))
            if depth >= MAX_COLLECTION_DEPTH:
                text = _("GeometryCollections nest more than {depth} deep")
                raise GeometryError(text.format(depth=MAX_COLLECTION_DEPTH))
            parts = [self.geometry(_object(m), depth + 1) for m in members]
            return shapely.GeometryCollection([p for p in parts if p is not None])
        if kind in ("Point", "MultiPoint"):
            coords = obj.get("coordinates")
            if kind == "Point":
                return shapely.Point(self.position(coords))
            if not isinstance(coords, list):
                raise GeometryError(_("a MultiPoint needs a 'coordinates' array"))
            return shapely.MultiPoint([self.position(c) for c in coords])
        if kind not in ("LineString", "MultiLineString", "Polygon", "MultiPolygon"):
            raise GeometryError(_("unknown geometry type {kind!r:.40}").format(kind=brief(kind)))
        if "arcs" not in obj:
            raise GeometryError(_("a {kind} has no 'arcs'").format(kind=kind))
        arcs = obj["arcs"]
        if kind == "LineString":
            return shapely.LineString(self.line(arcs))
        if not isinstance(arcs, list):
            raise GeometryError(_("the arcs of a {kind} must be an array of arrays").format(kind=kind))
        if kind == "MultiLineString":
            return shapely.MultiLineString([self.line(a) for a in arcs])
        if kind == "Polygon":
            return self.polygon(arcs)
        return shapely.MultiPolygon([self.polygon(p) for p in arcs])


def _object(value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GeometryError(
            _("a geometry object must be a JSON object, got {value!r:.40}").format(value=brief(value))
        )
    return value


def _label(name: str, index: int | None, obj: object) -> str:
    if index is None:
        where = _("object {name!r}").format(name=name)
    else:
        where = _("object {name!r}, geometry {index}").format(name=name, index=index)
    if isinstance(obj, dict):
        props = obj.get("properties")
        if obj.get("id") is not None:
            where += f" (id {brief(obj['id'])!r:.40})"
        elif isinstance(props, dict) and props:
            key, value = next(iter(props.items()))
            where += f" ({key} {brief(value)!r:.40})"
    return where


def _members(obj: object) -> Iterator[tuple[int | None, object]]:
    if isinstance(obj, dict) and obj.get("type") == "GeometryCollection":
        members = obj.get("geometries")
        if isinstance(members, list):
            yield from enumerate(members)
            return
    yield None, obj


def parse_topojson(
    topology: object, *, object_name: str | None = None, source: str = "<TopoJSON>"
) -> list[Feature]:
    """The features of one object of a topology (the only one when ``object_name`` is not given).

    A top-level GeometryCollection gives one feature per member geometry, with its ``properties`` and
    ``id``; any other object gives one feature. Problems of all geometries are collected and raised
    together as one :class:`PopulationFileError`.
    """
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        raise PopulationFileError(_("not a TopoJSON topology (type must be 'Topology')"), file=source)
    objects = topology.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise PopulationFileError(_("a topology needs a non-empty 'objects' object"), file=source)
    if object_name is None:
        if len(objects) != 1:
            names = ", ".join(repr(n) for n in objects)
            raise PopulationFileError(
                _("the topology has several objects ({names}); name one").format(names=names), source
            )
        object_name = next(iter(objects))
    if object_name not in objects:
        raise PopulationFileError(
            _("the topology has no object {name!r}").format(name=object_name), file=source
        )
    decoder = _Decoder(decode_arcs(topology, source=source), _transform(topology, source))
    features: list[Feature] = []
    problems: list[Problem] = []
    top = objects[object_name]
    if (
        isinstance(top, dict)
        and top.get("type") == "GeometryCollection"
        and not isinstance(top.get("geometries"), list)
    ):
        raise PopulationFileError(
            _("object {name!r}: a GeometryCollection needs a 'geometries' array").format(name=object_name),
            source,
        )
    for index, member in _members(top):
        label = _label(object_name, index, member)
        try:
            obj = _object(member)
            props = obj.get("properties") or {}
            if not isinstance(props, dict):
                raise GeometryError(_("'properties' must be an object"))
            ident = obj.get("id")
            if ident is not None and not isinstance(ident, str | int):
                raise GeometryError(
                    _("'id' must be a string or number, got {value!r:.40}").format(value=brief(ident))
                )
            geometry = decoder.geometry(obj)
        except (GeometryError, ValueError, TypeError) as exc:  # shapely refuses degenerate shapes too
            problems.append(Problem(f"{label}: {exc}", source))
            continue
        features.append(Feature(geometry=geometry, properties=props, id=ident, label=label))
    if problems:
        raise PopulationFileError(problems, file=source)
    return features


def read_topojson(path: str | Path, *, object_name: str | None = None) -> list[Feature]:
    """Read a TopoJSON file (``.gz`` or not) into features; see :func:`parse_topojson`."""
    return parse_topojson(load_json(path), object_name=object_name, source=str(path))
