"""Read what a user imports, with the core readers, before anything is written.

Files arrive as bytes with their names (an upload, or a file the ``mangfold import`` command read). The
reader is the core's: :func:`mangfold.population.readers.read` chosen by the file's suffix, except for three
layouts told by their header: Statistics Denmark's KMSTA001 (``SOGN, HERKOMST, TID, INDHOLD``), the 2024
voting-area tables (``ValgstedId`` first; the origin and the citizenship table together) and MLID's
England and Wales tables (``LSOA`` or ``OA``, the 14 groups, ``LAD``). Boundaries (GeoJSON or TopoJSON) are
joined to the areas by the property whose values match the most area codes.

Every problem is raised as one :class:`~mangfold.population.errors.PopulationFileError` (file, row,
column, message). Nothing here touches the database.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from mangfold.population.errors import PopulationFileError, Problem, UnmappedLabelsError
from mangfold.population.geo import (
    Boundaries,
    boundaries_from_features,
    normalise_code,
    to_feature_collection,
)
from mangfold.population.geojson import Feature, json_integer, parse_geojson, too_deep
from mangfold.population.mapping import normalise_label
from mangfold.population.model import Area, AreaHierarchy
from mangfold.population.readers import (
    ReadResult,
    read,
    read_kmsta001,
    read_voting_areas_2024,
)
from mangfold.population.schemes import SCHEMES, scheme
from mangfold.population.topojson import parse_topojson
from mangfold.web.core.i18n import gettext as _

__all__ = [
    "SCHEME_ALIASES",
    "Geometries",
    "InputFile",
    "read_counts",
    "read_geometries",
    "scheme_name",
    "within_municipality",
]

#: Short names the command and the form accept for the built-in schemes.
SCHEME_ALIASES = {
    "dst": "dst_origin",
    "dk_regions": "dst_regions_2024",
    "dk_citizenship": "dst_citizenship_2024",
    "ew_census": "ew_ethnicity_2011",
}
KMSTA001_COLUMNS = {"SOGN", "HERKOMST", "TID", "INDHOLD"}
MLID_EXTRA = ("Persons", "MSOA", "LAD", "RGN", "LSOA")
NAME_PROPERTIES = ("navn", "name", "prsh_name", "sognenavn", "komnavn", "lad11nm", "bydel_navn")
SIMPLIFY_DEGREES = 0.0002
"""Douglas–Peucker tolerance for stored boundaries: about 13 m east–west and 22 m north–south in Denmark."""


@dataclass(frozen=True)
class InputFile:
    """A file to import: its name (its suffix picks the reader) and its bytes (gzip allowed), or the path
    of the file holding them (an upload streamed to disk: read from there, never held whole)."""

    name: str
    data: bytes = b""
    path: str | None = None

    @property
    def source(self) -> Any:
        """What the core's readers take: the path, or the bytes."""
        return Path(self.path) if self.path else self.data

    def content(self) -> bytes:
        """All the bytes (for JSON boundaries, which are parsed whole)."""
        return Path(self.path).read_bytes() if self.path else self.data

    def chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        """The bytes in chunks of ``size``."""
        if not self.path:
            yield self.data
            return
        with open(self.path, "rb") as handle:
            while chunk := handle.read(size):
                yield chunk

    def head(self, size: int) -> bytes:
        """The first ``size`` bytes, unpacked when gzip-compressed (of a damaged one, what unpacks)."""
        with open(self.path, "rb") if self.path else io.BytesIO(self.data) as handle:
            if handle.read(2) != b"\x1f\x8b":
                handle.seek(0)
                return handle.read(size)
            handle.seek(0)
            try:
                with gzip.GzipFile(fileobj=handle) as unpacked:
                    return unpacked.read(size)
            except (OSError, EOFError, zlib.error):
                return b""


def scheme_name(value: str) -> str:
    """The built-in scheme named by ``value`` or one of its short names; ``KeyError`` otherwise."""
    name = SCHEME_ALIASES.get(value, value)
    if name not in SCHEMES:
        known = ", ".join([*SCHEME_ALIASES, *SCHEMES])
        raise KeyError(f"no scheme {value!r}; known: {known}")
    return name


def _text(data: bytes) -> bytes:
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError):
            return b""
    return data


def _suffix(file: InputFile) -> str:
    suffixes = [s.lower() for s in PurePath(file.name).suffixes if s.lower() != ".gz"]
    return suffixes[-1] if suffixes else ""


def header_of(file: InputFile) -> list[str]:
    """The column names of a CSV file's first line (``[]`` for other files)."""
    if _suffix(file) not in {".csv", ".txt", ".tsv"}:
        return []
    first = file.head(65536).split(b"\n", 1)[0]
    line = first.decode("utf-8-sig", errors="replace").strip()
    return [cell.strip().strip('"').strip() for cell in re.split(r"[,;\t|]", line)]


