"""Reading the survey sheet into questions and other rows.

Every problem is noted in the :class:`~mangfold.index.workbook.cells.Context`; reading goes on after each one.
"""

from __future__ import annotations

from dataclasses import dataclass

from mangfold.i18n import gettext as _
from mangfold.index.model import Band, Choice, Kind, Question, QuestionType, SurveyRow, is_code
from mangfold.index.workbook.cells import (
    BadCell,
    Context,
    cell_text,
    extra_of,
    parse_bands,
    parse_weight,
    parse_yes_no,
)
from mangfold.index.workbook.definitions import ChoiceRows
from mangfold.index.workbook.sheets import Row, Sheet

__all__ = [
    "MANGFOLD_COLUMNS",
    "SurveyContext",
    "choice_points_problems",
    "classify",
    "read_survey",
]

MANGFOLD_COLUMNS = frozenset(
    {"indicator", "kind", "weight", "scored", "not_applicable", "not_measured", "points", "previous_code"}
)
_KNOWN = frozenset({"type", "name", "label", "hint"}) | MANGFOLD_COLUMNS


def classify(type_cell: str) -> tuple[QuestionType | None, str | None, bool]:
    """``(question type, list name, integer)`` of an XLSForm type; type None for other rows.

    ``select_one L`` (``select one L``), ``select_multiple L`` (``select all that apply L``),
    ``integer`` (``int``), ``decimal`` and ``text`` are questions; ``select_one yes_no`` is yes/no.
    """
    tokens = type_cell.split()
    head = tokens[0].lower() if tokens else ""
    if head == "select" and len(tokens) == 3 and tokens[1].lower() == "one":
        head, tokens = "select_one", ["select_one", tokens[2]]
    if tokens[:4] and [t.lower() for t in tokens[:4]] == ["select", "all", "that", "apply"]:
        head, tokens = "select_multiple", ["select_multiple", *tokens[4:]]
    if head == "select_one" and len(tokens) == 2:
        kind = QuestionType.YES_NO if tokens[1] == "yes_no" else QuestionType.SINGLE_CHOICE
        return kind, tokens[1], False
    if head == "select_multiple" and len(tokens) == 2:
        return QuestionType.MULTIPLE_CHOICE, tokens[1], False
    if len(tokens) == 1 and head in {"integer", "int", "decimal"}:
        return QuestionType.NUMBER, None, head != "decimal"
    if len(tokens) == 1 and head == "text":
        return QuestionType.TEXT, None, False
    return None, None, False


@dataclass
class SurveyContext:
    """What the survey reader needs besides the context: mode, indicators and choice lists."""

    mangfold: bool
    indicators: set[str] | None
    """Indicator codes; None when the workbook has no indicators sheet (reported once)."""
    choices: ChoiceRows


def read_survey(ctx: Context, sc: SurveyContext) -> tuple[Question | SurveyRow, ...]:
    """The survey rows in order; questions get their choices from the choices sheet."""
    sheet = ctx.sheets["survey"]
    for column in ("type", "name"):
        if sheet.find(column) is None:
            msg = _("the survey sheet has no {column} column").format(column=column)
            ctx.add(sheet, sheet.header_row, column, msg)
    ctx.require_default_column(sheet, "label")
    rows: list[Question | SurveyRow] = []
    names: dict[str, int] = {}
    for row in sheet.rows:
        raw_type = cell_text(sheet.value(row, "type"))
        if raw_type is None:
            ctx.add(sheet, row.number, sheet.find("type") or "type", _("the row has no type"))
            continue
        type_cell = " ".join(raw_type.split())
        name = cell_text(sheet.value(row, "name"))
        if name and not type_cell.lower().startswith("end"):
            if name in names:
                msg = _("duplicate question code {code!r} (first in row {first})")
                msg = msg.format(code=name, first=names[name])
                ctx.add(sheet, row.number, sheet.find("name"), msg)
                continue
            names[name] = row.number
        qtype, list_name, integer = classify(type_cell)
        if qtype is None:
            rows.append(_other_row(ctx, sheet, row, type_cell, name))
            continue
        question = _question(ctx, sc, sheet, row, (qtype, list_name, integer), name)
        if question is not None:
            rows.append(question)
    return tuple(rows)


