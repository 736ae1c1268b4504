"""The Excel reader: one sheet of an .xlsx workbook, read row by row into :func:`~.tabular.read_rows`.

A damaged workbook is refused with the sheet and the row where reading stopped (openpyxl parses
a read-only sheet while its rows are read, so a bad number in ``<v>``, truncated XML, a missing
shared string or a bad CRC shows up there). A sheet is read as its rows are written, never
padded to the dimension it declares, and refused past ``max_cells`` cells.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.readers.common import (
    MAX_BYTES,
    ReadResult,
    Source,
    read_bytes,
    size_text,
    source_name,
)
from mangfold.population.readers.tabular import Rows, read_rows

__all__ = ["MAX_SHEET_CELLS", "read_excel", "rows_from_excel"]

#: Default most cells a workbook sheet may hold (counted as the rows are read).
MAX_SHEET_CELLS = 5_000_000
#: What openpyxl raises while it reads the rows of a damaged sheet (a bad number in ``<v>``,
#: truncated XML, a missing shared string, a bad CRC or deflate stream).
_DAMAGED = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    SyntaxError,
    OSError,
    EOFError,
    zlib.error,
    zipfile.BadZipFile,
)


def rows_from_excel(
    source: Source,
    *,
    sheet: str | int = 0,
    name: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_cells: int = MAX_SHEET_CELLS,
) -> Rows:
    """Header and rows of one sheet of an .xlsx workbook, every cell as text.

    The sheet is read row by row; a damaged sheet is refused naming the sheet and the row where
    reading stopped, and a sheet past ``max_cells`` cells is refused as it is read (a cell
    written at XFD1048576 costs one row, not a sheet of empty cells).
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    file = source_name(source, name)
    raw = read_bytes(source, file, max_bytes)
    _check_parts(raw, file, max_bytes)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (*_DAMAGED, InvalidFileException) as exc:
        text = _("not a readable .xlsx workbook: {error}").format(error=_error_text(exc))
        raise PopulationFileError(text, file=file) from None
    try:
        ws = wb[sheet] if isinstance(sheet, str) else wb.worksheets[sheet]
    except (KeyError, IndexError):
        text = _("no sheet {sheet!r} (sheets: {sheets})").format(sheet=sheet, sheets=", ".join(wb.sheetnames))
        raise PopulationFileError(text, file=file) from None
    place = _("worksheet {sheet!r}").format(sheet=ws.title)
    table: list[list[str]] = []
    cells = 0
    try:
        ws.reset_dimensions()  # rows as written, not padded to the declared dimension
        for values in ws.iter_rows(values_only=True):
            row = ["" if v is None else _cell_text(v) for v in values]
            while row and not row[-1].strip():
                row.pop()
            cells += len(row)
            if cells > max_cells:
                text = _("the sheet holds more than {limit} cells (max_cells); it was not read")
                raise PopulationFileError(
                    Problem(text.format(limit=max_cells), file, len(table) + 1, place=place)
                )
            table.append(row)
    except _DAMAGED as exc:
        text = _("the sheet is damaged here and cannot be read: {error}").format(error=_error_text(exc))
        raise PopulationFileError(Problem(text, file, len(table) + 1, place=place)) from None
    finally:
        wb.close()
    table = [r for r in table if any(c.strip() for c in r)]
    if not table:
        raise PopulationFileError(_("the sheet is empty"), file=file)
    header = [c.strip() for c in table[0]]
    width = len(header)
    return header, [r + [""] * (width - len(r)) for r in table[1:]]


def _check_parts(raw: bytes, file: str, max_bytes: int) -> None:
    """Unpack every part of the workbook once, so that a damaged part (a bad CRC, a broken deflate
    stream) is named, and a workbook that unpacks past ``max_bytes`` is refused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        text = _("not a readable .xlsx workbook: {error}").format(error=_error_text(exc))
        raise PopulationFileError(text, file=file) from None
    total = 0
    with archive:
        for info in archive.infolist():
            try:
                with archive.open(info) as part:
                    while chunk := part.read(2**20):
                        total += len(chunk)
                        if total > max_bytes:
                            text = _(
                                "the file is larger than the limit of {limit} (max_bytes); it was not read"
                            )
                            raise PopulationFileError(text.format(limit=size_text(max_bytes)), file=file)
            except (*_DAMAGED, NotImplementedError) as exc:
                text = _("this part of the workbook is damaged: {error}").format(error=_error_text(exc))
                raise PopulationFileError(Problem(text, file, place=info.filename)) from None


def _error_text(exc: BaseException) -> str:
    """The kind of a library's error and the start of its message, for a refusal."""
    detail = str(exc).strip().splitlines()[0][:80] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _cell_text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def read_excel(
    source: Source,
    *,
    sheet: str | int = 0,
    name: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_cells: int = MAX_SHEET_CELLS,
    **options: Any,
) -> ReadResult:
    """Read one sheet of an .xlsx workbook (see :func:`~.tabular.read_rows` for ``options``)."""
    file = source_name(source, name)
    rows = rows_from_excel(source, sheet=sheet, name=file, max_bytes=max_bytes, max_cells=max_cells)
    return read_rows(rows, file=file, **options)
