"""The policy index's data model: one questionnaire version, its indicators, composites and questions.

Everything is a frozen dataclass built once (by :func:`mangfold.index.xlsform.read_xlsform` or in code)
and never changed. The rules that turn answers into scores live in :mod:`mangfold.index.scoring`; the
workbook format is described in ``docs/questionnaire-format.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from mangfold.i18n import gettext as _

__all__ = [
    "Band",
    "Cell",
    "Change",
    "Choice",
    "ChoiceList",
    "Composite",
    "Extra",
    "Indicator",
    "Kind",
    "Language",
    "MapEntry",
    "MissingRule",
    "Question",
    "QuestionType",
    "Questionnaire",
    "SurveyRow",
    "Text",
    "is_code",
]

Cell = str | int | float | bool
"""A spreadsheet cell value the model keeps as it is (XLSForm columns mangfold does not interpret)."""

Extra = tuple[tuple[str, Cell], ...]
"""Columns the model does not interpret, as ``(header, value)`` pairs, kept so a workbook round-trips."""

_CODE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def is_code(value: str) -> bool:
    """True for a valid stable code: a letter or ``_``, then letters, digits and ``_``."""
    return _CODE.fullmatch(value) is not None


def _check_points(points: float, what: Callable[[], str]) -> None:
    """:class:`ValueError` unless ``points`` lie in 0–100; ``what()`` names the thing (translated only
    when the message is built)."""
    if not 0 <= points <= 100:
        msg = _("{what}: points must lie in 0–100, got {points!r}")
        raise ValueError(msg.format(what=what(), points=points))


def _check_weight(weight: float, what: Callable[[], str]) -> None:
    if not weight > 0 or weight == float("inf"):
        msg = _("{what}: weight must be a finite number greater than 0, got {weight!r}")
        raise ValueError(msg.format(what=what(), weight=weight))


@dataclass(frozen=True, init=False)
class Text:
    """A text in several languages: language code (``"da"``, ``"en"``) -> string.

    Empty strings are dropped, so ``Text(da="")`` is the empty text. Two texts are equal when they hold
    the same strings for the same languages, whatever order they were given in.
    """

    items: tuple[tuple[str, str], ...]

    def __init__(self, values: Mapping[str, str] | None = None, /, **by_language: str) -> None:
        merged = {**(values or {}), **by_language}
        object.__setattr__(self, "items", tuple(sorted((k, v) for k, v in merged.items() if v)))

    def get(self, lang: str, fallback: str | None = None) -> str:
        """The text in ``lang``; else in the ``fallback`` language; else ``""``."""
        found = dict(self.items)
        if lang in found:
            return found[lang]
        if fallback is not None:
            return found.get(fallback, "")
        return ""

    def __contains__(self, lang: object) -> bool:
        return any(code == lang for code, _ in self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes this text is given in, sorted."""
        return tuple(code for code, _ in self.items)

    def as_dict(self) -> dict[str, str]:
        """The text as a plain ``{language: string}`` dict."""
        return dict(self.items)


@dataclass(frozen=True)
class Language:
    """A language of a questionnaire: ``code`` (``"da"``) and the XLSForm ``name`` (``"Danish (da)"``).

    ``plain`` marks the language whose columns carry no ``::name`` suffix (a plain ``label`` column).
    """

    code: str
    name: str
    plain: bool = False

    @classmethod
    def parse(cls, name: str, *, plain: bool = False) -> Language:
        """The language of an XLSForm language name: the code in parentheses, else the whole name."""
        name = " ".join(name.split())
        match = re.search(r"\(([^()]+)\)\s*$", name)
        return cls(match.group(1).strip() if match else name, name, plain)


DANISH = Language("da", "Danish (da)")
ENGLISH = Language("en", "English (en)")


class Kind(StrEnum):
    """The kind of data a question collects (ICC: facts, inputs, impacts; domain.md §2)."""

    FACT = "fact"
    INPUT = "input"
    IMPACT = "impact"


class QuestionType(StrEnum):
    """What an answer looks like."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    NUMBER = "number"
    TEXT = "text"
    """Free text, e.g. evidence: never scored."""


class MissingRule(StrEnum):
    """What a missing answer to a scored question counts as."""

    ZERO = "zero"
    """It counts 0 points and stays in the indicator's mean."""
    EXCLUDE = "exclude"
    """It is left out of the indicator's mean, like a "not applicable" answer."""


