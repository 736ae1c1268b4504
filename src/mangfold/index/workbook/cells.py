"""Cell parsers and the problem collector shared by the workbook reader."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.utils import column_index_from_string

from mangfold.i18n import gettext as _
from mangfold.index.errors import Problem
from mangfold.index.model import Band, Cell, Extra, Language, Text
from mangfold.index.workbook.sheets import Header, Row, Sheet

__all__ = [
    "BadCell",
    "Context",
    "cell_text",
    "extra_of",
    "format_bands",
    "language_code",
    "number_cell",
    "parse_bands",
    "parse_number",
    "parse_points",
    "parse_weight",
    "parse_yes_no",
]

_SHEET_RANK = {"survey": 0, "choices": 1, "settings": 2, "indicators": 3, "composites": 4}


class BadCell(ValueError):
    """A cell whose value cannot be used; the message says why."""


_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?(?:[eE][-+]?[0-9]+)?")
"""A number written as text: ASCII digits, an optional decimal part (point or comma), an optional
exponent (as Python writes small weights: ``1e-05``). No Unicode digits, no ``_``, no ``inf``/``nan``."""


def parse_number(value: Cell) -> float:
    """A number from a numeric cell or a text like ``"12.5"`` / ``"12,5"`` (see :data:`_NUMBER`);
    finite only."""
    if isinstance(value, bool):
        raise BadCell(_("{value!r} is not a number").format(value=value))
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer cell of hundreds of digits
            raise BadCell(_("the number is too large")) from None
    else:
        text = str(value).strip()
        if not _NUMBER.fullmatch(text):
            raise BadCell(_("{value!r} is not a number").format(value=text[:40]))
        number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise BadCell(_("{value!r} is not a finite number").format(value=value))
    return number


def parse_points(value: Cell) -> float:
    """Points: a number from 0 to 100."""
    points = parse_number(value)
    if not 0 <= points <= 100:
        raise BadCell(_("points must be from 0 to 100, got {value!r}").format(value=value))
    return points


def parse_weight(value: Cell | None) -> float:
    """A weight: a number greater than 0; 1 when the cell is empty."""
    if value is None:
        return 1.0
    try:
        weight = parse_number(value)
    except BadCell:
        if isinstance(value, int):  # too large to be a float (nor shown: it may have thousands of digits)
            raise
        weight = 0.0
    if weight <= 0:
        raise BadCell(_("weight must be a number greater than 0, got {value!r}").format(value=value))
    return weight


_YES = {"yes", "true", "true()", "1", "ja"}
_NO = {"no", "false", "false()", "0", "nej"}


def parse_yes_no(value: Cell | None, default: bool) -> bool:
    """``yes``/``no`` (also ``true``/``false``); ``default`` when the cell is empty."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise BadCell(_("expected yes or no, got {value!r}").format(value=value))


def parse_bands(value: Cell) -> tuple[Band, ...]:
    """Number bands ``THRESHOLD=POINTS`` separated by ``;``, e.g. ``0=0; 1=50; 5=100``.

    Thresholds must increase strictly and points lie in 0–100; at least one band is needed.
    """
    bands: list[Band] = []
    for piece in str(value).split(";"):
        piece = piece.strip()
        if not piece:
            continue
        threshold, sep, points = piece.partition("=")
        if not sep:
            msg = _("band {band!r} is not THRESHOLD=POINTS (e.g. 0=0; 1=50; 5=100)")
            raise BadCell(msg.format(band=piece))
        try:
            band = Band(parse_number(threshold), parse_points(points))
        except BadCell as exc:
            raise BadCell(_("band {band!r}: {problem}").format(band=piece, problem=exc)) from None
        if bands and band.threshold <= bands[-1].threshold:
            msg = _("band thresholds must increase: {band!r} follows {previous:g}")
            raise BadCell(msg.format(band=piece, previous=bands[-1].threshold))
        bands.append(band)
    if not bands:
        raise BadCell(_("no bands in {value!r} (e.g. 0=0; 1=50; 5=100)").format(value=value))
    return tuple(bands)


def number_cell(value: float) -> int | float:
    """A number as a workbook cell: an int when it is whole."""
    return int(value) if float(value).is_integer() else value


