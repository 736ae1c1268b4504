"""CSV and Excel readers: long (one row per area, period, group) or wide (a column per group).

Rows are numbered as a spreadsheet shows them (the header is row 1). Every problem found is
listed in one :class:`~mangfold.population.errors.PopulationFileError`: a wrong delimiter, a
missing column, non-numeric or negative counts, duplicate (area, period, group) keys and
labels outside the scheme (each with the rows where it first appears).

Counts may be non-integer. Empty cells and the PX markers (``".."``, ``"."``, ``"..."`` …,
``"-"``) are missing values with their reasons, never 0.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mangfold.i18n import gettext as _
from mangfold.population.columns import factorize
from mangfold.population.counts import Counts
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.labels import map_labels, normalise_label
from mangfold.population.model import LEVELS, Area, AreaHierarchy, GroupScheme
from mangfold.population.readers.common import (
    MAX_BYTES,
    ReadResult,
    Source,
    parse_cell,
    read_bytes,
    source_name,
)
from mangfold.population.readers.header import Columns, locate_columns

__all__ = ["Rows", "read_csv", "read_rows", "rows_from_csv"]

Rows = tuple[list[str], list[list[str]]]  # header, data rows (all cells as text)
_DELIMITERS = [",", ";", "\t", "|"]


def _decode(raw: bytes, encoding: str | None, file: str) -> str:
    if encoding:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            text = _("cannot decode the file as {encoding}: {error}").format(encoding=encoding, error=exc)
            raise PopulationFileError(text, file=file) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PopulationFileError(
            Problem(_("the file is not UTF-8; pass its encoding (e.g. encoding='cp1252')"), file, line)
        ) from None


def _delimiter(first_line: str, delimiter: str | None, file: str) -> str:
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    if delimiter is None:
        if counts[best] == 0:
            raise PopulationFileError(
                Problem(_("the header has a single column: no delimiter (, ; tab |) found"), file, 1)
            )
        return best
    if counts[delimiter] == 0 and counts[best] > 0:
        text = _(
            "the file seems to be separated by {found}, not {given}: "
            "the header has no {given} but {count} × {found}"
        ).format(found=_show(best), given=_show(delimiter), count=counts[best])
        raise PopulationFileError(Problem(text, file, 1))
    return delimiter


def _show(d: str) -> str:
    return _("tab") if d == "\t" else repr(d)


def _csv(
    source: Source, delimiter: str | None, encoding: str | None, file: str, max_bytes: int = MAX_BYTES
) -> tuple[list[str], list[list[str]], str]:
    text = _decode(read_bytes(source, file, max_bytes), encoding, file)
    if "\x00" in text:
        raise PopulationFileError(_("the file holds NUL bytes: not a text file"), file=file)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not first:
        raise PopulationFileError(_("the file is empty"), file=file)
    delim = _delimiter(first, delimiter, file)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    try:
        table = _shared(reader)
    except csv.Error as exc:
        text = _("not valid CSV: {error}").format(error=exc)
        raise PopulationFileError(Problem(text, file, reader.line_num)) from None
    if not table:
        raise PopulationFileError(_("the file has no header row"), file=file)
    return [c.strip() for c in table[0]], table[1:], delim


def _shared(reader: Any, most: int = 4096) -> list[list[str]]:
    """The non-blank rows of a CSV reader, repeated texts of a column kept as one string object.

    A column with few distinct values (periods, group labels) then costs one string, not one per
    row; a column whose distinct values pass ``most`` (area codes, counts) is no longer looked up.
    """
    table: list[list[str]] = []
    memos: list[dict[str, str] | None] = []
    for row in reader:
        if not any(c.strip() for c in row):
            continue
        if len(memos) < len(row):
            memos.extend({} for _ in range(len(row) - len(memos)))
        for j, cell in enumerate(row):
            memo = memos[j]
            if memo is not None:
                row[j] = memo.setdefault(cell, cell)
                if len(memo) > most:
                    memos[j] = None
        table.append(row)
    return table


def rows_from_csv(
    source: Source,
    *,
    delimiter: str | None = None,
    encoding: str | None = None,
    name: str | None = None,
) -> Rows:
    """Header and rows of a CSV file (gzip allowed), delimiter detected or checked."""
    header, data, _delim = _csv(source, delimiter, encoding, source_name(source, name))
    return header, data


def read_rows(
    rows: Rows,
    *,
    file: str,
    scheme: GroupScheme | None = None,
    layout: str = "auto",
    area: str | None = None,
    period: str | None = None,
    group: str | None = None,
    n: str | None = None,
    area_name: str | None = None,
    parent: str | None = None,
    ignore: Sequence[str] = (),
    period_value: str | int | None = None,
    default_period: str | int | None = None,
    aliases: Mapping[str, str] | None = None,
    level: str = "small_area",
    parent_level: str = "municipality",
    decimal: str = ".",
) -> ReadResult:
    """Tidy counts from a table of text cells.

    Columns are named by the caller or found by usual names (area: ``area``, ``sogn``,
    ``område`` …; period: ``period``, ``year``, ``tid`` …; group: ``group``, ``herkomst`` …;
    count: ``n``, ``count``, ``indhold`` …). ``layout="long"`` needs a group and a count
    column; ``"wide"`` reads every other column as a group; ``"auto"`` picks long when both
    are found. Without a period column, ``period_value`` (older name: ``default_period``) is
    the period of every row.
    ``area_name`` and ``parent`` name optional columns with the area's name and the code of
    the area containing it (of ``parent_level``, by default a municipality). ``ignore`` names
    columns of a wide file that are not groups (e.g. a total column).
    """
    header, data = rows
    if period_value is not None:
        default_period = period_value
    asked = Columns(area, period, group, n, area_name, parent)
    cols, layout = locate_columns(header, asked, layout=layout, default_period=default_period, file=file)
    if cols.area is None:  # pragma: no cover - locate_columns requires an area column
        raise PopulationFileError(_("no area column"), file=file)
    width = len(header)
    problems = [
        Problem(_("{cells} cells but the header has {width}").format(cells=len(row), width=width), file, r)
        for r, row in enumerate(data, start=2)
        if len(row) != width
    ]
    grid = np.array([(row + [""] * width)[:width] for row in data], dtype=object).reshape(len(data), width)
    if layout == "long":
        cells = _long_cells(grid, cols, file)
    else:
        cells = _wide_cells(grid, header, cols, ignore, file)
    return _build(
        cells,
        grid,
        header,
        problems,
        file=file,
        cols=(cols.area, cols.period, cols.name, cols.parent),
        default_period=default_period,
        scheme=scheme,
        aliases=aliases,
        levels=(level, parent_level),
        decimal=decimal,
        group_column=header[cols.group] if layout == "long" and cols.group is not None else None,
    )


def _row_numbers(grid: npt.NDArray[np.object_]) -> npt.NDArray[np.int64]:
    """The file's row number of each data row (the header is row 1)."""
    return np.arange(2, len(grid) + 2)


