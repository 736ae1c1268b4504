"""A city's answers: reading them from CSV or JSON and checking them against a questionnaire.

File formats (``docs/questionnaire-format.md``): CSV with a header ``question,value[,evidence]`` (``,`` or
``;`` separated, UTF-8 with or without BOM) where ``value`` is a choice name, several choice names
separated by spaces, a number, ``na`` for "not applicable", ``nm`` for "not measured" (the city has no
data) or empty for no answer; or JSON
``{"answers": {"COM1": "yes", "EDU3": ["a", "b"], "LAN2": "na", "FAC1": 12.5}, "evidence": {…}}``.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from mangfold.i18n import gettext as _
from mangfold.index.errors import AnswerError, AnswerProblem
from mangfold.index.model import Question, Questionnaire, QuestionType

__all__ = [
    "NOT_APPLICABLE",
    "NOT_MEASURED",
    "Answer",
    "AnswerSheet",
    "Location",
    "RawAnswer",
    "exclusive_clash",
    "parse_answers",
    "read_answers",
]

RawAnswer = str | int | float | Sequence[str] | None
"""An answer as written in a file: choice name(s), a number, ``"na"`` or None (no answer)."""

NOT_APPLICABLE = frozenset({"na", "n/a"})
"""Values meaning "not applicable" (case-insensitive), unless a choice of the question has that name."""

NOT_MEASURED = frozenset({"nm", "not_measured"})
"""Values meaning "not measured": the city has no data (case-insensitive), unless a choice has that name."""


@dataclass(frozen=True)
class Answer:
    """A checked answer to one question. An answer with nothing in it is a missing answer."""

    question: str
    choices: tuple[str, ...] = ()
    number: float | None = None
    text: str | None = None
    not_applicable: bool = False
    evidence: str | None = None
    not_measured: bool = False
    """The city has no data for this measurement (the question accepts it: ``Question.not_measured``)."""

    @property
    def is_missing(self) -> bool:
        """True when nothing was answered (evidence alone is not an answer)."""
        return (
            not (self.choices or self.not_applicable or self.not_measured or self.text)
            and self.number is None
        )

    def display(self) -> str:
        """The answer as written in an answers file (``"a b"``, ``"12.5"``, ``"na"``, ``"nm"``)."""
        if self.not_applicable:
            return "na"
        if self.not_measured:
            return "nm"
        if self.choices:
            return " ".join(self.choices)
        if self.number is not None:
            return f"{self.number:g}"
        return self.text or ""


@dataclass(frozen=True)
class Location:
    """Where an answer was read: row (header = row 1; JSON: the line) and column."""

    row: int | None
    column: str | None


@dataclass(frozen=True)
class AnswerSheet:
    """Answers as read from a file, before they are checked against a questionnaire."""

    values: Mapping[str, RawAnswer]
    evidence: Mapping[str, str] = field(default_factory=dict)
    source: str | None = None
    locations: Mapping[str, Location] = field(default_factory=dict)


def read_answers(path: str | Path) -> AnswerSheet:
    """Read an answers file (``.csv`` or ``.json``); :class:`AnswerError` names file, row and column."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = _("not UTF-8 text: {error}").format(error=exc)
        raise AnswerError([AnswerProblem(None, msg, path.name)]) from exc
    if path.suffix.lower() == ".json":
        return _read_json(content, path.name)
    if path.suffix.lower() == ".csv":
        return _read_csv(content, path.name)
    msg = _("unknown answers format {suffix!r}: use .csv or .json").format(suffix=path.suffix)
    raise AnswerError([AnswerProblem(None, msg, path.name)])


def _read_csv(content: str, name: str) -> AnswerSheet:
    first = content.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    rows = _csv_rows(reader, name)
    header = [h.strip().lower() for h in next(rows, (1, []))[1]]
    problems: list[AnswerProblem] = []
    for column in ("question", "value"):
        if column not in header:
            msg = _("no {column!r} column in the header").format(column=column)
            problems.append(AnswerProblem(None, msg, name, 1))
    for column in header:
        if column not in ("question", "value", "evidence"):
            msg = _("unknown column {column!r} (question, value, evidence)").format(column=column)
            problems.append(AnswerProblem(None, msg, name, 1, column))
    if problems:
        raise AnswerError(problems)
    values: dict[str, RawAnswer] = {}
    evidence: dict[str, str] = {}
    locations: dict[str, Location] = {}
    for number, cells in rows:
        record = dict(zip(header, (c.strip() for c in cells), strict=False))
        code = record.get("question", "")
        if not any(record.values()):
            continue
        if not code:
            msg = _("the row has no question code")
            problems.append(AnswerProblem(None, msg, name, number, "question"))
            continue
        if code in locations:
            msg = _("answered twice (first in row {first})").format(first=locations[code].row)
            problems.append(AnswerProblem(code, msg, name, number, "question"))
            continue
        values[code] = record.get("value") or None
        if record.get("evidence"):
            evidence[code] = record["evidence"]
        locations[code] = Location(number, "value")
    if problems:
        raise AnswerError(problems)
    return AnswerSheet(values, evidence, name, locations)