def format_bands(bands: tuple[Band, ...]) -> str:
    """The ``points`` cell of number bands: ``0=0; 1=50; 5=100``."""
    return "; ".join(f"{number_cell(b.threshold)}={number_cell(b.points)}" for b in bands)


def language_code(lang: str | None, languages: Sequence[Language], default: str) -> str:
    """The language code of a header's language name; for a plain column (``lang`` None), the code of
    the plain language among ``languages``, else ``default``."""
    if lang is None:
        plain = next((la for la in languages if la.plain), None)
        return plain.code if plain else default
    return Language.parse(lang).code


@dataclass
class Context:
    """What the reader knows while it reads: sheets, languages and the problems found so far."""

    sheets: dict[str, Sheet]
    languages: tuple[Language, ...] = ()
    default: str = ""
    problems: list[Problem] = field(default_factory=list)

    def add(self, sheet: Sheet | str, row: int | None, column: Header | str | None, msg: str) -> None:
        """Note a problem at a sheet, row and column (a header, or a header name not in the sheet)."""
        title = sheet.title if isinstance(sheet, Sheet) else sheet
        if isinstance(column, Header):
            self.problems.append(Problem(title, row, column.text, msg, column.letter))
        else:
            self.problems.append(Problem(title, row, column, msg))

    def sorted_problems(self) -> list[Problem]:
        """The problems by sheet (survey, choices, settings, indicators, composites), then row."""

        def key(p: Problem) -> tuple[int, int, int]:
            rank = _SHEET_RANK.get(p.sheet.strip().lower(), len(_SHEET_RANK))
            return rank, p.row or 0, column_index_from_string(p.letter) if p.letter else 10**6

        return sorted(self.problems, key=key)

    def code_of(self, lang: str | None) -> str:
        """The language code of a header's language name (None: the plain column's language)."""
        return language_code(lang, self.languages, self.default)

    def text(self, sheet: Sheet, row: Row, base: str) -> Text:
        """The ``base`` columns of a row (``label``, ``label::Danish (da)`` …) as a :class:`Text`."""
        values: dict[str, str] = {}
        for header in sheet.headers:
            if header.base == base and header.index in row.cells:
                values.setdefault(self.code_of(header.lang), _as_text(row.cells[header.index]))
        return Text(values)

    def header(self, sheet: Sheet, base: str, code: str) -> Header | None:
        """The header of ``base`` in the language ``code``."""
        return next((h for h in sheet.headers if h.base == base and self.code_of(h.lang) == code), None)

    def default_name(self) -> str:
        """The XLSForm name of the default language, for messages."""
        return next((la.name for la in self.languages if la.code == self.default), self.default)

    def require_default(self, sheet: Sheet, row: Row, base: str, text: Text, what: str) -> None:
        """Note a problem when ``text`` has nothing in the default language (``what``: the row's
        thing as a translated message, e.g. ``indicator 'commitment'``)."""
        if self.default in text:
            return
        header = self.header(sheet, base, self.default)
        if header is None:
            return  # the missing column is reported once, at the header row
        msg = _("{what} has no {base} in {language}")
        self.add(sheet, row.number, header, msg.format(what=what, base=base, language=self.default_name()))

    def require_default_column(self, sheet: Sheet, base: str) -> None:
        """Note a problem when ``sheet`` has no ``base`` column in the default language (unless the
        default language has no columns at all: that is reported once, on the settings sheet)."""
        known = any(la.code == self.default for la in self.languages)
        if known and sheet.rows and self.header(sheet, base, self.default) is None:
            name = next((la.name for la in self.languages if la.code == self.default), "")
            column = f"{base}::{name}" if name else base
            msg = _("no {base} column for the default language").format(base=base)
            self.add(sheet, sheet.header_row, column, msg)


def _as_text(value: Cell) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def extra_of(sheet: Sheet, row: Row, known: frozenset[str]) -> Extra:
    """The cells of ``row`` under headers whose base is not in ``known``, as ``(header, value)``."""
    return tuple(
        (h.text, row.cells[h.index]) for h in sheet.headers if h.base not in known and h.index in row.cells
    )


def cell_text(value: Cell | None) -> str | None:
    """A cell as text (None when empty); whole floats lose their ``.0``."""
    return None if value is None else _as_text(value)