@dataclass(frozen=True)
class Choice:
    """One answer option of a choice list; ``points`` (0–100) is needed when a scored question uses it.

    For multiple choice: a ``required`` choice must be among the answer's choices for full points (see
    :func:`mangfold.index.scoring.answer_points`); an ``exclusive`` choice (``none``) cannot be
    combined with any other choice.
    """

    name: str
    label: Text = Text()
    points: float | None = None
    extra: Extra = ()
    required: bool = False
    exclusive: bool = False

    def __post_init__(self) -> None:
        if self.points is not None:
            _check_points(self.points, lambda: _("choice {name!r}").format(name=self.name))


@dataclass(frozen=True)
class ChoiceList:
    """A named list of choices (one ``list_name`` of the ``choices`` sheet)."""

    name: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class Band:
    """A number band: a value at or above ``threshold`` earns ``points`` (the highest such band wins)."""

    threshold: float
    points: float

    def __post_init__(self) -> None:
        _check_points(self.points, lambda: _("band {threshold:g}").format(threshold=self.threshold))


@dataclass(frozen=True)
class Indicator:
    """A policy area scored 0–100, e.g. ``commitment``.

    ``weight`` is its weight in the core/extended index and in its composites; ``core`` indicators make
    up the core index, the others only the extended index.
    """

    code: str
    name: Text
    scope: Text = Text()
    weight: float = 1.0
    core: bool = True
    composites: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_weight(self.weight, lambda: _("indicator {code!r}").format(code=self.code))


@dataclass(frozen=True)
class Composite:
    """A named group of indicators scored together, e.g. ICC's "intercultural lens"."""

    code: str
    name: Text


@dataclass(frozen=True)
class Question:
    """One question of the survey.

    ``scored`` defaults to True for choice questions and for number questions with bands, False
    otherwise (leave it out, or pass None, for the default). A scored choice question takes its
    points from its choices; a scored number question from its ``bands``. ``previous_code`` is the
    code of the same question in the questionnaire's ``previous_version``.
    """

    code: str
    text: Text
    type: QuestionType
    indicator: str | None = None
    help: Text = Text()
    kind: Kind | None = None
    list_name: str | None = None
    choices: tuple[Choice, ...] = ()
    weight: float = 1.0
    scored: bool = None  # type: ignore[assignment]  # None means "the type's default", see __post_init__
    not_applicable: bool = False
    bands: tuple[Band, ...] = ()
    previous_code: str | None = None
    integer: bool = False
    """For number questions: XLSForm ``integer`` (True) or ``decimal`` (False)."""
    extra: Extra = ()
    not_measured: bool = False
    """The question accepts "not measured" (the city has no data): such an answer leaves the question
    out of its indicator's mean, and the indicator's coverage shows it. Only for measurements (kind
    ``impact``), never for a policy a city may not have (that scores 0)."""

    def __post_init__(self) -> None:
        _check_weight(self.weight, lambda: _("question {code!r}").format(code=self.code))
        if self.scored is None:
            object.__setattr__(self, "scored", self.is_choice or bool(self.bands))
        if self.list_name is None and self.type is QuestionType.YES_NO:
            object.__setattr__(self, "list_name", "yes_no")

    @property
    def is_choice(self) -> bool:
        """True for single choice, multiple choice and yes/no questions."""
        return self.type in (
            QuestionType.SINGLE_CHOICE,
            QuestionType.MULTIPLE_CHOICE,
            QuestionType.YES_NO,
        )

    def choice(self, name: str) -> Choice | None:
        """The choice called ``name``, or None."""
        return next((c for c in self.choices if c.name == name), None)

    @property
    def xlsform_type(self) -> str:
        """The XLSForm ``type`` cell of this question, e.g. ``select_one yes_no``."""
        if self.type is QuestionType.MULTIPLE_CHOICE:
            return f"select_multiple {self.list_name}"
        if self.is_choice:
            return f"select_one {self.list_name}"
        if self.type is QuestionType.NUMBER:
            return "integer" if self.integer else "decimal"
        return "text"


class Change(StrEnum):
    """How a question of the previous version lives on in this one (a row of the ``version_map`` sheet)."""

    SAME = "same"
    """Unchanged: the answers are comparable."""
    REWORDED = "reworded"
    """Worded differently, asking the same with the same choices and points: comparable."""
    RESCORED = "rescored"
    """The choices, points or bands changed: not comparable."""
    SPLIT = "split"
    """Split into several questions: not comparable."""
    DROPPED = "dropped"
    """No longer asked: not comparable."""

    @property
    def comparable(self) -> bool:
        """True for ``same`` and ``reworded``: answers on both versions may be compared."""
        return self in (Change.SAME, Change.REWORDED)


