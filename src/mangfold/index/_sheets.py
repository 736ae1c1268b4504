"""Reading the sheets of an XLSForm workbook into plain rows with Excel row numbers and headers.

Internal to :mod:`mangfold.index.xlsform`. Sheets are found by name case-insensitively; headers are split
into a base (``label``) and a language (``Danish (da)``) the XLSForm way (``label::Danish (da)``).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from mangfold.index.model import Cell

__all__ = ["TEXT_BASES", "Header", "Row", "Sheet", "load_sheets", "split_header"]

_ALIASES = {"list name": "list_name", "list_name": "list_name"}

TEXT_BASES: dict[str, tuple[str, ...]] = {
    "survey": ("label", "hint"),
    "choices": ("label",),
    "indicators": ("label", "scope"),
    "composites": ("label",),
    "settings": ("label",),
}
"""Per sheet, the bases of its translatable columns (``label::Danish (da)`` …)."""


def split_header(text: str) -> tuple[str, str | None]:
    """``"label::Danish (da)"`` -> ``("label", "Danish (da)")``; ``"Type"`` -> ``("type", None)``.

    The base is lowercased, stripped and de-aliased (``list name`` -> ``list_name``); the language
    part keeps its spelling (whitespace normalised).
    """
    base, sep, lang = text.partition("::")
    key = " ".join(base.split()).lower()
    key = _ALIASES.get(key, key)
    return key, (" ".join(lang.split()) if sep else None)


@dataclass(frozen=True)
class Header:
    """A header cell: its text, base, language name (or None), 0-based index and Excel letter."""

    text: str
    base: str
    lang: str | None
    index: int

    @property
    def letter(self) -> str:
        return str(get_column_letter(self.index + 1))


@dataclass(frozen=True)
class Row:
    """A non-empty data row: its Excel row number and its cells by column index."""

    number: int
    cells: dict[int, Cell]


@dataclass
class Sheet:
    """A sheet: its title as written, header row number, headers and non-empty data rows."""

    title: str
    header_row: int
    headers: list[Header]
    rows: list[Row] = field(default_factory=list)

    def find(self, base: str, lang: str | None = None) -> Header | None:
        """The first header with this base and language name (None: the plain column)."""
        return next((h for h in self.headers if h.base == base and h.lang == lang), None)

    def value(self, row: Row, base: str, lang: str | None = None) -> Cell | None:
        """The cell of ``row`` under the header ``base``/``lang``; None when empty or absent."""
        header = self.find(base, lang)
        return None if header is None else row.cells.get(header.index)

    def langs(self, base: str) -> Iterator[str]:
        """The language names of the ``base::…`` headers, in order."""
        return (h.lang for h in self.headers if h.base == base and h.lang is not None)


def _cell(value: object) -> Cell | None:
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def load_sheets(path: Path) -> dict[str, Sheet]:
    """The sheets of a workbook by lowercased title, each with its header row and data rows.

    The header is the first non-empty row; row numbers are those Excel shows. Raises the usual
    openpyxl/zipfile errors for a file that is not an ``.xlsx`` workbook.
    """
    with warnings.catch_warnings():  # openpyxl warns about Excel features it drops (validation …)
        warnings.simplefilter("ignore", UserWarning)
        workbook = load_workbook(path, data_only=True)
    try:
        sheets: dict[str, Sheet] = {}
        for worksheet in workbook.worksheets:
            key = worksheet.title.strip().lower()
            if key in sheets:
                continue
            sheet: Sheet | None = None
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                cells = {i: c for i, v in enumerate(values) if (c := _cell(v)) is not None}
                if not cells:
                    continue
                if sheet is None:
                    headers = [
                        Header(str(text), *split_header(str(text)), index)
                        for index, text in sorted(cells.items())
                    ]
                    sheet = Sheet(worksheet.title, number, headers)
                else:
                    known = {h.index for h in sheet.headers}
                    kept = {i: c for i, c in cells.items() if i in known}
                    if kept:
                        sheet.rows.append(Row(number, kept))
            sheets[key] = sheet or Sheet(worksheet.title, 1, [])
        return sheets
    finally:
        workbook.close()
