"""The values of a barometer as CSV: one row per indicator, year, group and area.

Columns: ``indicator``, ``year``, ``value`` and optionally ``group``, ``successes``, ``total``, ``source``,
``note``, ``area`` (empty: the city; ``DK``: the whole country, for comparison) and ``year_kind``
(``data``, the default: the year the figure measures; ``published``: only the year it was published).
Comma or semicolon separated; every error names the file, the row and the column.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from decimal import Decimal

from mangfold.barometer.cells import choice, decimal, whole
from mangfold.barometer.model import BarometerError, Value, YearKind
from mangfold.i18n import gettext as _

__all__ = ["VALUE_COLUMNS", "read_values_csv", "write_values_csv"]

VALUE_COLUMNS = (
    "indicator",
    "year",
    "value",
    "group",
    "successes",
    "total",
    "source",
    "note",
    "area",
    "year_kind",
)


def write_values_csv(values: Iterable[Value]) -> str:
    """Values as CSV text that :func:`read_values_csv` reads back."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(VALUE_COLUMNS)
    for v in values:
        counts = ["" if c is None else c for c in (v.successes, v.total)]
        value = format(Decimal(repr(v.value)), "f")  # positional: 1e-05 -> 0.00001 (no exponent is read)
        kind = "" if v.year_kind is YearKind.DATA else v.year_kind.value
        writer.writerow([v.indicator, v.year, value, v.group, *counts, v.source, v.note, v.area, kind])
    return buffer.getvalue()


def _csv_rows(text: str, delimiter: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of CSV text, numbered from 1 (the header); a row the csv module cannot read (a NUL byte, a
    field past its size limit, …) is refused naming the file and row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number in itertools.count(1):
        try:
            cells = next(reader, None)
        except csv.Error as error:
            problem = _("{file}, row {row}: not readable as CSV ({error})")
            raise BarometerError(problem.format(file=name, row=number, error=error)) from None
        if cells is None:
            return
        yield number, cells


def read_values_csv(text: str, *, name: str = "values.csv", default_source: str = "") -> list[Value]:
    """Values from CSV text (comma or semicolon separated); errors name the file, row and column."""
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = _csv_rows(text, delimiter, name)
    header = [h.strip() for h in next(rows, (1, []))[1]]
    for column in ("indicator", "year", "value"):
        if column not in header:
            raise BarometerError(
                _("{file}: the column {column!r} is missing").format(file=name, column=column)
            )
    values = []
    for number, cells in rows:
        row = {key: cell.strip() for key, cell in zip(header, cells, strict=False)}  # extra cells: no key

        def at(column: str, number: int = number) -> str:
            return _("{file}, row {row}, column {column!r}").format(file=name, row=number, column=column)

        if not any(row.values()):
            continue
        if not row.get("indicator"):
            raise BarometerError(_("{where}: a value is required").format(where=at("indicator")))
        counts = [whole(row[c], at(c)) if row.get(c) else None for c in ("successes", "total")]
        year, value = whole(row.get("year", ""), at("year")), decimal(row.get("value", ""), at("value"))
        year_kind = choice(row.get("year_kind") or "data", YearKind, at("year_kind"))
        try:
            values.append(
                Value(
                    indicator=row["indicator"],
                    year=year,
                    value=value,
                    group=row.get("group", ""),
                    successes=counts[0],
                    total=counts[1],
                    source=row.get("source") or default_source,
                    note=row.get("note", ""),
                    area=row.get("area", ""),
                    year_kind=year_kind,
                )
            )
        except BarometerError as error:
            problem = _("{file}, row {row}: {problem}").format(file=name, row=number, problem=error)
            raise BarometerError(problem) from None
    return values
