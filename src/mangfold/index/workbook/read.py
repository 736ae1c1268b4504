"""Reading a questionnaire workbook: mangfold's validator, then pyxform.

:func:`read_xlsform` reads and validates a workbook in two passes. mangfold's own validator goes first
and reports *every* problem at once (sheet, row and column as Excel shows them); then pyxform converts
the workbook to an XForm, catching what XLSForm tools would reject (pyxform stops at its first error,
which is why it comes second). A plain XLSForm without mangfold's columns loads as an unscored
questionnaire with a note. The sheets are streamed by :mod:`~mangfold.index.workbook.sheets`, their
cells parsed by :mod:`~mangfold.index.workbook.cells`, the survey sheet read by
:mod:`~mangfold.index.workbook.survey` and the other sheets by :mod:`~mangfold.index.workbook.definitions`.
"""

from __future__ import annotations

import re
from pathlib import Path

from mangfold.i18n import gettext as _
from mangfold.index.errors import Problem, QuestionnaireError
from mangfold.index.model import Indicator, MapEntry, Question, Questionnaire, SurveyRow, Text
from mangfold.index.workbook.cells import Context
from mangfold.index.workbook.definitions import (
    find_languages,
    read_choices,
    read_composites,
    read_indicators,
    read_settings,
)
from mangfold.index.workbook.sheets import Sheet, WorkbookError, load_sheets
from mangfold.index.workbook.survey import (
    MANGFOLD_COLUMNS,
    SurveyContext,
    choice_points_problems,
    read_survey,
)
from mangfold.index.workbook.version_map import read_version_map

__all__ = ["read_xlsform", "validate_xlsform", "xlsform_warnings"]

_KNOWN_SHEETS = ("survey", "choices", "settings", "indicators", "composites", "version_map")


def read_xlsform(path: str | Path, *, check_xlsform: bool = True) -> Questionnaire:
    """Read and validate a questionnaire workbook.

    Raises :class:`QuestionnaireError` listing every problem found by mangfold's validator, or, when
    that finds none and ``check_xlsform`` is true, the first error pyxform reports.
    """
    return validate_xlsform(path, check_xlsform=check_xlsform)[0]


def validate_xlsform(
    path: str | Path, *, check_xlsform: bool = True
) -> tuple[Questionnaire, tuple[str, ...]]:
    """Like :func:`read_xlsform`, also returning pyxform's warnings (e.g. a missing translation)."""
    path = Path(path)
    try:
        sheets = load_sheets(path)
    except WorkbookError as exc:
        raise QuestionnaireError([exc.problem], str(path)) from None
    questionnaire = _build(sheets, path)
    warnings: tuple[str, ...] = ()
    if check_xlsform:
        warnings = xlsform_warnings(path)
    return questionnaire, warnings


