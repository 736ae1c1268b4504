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
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.model import GroupScheme
from mangfold.population.readers.common import (
    Dimension,
    ReadResult,
    Source,
    cube_to_result,
    parse_cell,
    read_bytes,
    source_name,
)

__all__ = ["PxFile", "detect_encoding", "parse_px", "read_px"]

Key = tuple[str, str | None, tuple[str, ...]]

_HEAD = re.compile(rb'(CHARSET|CODEPAGE)\s*=\s*"([^"\r\n]*)"\s*;')
_KEYWORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_WORD = re.compile(r'TLIST\([^)]*\)|[^;,"\s]+', re.IGNORECASE)
_DATA_TOKEN = re.compile(r'"[^"\n]*"?|;|\n|[^\s,;"]+')


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
    data: list[tuple[str, int]]  # (cell text, line number)
    encoding: str
    language: str | None

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


class _Scanner:
    def __init__(self, text: str, file: str):
        self.text, self.i, self.file = text, 0, file

    @property
    def line(self) -> int:
        return self.text.count("\n", 0, self.i) + 1

    def fail(self, message: str) -> PopulationFileError:
        return PopulationFileError(Problem(message, self.file, self.line))

    def skip_space(self) -> None:
        n = len(self.text)
        while self.i < n and self.text[self.i] in " \t\r\n\x1a\ufeff":
            self.i += 1

    def quoted(self) -> str:
        end = self.text.find('"', self.i + 1)
        if end < 0:
            raise self.fail(_("a quoted text is not closed"))
        s = self.text[self.i + 1 : end]
        self.i = end + 1
        return s

    def statement(self) -> tuple[Key, list[str]] | tuple[Key, None] | None:
        self.skip_space()
        if self.i >= len(self.text):
            return None
        m = _KEYWORD.match(self.text, self.i)
        if not m:
            raise self.fail(
                _("expected a keyword, found {text!r}").format(text=self.text[self.i : self.i + 20])
            )
        keyword = m.group(0).upper()
        self.i = m.end()
        lang = None
        if self.text.startswith("[", self.i):
            end = self.text.find("]", self.i)
            if end < 0 or "\n" in self.text[self.i : end]:
                raise self.fail(_("{keyword}: the language in [...] is not closed").format(keyword=keyword))
            lang = self.text[self.i + 1 : end].strip()
            self.i = end + 1
        subs: list[str] = []
        if self.text.startswith("(", self.i):
            self.i += 1
            while True:
                self.skip_space()
                if self.text.startswith('"', self.i):
                    subs.append(self.quoted())
                self.skip_space()
                if self.text.startswith(",", self.i):
                    self.i += 1
                    continue
                if self.text.startswith(")", self.i):
                    self.i += 1
                    break
                raise self.fail(_("{keyword}: the subkey in (...) is malformed").format(keyword=keyword))
        self.skip_space()
        if not self.text.startswith("=", self.i):
            raise self.fail(_("{keyword}: expected '='").format(keyword=keyword))
        self.i += 1
        key: Key = (keyword, lang, tuple(subs))
        if keyword == "DATA":
            return key, None
        return key, self.values(keyword)

    def values(self, keyword: str) -> list[str]:
        items: list[str] = []
        current: str | None = None
        n = len(self.text)
        while True:
            self.skip_space()
            if self.i >= n:
                raise self.fail(_("{keyword}: the value does not end with ';'").format(keyword=keyword))
            ch = self.text[self.i]
            if ch == ";":
                self.i += 1
                break
            if ch == '"':
                s = self.quoted()
                current = s if current is None else current + s  # adjacent strings join
            elif ch == ",":
                items.append(current or "")
                current = None
                self.i += 1
            else:
                m = _WORD.match(self.text, self.i)
                if not m:
                    raise self.fail(_("{keyword}: unexpected {char!r}").format(keyword=keyword, char=ch))
                word = m.group(0)
                current = word if current is None else current + word
                self.i = m.end()
        if current is not None:
            items.append(current)
        return items

    def data(self) -> tuple[list[tuple[str, int]], str]:
        """The cells after ``DATA=`` and how the block ends: "ok", "unclosed" or "trailing"."""
        cells: list[tuple[str, int]] = []
        line = self.line
        for m in _DATA_TOKEN.finditer(self.text, self.i):
            tok = m.group(0)
            if tok == "\n":
                line += 1
            elif tok == ";":
                rest = self.text[m.end() :].strip(" \t\r\n\x1a")
                return cells, "trailing" if rest else "ok"
            else:
                cells.append((tok, line))
        return cells, "unclosed"


