"""Reading the settings, languages, indicators, composites and choices sheets.

Each reader notes every problem in the :class:`~mangfold.index.workbook.cells.Context` and goes on, so
that one pass reports all of them. The survey sheet is read by :mod:`mangfold.index.workbook.survey`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mangfold.i18n import gettext as _
from mangfold.index.model import (
    Choice,
    ChoiceList,
    Composite,
    Extra,
    Indicator,
    Language,
    MissingRule,
    Text,
    is_code,
)
from mangfold.index.workbook.cells import (
    BadCell,
    Context,
    cell_text,
    extra_of,
    parse_points,
    parse_weight,
    parse_yes_no,
)
from mangfold.index.workbook.sheets import TEXT_BASES, Sheet

__all__ = [
    "ChoiceRows",
    "Settings",
    "find_languages",
    "read_choices",
    "read_composites",
    "read_indicators",
    "read_settings",
]

_SETTINGS = frozenset(
    {
        "form_title",
        "label",
        "form_id",
        "version",
        "default_language",
        "missing_answer_rule",
        "previous_version",
    }
)


def find_languages(ctx: Context) -> None:
    """Set ``ctx.languages`` and ``ctx.default`` from the headers and ``default_language``.

    A language is named in a header's ``::`` part; its code is the text in parentheses. Plain
    ``label``/``hint`` columns belong to the default language when it has no named columns, else to
    XLSForm's unnamed language ``default``.
    """
    settings = ctx.sheets.get("settings")
    default_name = None
    if settings is not None and settings.rows:
        default_name = cell_text(settings.value(settings.rows[0], "default_language"))
    named: dict[str, Language] = {}
    plain = False
    for key, bases in TEXT_BASES.items():
        sheet = ctx.sheets.get(key)
        for header in sheet.headers if sheet else ():
            if header.base not in bases:
                continue
            if header.lang is None:
                plain = plain or key != "settings"  # settings has form_title, no plain label
            else:
                language = Language.parse(header.lang)
                named.setdefault(language.code, language)
    default = Language.parse(default_name) if default_name else None
    languages = list(named.values())
    if plain:
        if default is not None and default.code not in named:
            languages.insert(0, Language(default.code, default.name, plain=True))
        else:
            languages.insert(0, Language("default", "default", plain=True))
    ctx.languages = tuple(languages)
    codes = [la.code for la in languages]
    if default is not None:
        ctx.default = default.code
        if default.code not in codes and settings is not None:
            ctx.add(
                settings,
                settings.rows[0].number,
                settings.find("default_language"),
                _("no label columns for the default language {language!r}").format(language=default_name),
            )
    elif codes:
        ctx.default = codes[0]
    else:
        ctx.default = "default"
        survey = ctx.sheets["survey"]
        ctx.add(survey, survey.header_row, "label", _("the survey has no label column"))


@dataclass(frozen=True)
class Settings:
    """The values of the settings sheet."""

    form_id: str
    version: str
    title: Text
    rule: MissingRule
    previous_version: str | None
    extra: Extra


def read_settings(ctx: Context, fallback_id: str, mangfold: bool) -> Settings:
    """The settings row; in a mangfold workbook ``form_id`` and ``version`` are required."""
    sheet = ctx.sheets.get("settings")
    if sheet is None or not sheet.rows:
        if mangfold:
            name = sheet.title if sheet else "settings"
            ctx.add(name, None, None, _("no settings (form_id and version are needed)"))
        return Settings(fallback_id, "", Text({ctx.default: fallback_id}), MissingRule.ZERO, None, ())
    row = sheet.rows[0]
    values = {h.base: cell_text(row.cells.get(h.index)) for h in reversed(sheet.headers) if not h.lang}
    form_id = values.get("form_id")
    version = values.get("version")
    for column, value in (("form_id", form_id), ("version", version)):
        if mangfold and not value:
            msg = _("{column} is needed").format(column=column)
            ctx.add(sheet, row.number, sheet.find(column) or column, msg)
    rule = MissingRule.ZERO
    raw_rule = values.get("missing_answer_rule")
    if raw_rule:
        try:
            rule = MissingRule(raw_rule.strip().lower())
        except ValueError:
            ctx.add(
                sheet,
                row.number,
                sheet.find("missing_answer_rule"),
                _("missing_answer_rule must be 'zero' or 'exclude', got {value!r}").format(value=raw_rule),
            )
    titles: dict[str, str] = {}
    for header in sheet.headers:
        if header.base == "form_title" and header.lang is not None:
            msg = _(
                "form_title cannot have a language (XForms has no translated title and pyxform "
                "fails on it): put the title in form_title and translations in label::{language}"
            )
            ctx.add(sheet, row.number, header, msg.format(language=header.lang))
        elif header.base == "label" and header.lang is not None and header.index in row.cells:
            titles[ctx.code_of(header.lang)] = cell_text(row.cells[header.index]) or ""
    if values.get("form_title"):
        titles[ctx.default] = values["form_title"] or ""
    form_id = form_id or fallback_id
    title = Text(titles) or Text({ctx.default: form_id})
    extra = extra_of(sheet, row, _SETTINGS)
    return Settings(form_id, version or "", title, rule, values.get("previous_version"), extra)


def read_composites(ctx: Context) -> tuple[Composite, ...]:
    """The composites sheet (optional)."""
    sheet = ctx.sheets.get("composites")
    if sheet is None:
        return ()
    ctx.require_default_column(sheet, "label")
    composites: dict[str, Composite] = {}
    for row in sheet.rows:
        code = _code(ctx, sheet, row.number, cell_text(sheet.value(row, "code")), composites)
        if code is None:
            continue
        name = ctx.text(sheet, row, "label")
        ctx.require_default(sheet, row, "label", name, _("composite {code!r}").format(code=code))
        composites[code] = Composite(code, name)
    return tuple(composites.values())


def read_indicators(ctx: Context, composites: set[str]) -> tuple[Indicator, ...]:
    """The indicators sheet: code, label, scope, weight, core, composites."""
    sheet = ctx.sheets["indicators"]
    ctx.require_default_column(sheet, "label")
    if sheet.find("code") is None:
        ctx.add(sheet, sheet.header_row, "code", _("the indicators sheet has no code column"))
    indicators: dict[str, Indicator] = {}
    for row in sheet.rows:
        code = _code(ctx, sheet, row.number, cell_text(sheet.value(row, "code")), indicators)
        if code is None:
            continue
        name = ctx.text(sheet, row, "label")
        ctx.require_default(sheet, row, "label", name, _("indicator {code!r}").format(code=code))
        weight, core = 1.0, True
        try:
            weight = parse_weight(sheet.value(row, "weight"))
        except BadCell as exc:
            ctx.add(sheet, row.number, sheet.find("weight"), str(exc))
        try:
            core = parse_yes_no(sheet.value(row, "core"), True)
        except BadCell as exc:
            ctx.add(sheet, row.number, sheet.find("core"), f"core: {exc}")
        members = tuple((cell_text(sheet.value(row, "composites")) or "").split())
        for member in members:
            if member not in composites:
                ctx.add(
                    sheet,
                    row.number,
                    sheet.find("composites"),
                    _("unknown composite {code!r} (not on the composites sheet)").format(code=member),
                )
        scope = ctx.text(sheet, row, "scope")
        indicators[code] = Indicator(code, name, scope, weight, core, members)
    return tuple(indicators.values())


@dataclass(frozen=True)
class ChoiceRows:
    """The choices sheet: the lists in order and the row of each choice (for messages)."""

    lists: tuple[ChoiceList, ...]
    rows: dict[tuple[str, str], int]
    sheet: Sheet | None
    bad: frozenset[tuple[str, str]] = frozenset()
    """Choices whose points cell could not be read (already reported)."""

    def get(self, name: str) -> ChoiceList | None:
        return next((c for c in self.lists if c.name == name), None)


_CHOICE_COLUMNS = frozenset({"list_name", "name", "label", "points", "required", "exclusive"})


def read_choices(ctx: Context) -> ChoiceRows:
    """The choices sheet: list_name, name, label, points (0–100 when given), and for multiple choice
    ``required`` (needed for full points) and ``exclusive`` (cannot be combined: ``none``), yes/no."""
    sheet = ctx.sheets.get("choices")
    if sheet is None:
        return ChoiceRows((), {}, None)
    ctx.require_default_column(sheet, "label")
    lists: dict[str, list[Choice]] = {}
    rows: dict[tuple[str, str], int] = {}
    bad: set[tuple[str, str]] = set()
    for row in sheet.rows:
        list_name = cell_text(sheet.value(row, "list_name"))
        name = cell_text(sheet.value(row, "name"))
        if not list_name or not name:
            missing = "list_name" if not list_name else "name"
            msg = _("the choice has no {column}").format(column=missing)
            ctx.add(sheet, row.number, sheet.find(missing) or missing, msg)
            continue
        if (list_name, name) in rows:
            msg = _("duplicate choice {name!r} in list {list!r} (first in row {first})")
            first = rows[(list_name, name)]
            ctx.add(sheet, row.number, sheet.find("name"), msg.format(name=name, list=list_name, first=first))
            continue
        label = ctx.text(sheet, row, "label")
        ctx.require_default(sheet, row, "label", label, _("choice {name!r}").format(name=name))
        points = None
        raw = sheet.value(row, "points")
        if raw is not None:
            try:
                points = parse_points(raw)
            except BadCell as exc:
                ctx.add(sheet, row.number, sheet.find("points"), str(exc))
                bad.add((list_name, name))
        flags = {"required": False, "exclusive": False}
        for column in flags:
            try:
                flags[column] = parse_yes_no(sheet.value(row, column), False)
            except BadCell as exc:
                ctx.add(sheet, row.number, sheet.find(column), f"{column}: {exc}")
        extra = extra_of(sheet, row, _CHOICE_COLUMNS)
        choice = Choice(name, label, points, extra, flags["required"], flags["exclusive"])
        lists.setdefault(list_name, []).append(choice)
        rows[(list_name, name)] = row.number
    choice_lists = tuple(ChoiceList(k, tuple(v)) for k, v in lists.items())
    return ChoiceRows(choice_lists, rows, sheet, frozenset(bad))


def _code(ctx: Context, sheet: Sheet, row: int, code: str | None, seen: Mapping[str, object]) -> str | None:
    """A valid, new code, or None after noting why not."""
    header = sheet.find("code") or "code"
    if not code:
        ctx.add(sheet, row, header, _("the row has no code"))
        return None
    if not is_code(code):
        ctx.add(sheet, row, header, _("code {code!r} must be letters, digits and _").format(code=code))
        return None
    if code in seen:
        ctx.add(sheet, row, header, _("duplicate code {code!r}").format(code=code))
        return None
    return code