def xlsform_warnings(path: str | Path) -> tuple[str, ...]:
    """Convert the workbook with pyxform; its warnings, or :class:`QuestionnaireError` on its error."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    try:
        convert(str(path), warnings=warnings)
    except PyXFormError as exc:
        raise QuestionnaireError([_pyxform_problem(str(exc))], str(path)) from exc
    except Exception as exc:  # pyxform fails on odd input in many ways; never a traceback
        msg = _("XLSForm conversion (pyxform) failed: {error!r}").format(error=exc)
        problem = Problem("", None, None, msg)
        raise QuestionnaireError([problem], str(path)) from exc
    return tuple(warnings)


def _pyxform_problem(message: str) -> Problem:
    row = re.search(r"\[row\s*:\s*(\d+)\]", message)
    sheet = re.search(r"'(\w+)' sheet", message)
    return Problem(
        sheet.group(1) if sheet else "",
        int(row.group(1)) if row else None,
        None,
        _("XLSForm (pyxform): {message}").format(message=message),
    )


def _build(sheets: dict[str, Sheet], path: Path) -> Questionnaire:
    survey = sheets.get("survey")
    if survey is None:
        msg = _("the workbook has no sheet named {sheet!r}").format(sheet="survey")
        problem = Problem("survey", None, None, msg)
        raise QuestionnaireError([problem], str(path))
    choices_sheet = sheets.get("choices")
    mangfold = (
        "indicators" in sheets
        or any(h.base in MANGFOLD_COLUMNS for h in survey.headers)
        or (choices_sheet is not None and choices_sheet.find("points") is not None)
    )
    ctx = Context(sheets)
    find_languages(ctx)
    settings = read_settings(ctx, path.stem, mangfold)
    composites = read_composites(ctx) if mangfold else ()
    indicators: tuple[Indicator, ...] = ()
    codes: set[str] | None = None
    if mangfold and "indicators" in sheets:
        indicators = read_indicators(ctx, {c.code for c in composites})
        codes = {i.code for i in indicators}
    elif mangfold:
        msg = _("the workbook has no sheet named {sheet!r}").format(sheet="indicators")
        ctx.add("indicators", None, None, msg)
    choices = read_choices(ctx)
    survey_context = SurveyContext(mangfold, codes, choices)
    rows = read_survey(ctx, survey_context)
    version_map: tuple[MapEntry, ...] = ()
    if mangfold:
        choice_points_problems(ctx, rows, survey_context)
        _previous_version_problem(ctx, rows, settings.previous_version)
        version_map = read_version_map(ctx, {r.code for r in rows if isinstance(r, Question)})
        if version_map and not settings.previous_version:
            msg = _("the workbook has a version_map, but previous_version is empty")
            ctx.add("settings", None, "previous_version", msg)
    if ctx.problems:
        raise QuestionnaireError(ctx.sorted_problems(), str(path))
    return Questionnaire(
        form_id=settings.form_id,
        version=settings.version,
        title=settings.title,
        languages=ctx.languages,
        default_language=ctx.default,
        missing_answer_rule=settings.rule,
        previous_version=settings.previous_version,
        indicators=indicators,
        composites=composites,
        rows=rows,
        choice_lists=choices.lists,
        notes=_notes(sheets, mangfold, indicators, rows),
        settings_extra=settings.extra,
        layout=tuple((s.title, tuple(h.text for h in s.headers)) for s in sheets.values()),
        version_map=version_map,
    )


def _previous_version_problem(
    ctx: Context, rows: tuple[Question | SurveyRow, ...], previous_version: str | None
) -> None:
    with_previous = [r for r in rows if isinstance(r, Question) and r.previous_code]
    if with_previous and not previous_version:
        settings = ctx.sheets.get("settings")
        row = settings.rows[0].number if settings and settings.rows else None
        column = (settings.find("previous_version") if settings else None) or "previous_version"
        msg = _(
            "previous_version is empty, but {count} question(s) have a previous_code (first {code})"
        ).format(count=len(with_previous), code=with_previous[0].code)
        ctx.add(settings or "settings", row, column, msg)


def _notes(
    sheets: dict[str, Sheet],
    mangfold: bool,
    indicators: tuple[Indicator, ...],
    rows: tuple[Question | SurveyRow, ...],
) -> tuple[Text, ...]:
    notes: list[Text] = []
    if not mangfold:
        notes.append(
            Text(
                en="A plain XLSForm without mangfold's columns (no indicators sheet, no indicator, "
                "points or weight columns): loaded as an unscored questionnaire. Answers can be "
                "collected, but they give no scores.",
                da="Et almindeligt XLSForm uden mangfolds kolonner (intet indicators-ark, ingen "
                "indicator-, points- eller weight-kolonner): indlæst som et spørgeskema uden "
                "point. Svar kan indsamles, men giver ingen score.",
            )
        )
    scored = {q.indicator for q in rows if isinstance(q, Question) and q.scored}
    for indicator in indicators:
        if indicator.code not in scored:
            notes.append(
                Text(
                    en=f"Indicator {indicator.code} has no scored question; it gets no score.",
                    da=f"Indikatoren {indicator.code} har ingen spørgsmål med point; den får ingen score.",
                )
            )
    for sheet in sheets.values():
        if sheet.title.strip().lower() not in _KNOWN_SHEETS:
            notes.append(
                Text(
                    en=f"Sheet {sheet.title!r} is not part of the questionnaire model; it is "
                    "not written back.",
                    da=f"Arket {sheet.title!r} indgår ikke i spørgeskemaets model og skrives ikke tilbage.",
                )
            )
    return tuple(notes)
