"""The barometer definition as a workbook (openpyxl); its plain data form and its values CSV re-exported.

Workbook sheets (row 1 holds the column names; one row per goal or indicator):

- ``settings``: ``title_da``, ``title_en``, ``version`` and, for a barometer that is a selection after
  another one, ``based_on_da``, ``based_on_en`` (that barometer's name), ``based_on_goals`` (how many goals
  it had, sub-goals included) and ``based_on_base_year`` (row 2).
- ``goals``: ``code``, ``title_da``, ``title_en``, ``committee``, ``policy_indicators`` (questionnaire
  indicator codes, separated by commas), ``taken_from_da`` and ``taken_from_en`` (the barometer a goal is
  taken from when it is not this one's own).
- ``indicators``: ``code``, ``goal``, ``title_da``, ``title_en``, ``unit``, ``direction`` (higher/lower),
  ``base_year``, ``decimals``, ``rule`` (rounded/statistical), ``kind`` (level/gap), ``groups`` (for a
  gap: two group codes, first minus second), ``group`` and ``group_en`` (the population in words),
  ``target``, ``target_year``, ``definition_da``, ``definition_en``, ``source``.

The plain-data form of the definition (JSON, versioned) is :mod:`mangfold.barometer.data`, the values
CSV :mod:`mangfold.barometer.values_csv`; both are re-exported here.
Every error names the sheet, the row and the column. The workbook is read by the
questionnaire's sheet reader (:func:`mangfold.index.workbook.sheets.load_sheets`: streamed, within
limits checked before loading, a damaged part refused naming its sheet and row). Numbers are read by
:mod:`mangfold.barometer.cells`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from mangfold.barometer.cells import choice, decimal, text, whole
from mangfold.barometer.data import from_data, to_data
from mangfold.barometer.model import Barometer, BarometerError, Direction, Goal, Indicator, Kind, Rule
from mangfold.barometer.values_csv import read_values_csv, write_values_csv
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

SETTINGS_COLUMNS = (
    "title_da",
    "title_en",
    "version",
    "based_on_da",
    "based_on_en",
    "based_on_goals",
    "based_on_base_year",
)
GOAL_COLUMNS = (
    "code",
    "title_da",
    "title_en",
    "committee",
    "policy_indicators",
    "taken_from_da",
    "taken_from_en",
)
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


def _where(sheet: str, row: int, column: str | None = None) -> str:
    if column is None:
        return _("sheet {sheet!r}, row {row}").format(sheet=sheet, row=row)
    return _("sheet {sheet!r}, row {row}, column {column!r}").format(sheet=sheet, row=row, column=column)


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
            if not text(record.get(column)):
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

    def cell(column: str, default: str = "") -> str:
        return text(record.get(column)) or default

    def optional_int(column: str) -> int | None:
        return whole(record[column], at(column)) if cell(column) else None

    fields: dict[str, Any] = {
        "code": cell("code"),
        "title_da": cell("title_da"),
        "title_en": cell("title_en"),
        "unit": cell("unit"),
        "direction": choice(cell("direction"), Direction, at("direction")),
        "base_year": whole(record["base_year"], at("base_year")),
        "decimals": optional_int("decimals") or 0,
        "rule": choice(cell("rule", "rounded"), Rule, at("rule")),
        "kind": choice(cell("kind", "level"), Kind, at("kind")),
        "groups": tuple(g.strip() for g in cell("groups").split(",") if g.strip()),
        "group": cell("group"),
        "group_en": cell("group_en"),
        "target": decimal(record["target"], at("target")) if cell("target") else None,
        "target_year": optional_int("target_year"),
        "definition_da": cell("definition_da"),
        "definition_en": cell("definition_en"),
        "source": cell("source"),
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
    goal_codes = {text(g["code"]) for g in goal_rows}
    indicators = []
    for record in indicator_rows:
        if text(record["goal"]) not in goal_codes:
            where = _where("indicators", int(str(record["_row"])), "goal")
            raise BarometerError(
                _("{where}: the goal {goal!r} is not on the sheet 'goals'").format(
                    where=where, goal=text(record["goal"])
                )
            )
        indicators.append(_indicator(record))
    goals = []
    for record in goal_rows:
        code = text(record["code"])
        members = tuple(text(r["code"]) for r in indicator_rows if text(r["goal"]) == code)
        try:
            goals.append(
                Goal(
                    code=code,
                    title_da=text(record["title_da"]),
                    title_en=text(record["title_en"]),
                    indicators=members,
                    committee=text(record.get("committee")),
                    policy_indicators=tuple(
                        p.strip() for p in text(record.get("policy_indicators")).split(",") if p.strip()
                    ),
                    taken_from_da=text(record.get("taken_from_da")),
                    taken_from_en=text(record.get("taken_from_en")),
                )
            )
        except BarometerError as error:
            raise BarometerError(f"{_where('goals', int(str(record['_row'])))}: {error}") from None
    first = settings[0] if settings else {}
    row = int(str(first.get("_row", 2)))

    def optional_int(column: str) -> int | None:
        return whole(first[column], _where("settings", row, column)) if text(first.get(column)) else None

    try:
        return Barometer(
            title_da=text(first.get("title_da")),
            title_en=text(first.get("title_en")),
            goals=tuple(goals),
            indicators=tuple(indicators),
            version=text(first.get("version")) or "1",
            based_on_da=text(first.get("based_on_da")),
            based_on_en=text(first.get("based_on_en")),
            based_on_goals=optional_int("based_on_goals"),
            based_on_base_year=optional_int("based_on_base_year"),
        )
    except BarometerError as error:
        raise BarometerError(_("the workbook: {problem}").format(problem=error)) from None


def write_workbook(barometer: Barometer, path: Path | None = None) -> bytes:
    """The definition as a workbook that :func:`read_workbook` reads back (written to ``path`` if given)."""
    from openpyxl import Workbook

    book = Workbook()
    settings = book.active
    settings.title = "settings"
    settings.append(list(SETTINGS_COLUMNS))
    settings.append([_cell(getattr(barometer, column)) for column in SETTINGS_COLUMNS])
    goals = book.create_sheet("goals")
    goals.append(list(GOAL_COLUMNS))
    for goal in barometer.goals:
        row = asdict(goal) | {"policy_indicators": ", ".join(goal.policy_indicators)}
        goals.append([row[column] for column in GOAL_COLUMNS])
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
