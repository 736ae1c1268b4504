"""What the readers share: the result type, the size limits, bounded reading and cell parsing.

**Limits** are checked before anything is allocated: a file (unpacked) over ``max_bytes`` is
refused before it is parsed (a gzip file while it is unpacked, so a small "zip bomb" costs no
more than the limit), and a cube that declares more than ``max_cells`` cells before its cells are
read. Both are parameters of every reader, with the defaults :data:`MAX_BYTES` and
:data:`MAX_CELLS`.

**Numbers** in cells are ASCII digits with an optional decimal part (``"12"``, ``"12.5"``, with
``","`` as the decimal mark where the file uses it) and, where a reader allows it, a leading
minus. Unicode digits (``"١٢٣"``, ``"１２"``), ``"1_000"``, exponents, ``inf`` and ``nan`` are not
numbers; a number too large for a float is refused, never stored as infinity.
"""

from __future__ import annotations

import math
import os
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from mangfold.i18n import gettext as _
from mangfold.population.counts import Counts
from mangfold.population.errors import PopulationFileError
from mangfold.population.model import AreaHierarchy, Missing

__all__ = [
    "AREA_NAMES",
    "GROUP_NAMES",
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_JSON_BYTES",
    "NUMBER",
    "PERIOD_NAMES",
    "ReadResult",
    "Source",
    "parse_cell",
    "read_bytes",
    "size_text",
]

#: Default largest file a reader accepts, in bytes after unpacking gzip (256 MiB).
MAX_BYTES = 256 * 2**20
#: Default largest JSON document (JSON-stat, unpacked): parsed JSON takes about ten times its size.
MAX_JSON_BYTES = 64 * 2**20
#: Default largest number of cells a PC-Axis or JSON-stat cube may declare (25 million: 225 MB
#: of values and reasons).
MAX_CELLS = 25_000_000
#: A count as text: ASCII digits, an optional decimal part, an optional leading minus.
NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")

Source = str | os.PathLike[str] | bytes | IO[bytes]

#: Column / dimension names recognised when the caller names none (compared normalised).
AREA_NAMES = (
    "area",
    "area_code",
    "areacode",
    "område",
    "omraade",
    "omrade",
    "region",
    "sogn",
    "parish",
    "kommune",
    "municipality",
    "valgstedid",
    "geo",
    "lsoa",
    "oa",
    "msoa",
    "code",
    "kode",
)
PERIOD_NAMES = ("period", "periode", "year", "år", "aar", "tid", "time", "date", "tidspunkt")
GROUP_NAMES = (
    "group",
    "gruppe",
    "herkomst",
    "origin",
    "oprindelse",
    "ancestry",
    "ethnicity",
    "statsborgerskab",
    "citizenship",
    "category",
    "kategori",
)
N_NAMES = (
    "n",
    "count",
    "counts",
    "value",
    "values",
    "indhold",
    "persons",
    "personer",
    "antal",
    "population",
    "befolkning",
    "obs_value",
)


@dataclass(frozen=True)
class ReadResult:
    """What a reader returns: the counts, the areas it found, and the file's metadata."""

    counts: Counts
    areas: AreaHierarchy
    metadata: Mapping[str, Any] = field(default_factory=dict)


def source_name(source: Source, name: str | None = None) -> str:
    """The name to show in messages: ``name``, the file name, or ``"<data>"``."""
    if name:
        return name
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    return str(getattr(source, "name", "<data>"))


def size_text(n: int) -> str:
    """A size in bytes for a message: ``"256 MiB"``, ``"1.5 KiB"``, ``"12 bytes"``."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


def _too_large(name: str, max_bytes: int) -> PopulationFileError:
    text = _("the file is larger than the limit of {limit} (max_bytes); it was not read")
    return PopulationFileError(text.format(limit=size_text(max_bytes)), file=name)


def read_bytes(source: Source, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a path, bytes or binary file; gunzipped when gzip-compressed.

    A file larger than ``max_bytes`` (after unpacking) is refused: a path by its size before it is
    read, a file object after reading ``max_bytes + 1`` bytes, gzip while it is unpacked.
    """
    try:
        if isinstance(source, bytes | bytearray):
            raw = bytes(source) if isinstance(source, bytearray) else source
        elif isinstance(source, str | os.PathLike):
            if Path(source).stat().st_size > max_bytes:
                raise _too_large(name, max_bytes)
            raw = Path(source).read_bytes()
        else:
            raw = source.read(max_bytes + 1)
    except OSError as exc:
        raise PopulationFileError(
            _("cannot read the file: {reason}").format(reason=exc.strerror or exc), file=name
        ) from None
    if raw[:2] == b"\x1f\x8b":
        return gunzip(raw, name, max_bytes)
    if len(raw) > max_bytes:
        raise _too_large(name, max_bytes)
    return raw


def gunzip(raw: bytes, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Unpack gzip data (one or more members), refusing it once it passes ``max_bytes``."""
    out = bytearray()
    data = raw
    while data:
        unpack = zlib.decompressobj(wbits=31)
        try:
            while True:
                out += unpack.decompress(data, 2**20)
                if len(out) > max_bytes:
                    raise _too_large(name, max_bytes)
                data = unpack.unconsumed_tail
                if unpack.eof:
                    data = unpack.unused_data.rstrip(b"\x00")
                    break
                if not data:
                    raise PopulationFileError(_("damaged gzip file: it ends too early"), file=name)
        except zlib.error as exc:
            text = _("damaged gzip file: {error}").format(error=exc)
            raise PopulationFileError(text, file=name) from None
    return bytes(out)


def parse_cell(text: str, decimal: str = ".", *, negative: bool = False) -> tuple[float, Missing] | str:
    """A cell's count and missing reason, or an error message.

    Markers (``"."`` … ``"......"``, ``"-"``, quoted or not) give their reason; an empty cell
    is ``NOT_AVAILABLE``. Numbers (:data:`NUMBER`) may be non-integer; a number too large for a
    float is refused, and so is a negative one unless ``negative`` is true (a cube's reader checks
    the sign later, only inside the caller's selection).
    """
    s = text.strip()
    if len(s) >= 2 and s[0] == s[-1] == '"':
        s = s[1:-1].strip()
    if s == "":
        return math.nan, Missing.NOT_AVAILABLE
    reason = Missing.from_marker(s)
    if reason is not None:
        return (0.0 if reason is Missing.NIL else math.nan), reason
    t = s.replace(",", ".") if decimal == "," else s
    if not NUMBER.fullmatch(t):
        return _("not a number: {value!r}").format(value=_shown(text.strip()))
    v = float(t)
    if not math.isfinite(v):
        return _("a number too large to be a count: {value}").format(value=_shown(text.strip()))
    if v < 0 and not negative:
        return _("negative count: {value}").format(value=text.strip())
    return v, Missing.NONE


def _shown(text: str, most: int = 40) -> str:
    """A cell's text for a message, cut to ``most`` characters."""
    return text if len(text) <= most else text[: most - 1] + "…"
