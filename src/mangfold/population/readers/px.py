"""A PC-Axis (.px) reader of our own: keywords, translations, codes and missing-value markers.

The PX file format (Statistics Sweden, *PX file format specification*, 2013; pxtools.net) is
a sequence of ``KEYWORD[lang]("subkey", …)=value;`` statements ending with ``DATA=…;``:

- **Values** are quoted strings (a text may be split into several adjacent quoted strings,
  which are joined), comma-separated lists of them, or unquoted words (numbers, YES/NO,
  ``TLIST(…)``). A keyword without ``[lang]`` is in the file's ``LANGUAGE``; ``LANGUAGES``
  lists them all. A translation names its dimension in its own language:
  ``VALUES[en]("region")`` goes with ``VALUES("område")`` because ``STUB[en]`` lists
  ``"region"`` where ``STUB`` lists ``"område"``.
- **Encoding**: ``CODEPAGE`` when given (any codec Python knows, e.g. ``"iso-8859-1"``,
  ``"utf-8"``); else ``CHARSET="ANSI"`` means Windows-1252; else UTF-8. (The specification
  says a file without CHARSET is in a DOS code page; files written since PX-Win 2005 and by
  PxWeb declare their encoding, so mangfold assumes UTF-8 and refuses a file that is not.)
- **Dimensions**: ``STUB`` and ``HEADING`` list them, ``VALUES("dim")`` their categories,
  ``CODES("dim")`` their codes, ``ELIMINATION("dim")`` YES or the category that stands for
  the whole dimension, ``TIMEVAL("dim")`` marks the time dimension and ``MAP("dim")`` a
  geographic one.
- **DATA** lists the cells in stub × heading order (the first stub dimension varies slowest,
  the last heading dimension fastest), separated by spaces, tabs, commas or line breaks.
  ``"."`` … ``"......"`` are six kinds of missing value and ``"-"`` nil; each is kept as its
  own reason (:class:`~mangfold.population.model.Missing`), never as 0. The number of cells
  must be the product of the dimension sizes.

``KEYS`` (sparse rows) is not supported and is refused with a message.

**Limits and repairs.** A CODEPAGE that is no text encoding (``"base64"``) or not
ASCII-compatible (``"utf-16"``, EBCDIC) is refused. A file that declares ISO-8859-1 or -15 but
holds bytes 0x80–0x9F (control characters there; PxWeb writes Windows-1252 under that name) is
read as Windows-1252, with a notice in ``metadata["warnings"]``. The declared number of cells is
checked against ``max_cells`` before DATA is read, and DATA is read in bounded memory
(:mod:`~mangfold.population.readers.px_data`).
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.model import GroupScheme
from mangfold.population.readers.common import (
    MAX_BYTES,
    MAX_CELLS,
    ReadResult,
    Source,
    read_bytes,
    source_name,
)
from mangfold.population.readers.cube import Dimension, Selection, cube_to_result, plan_cube
from mangfold.population.readers.px_data import PxData, read_data
from mangfold.population.readers.px_syntax import Key, Scanner

__all__ = ["PxFile", "detect_encoding", "parse_px", "read_px"]


_HEAD = re.compile(rb'(CHARSET|CODEPAGE)\s*=\s*"([^"\r\n]*)"\s*;')
_WINDOWS = {"iso8859-1": "cp1252", "iso8859-15": "cp1252"}
_C1 = re.compile(rb"[\x80-\x9f]")


def detect_encoding(raw: bytes) -> tuple[str, str]:
    """The encoding of a PX file and why: (codec name, "CODEPAGE" / "CHARSET" / "default")."""
    found = {m.group(1).decode(): m.group(2).decode("ascii", "replace") for m in _HEAD.finditer(raw[:20000])}
    if "CODEPAGE" in found:
        return found["CODEPAGE"].strip(), "CODEPAGE"
    if found.get("CHARSET", "").strip().upper() == "ANSI":
        return "cp1252", "CHARSET"
    return "utf-8", "default"


@dataclass(frozen=True)
class PxFile:
    """A parsed PX file: its keywords (``(keyword, lang, subkeys) → values``) and data cells."""

    keywords: Mapping[Key, list[str]]
    data: PxData
    encoding: str
    language: str | None
    warnings: tuple[str, ...] = ()

    def get(self, keyword: str, sub: tuple[str, ...] = (), lang: str | None = None) -> list[str] | None:
        return self.keywords.get((keyword, lang, sub))

    def first(self, keyword: str, default: str | None = None) -> str | None:
        v = self.get(keyword)
        return v[0] if v else default

    @property
    def languages(self) -> list[str]:
        langs = self.get("LANGUAGES") or []
        if self.language and self.language not in langs:
            langs = [self.language, *langs]
        return langs


def _decode(raw: bytes, enc: str, why: str, file: str) -> tuple[str, str, list[str]]:
    """The text of the file, the encoding used, and notices about it."""
    try:
        info = codecs.lookup(enc)
        ascii_like = 'STUB=;"'.encode(info.name) == b'STUB=;"'
    except (LookupError, UnicodeError, ValueError):
        raise PopulationFileError(
            _("unknown CODEPAGE {encoding!r}").format(encoding=enc), file=file
        ) from None
    if not getattr(info, "_is_text_encoding", True) or not ascii_like:
        text = _("CODEPAGE {encoding!r} is not a text encoding that a PC-Axis file can use")
        raise PopulationFileError(text.format(encoding=enc), file=file)
    notices: list[str] = []
    used = enc
    if info.name in _WINDOWS and _C1.search(raw):
        try:
            decoded = raw.decode(_WINDOWS[info.name])
        except UnicodeDecodeError:
            pass
        else:
            text = _(
                "the file declares CODEPAGE {encoding!r} but holds bytes 0x80–0x9F, control characters "
                "in that code page; it was read as Windows-1252"
            )
            return decoded, _WINDOWS[info.name], [text.format(encoding=enc)]
    try:
        return raw.decode(used), used, notices
    except UnicodeError as exc:
        start = getattr(exc, "start", 0)
        line = raw[:start].count(b"\n") + 1
        if why == "default":
            message = _(
                "the file is not valid {encoding} (no CHARSET or CODEPAGE is given, so UTF-8 is assumed)"
            )
        else:
            message = _("the file is not valid {encoding}")
        raise PopulationFileError(Problem(message.format(encoding=enc), file, line)) from None


def parse_px(
    source: Source,
    *,
    name: str | None = None,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_cells: int = MAX_CELLS,
) -> PxFile:
    """Parse a PX file into keywords and data cells (no interpretation of dimensions).

    Refused before parsing: a file over ``max_bytes`` (unpacked); before DATA is read: a table
    whose dimensions declare more than ``max_cells`` cells.
    """
    file = source_name(source, name)
    raw = read_bytes(source, file, max_bytes)
    enc, why = (encoding, "argument") if encoding else detect_encoding(raw)
    text, enc, notices = _decode(raw, enc, why, file)
    del raw
    scan = Scanner(text.lstrip("\ufeff"), file)
    del text
    keywords: dict[Key, list[str]] = {}
    data: PxData | None = None
    while True:
        st = scan.statement()
        if st is None:
            break
        key, vals = st
        if vals is None:
            size = _declared_cells(keywords, file, max_cells)
            data = read_data(scan.text, scan.i, scan.line, size, file)
            if data.end == "unclosed":
                raise PopulationFileError(
                    [
                        Problem(
                            _("the DATA block does not end with ';' (is the file truncated?)"),
                            file,
                            data.last_line,
                        ),
                        *_count_problem(keywords, data.count, file),
                    ],
                    file=file,
                )
            if data.end == "trailing":
                raise PopulationFileError(_("text after the ';' that ends DATA"), file=file)
            break
        keywords[key] = vals
    if data is None:
        raise PopulationFileError(_("no DATA keyword (is the file truncated?)"), file=file)
    lang_values = keywords.get(("LANGUAGE", None, ()))
    language = lang_values[0] if lang_values else None
    return PxFile(keywords, data, enc, language, tuple(notices))


def _sizes(keywords: Mapping[Key, list[str]]) -> list[tuple[str, int]] | None:
    dims = [*(keywords.get(("STUB", None, ())) or []), *(keywords.get(("HEADING", None, ())) or [])]
    sizes = [(d, len(keywords.get(("VALUES", None, (d,))) or [])) for d in dims]
    return sizes if dims and all(n for _d, n in sizes) else None


def _declared_cells(keywords: Mapping[Key, list[str]], file: str, max_cells: int) -> int | None:
    """The number of cells the dimensions declare; refused past ``max_cells`` (before DATA)."""
    sizes = _sizes(keywords)
    if sizes is None:
        return None
    cells = math.prod(n for _d, n in sizes)
    if cells > max_cells:
        text = _(
            "the table declares {cells} cells ({sizes}), more than the limit of {limit} (max_cells); "
            "it was not read"
        )
        shown = " × ".join(f"{n} {d}" for d, n in sizes)
        raise PopulationFileError(text.format(cells=cells, sizes=shown, limit=max_cells), file=file)
    return cells


def _count_problem(keywords: Mapping[Key, list[str]], found: int, file: str) -> list[Problem]:
    sizes = _sizes(keywords)
    if sizes is None:
        return []
    expected = math.prod(n for _d, n in sizes)
    if expected == found:
        return []
    sizes_text = " × ".join(f"{n} {d}" for d, n in sizes)
    message = _("DATA has {cells} cells, expected {expected} ({sizes})")
    return [Problem(message.format(cells=found, expected=expected, sizes=sizes_text), file)]


def _dimensions(px: PxFile, file: str) -> list[Dimension]:
    problems: list[Problem] = []
    order = [*(px.get("STUB") or []), *(px.get("HEADING") or [])]
    if not order:
        raise PopulationFileError(_("neither STUB nor HEADING is given"), file=file)
    other_langs = [x for x in px.languages if x != px.language]
    translated = {
        lang: [*(px.get("STUB", lang=lang) or []), *(px.get("HEADING", lang=lang) or [])]
        for lang in other_langs
    }
    time_dims = {k[2][0] for k in px.keywords if k[0] == "TIMEVAL" and k[2]}
    map_dims = {k[2][0] for k in px.keywords if k[0] == "MAP" and k[2]}
    dims = []
    for pos, d in enumerate(order):
        values = px.get("VALUES", (d,))
        if not values:
            problems.append(Problem(_("no VALUES for dimension {name!r}").format(name=d), file))
            continue
        codes = px.get("CODES", (d,)) or values
        if len(codes) != len(values):
            message = _("dimension {name!r}: {codes} CODES but {values} VALUES")
            problems.append(Problem(message.format(name=d, codes=len(codes), values=len(values)), file))
            continue
        labels = {px.language or "": tuple(values)}
        names = {}
        for lang, tnames in translated.items():
            if len(tnames) != len(order):
                continue
            names[lang] = tnames[pos]
            tv = px.get("VALUES", (tnames[pos],), lang)
            if tv and len(tv) == len(values):
                labels[lang] = tuple(tv)
        elim_values = px.get("ELIMINATION", (d,))
        elim = elim_values[0] if elim_values else None
        elimination: str | bool | None = (
            True if elim and elim.upper() == "YES" else None if not elim or elim.upper() == "NO" else elim
        )
        role = "time" if d in time_dims else "geo" if d in map_dims else None
        dims.append(Dimension(d, tuple(codes), labels, names, elimination, role))
    if problems:
        raise PopulationFileError(problems, file=file)
    return dims


def read_px(
    source: Source,
    *,
    scheme: GroupScheme | None = None,
    area: str | None = None,
    period: str | None = None,
    group: str | None = None,
    select: Selection | None = None,
    aliases: Mapping[str, str] | None = None,
    level: str = "small_area",
    period_value: str | int | None = None,
    default_period: str | int | None = None,
    name: str | None = None,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_cells: int = MAX_CELLS,
) -> ReadResult:
    """Read a PX file into tidy counts.

    ``area``, ``period`` and ``group`` name the dimensions (by name in any of the file's
    languages; found by TIMEVAL/MAP and usual names when left out); ``select`` restricts any
    dimension to some categories (``{"ContentsCode": ["Folkemengde"], "kjønn": "0"}``, dimensions
    and categories by code or label in any language); see
    :func:`~mangfold.population.readers.cube.plan_cube`. The selection is applied before the
    cells are checked. ``period_value`` is the period of a file without a period dimension
    (``default_period`` is its older name). Without ``scheme`` the groups keep the table's codes.
    ``max_bytes`` and ``max_cells`` bound the file (unpacked) and the declared cells.

    Raises :class:`PopulationFileError` listing every problem: syntax (with line), encoding,
    missing VALUES, CODES of the wrong length, a DATA block of the wrong size (expected vs
    found cells), dimensions that cannot be told apart or reduced, cells inside the selection
    that are neither numbers nor markers or are negative (with line), categories outside the
    scheme.
    """
    file = source_name(source, name)
    px = parse_px(source, name=file, encoding=encoding, max_bytes=max_bytes, max_cells=max_cells)
    if any(k[0] == "KEYS" for k in px.keywords):
        raise PopulationFileError(_("PX files with KEYS (sparse rows) are not supported"), file=file)
    dims = _dimensions(px, file)
    mismatch = _count_problem(px.keywords, px.data.count, file)
    if mismatch:
        raise PopulationFileError(mismatch, file=file)
    given = period_value if period_value is not None else default_period
    plan = plan_cube(
        dims,
        file=file,
        area=area,
        period=period,
        group=group,
        select=select,
        scheme=scheme,
        aliases=aliases,
        period_value=None if given is None else str(given),
    )

    def cell_problem(k: int, message: str) -> Problem:
        text = _("cell {number}: {problem}").format(number=k + 1, problem=message)
        return Problem(text, file, px.data.line_of(k))

    meta = {
        "format": "px",
        "encoding": px.encoding,
        "language": px.language,
        "languages": px.languages,
        "title": {
            (lang or px.language or ""): (px.get("TITLE", lang=lang) or [""])[0]
            for lang in [None, *(x for x in px.languages if x != px.language)]
        },
        "contents": px.first("CONTENTS"),
        "units": px.first("UNITS"),
        "source": px.first("SOURCE"),
        "matrix": px.first("MATRIX"),
        "datasymbols": {
            k[0]: v[0] for k, v in px.keywords.items() if k[0].startswith("DATASYMBOL") and v and k[1] is None
        },
        "warnings": list(px.warnings),
    }
    bad = {k: message for k, (message, _line) in px.data.bad.items()}
    return cube_to_result(
        plan,
        px.data.values,
        px.data.reasons,
        file=file,
        cell_problem=cell_problem,
        bad=bad,
        level=level,
        metadata=meta,
    )
