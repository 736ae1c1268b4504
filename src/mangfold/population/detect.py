"""Tell which kind of population file an import holds, and read it with the core's readers.

Files arrive as bytes with their names (an upload, or a file named on the command line). The reader is
:func:`mangfold.population.readers.read`, chosen by the file's suffix, except for three layouts told by
their header (:func:`layout_of`):

- ``kmsta001``: Statistics Denmark's KMSTA001 (columns ``SOGN, HERKOMST, TID, INDHOLD``) in the origin
  scheme, read by :func:`~mangfold.population.readers.read_kmsta001`;
- ``voting_areas_2024``: the 2024 voting-area tables (``ValgstedId`` first), the origin and the
  citizenship table together; the citizenship table is the one with ``01. Danmark`` columns;
- ``mlid``: MLID's England and Wales tables (``LSOA`` or ``OA``, the 14 groups, ``LAD``), wide, with
  the local authority as parent and 2011 as the period.

Named reader options (a general PC-Axis or JSON-stat table's dimensions) turn the special layouts off.
Every problem is raised as one :class:`~mangfold.population.errors.PopulationFileError` (file, row,
column, message). Pure: no database, no Django.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from mangfold.data import data_path
from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, UnmappedLabelsError
from mangfold.population.model import Area, AreaHierarchy
from mangfold.population.readers import ReadResult, read, read_kmsta001, read_voting_areas_2024
from mangfold.population.readers.dst import VOTING_AREAS_2024_POPULATION
from mangfold.population.schemes import scheme, scheme_name

__all__ = [
    "InputFile",
    "header_of",
    "layout_of",
    "municipality_names",
    "read_counts",
    "within_municipality",
]

KMSTA001_COLUMNS = {"SOGN", "HERKOMST", "TID", "INDHOLD"}
MLID_EXTRA = ("Persons", "MSOA", "LAD", "RGN", "LSOA")
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}


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

    @property
    def suffix(self) -> str:
        """The file's last suffix, lower case, ``.gz`` left out (``""``: none)."""
        suffixes = [s.lower() for s in PurePath(self.name).suffixes if s.lower() != ".gz"]
        return suffixes[-1] if suffixes else ""


def municipality_names() -> dict[str, str]:
    """Danish municipality codes → names, from the shipped voting-area table (``valgsteds.csv``)."""
    with data_path("dk_election2024", "valgsteds.csv").open(encoding="utf-8") as handle:
        return {row["KommuneKode"]: row["KommuneNavn"] for row in csv.DictReader(handle)}


def header_of(file: InputFile) -> list[str]:
    """The column names of a CSV file's first line (``[]`` for other files)."""
    if file.suffix not in TEXT_SUFFIXES:
        return []
    first = file.head(65536).split(b"\n", 1)[0]
    line = first.decode("utf-8-sig", errors="replace").strip()
    return [cell.strip().strip('"').strip() for cell in re.split(r"[,;\t|]", line)]


def layout_of(header: Sequence[str], scheme_name: str | None, *, named_dimensions: bool = False) -> str:
    """The layout a file's ``header`` shows: ``voting_areas_2024``, ``kmsta001`` (only in the origin
    scheme), ``mlid`` or ``general`` (the reader the suffix picks). ``named_dimensions``: the caller
    named the table's dimensions, so only the voting-area pair is looked for."""
    if header and header[0] == "ValgstedId":
        return "voting_areas_2024"
    if named_dimensions:
        return "general"
    if {h.upper() for h in header} >= KMSTA001_COLUMNS and scheme_name == "dst_origin":
        return "kmsta001"
    if "LAD" in header and ("LSOA" in header or "OA" in header):
        return "mlid"
    return "general"


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
    """Counts and areas of one file (or of the two 2024 voting-area tables) in the built-in scheme
    ``scheme_key`` (a name or short name; ``None``: the groups as the file names them).
    ``reader_options`` go to the core's reader as they are (a general PC-Axis or JSON-stat table:
    ``area``, ``period``, ``group`` dimensions, ``select``, ``period_value``)."""
    key = scheme_name(scheme_key) if scheme_key else None
    group_scheme = scheme(key) if key else None
    if not files:
        raise PopulationFileError(_("no file to import"))
    headers = [header_of(f) for f in files]
    first, head = files[0], headers[0]
    layout = layout_of(head, key, named_dimensions=bool(reader_options))
    try:
        if layout == "voting_areas_2024":
            return _voting_areas(files, headers, municipality_names, period)
        if len(files) > 1:
            message = _("one file at a time, except the two 2024 voting-area tables (got {count})")
            raise PopulationFileError(message.format(count=len(files)))
        if layout == "kmsta001":
            return read_kmsta001(first.source, name=first.name)
        options: dict[str, Any] = {"scheme": group_scheme, "name": first.name}
        if period:
            options["default_period"] = period
        if delimiter and head:
            options["delimiter"] = delimiter
        if reader_options:
            options.update(reader_options)
        elif layout == "mlid":
            area = "OA" if "OA" in head else "LSOA"
            extra = [c for c in MLID_EXTRA if c in head and c not in (area, "LAD")]
            options.update(layout="wide", area=area, parent="LAD", ignore=extra)
            options.setdefault("default_period", "2011")
        elif parent_column and first.suffix in {*TEXT_SUFFIXES, ".xlsx"}:
            options["parent"] = parent_column
        return read(first.source, **options)
    except UnmappedLabelsError as error:
        raise PopulationFileError(str(error), file=first.name) from None
    except ValueError as error:
        if isinstance(error, PopulationFileError):
            raise
        raise PopulationFileError(str(error), file=first.name) from None


def _voting_areas(
    files: Sequence[InputFile],
    headers: Sequence[list[str]],
    names: Mapping[str, str] | None,
    period: str | None,
) -> ReadResult:
    """The origin table is the one without the citizenship group "01. Danmark"; the population is of
    ``period`` if given, else of the tables' own date (1 January 2020)."""
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
        _named(origin),
        _named(cit_file),
        municipalities=dict(names or {}),
        period=period or VOTING_AREAS_2024_POPULATION,
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