def parse_px(source: Source, *, name: str | None = None, encoding: str | None = None) -> PxFile:
    """Parse a PX file into keywords and data cells (no interpretation of dimensions)."""
    file = source_name(source, name)
    raw = read_bytes(source, file)
    enc, why = (encoding, "argument") if encoding else detect_encoding(raw)
    try:
        codecs.lookup(enc)
    except LookupError:
        raise PopulationFileError(
            _("unknown CODEPAGE {encoding!r}").format(encoding=enc), file=file
        ) from None
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if why == "default":
            message = _(
                "the file is not valid {encoding} (no CHARSET or CODEPAGE is given, so UTF-8 is assumed)"
            )
        else:
            message = _("the file is not valid {encoding}")
        raise PopulationFileError(Problem(message.format(encoding=enc), file, line)) from None
    scan = _Scanner(text.lstrip("\ufeff"), file)
    keywords: dict[Key, list[str]] = {}
    data: list[tuple[str, int]] | None = None
    while True:
        st = scan.statement()
        if st is None:
            break
        key, vals = st
        if vals is None:
            cells, end = scan.data()
            if end == "unclosed":
                raise PopulationFileError(
                    [
                        Problem(
                            _("the DATA block does not end with ';' (is the file truncated?)"),
                            file,
                            scan.text.count("\n") + 1,
                        ),
                        *_count_problem(keywords, cells, file),
                    ],
                    file=file,
                )
            if end == "trailing":
                raise PopulationFileError(_("text after the ';' that ends DATA"), file=file)
            data = cells
            break
        keywords[key] = vals
    if data is None:
        raise PopulationFileError(_("no DATA keyword (is the file truncated?)"), file=file)
    lang_values = keywords.get(("LANGUAGE", None, ()))
    language = lang_values[0] if lang_values else None
    return PxFile(keywords, data, enc, language)


def _count_problem(keywords: Mapping[Key, list[str]], cells: list[Any], file: str) -> list[Problem]:
    dims = [*(keywords.get(("STUB", None, ())) or []), *(keywords.get(("HEADING", None, ())) or [])]
    sizes = [len(keywords.get(("VALUES", None, (d,))) or []) for d in dims]
    if not dims or 0 in sizes:
        return []
    expected = int(np.prod(sizes))
    if expected == len(cells):
        return []
    sizes_text = " × ".join(map(str, sizes))
    message = _("DATA has {cells} cells, expected {expected} ({sizes})")
    return [Problem(message.format(cells=len(cells), expected=expected, sizes=sizes_text), file)]


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
    select: Mapping[str, str] | None = None,
    aliases: Mapping[str, str] | None = None,
    level: str = "small_area",
    default_period: str | int | None = None,
    name: str | None = None,
    encoding: str | None = None,
) -> ReadResult:
    """Read a PX file into tidy counts (see :func:`~.common.cube_to_result` for the arguments).

    Raises :class:`PopulationFileError` listing every problem: syntax (with line), encoding,
    missing VALUES, CODES of the wrong length, a DATA block of the wrong size (expected vs
    found cells), cells that are neither numbers nor markers (with line), negative counts,
    categories outside the scheme.
    """
    file = source_name(source, name)
    px = parse_px(source, name=file, encoding=encoding)
    if any(k[0] == "KEYS" for k in px.keywords):
        raise PopulationFileError(_("PX files with KEYS (sparse rows) are not supported"), file=file)
    dims = _dimensions(px, file)
    sizes = [len(d) for d in dims]
    expected = int(np.prod(sizes))
    problems = []
    if len(px.data) != expected:
        sizes_text = " × ".join(f"{len(d)} {d.name}" for d in dims)
        message = _("DATA has {cells} cells, expected {expected} ({sizes})")
        problems.append(
            Problem(message.format(cells=len(px.data), expected=expected, sizes=sizes_text), file)
        )
    values = np.full(len(px.data), np.nan)
    reasons = np.zeros(len(px.data), dtype=np.uint8)
    for k, (text, line) in enumerate(px.data):
        parsed = parse_cell(text)
        if isinstance(parsed, str):
            message = _("cell {number}: {problem}").format(number=k + 1, problem=parsed)
            problems.append(Problem(message, file, line))
        else:
            values[k], reasons[k] = parsed[0], parsed[1]
    if problems:
        raise PopulationFileError(problems, file=file)
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
    }
    return cube_to_result(
        dims,
        values,
        reasons,
        file=file,
        area=area,
        period=period,
        group=group,
        select=select,
        scheme=scheme,
        aliases=aliases,
        level=level,
        default_period=None if default_period is None else str(default_period),
        metadata=meta,
    )
