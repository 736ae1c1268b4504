"""The barometer definition as a workbook (openpyxl), as plain data (JSON), and its values as CSV.

Workbook sheets (row 1 holds the column names; one row per goal or indicator):

- ``settings``: ``title_da``, ``title_en``, ``version`` (row 2).
- ``goals``: ``code``, ``title_da``, ``title_en``, ``committee``, ``policy_indicators`` (questionnaire
  indicator codes, separated by commas).
- ``indicators``: ``code``, ``goal``, ``title_da``, ``title_en``, ``unit``, ``direction`` (higher/lower),
  ``base_year``, ``decimals``, ``rule`` (rounded/statistical), ``kind`` (level/gap), ``groups`` (for a
  gap: two group codes, first minus second), ``group`` and ``group_en`` (the population in words),
  ``target``, ``target_year``, ``definition_da``, ``definition_en``, ``source``.

Values CSV: ``indicator``, ``year``, ``value`` and optionally ``group``, ``successes``, ``total``,
``source``, ``note``, ``area`` (empty: the city; ``DK``: the whole country, for comparison).
Every error names the sheet (or file), the row and the column. The workbook is read by the
questionnaire's sheet reader (:func:`mangfold.index.workbook.sheets.load_sheets`: streamed, within
limits checked before loading, a damaged part refused naming its sheet and row). Numbers are ASCII
digits with an optional decimal part (``.`` or ``,``) and a leading minus: no Unicode digits, no ``_``,
no exponents, nothing non-finite.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from mangfold.barometer.model import (
    Barometer,
    BarometerError,
    Direction,
    Goal,
    Indicator,
    Kind,
    Rule,
    Value,
)
from mangfold.i18n import gettext as _
from mangfold.index.workbook.sheets import Sheet, WorkbookError, load_sheets

__all__ = [
    "from_data",
    "read_values_csv",
    "read_workbook",
    "to_data",
    "write_values_csv",
    "write_workbook",
]

GOAL_COLUMNS = ("code", "title_da", "title_en", "committee", "policy_indicators")
INDICATOR_COLUMNS = (
    "code",
    "goal",
    "title_da",
    "title_en",
    "unit",
    "direction",
    "base_year",
    "decimals",
    "rule",
    "kind",
    "groups",
    "group",
    "group_en",
    "target",
    "target_year",
    "definition_da",
    "definition_en",
    "source",
)
REQUIRED = {"code", "goal", "title_da", "title_en", "direction", "base_year"}
VALUE_COLUMNS = ("indicator", "year", "value", "group", "successes", "total", "source", "note", "area")


def _where(sheet: str, row: int, column: str | None = None) -> str:
    if column is None:
        return _("sheet {sheet!r}, row {row}").format(sheet=sheet, row=row)
    return _("sheet {sheet!r}, row {row}, column {column!r}").format(sheet=sheet, row=row, column=column)


def _text(cell: object) -> str:
    return "" if cell is None else str(cell).strip()


NUMBER = re.compile(r"-?[0-9]{1,15}(?:[.,][0-9]{1,30})?")
"""A number as written in a cell or CSV field: ASCII digits, an optional decimal part with ``.`` or ``,``
and a leading minus (at most 15 digits before the decimal mark and 30 after: more is no measured value)."""


def _number(raw: object) -> float | None:
    """``raw`` (a cell's number or text) as a finite number, or None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return float(raw) if abs(raw) < 10**15 else None  # a huge int cannot even be made a float
    if isinstance(raw, float):
        return raw if math.isfinite(raw) and abs(raw) < 1e15 else None
    text = _text(raw)
    return float(text.replace(",", ".")) if NUMBER.fullmatch(text) else None


def _int(raw: object, where: str) -> int:
    number = _number(raw)
    if number is None or not number.is_integer():
        raise BarometerError(
            _("{where}: {value!r} is not a whole number").format(where=where, value=_text(raw))
        )
    return int(number)


def _float(raw: object, where: str) -> float:
    number = _number(raw)
    if number is None:
        raise BarometerError(_("{where}: {value!r} is not a number").format(where=where, value=_text(raw)))
    return number


def _choice(raw: str, choices: type[Direction] | type[Rule] | type[Kind], where: str) -> Any:
    try:
        return choices(raw.lower())
    except ValueError:
        names = ", ".join(c.value for c in choices)
        raise BarometerError(
            _("{where}: {value!r} is not one of {choices}").format(where=where, value=raw, choices=names)
        ) from None


def _rows(sheets: Mapping[str, Sheet], name: str, required: set[str]) -> list[dict[str, object]]:
    """The non-empty data rows of the sheet ``name`` as records by column name, each with its Excel row
    number under ``_row``."""
    if name not in sheets:
        raise BarometerError(_("the workbook has no sheet {sheet!r}").format(sheet=name))
    sheet = sheets[name]
    header = {h.index: h.text.strip() for h in sheet.headers}
    for column in sorted(required - set(header.values())):
        raise BarometerError(
            _("sheet {sheet!r}: the column {column!r} is missing").format(sheet=sheet.title, column=column)
        )
    records = []
    for row in sheet.rows:
        record: dict[str, object] = {header[i]: cell for i, cell in sorted(row.cells.items()) if header[i]}
        for column in sorted(required):
            if not _text(record.get(column)):
                raise BarometerError(
                    _("{where}: a value is required").format(where=_where(sheet.title, row.number, column))
                )
        record["_row"] = row.number
        records.append(record)
    return records


def _indicator(record: dict[str, object]) -> Indicator:
    row = int(str(record["_row"]))

    def at(column: str) -> str:
        return _where("indicators", row, column)

    def text(column: str, default: str = "") -> str:
        return _text(record.get(column)) or default

    def optional_int(column: str) -> int | None:
        return _int(record[column], at(column)) if text(column) else None

    fields: dict[str, Any] = {
        "code": text("code"),
        "title_da": text("title_da"),
        "title_en": text("title_en"),
        "unit": text("unit"),
        "direction": _choice(text("direction"), Direction, at("direction")),
        "base_year": _int(record["base_year"], at("base_year")),
        "decimals": optional_int("decimals") or 0,
        "rule": _choice(text("rule", "rounded"), Rule, at("rule")),
        "kind": _choice(text("kind", "level"), Kind, at("kind")),
        "groups": tuple(g.strip() for g in text("groups").split(",") if g.strip()),
        "group": text("group"),
        "group_en": text("group_en"),
        "target": _float(record["target"], at("target")) if text("target") else None,
        "target_year": optional_int("target_year"),
        "definition_da": text("definition_da"),
        "definition_en": text("definition_en"),
        "source": text("source"),
    }
    try:
        return Indicator(**fields)
    except BarometerError as error:
        raise BarometerError(f"{_where('indicators', row)}: {error}") from None


def _load(source: Path | bytes) -> dict[str, Sheet]:
    """The workbook's sheets by lowercased title; a file that is no readable workbook, is damaged or is past
    the sheet reader's limits is refused naming the sheet and row where it can."""
    try:
        return load_sheets(io.BytesIO(source) if isinstance(source, bytes) else source)
    except WorkbookError as error:
        raise BarometerError(str(error.problem)) from None


def read_workbook(source: Path | bytes) -> Barometer:
    """The barometer defined in a workbook; :class:`BarometerError` naming sheet, row and column."""
    sheets = _load(source)
    settings = _rows(sheets, "settings", {"title_da", "title_en"})
    goal_rows = _rows(sheets, "goals", {"code", "title_da", "title_en"})
    indicator_rows = _rows(sheets, "indicators", REQUIRED)
    goal_codes = {_text(g["code"]) for g in goal_rows}
    indicators = []
    for record in indicator_rows:
        if _text(record["goal"]) not in goal_codes:
            where = _where("indicators", int(str(record["_row"])), "goal")
            raise BarometerError(
                _("{where}: the goal {goal!r} is not on the sheet 'goals'").format(
                    where=where, goal=_text(record["goal"])
                )
            )
        indicators.append(_indicator(record))
    goals = []
    for record in goal_rows:
        code = _text(record["code"])
        members = tuple(_text(r["code"]) for r in indicator_rows if _text(r["goal"]) == code)
        try:
            goals.append(
                Goal(
                    code=code,
                    title_da=_text(record["title_da"]),
                    title_en=_text(record["title_en"]),
                    indicators=members,
                    committee=_text(record.get("committee")),
                    policy_indicators=tuple(
                        p.strip() for p in _text(record.get("policy_indicators")).split(",") if p.strip()
                    ),
                )
            )
        except BarometerError as error:
            raise BarometerError(f"{_where('goals', int(str(record['_row'])))}: {error}") from None
    first = settings[0] if settings else {}
    try:
        return Barometer(
            title_da=_text(first.get("title_da")),
            title_en=_text(first.get("title_en")),
            goals=tuple(goals),
            indicators=tuple(indicators),
            version=_text(first.get("version")) or "1",
        )
    except BarometerError as error:
        raise BarometerError(_("the workbook: {problem}").format(problem=error)) from None


def write_workbook(barometer: Barometer, path: Path | None = None) -> bytes:
    """The definition as a workbook that :func:`read_workbook` reads back (written to ``path`` if given)."""
    from openpyxl import Workbook

    book = Workbook()
    settings = book.active
    settings.title = "settings"
    settings.append(["title_da", "title_en", "version"])
    settings.append([barometer.title_da, barometer.title_en, barometer.version])
    goals = book.create_sheet("goals")
    goals.append(list(GOAL_COLUMNS))
    for goal in barometer.goals:
        goals.append(
            [goal.code, goal.title_da, goal.title_en, goal.committee, ", ".join(goal.policy_indicators)]
        )
    sheet = book.create_sheet("indicators")
    sheet.append(list(INDICATOR_COLUMNS))
    owner = {code: goal.code for goal in barometer.goals for code in goal.indicators}
    for i in barometer.indicators:
        data = asdict(i) | {"goal": owner.get(i.code, ""), "groups": ", ".join(i.groups)}
        sheet.append([_cell(data[column]) for column in INDICATOR_COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    if path is not None:
        path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return None
    return str(value) if isinstance(value, (Direction, Rule, Kind)) else value


def to_data(barometer: Barometer) -> dict[str, Any]:
    """The definition as plain JSON-able data (what the web stores)."""
    return asdict(barometer)


def from_data(data: Mapping[str, Any]) -> Barometer:
    """The definition from :func:`to_data`'s output."""
    indicators = tuple(
        Indicator(
            **{
                **i,
                "direction": Direction(i["direction"]),
                "rule": Rule(i["rule"]),
                "kind": Kind(i["kind"]),
                "groups": tuple(i["groups"]),
            }
        )
        for i in data["indicators"]
    )
    goals = tuple(
        Goal(
            **{**g, "indicators": tuple(g["indicators"]), "policy_indicators": tuple(g["policy_indicators"])}
        )
        for g in data["goals"]
    )
    return Barometer(data["title_da"], data["title_en"], goals, indicators, data.get("version", "1"))


def write_values_csv(values: Iterable[Value]) -> str:
    """Values as CSV text that :func:`read_values_csv` reads back."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(VALUE_COLUMNS)
    for v in values:
        counts = ["" if c is None else c for c in (v.successes, v.total)]
        value = format(Decimal(repr(v.value)), "f")  # positional: 1e-05 -> 0.00001 (no exponent is read)
        writer.writerow([v.indicator, v.year, value, v.group, *counts, v.source, v.note, v.area])
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
        counts = [_int(row[c], at(c)) if row.get(c) else None for c in ("successes", "total")]
        year, value = _int(row.get("year", ""), at("year")), _float(row.get("value", ""), at("value"))
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
                )
            )
        except BarometerError as error:
            problem = _("{file}, row {row}: {problem}").format(file=name, row=number, problem=error)
            raise BarometerError(problem) from None
    return values