def _csv_rows(reader: Iterator[list[str]], name: str) -> Iterator[tuple[int, list[str]]]:
    """The rows with their numbers (the header is row 1); the csv module's own errors (a cell over its
    131,072-character limit …) as :class:`AnswerError` naming the row."""
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            msg = _("cannot read the row: {error}").format(error=exc)
            raise AnswerError([AnswerProblem(None, msg, name, number)]) from None
        if cells is None:
            return
        yield number, cells


def _read_json(content: str, name: str) -> AnswerSheet:
    try:
        data = json.loads(content, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        msg = _("not valid JSON: {error}").format(error=exc.msg)
        where = _("character {number}").format(number=exc.colno)
        raise AnswerError([AnswerProblem(None, msg, name, exc.lineno, where)]) from None
    except _LongNumber as exc:
        msg = _("not valid JSON: a number of {count} digits (at most {limit})")
        raise AnswerError(
            [AnswerProblem(None, msg.format(count=exc.digits, limit=_MAX_DIGITS), name)]
        ) from None
    except RecursionError:
        msg = _("not valid JSON: nested too deeply")
        raise AnswerError([AnswerProblem(None, msg, name)]) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        msg = _('expected an object {{"answers": {{"QUESTION": value, …}}}}').format()
        raise AnswerError([AnswerProblem(None, msg, name, None, "answers")])
    problems: list[AnswerProblem] = []
    values: dict[str, RawAnswer] = {}
    for code, value in data["answers"].items():
        ok = value is None or isinstance(value, str) or _is_number(value)
        ok = ok or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        if not ok:
            msg = _("expected a string, a number, a list of strings or null, got {value!r}")
            msg = msg.format(value=value)
            problems.append(AnswerProblem(code, msg, name, None, f"answers.{code}"))
        else:
            values[code] = value
    evidence = data.get("evidence", {})
    if not isinstance(evidence, dict) or not all(isinstance(v, str) for v in evidence.values()):
        msg = _('expected "evidence": {{"QUESTION": "text", …}}').format()
        problems.append(AnswerProblem(None, msg, name, None, "evidence"))
        evidence = {}
    if problems:
        raise AnswerError(problems)
    locations = {code: Location(None, f"answers.{code}") for code in values}
    return AnswerSheet(values, evidence, name, locations)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_MAX_DIGITS = 30


class _LongNumber(Exception):
    def __init__(self, digits: int) -> None:
        self.digits = digits


def _parse_int(text: str) -> int:
    """An integer of the JSON text; past :data:`_MAX_DIGITS` digits refused before converting."""
    digits = len(text.lstrip("-"))
    if digits > _MAX_DIGITS:
        raise _LongNumber(digits)
    return int(text)


def parse_answers(
    questionnaire: Questionnaire, answers: AnswerSheet | Mapping[str, RawAnswer | Answer]
) -> dict[str, Answer]:
    """Check answers against a questionnaire; the checked answers in survey order.

    Raises :class:`AnswerError` listing every unknown question code, unknown choice, second choice
    on a single-choice question, exclusive choice (``none``) combined with another, "not applicable"
    or "not measured" where the question does not allow it, and non-number for a number question.
    """
    sheet = answers if isinstance(answers, AnswerSheet) else None
    values = answers.values if isinstance(answers, AnswerSheet) else answers
    evidence = dict(sheet.evidence) if sheet else {}
    problems: list[AnswerProblem] = []
    checked: dict[str, Answer] = {}
    for code in [*values, *(c for c in evidence if c not in values)]:
        raw = values.get(code)
        location = sheet.locations.get(code) if sheet else None

        def problem(message: str, code: str = code, location: Location | None = location) -> None:
            row, column = (location.row, location.column) if location else (None, None)
            file = sheet.source if sheet else None
            problems.append(AnswerProblem(code, message, file, row, column))

        if isinstance(raw, Answer):
            evidence.setdefault(code, raw.evidence or "")
            raw = _raw_of(raw)
        if not questionnaire.has_question(code):
            codes = [q.code for q in questionnaire.questions]
            close = difflib.get_close_matches(code, codes, n=1)
            if close:
                problem(_("unknown question code (did you mean {code}?)").format(code=close[0]))
            else:
                problem(_("unknown question code"))
            continue
        question = questionnaire.question(code)
        answer = _check(question, raw, problem)
        if answer is not None:
            checked[code] = replace(answer, evidence=evidence.get(code) or None)
    if problems:
        raise AnswerError(problems)
    return {q.code: checked[q.code] for q in questionnaire.questions if q.code in checked}


def _raw_of(answer: Answer) -> RawAnswer:
    if answer.not_applicable:
        return "na"
    if answer.not_measured:
        return "nm"
    if answer.choices:
        return list(answer.choices)
    if answer.number is not None:
        return answer.number
    return answer.text


def _check(question: Question, raw: RawAnswer, problem: Callable[[str], None]) -> Answer | None:
    code = question.code
    if raw is None or raw == "" or (isinstance(raw, list | tuple) and not raw):
        return Answer(code)
    names = raw.split() if isinstance(raw, str) else None
    if isinstance(raw, list | tuple):
        names = [str(v) for v in raw]
    is_na = names is not None and len(names) == 1 and names[0].lower() in NOT_APPLICABLE
    if is_na and names is not None and question.choice(names[0]) is None:
        if not question.not_applicable:
            problem(_("'not applicable' is not allowed for this question"))
            return None
        return Answer(code, not_applicable=True)
    is_nm = names is not None and len(names) == 1 and names[0].lower() in NOT_MEASURED
    if is_nm and names is not None and question.choice(names[0]) is None:
        if not question.not_measured:
            problem(_("'not measured' is not allowed for this question"))
            return None
        return Answer(code, not_measured=True)
    if question.is_choice:
        if names is None:
            names = [f"{raw:g}" if isinstance(raw, float) else str(raw)]
        return _check_choices(question, names, problem)
    if not isinstance(raw, str | int | float):
        problem(_("expected one value, got a list {value!r}").format(value=list(raw)))
        return None
    if question.type is QuestionType.NUMBER:
        return _check_number(question, raw, problem)
    return Answer(code, text=str(raw))


def _check_choices(question: Question, names: list[str], problem: Callable[[str], None]) -> Answer | None:
    valid = ", ".join(c.name for c in question.choices)
    unknown = [n for n in names if question.choice(n) is None]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if unknown:
        msg = _("unknown choice {names} (choices: {valid})")
        problem(msg.format(names=", ".join(map(repr, unknown)), valid=valid))
    too_many = question.type is not QuestionType.MULTIPLE_CHOICE and len(names) > 1
    if too_many:
        msg = _("single choice, but {count} choices were given: {names}")
        problem(msg.format(count=len(names), names=" ".join(names)))
    if duplicates:
        msg = _("choice {names} given more than once")
        problem(msg.format(names=", ".join(map(repr, duplicates))))
    clash = exclusive_clash(question, names)
    if clash:
        problem(clash)
    if unknown or duplicates or too_many or clash:
        return None
    return Answer(question.code, choices=tuple(names))


def exclusive_clash(question: Question, names: Sequence[str]) -> str:
    """Why ``names`` cannot be one answer to ``question`` ("" when they can): an exclusive choice
    (``none``) combined with any other choice. Shared by every way answers enter (file, form, API)."""
    if len(names) < 2:
        return ""
    for name in names:
        choice = question.choice(name)
        if choice is not None and choice.exclusive:
            others = " ".join(n for n in names if n != name)
            msg = _("choice {name!r} cannot be combined with other choices ({others})")
            return msg.format(name=name, others=others)
    return ""


def _check_number(
    question: Question, raw: str | int | float, problem: Callable[[str], None]
) -> Answer | None:
    if isinstance(raw, bool):
        number = math.nan
    elif isinstance(raw, int | float):
        number = float(raw)
    else:
        try:
            number = float(raw.replace(",", ".").replace(" ", ""))
        except ValueError:
            number = math.nan
    if not math.isfinite(number):
        problem(_("expected a number, got {value!r}").format(value=raw))
        return None
    if question.integer and not number.is_integer():
        problem(_("expected a whole number, got {value!r}").format(value=raw))
        return None
    return Answer(question.code, number=number)