@dataclass(frozen=True)
class MapEntry:
    """One row of the version map: the ``previous`` version's question, what became of it (``change``)
    and the question(s) of this version that take it over (none when dropped, two or more when split)."""

    previous: str
    change: Change
    current: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class SurveyRow:
    """A survey row that is not a question mangfold answers: a group, a note, or another XLSForm type
    (``date``, ``calculate``, ``geopoint`` …), kept so that the workbook round-trips."""

    type: str
    name: str | None = None
    label: Text = Text()
    hint: Text = Text()
    extra: Extra = ()


@dataclass(frozen=True)
class Questionnaire:
    """One version of a questionnaire.

    ``rows`` is the survey in order (questions and other rows); ``choice_lists`` the choices sheet in
    order (derived from the questions when not given). ``notes`` are remarks made while reading, in
    Danish and English (e.g. that a plain XLSForm was loaded unscored). ``layout`` remembers sheet
    names and column order of the workbook it was read from. Neither ``notes`` nor ``layout`` takes
    part in equality: two questionnaires are equal when their content is.
    """

    form_id: str
    version: str
    title: Text
    languages: tuple[Language, ...] = (DANISH, ENGLISH)
    default_language: str = "da"
    missing_answer_rule: MissingRule = MissingRule.ZERO
    previous_version: str | None = None
    indicators: tuple[Indicator, ...] = ()
    composites: tuple[Composite, ...] = ()
    rows: tuple[Question | SurveyRow, ...] = ()
    choice_lists: tuple[ChoiceList, ...] = ()
    notes: tuple[Text, ...] = field(default=(), compare=False)
    settings_extra: Extra = ()
    layout: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), compare=False)
    """``(sheet title, header cells)`` per sheet of the workbook this was read from."""
    version_map: tuple[MapEntry, ...] = ()
    """What became of each question of ``previous_version`` (the ``version_map`` sheet); empty when the
    workbook has none (then questions follow by ``previous_code`` or their own code)."""

    def __post_init__(self) -> None:
        if not self.choice_lists:
            object.__setattr__(self, "choice_lists", _choice_lists_of(self.questions))

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """The questions, in survey order."""
        return tuple(r for r in self.rows if isinstance(r, Question))

    @cached_property
    def _by_code(self) -> dict[str, Question]:
        return {q.code: q for q in self.questions}

    def question(self, code: str) -> Question:
        """The question with this code; :class:`KeyError` if there is none."""
        return self._by_code[code]

    def has_question(self, code: str) -> bool:
        """True if a question has this code."""
        return code in self._by_code

    def indicator(self, code: str) -> Indicator:
        """The indicator with this code; :class:`KeyError` if there is none."""
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)

    def composite(self, code: str) -> Composite:
        """The composite with this code; :class:`KeyError` if there is none."""
        for composite in self.composites:
            if composite.code == code:
                return composite
        raise KeyError(code)

    def questions_of(self, indicator: str) -> tuple[Question, ...]:
        """The questions that belong to an indicator, in survey order."""
        return tuple(q for q in self.questions if q.indicator == indicator)

    def members_of(self, composite: str) -> tuple[Indicator, ...]:
        """The indicators that belong to a composite, in order."""
        return tuple(i for i in self.indicators if composite in i.composites)

    @property
    def scored(self) -> bool:
        """True when the questionnaire has indicators and scored questions (a plain XLSForm has none)."""
        return bool(self.indicators) and any(q.scored for q in self.questions)

    @property
    def language_codes(self) -> tuple[str, ...]:
        """The codes of the languages, in order."""
        return tuple(lang.code for lang in self.languages)

    def label(self, text: Text, lang: str) -> str:
        """``text`` in ``lang``, falling back to the questionnaire's default language."""
        return text.get(lang, self.default_language)


def _choice_lists_of(questions: Iterable[Question]) -> tuple[ChoiceList, ...]:
    lists: dict[str, ChoiceList] = {}
    for question in questions:
        if question.list_name and question.list_name not in lists:
            lists[question.list_name] = ChoiceList(question.list_name, question.choices)
    return tuple(lists.values())