def _long_cells(grid: npt.NDArray[np.object_], cols: Columns[int | None], file: str) -> _Cells:
    """A long table's count cells: one per row, labelled by the group column."""
    if cols.group is None or cols.n is None:  # pragma: no cover - required by locate_columns
        raise PopulationFileError(_("no group or count column"), file=file)
    rows = len(grid)
    group, n = grid[:, cols.group], grid[:, cols.n]
    return _Cells(group, n, _row_numbers(grid), np.full(rows, cols.n), np.arange(rows))


def _wide_cells(
    grid: npt.NDArray[np.object_],
    header: list[str],
    cols: Columns[int | None],
    ignore: Sequence[str],
    file: str,
) -> _Cells:
    """A wide table's count cells: every column that is not the area, period, name, parent or ignored,
    labelled by its header."""
    skip = {normalise_label(x) for x in ignore}
    fixed = {i for i in (cols.area, cols.period, cols.name, cols.parent) if i is not None}
    fixed |= {j for j, h in enumerate(header) if normalise_label(h) in skip}
    groups = [j for j in range(len(header)) if j not in fixed]
    if not groups:
        raise PopulationFileError(Problem(_("no group columns"), file, 1))
    k, rows = len(groups), len(grid)
    return _Cells(
        np.tile(np.array([header[j] for j in groups], dtype=object), rows),
        grid[:, groups].ravel(),
        np.repeat(_row_numbers(grid), k),
        np.tile(np.array(groups), rows),
        np.repeat(np.arange(rows), k),
    )


@dataclass(frozen=True)
class _Cells:
    """The count cells of a table: label, text, row number, column index, data-row index."""

    label: npt.NDArray[np.object_]
    text: npt.NDArray[np.object_]
    row: npt.NDArray[np.int64]
    col: npt.NDArray[np.int64]
    data_row: npt.NDArray[np.int64]