def _other_row(ctx: Context, sheet: Sheet, row: Row, type_cell: str, name: str | None) -> SurveyRow:
    for header in sheet.headers:
        if header.base in MANGFOLD_COLUMNS and header.index in row.cells:
            msg = _("{column} is for questions; a {type!r} row cannot have one")
            msg = msg.format(column=header.base, type=type_cell)
            ctx.add(sheet, row.number, header, msg)
    label, hint = ctx.text(sheet, row, "label"), ctx.text(sheet, row, "hint")
    return SurveyRow(type_cell, name, label, hint, extra_of(sheet, row, _KNOWN))


def _question(
    ctx: Context,
    sc: SurveyContext,
    sheet: Sheet,
    row: Row,
    typed: tuple[QuestionType, str | None, bool],
    code: str | None,
) -> Question | None:
    qtype, list_name, integer = typed
    if not code:
        ctx.add(sheet, row.number, sheet.find("name") or "name", _("the question has no name (code)"))
        return None
    if sc.mangfold and not is_code(code):
        msg = _("question code {code!r} must be letters, digits and _ (starting with a letter)")
        msg = msg.format(code=code)
        ctx.add(sheet, row.number, sheet.find("name"), msg)
    text = ctx.text(sheet, row, "label")
    ctx.require_default(sheet, row, "label", text, _("question {code!r}").format(code=code))
    choices: tuple[Choice, ...] = ()
    if list_name is not None:
        found = sc.choices.get(list_name)
        if found is None:
            msg = _("choice list {list!r} is not on the choices sheet").format(list=list_name)
            ctx.add(sheet, row.number, sheet.find("type"), msg)
        else:
            choices = found.choices
            if qtype is QuestionType.YES_NO and {c.name for c in choices} != {"yes", "no"}:
                if sc.mangfold:
                    msg = _("the yes_no list must have exactly the choices 'yes' and 'no'")
                    ctx.add(sheet, row.number, sheet.find("type"), msg)
                else:  # a plain XLSForm's own yes_no list (e.g. with "don't know")
                    qtype = QuestionType.SINGLE_CHOICE
    fields = _mangfold_fields(ctx, sc, sheet, row, qtype, code) if sc.mangfold else _PLAIN
    return Question(
        code=code,
        text=text,
        type=qtype,
        indicator=fields.indicator,
        help=ctx.text(sheet, row, "hint"),
        kind=fields.kind,
        list_name=list_name,
        choices=choices,
        weight=fields.weight,
        scored=fields.scored,
        not_applicable=fields.not_applicable,
        not_measured=fields.not_measured,
        bands=fields.bands,
        previous_code=fields.previous_code,
        integer=integer,
        extra=extra_of(sheet, row, _KNOWN),
    )


@dataclass(frozen=True)
class _Fields:
    indicator: str | None = None
    kind: Kind | None = None
    weight: float = 1.0
    scored: bool = False
    not_applicable: bool = False
    bands: tuple[Band, ...] = ()
    previous_code: str | None = None
    not_measured: bool = False


_PLAIN = _Fields()