def read_counts(
    files: Sequence[InputFile],
    scheme_key: str | None,
    *,
    delimiter: str | None = None,
    period: str | None = None,
    parent_column: str | None = None,
    municipality_names: Mapping[str, str] | None = None,
    reader_options: Mapping[str, Any] | None = None,
) -> ReadResult:
    """Counts and areas of one file (or of the two 2024 voting-area tables) in a built-in scheme (``None``:
    the groups as the file names them). ``reader_options`` go to the core's reader as they are (a general
    PC-Axis or JSON-stat table: ``area``, ``period``, ``group`` dimensions, ``select``, ``period_value``);
    with them the special layouts below are not looked for."""
    name = scheme_name(scheme_key) if scheme_key else None
    group_scheme = scheme(name) if name else None
    if not files:
        raise PopulationFileError(_("no file to import"))
    headers = [header_of(f) for f in files]
    first, head = files[0], headers[0]
    try:
        if head and head[0] == "ValgstedId":
            return _voting_areas(files, headers, municipality_names)
        if len(files) > 1:
            raise PopulationFileError(
                _("one file at a time, except the two 2024 voting-area tables (got %(count)d)")
                % {"count": len(files)}
            )
        if {h.upper() for h in head} >= KMSTA001_COLUMNS and name == "dst_origin" and not reader_options:
            return read_kmsta001(first.source, name=first.name)
        options: dict[str, Any] = {"scheme": group_scheme, "name": first.name}
        if period:
            options["default_period"] = period
        if delimiter and head:
            options["delimiter"] = delimiter
        if reader_options:
            options.update(reader_options)
        elif "LAD" in head and ("LSOA" in head or "OA" in head):
            area = "OA" if "OA" in head else "LSOA"
            extra = [c for c in MLID_EXTRA if c in head and c not in (area, "LAD")]
            options.update(layout="wide", area=area, parent="LAD", ignore=extra)
            options.setdefault("default_period", "2011")
        elif parent_column and _suffix(first) in {".csv", ".txt", ".tsv", ".xlsx"}:
            options["parent"] = parent_column
        return read(first.source, **options)
    except UnmappedLabelsError as error:
        raise PopulationFileError(str(error), file=first.name) from None
    except ValueError as error:
        if isinstance(error, PopulationFileError):
            raise
        raise PopulationFileError(str(error), file=first.name) from None


def _voting_areas(
    files: Sequence[InputFile], headers: Sequence[list[str]], names: Mapping[str, str] | None
) -> ReadResult:
    """The origin table is the one without the citizenship group "01. Danmark"."""
    if len(files) != 2 or any(not h or h[0] != "ValgstedId" for h in headers):
        raise PopulationFileError(
            _("the 2024 voting-area tables come in pairs: the origin table and the citizenship table"),
            file=files[0].name,
        )
    citizenship = [any(h.endswith("_01. Danmark") for h in head) for head in headers]
    if citizenship.count(True) != 1:
        raise PopulationFileError(
            _("cannot tell the citizenship table (with '01. Danmark' columns) from the origin table"),
            file=files[0].name,
        )
    cit = citizenship.index(True)
    origin, cit_file = files[1 - cit], files[cit]
    return read_voting_areas_2024(
        _named(origin), _named(cit_file), municipalities=dict(names or {}), period="2024"
    )


class _NamedBytes:
    """A binary file-like object with a name, so that messages name the file."""

    def __init__(self, file: InputFile) -> None:
        self.name = file.name
        self._data = file.content()

    def read(self, size: int = -1) -> bytes:
        return self._data if size < 0 else self._data[:size]


def _named(file: InputFile) -> Any:
    return _NamedBytes(file)


def within_municipality(result: ReadResult, code: str, name: str) -> ReadResult:
    """Put every area without a parent (below municipality level) inside one municipality ``code``.

    A file uploaded for a city usually names its small areas only; this makes them the city's.
    """
    areas = list(result.areas)
    if not any(a.parent is None and a.level not in ("country", "municipality") for a in areas):
        return result
    levels = result.areas.levels
    moved = [
        Area(a.code, a.name, a.level, code)
        if a.parent is None and a.level not in ("country", "municipality")
        else a
        for a in areas
        if a.code != code
    ]
    hierarchy = AreaHierarchy.of([Area(code, name, "municipality"), *moved], levels)
    return ReadResult(result.counts.replace(areas=hierarchy), hierarchy, result.metadata)


@dataclass(frozen=True)
class Geometries:
    """Boundaries matched to area codes: GeoJSON geometry text and names found in the properties."""

    geometry: Mapping[str, str]
    names: Mapping[str, str] = field(default_factory=dict)
    key: str = ""
    without_area: tuple[str, ...] = ()


def _features(file: InputFile) -> list[Feature]:
    try:
        document = json.loads(_text(file.content()).decode("utf-8-sig"), parse_int=json_integer)
    except RecursionError:
        raise too_deep(file.name) from None
    except UnicodeDecodeError as exc:
        message = _("not UTF-8 text (byte %(position)d)") % {"position": exc.start}
        raise PopulationFileError(message, file=file.name) from None
    except json.JSONDecodeError as exc:
        message = _("not valid JSON: %(reason)s") % {"reason": exc.msg}
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
    the most codes. Boundaries that match no area are listed in ``without_area``.
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