def _numbers(
    cells: _Cells, header: list[str], decimal: str, file: str, problems: list[Problem]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.uint8], npt.NDArray[np.bool_]]:
    """Counts and reasons of the cells (fast path for plain numbers) and which cells are bad."""
    text = pd.Series(cells.text, dtype=object).astype(str).str.strip()
    if decimal == ",":
        text = text.str.replace(",", ".", regex=False)
    plain = text.str.fullmatch(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+", na=False)  # ASCII digits only
    numeric = pd.to_numeric(text.where(plain), errors="coerce")
    values = numeric.to_numpy(dtype=np.float64, na_value=np.nan).copy()
    reasons = np.zeros(len(values), dtype=np.uint8)
    bad = np.zeros(len(values), dtype=bool)
    for k in np.flatnonzero(~np.isfinite(values) | (values < 0)):
        parsed = parse_cell(str(cells.text[k]), decimal)
        if isinstance(parsed, str):
            bad[k] = True
            problems.append(Problem(parsed, file, int(cells.row[k]), header[int(cells.col[k])]))
        else:
            values[k], reasons[k] = parsed[0], parsed[1]
    return values, reasons, bad


def _build(
    cells: _Cells,
    grid: npt.NDArray[np.object_],
    header: list[str],
    problems: list[Problem],
    *,
    file: str,
    cols: tuple[int, int | None, int | None, int | None],
    default_period: str | int | None,
    scheme: GroupScheme | None,
    aliases: Mapping[str, str] | None,
    levels: tuple[str, str],
    decimal: str,
    group_column: str | None,
) -> ReadResult:
    ia, ip, iname, iparent = cols
    labels = [str(x) for x in dict.fromkeys(cells.label.tolist())]
    mapping: dict[str, str] = {x: x for x in labels}
    if scheme is not None:
        result = map_labels(labels, scheme, aliases, strict=False)
        mapping = dict(result.mapping)
        for lab in [*result.unmapped, *result.ambiguous]:
            if lab in result.unmapped:
                why = _("label {label!r} matches no group of scheme {scheme!r}")
            else:
                why = _("label {label!r} matches several groups of scheme {scheme!r}")
            row = int(cells.row[np.flatnonzero(cells.label == lab)[0]]) if group_column else 1
            problems.append(
                Problem(why.format(label=lab, scheme=scheme.name), file, row, group_column or lab)
            )
    strip = np.vectorize(lambda x: str(x).strip(), otypes=[object])
    area_codes = strip(grid[:, ia]) if len(grid) else np.array([], dtype=object)
    for k in np.flatnonzero(area_codes == ""):
        problems.append(Problem(_("empty area code"), file, int(k) + 2, header[ia]))
    if ip is not None:
        periods = strip(grid[:, ip]) if len(grid) else np.array([], dtype=object)
        for k in np.flatnonzero(periods == ""):
            problems.append(Problem(_("empty period"), file, int(k) + 2, header[ip]))
    else:
        periods = np.full(len(grid), "" if default_period is None else str(default_period), dtype=object)
    values, reasons, bad = _numbers(cells, header, decimal, file, problems)
    group = np.array([mapping.get(str(x)) for x in cells.label.tolist()], dtype=object)
    known = np.array([g is not None for g in group.tolist()], dtype=bool)
    a, p = area_codes[cells.data_row], periods[cells.data_row]
    codes, _keys = factorize(a, p, np.where(known, group, ""))
    known_pos = np.flatnonzero(known)
    first_pos = np.unique(codes[known_pos], return_index=True)[1]
    first_of = np.full(int(codes.max()) + 1 if len(codes) else 0, -1, dtype=np.int64)
    first_of[codes[known_pos[first_pos]]] = known_pos[first_pos]
    for k in np.flatnonzero(known & (first_of[codes] != np.arange(len(codes)))):
        bad[k] = True
        key = (a[k], p[k], group[k])
        other = int(cells.row[first_of[codes[k]]])
        text = _("duplicate (area, period, group) {key}: also in row {row}").format(key=key, row=other)
        problems.append(Problem(text, file, int(cells.row[k])))
    if problems:
        raise PopulationFileError(sorted(problems, key=lambda x: x.row or 0), file=file)
    keep = known & ~bad
    level, parent_level = levels
    areas: dict[str, Area] = {}
    for r in dict.fromkeys(cells.data_row[keep].tolist()):
        code = area_codes[r]
        if code not in areas:
            name = str(grid[r, iname]).strip() if iname is not None else ""
            par = str(grid[r, iparent]).strip() if iparent is not None else ""
            areas[code] = Area(code, name, level, par or None)
    hierarchy = _hierarchy(areas, level, parent_level)
    counts = Counts.from_arrays(
        a[keep], p[keep], group[keep], values[keep], reasons[keep], scheme=scheme, areas=hierarchy
    )
    return ReadResult(counts, hierarchy, {"format": "table", "labels": mapping})


def _hierarchy(areas: dict[str, Area], level: str, parent_level: str) -> AreaHierarchy:
    levels = tuple(dict.fromkeys([*LEVELS, parent_level, level])) if level not in LEVELS else LEVELS
    parents = {a.parent for a in areas.values() if a.parent and a.parent not in areas}
    extra = [Area(p, p, parent_level) for p in sorted(parents)]
    return AreaHierarchy.of([*extra, *areas.values()], levels)


def read_csv(
    source: Source,
    *,
    delimiter: str | None = None,
    encoding: str | None = None,
    name: str | None = None,
    decimal: str | None = None,
    max_bytes: int = MAX_BYTES,
    **options: Any,
) -> ReadResult:
    """Read a CSV file (see :func:`read_rows` for ``options``). The delimiter is detected
    from the header unless given; a given delimiter that the header lacks, while it has
    another, is refused with a message naming both. ``decimal`` defaults to ``","`` for
    ``;``-separated files and ``"."`` otherwise. A file over ``max_bytes`` (unpacked) is refused
    before it is parsed."""
    file = source_name(source, name)
    header, data, delim = _csv(source, delimiter, encoding, file, max_bytes)
    if decimal is None:
        decimal = "," if delim == ";" else "."
    return read_rows((header, data), file=file, decimal=decimal, **options)