def _mangfold_fields(
    ctx: Context, sc: SurveyContext, sheet: Sheet, row: Row, qtype: QuestionType, code: str
) -> _Fields:
    def problem(column: str, msg: str) -> None:
        ctx.add(sheet, row.number, sheet.find(column) or column, msg)

    def value(column: str) -> str | None:
        return cell_text(sheet.value(row, column))

    indicator, kind, weight, na = value("indicator"), None, 1.0, False
    bands: tuple[Band, ...] = ()
    if (raw_kind := value("kind")) is not None:
        try:
            kind = Kind(raw_kind.lower())
        except ValueError:
            problem("kind", _("unknown kind {value!r} (fact, input or impact)").format(value=raw_kind))
    try:
        weight = parse_weight(sheet.value(row, "weight"))
    except BadCell as exc:
        problem("weight", str(exc))
    if (raw_bands := sheet.value(row, "points")) is not None:
        if qtype is QuestionType.NUMBER:
            try:
                bands = parse_bands(raw_bands)
            except BadCell as exc:
                problem("points", _("bad number bands: {problem}").format(problem=exc))
        else:
            problem(
                "points",
                _("points bands are for integer/decimal questions; give choice points on the choices sheet"),
            )
    # scored by default: choice questions, and number questions with bands (written or not)
    default = qtype is not QuestionType.TEXT and (qtype is not QuestionType.NUMBER or raw_bands is not None)
    scored = default
    try:
        scored = parse_yes_no(sheet.value(row, "scored"), default)
    except BadCell as exc:
        problem("scored", f"scored: {exc}")
    try:
        na = parse_yes_no(sheet.value(row, "not_applicable"), False)
    except BadCell as exc:
        problem("not_applicable", f"not_applicable: {exc}")
    nm = False
    try:
        nm = parse_yes_no(sheet.value(row, "not_measured"), False)
    except BadCell as exc:
        problem("not_measured", f"not_measured: {exc}")
    if nm and (not scored or kind is not Kind.IMPACT):
        msg = _(
            "{code}: 'not measured' is for scored measurements (kind impact); a policy the city does "
            "not have scores 0"
        )
        problem("not_measured", msg.format(code=code))
    if scored and qtype is QuestionType.TEXT:
        problem("scored", _("{code}: a text question cannot be scored").format(code=code))
    if scored and qtype is QuestionType.NUMBER and not bands and raw_bands is None:
        msg = _("{code}: a scored number question needs bands, e.g. 0=0; 1=50; 5=100")
        problem("points", msg.format(code=code))
    if scored and indicator is None:
        problem("indicator", _("{code}: a scored question needs an indicator").format(code=code))
    if indicator is not None and sc.indicators is not None and indicator not in sc.indicators:
        msg = _("unknown indicator {code!r} (not on the indicators sheet)")
        problem("indicator", msg.format(code=indicator))
    previous = value("previous_code")
    if previous is not None and not is_code(previous):
        msg = _("previous_code {code!r} must be letters, digits and _")
        problem("previous_code", msg.format(code=previous))
    return _Fields(indicator, kind, weight, scored, na, bands, previous, nm)


def choice_points_problems(ctx: Context, rows: tuple[Question | SurveyRow, ...], sc: SurveyContext) -> None:
    """Note every choice without points in a list that a scored question uses, and every ``required``
    or ``exclusive`` mark that cannot work (see :func:`_flag_problems`)."""
    reported: set[tuple[str, str]] = set()
    sheet = sc.choices.sheet
    _flag_problems(ctx, rows, sc)
    for question in rows:
        if not isinstance(question, Question) or not question.scored or not question.list_name:
            continue
        for choice in question.choices:
            key = (question.list_name, choice.name)
            if choice.points is None and key not in reported | sc.choices.bad and sheet:
                reported.add(key)
                header = sheet.find("points") or "points"
                msg = _(
                    "choice {name!r} of list {list!r} has no points "
                    "(needed: scored question {question} uses the list)"
                )
                msg = msg.format(name=choice.name, list=question.list_name, question=question.code)
                ctx.add(sheet, sc.choices.rows[key], header, msg)


def _flag_problems(ctx: Context, rows: tuple[Question | SurveyRow, ...], sc: SurveyContext) -> None:
    """``required`` and ``exclusive`` only on lists used by multiple-choice questions alone; a required
    choice earns points (else lacking it could not lower the score) and is not exclusive."""
    sheet = sc.choices.sheet
    if sheet is None:
        return
    users: dict[str, set[QuestionType]] = {}
    for row in rows:
        if isinstance(row, Question) and row.list_name:
            users.setdefault(row.list_name, set()).add(row.type)
    for choice_list in sc.choices.lists:
        for choice in choice_list.choices:
            where = sc.choices.rows.get((choice_list.name, choice.name))
            for column, flag in (("required", choice.required), ("exclusive", choice.exclusive)):
                if flag and users.get(choice_list.name, set()) - {QuestionType.MULTIPLE_CHOICE}:
                    msg = _("{column} is for lists of multiple-choice questions only (list {list!r})")
                    msg = msg.format(column=column, list=choice_list.name)
                    ctx.add(sheet, where, sheet.find(column) or column, msg)
            if choice.required and choice.exclusive:
                msg = _("choice {name!r} cannot be both required and exclusive").format(name=choice.name)
                ctx.add(sheet, where, sheet.find("required") or "required", msg)
            elif choice.required and not choice.points:
                msg = _("required choice {name!r} must earn points (more than 0)").format(name=choice.name)
                ctx.add(sheet, where, sheet.find("required") or "required", msg)
