"""Reading the sheets of an XLSForm workbook into plain rows with Excel row numbers and headers.

Part of :mod:`mangfold.index.workbook`. Sheets are found by name case-insensitively; headers are split
into a base (``label``) and a language (``Danish (da)``) the XLSForm way (``label::Danish (da)``).

A workbook is read within limits checked before anything large is allocated: at most
:data:`MAX_UNPACKED_BYTES` unpacked (the archive's declared entry sizes, which bound what reading them
yields), :data:`MAX_SHEETS` sheets, and on every sheet at most :data:`MAX_ROWS` rows and
:data:`MAX_COLUMNS` columns (the sheet's declared dimension first, then each row as it is streamed). A
questionnaire has a few hundred rows and a few dozen columns; a cell written at ``A1048576`` would
otherwise make openpyxl build a million empty rows (43 s and 3.1 GB measured). Anything the workbook
parser fails on is refused as :class:`WorkbookError` naming the sheet and row where it happened.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from mangfold.i18n import gettext as _
from mangfold.index.errors import Problem
from mangfold.index.model import Cell

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_SHEETS",
    "MAX_UNPACKED_BYTES",
    "TEXT_BASES",
    "Header",
    "Row",
    "Sheet",
    "WorkbookError",
    "load_sheets",
    "split_header",
]

MAX_ROWS = 10_000
"""The last row a questionnaire sheet may use (Excel's numbering)."""
MAX_COLUMNS = 200
"""The last column a questionnaire sheet may use (``GR``)."""
MAX_SHEETS = 50
MAX_CELL_CHARS = 32_767
"""Excel's own limit for the text of a cell (a longer one would not be written back as it was read)."""
MAX_UNPACKED_BYTES = 20 * 2**20
"""The most a workbook may unpack to (the bundled questionnaire unpacks to well under 1 MB)."""

WorkbookSource = str | os.PathLike[str] | IO[bytes]

_PARSER_ERRORS: tuple[type[BaseException], ...] = (
    OSError,  # also zipfile's BadZipFile for a bad CRC (a subclass of Exception, listed below)
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    InvalidFileException,
    KeyError,
    IndexError,
    ValueError,  # also UnicodeError
    TypeError,
    AttributeError,
    SyntaxError,  # xml.etree's ParseError and lxml's XMLSyntaxError
    ArithmeticError,  # a date serial out of range
    RecursionError,
    RuntimeError,  # zipfile: an encrypted entry, an unsupported compression method (NotImplementedError)
)
"""What openpyxl, zipfile and the XML parsers raise on a damaged workbook (each caught around their
calls only, never around mangfold's own code)."""

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


class WorkbookError(Exception):
    """A workbook that cannot be read as sheets (damaged, not ``.xlsx``, or past a limit)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    text = text if len(text) <= 200 else text[:199] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _unreadable(reason: str) -> str:
    return _("cannot read the workbook: {error}").format(error=reason)


def _broken_part(handle: IO[bytes]) -> tuple[str, str] | None:
    """The first part of the archive that cannot be read or does not parse as XML, and the title of the
    sheet it holds ("" for a part that is no sheet): to name where a workbook is damaged."""
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    try:
                        with archive.open(name) as part:
                            for _event in ElementTree.iterparse(part):  # noqa: S314 - names the part openpyxl failed on
                                pass
                    except _PARSER_ERRORS:
                        return name, _sheet_titles(archive).get(name, "")
    except _PARSER_ERRORS:
        return None
    return None


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet title, from ``xl/workbook.xml`` and its relationships (empty if unreadable)."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314 - see _broken_part
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except _PARSER_ERRORS:
        return {}
    targets = {r.get("Id"): str(r.get("Target", "")) for r in rels.iter(_RELATIONSHIP)}
    titles: dict[str, str] = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL_ID), "")
        if target:
            titles[target.lstrip("/") if target.startswith("/") else f"xl/{target}"] = str(sheet.get("name"))
    return titles


def _check_archive(source: WorkbookSource) -> None:
    """Refuse what is not a zip archive, or unpacks past :data:`MAX_UNPACKED_BYTES`."""
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
    except FileNotFoundError:
        raise
    except _PARSER_ERRORS as exc:
        reason = _("not an .xlsx workbook (not a readable zip archive: {error})").format(error=_reason(exc))
        raise WorkbookError(Problem("", None, None, _unreadable(reason))) from None
    finally:
        if not isinstance(source, str | os.PathLike):
            source.seek(0)
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        msg = _("the workbook unpacks to {size} MB; at most {limit} MB is read")
        size, limit = f"{unpacked / 2**20:.1f}", MAX_UNPACKED_BYTES // 2**20
        raise WorkbookError(Problem("", None, None, msg.format(size=size, limit=limit)))


def _limit_problem(title: str, row: int | None, rows: int, columns: int) -> WorkbookError:
    if rows > MAX_ROWS:
        msg = _("the sheet reaches row {row}; at most {limit} rows of a sheet are read")
        text = msg.format(row=rows, limit=MAX_ROWS)
    else:
        msg = _("the sheet reaches column {letter} ({column}); at most {limit} columns of a sheet are read")
        text = msg.format(letter=get_column_letter(min(columns, 18278)), column=columns, limit=MAX_COLUMNS)
    return WorkbookError(Problem(title, row, None, text))


def _check_lengths(title: str, number: int, cells: dict[int, Cell]) -> None:
    for index, cell in cells.items():
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            msg = _("the cell {cell} holds {count} characters; a cell may hold at most {limit}")
            ref = f"{get_column_letter(index + 1)}{number}"
            raise WorkbookError(
                Problem(title, number, None, msg.format(cell=ref, count=len(cell), limit=MAX_CELL_CHARS))
            )


def _read_sheet(worksheet: Any) -> Sheet:
    """The header row and non-empty data rows of one (read-only) worksheet, within the limits."""
    title = str(worksheet.title)
    declared_rows, declared_columns = worksheet.max_row or 0, worksheet.max_column or 0
    if declared_rows > MAX_ROWS or declared_columns > MAX_COLUMNS:
        raise _limit_problem(title, None, declared_rows, declared_columns)
    worksheet.reset_dimensions()  # stream the rows as written (a declared dimension may be wrong)
    rows = worksheet.iter_rows(values_only=True)
    sheet: Sheet | None = None
    number = 0
    while True:
        try:
            values = next(rows, None)
        except _PARSER_ERRORS as exc:
            msg = _("cannot read the row: {error}").format(error=_reason(exc))
            raise WorkbookError(Problem(title, number + 1, None, msg)) from None
        if values is None:
            break
        number += 1
        if number > MAX_ROWS or len(values) > MAX_COLUMNS:
            raise _limit_problem(title, number, number, len(values))
        cells = {i: c for i, v in enumerate(values) if (c := _cell(v)) is not None}
        if not cells:
            continue
        _check_lengths(title, number, cells)
        if sheet is None:
            headers = [
                Header(str(text), *split_header(str(text)), index) for index, text in sorted(cells.items())
            ]
            sheet = Sheet(title, number, headers)
        else:
            known = {h.index for h in sheet.headers}
            kept = {i: c for i, c in cells.items() if i in known}
            if kept:
                sheet.rows.append(Row(number, kept))
    return sheet or Sheet(title, 1, [])


def load_sheets(source: WorkbookSource) -> dict[str, Sheet]:
    """The sheets of a workbook by lowercased title, each with its header row and data rows.

    ``source`` is a path or a binary file object. The header is the first non-empty row; row numbers
    are those Excel shows. Raises :class:`WorkbookError` for a file that is not a readable ``.xlsx``
    workbook or one past the limits (:data:`MAX_ROWS` …), naming the sheet and row where it can.
    """
    _check_archive(source)
    handle = source if not isinstance(source, str | os.PathLike) else Path(source).open("rb")  # noqa: SIM115
    try:
        try:
            with warnings.catch_warnings():  # openpyxl warns about Excel features it drops (validation …)
                warnings.simplefilter("ignore", UserWarning)
                workbook = load_workbook(handle, read_only=True, data_only=True)
        except _PARSER_ERRORS as exc:
            broken = _broken_part(handle)
            if broken is None:
                raise WorkbookError(Problem("", None, None, _unreadable(_reason(exc)))) from None
            part, title = broken
            reason = _("part {part}: {error}").format(part=part, error=_reason(exc))
            raise WorkbookError(Problem(title, None, None, _unreadable(reason))) from None
        try:
            return _read_sheets(list(workbook.worksheets))
        finally:
            workbook.close()
    finally:
        if handle is not source:
            handle.close()


def _read_sheets(worksheets: list[Any]) -> dict[str, Sheet]:
    if len(worksheets) > MAX_SHEETS:
        msg = _("the workbook has {count} sheets; at most {limit} are read")
        raise WorkbookError(Problem("", None, None, msg.format(count=len(worksheets), limit=MAX_SHEETS)))
    sheets: dict[str, Sheet] = {}
    for worksheet in worksheets:
        key = str(worksheet.title).strip().lower()
        if key not in sheets:
            sheets[key] = _read_sheet(worksheet)
    return sheets
