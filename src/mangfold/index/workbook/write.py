"""Writing a questionnaire back to an XLSForm workbook with openpyxl.

Every column the model knows is written; columns it keeps but does not interpret (``required``,
``relevant``, …) are written back as they were. A questionnaire read from a workbook keeps that
workbook's sheet names and column order (``Questionnaire.layout``); new columns go at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from mangfold.index.model import (
    Cell,
    Extra,
    Language,
    Question,
    Questionnaire,
    SurveyRow,
    Text,
)
from mangfold.index.workbook.cells import format_bands, language_code, number_cell
from mangfold.index.workbook.sheets import TEXT_BASES, split_header

__all__ = ["write_xlsform"]

Key = tuple[str, str | None]
"""A column: ``(base, language code)`` for known columns, ``("", header)`` for kept extra columns."""

_PLAIN_BASES = {
    "survey": (
        "type",
        "name",
        "indicator",
        "kind",
        "weight",
        "scored",
        "not_applicable",
        "not_measured",
        "points",
        "previous_code",
    ),
    "choices": ("list_name", "name", "points", "required", "exclusive"),
    "version_map": ("previous", "change", "current", "note"),
    "indicators": ("code", "weight", "core", "composites"),
    "composites": ("code",),
    "settings": (
        "form_title",
        "form_id",
        "version",
        "default_language",
        "missing_answer_rule",
        "previous_version",
    ),
}
_MANGFOLD_ALWAYS = ("indicator", "kind", "weight", "scored", "not_applicable")


def write_xlsform(questionnaire: Questionnaire, path: str | Path) -> None:
    """Write ``questionnaire`` as an XLSForm workbook (sheets survey, choices, settings, and for a
    scored questionnaire indicators and composites) that :func:`read_xlsform` reads back equal."""
    q = questionnaire
    mangfold = (
        bool(q.indicators)
        or any(x.scored for x in q.questions)
        or any(title.strip().lower() == "indicators" for title, _ in q.layout)
    )
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets: list[tuple[str, list[Key], list[dict[Key, Cell | None]]]] = [
        ("survey", _survey_columns(q, mangfold), [_survey_row(q, r, mangfold) for r in q.rows]),
        ("choices", _choices_columns(q, mangfold), _choice_rows(q)),
        ("settings", _settings_columns(q), [_settings_row(q, mangfold)]),
    ]
    if mangfold:
        sheets.append(("indicators", _indicator_columns(q), _indicator_rows(q)))
    if q.composites:
        sheets.append(("composites", [("code", None), *_lang_keys(q, "label")], _composite_rows(q)))
    if q.version_map:
        sheets.append(("version_map", [(c, None) for c in _PLAIN_BASES["version_map"]], _map_rows(q)))
    layout = {title.strip().lower(): (title, headers) for title, headers in q.layout}
    for name, required, rows in sheets:
        title, headers = layout.get(name, (name, ()))
        keyed = [(_key_of(q, name, h), h) for h in headers]
        keys = [k for k, _ in keyed] + [k for k in _needed(name, required, rows) if k not in dict(keyed)]
        texts = dict(keyed)
        worksheet = workbook.create_sheet(title)
        _append(worksheet, [texts.get(k) or _header_text(q, k) for k in keys])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        worksheet.freeze_panes = "A2"
        for row in rows:
            _append(worksheet, [row.get(k) for k in keys])
    workbook.save(Path(path))


def _append(worksheet: Worksheet, values: Sequence[Cell | None]) -> None:
    """Append a row; text stays text: openpyxl would store ``"=1/0"`` as a formula and ``"#N/A"`` as an
    error value, so such cells are written as strings with Excel's quote prefix (shown as typed)."""
    cells: list[object] = []
    for value in values:
        if isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES):
            cell = SheetCell(worksheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            cells.append(cell)
        else:
            cells.append(value)
    worksheet.append(cells)


def _needed(sheet: str, required: Sequence[Key], rows: Iterable[dict[Key, Cell | None]]) -> list[Key]:
    """The required columns, then every other column some row has a value for (on the settings
    sheet, title translations only when required: the default language's title is ``form_title``)."""
    keys = list(required)
    for row in rows:
        keys.extend(
            k
            for k, v in row.items()
            if v is not None and k not in keys and not (sheet == "settings" and k[0] == "label")
        )
    return keys


def _lang_keys(q: Questionnaire, base: str) -> list[Key]:
    return [(base, lang.code) for lang in q.languages]


def _key_of(q: Questionnaire, sheet: str, header: str) -> Key:
    base, lang = split_header(header)
    if base in TEXT_BASES.get(sheet, ()) and (lang is not None or sheet != "settings"):
        return base, language_code(lang, q.languages, q.default_language)
    if base in _PLAIN_BASES.get(sheet, ()) and lang is None:
        return base, None
    return "", header


def _header_text(q: Questionnaire, key: Key) -> str:
    base, code = key
    if not base:
        return code or ""
    if code is None:
        return base
    language = next((la for la in q.languages if la.code == code), Language(code, code))
    return base if language.plain else f"{base}::{language.name}"


def _texts(q: Questionnaire, base: str, text: Text) -> dict[Key, Cell | None]:
    return {(base, lang.code): text.get(lang.code) or None for lang in q.languages}


def _extra(extra: Extra) -> dict[Key, Cell | None]:
    return {("", header): value for header, value in extra}


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _survey_columns(q: Questionnaire, mangfold: bool) -> list[Key]:
    keys: list[Key] = [("type", None), ("name", None), ("label", q.default_language)]
    keys += _lang_keys(q, "label")
    if any(r.help for r in q.questions):
        keys += _lang_keys(q, "hint")
    if mangfold:
        keys += [(b, None) for b in _MANGFOLD_ALWAYS]
    return list(dict.fromkeys(keys))


def _survey_row(q: Questionnaire, row: Question | SurveyRow, mangfold: bool) -> dict[Key, Cell | None]:
    if isinstance(row, SurveyRow):
        return {
            ("type", None): row.type,
            ("name", None): row.name,
            **_texts(q, "label", row.label),
            **_texts(q, "hint", row.hint),
            **_extra(row.extra),
        }
    values: dict[Key, Cell | None] = {
        ("type", None): row.xlsform_type,
        ("name", None): row.code,
        **_texts(q, "label", row.text),
        **_texts(q, "hint", row.help),
    }
    if mangfold:
        values |= {
            ("indicator", None): row.indicator,
            ("kind", None): row.kind.value if row.kind else None,
            ("weight", None): number_cell(row.weight),
            ("scored", None): _yes_no(row.scored),
            ("not_applicable", None): _yes_no(row.not_applicable),
            ("not_measured", None): "yes" if row.not_measured else None,
            ("points", None): format_bands(row.bands) if row.bands else None,
            ("previous_code", None): row.previous_code,
        }
    return values | _extra(row.extra)


def _choices_columns(q: Questionnaire, mangfold: bool) -> list[Key]:
    keys: list[Key] = [("list_name", None), ("name", None), *_lang_keys(q, "label")]
    return [*keys, ("points", None)] if mangfold else keys


def _choice_rows(q: Questionnaire) -> list[dict[Key, Cell | None]]:
    return [
        {
            ("list_name", None): choice_list.name,
            ("name", None): choice.name,
            **_texts(q, "label", choice.label),
            ("points", None): None if choice.points is None else number_cell(choice.points),
            ("required", None): "yes" if choice.required else None,
            ("exclusive", None): "yes" if choice.exclusive else None,
            **_extra(choice.extra),
        }
        for choice_list in q.choice_lists
        for choice in choice_list.choices
    ]


def _settings_columns(q: Questionnaire) -> list[Key]:
    keys: list[Key] = [("form_title", None)]
    keys += [("label", code) for code in q.title.languages if code != q.default_language]
    return [*keys, ("form_id", None), ("version", None)]


def _settings_row(q: Questionnaire, mangfold: bool) -> dict[Key, Cell | None]:
    default = next((la for la in q.languages if la.code == q.default_language), None)
    implicit = default is None or (default.plain and default.name == "default")
    return {
        ("form_title", None): q.title.get(q.default_language) or None,
        **{("label", code): text for code, text in q.title.items},
        ("form_id", None): q.form_id,
        ("version", None): q.version or None,
        ("default_language", None): None if implicit or default is None else default.name,
        ("missing_answer_rule", None): q.missing_answer_rule.value if mangfold else None,
        ("previous_version", None): q.previous_version,
        **_extra(q.settings_extra),
    }


def _indicator_columns(q: Questionnaire) -> list[Key]:
    return [
        ("code", None),
        *_lang_keys(q, "label"),
        *_lang_keys(q, "scope"),
        ("weight", None),
        ("core", None),
        ("composites", None),
    ]


def _indicator_rows(q: Questionnaire) -> list[dict[Key, Cell | None]]:
    return [
        {
            ("code", None): i.code,
            **_texts(q, "label", i.name),
            **_texts(q, "scope", i.scope),
            ("weight", None): number_cell(i.weight),
            ("core", None): _yes_no(i.core),
            ("composites", None): " ".join(i.composites) or None,
        }
        for i in q.indicators
    ]


def _composite_rows(q: Questionnaire) -> list[dict[Key, Cell | None]]:
    return [{("code", None): c.code, **_texts(q, "label", c.name)} for c in q.composites]


def _map_rows(q: Questionnaire) -> list[dict[Key, Cell | None]]:
    return [
        {
            ("previous", None): e.previous,
            ("change", None): e.change.value,
            ("current", None): " ".join(e.current) or None,
            ("note", None): e.note or None,
        }
        for e in q.version_map
    ]
