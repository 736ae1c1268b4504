"""The result of scoring a city's answers: a :class:`Scorecard` that explains every number.

A scorecard is either computed by :func:`mangfold.index.scoring.score` (every indicator, composite,
index and completeness, with the per-question breakdown behind them) or holds published legacy results
(:meth:`Scorecard.legacy`: scores and a source citation, no answers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from mangfold.i18n import gettext as _
from mangfold.index.answers import Answer
from mangfold.index.model import MissingRule

__all__ = [
    "SCHEMA_VERSION",
    "CompositeScore",
    "IndicatorScore",
    "QuestionScore",
    "Scorecard",
    "ScorecardSchemaError",
    "Status",
    "StoredIndicator",
    "StoredLine",
    "StoredScorecard",
    "load_scorecard",
]

SCHEMA_VERSION = 1
"""The version of the stored form of a scorecard (:meth:`Scorecard.to_dict`, read by :func:`load_scorecard`).
Version 1 is the first one written with a ``schema`` key; dicts without one (stored before) are read as 1."""


class Status(StrEnum):
    """How a question takes part in its indicator's score."""

    ANSWERED = "answered"
    """Answered; its points count in the indicator's mean."""
    NOT_APPLICABLE = "not_applicable"
    """Answered "not applicable"; left out of the mean and of completeness."""
    NOT_MEASURED = "not_measured"
    """Answered "not measured" (the city has no data); left out of the mean, lowers the coverage."""
    MISSING_ZERO = "missing_counted_zero"
    """Not answered; counts 0 points (missing-answer rule ``zero``)."""
    MISSING_EXCLUDED = "missing_excluded"
    """Not answered; left out of the mean (missing-answer rule ``exclude``)."""
    UNSCORED = "unscored"
    """Not a scored question (facts, evidence text …); never counts."""


@dataclass(frozen=True)
class QuestionScore:
    """One line of the breakdown.

    ``points`` is what the answer earns (0 for a missing answer counted as zero; None when it does not
    count). ``share`` is the question's weight over the total weight counted in its indicator, and
    ``contribution = share × points``: the contributions of an indicator sum to its score.
    """

    code: str
    indicator: str | None
    status: Status
    points: float | None
    weight: float
    share: float | None = None
    answer: Answer | None = None

    @property
    def counted(self) -> bool:
        """True when the question counts in its indicator's mean."""
        return self.status in (Status.ANSWERED, Status.MISSING_ZERO)

    @property
    def contribution(self) -> float | None:
        """``share × points``: what this question adds to its indicator's score."""
        if self.share is None or self.points is None:
            return None
        return self.share * self.points


@dataclass(frozen=True)
class IndicatorScore:
    """An indicator's score (0–100, None when no question counts) and how complete its answers are.

    ``applicable`` = scored questions not answered "not applicable"; ``answered`` = those with an
    answer; ``completeness = answered / applicable`` (None when nothing is applicable).
    """

    code: str
    score: float | None
    weight: float = 1.0
    core: bool = True
    composites: tuple[str, ...] = ()
    answered: int = 0
    applicable: int = 0
    not_applicable: int = 0
    questions: tuple[QuestionScore, ...] = ()
    not_measured: int = 0
    """Applicable questions answered "not measured" (counted in ``answered``, not in the score)."""

    @property
    def coverage(self) -> float | None:
        """The share of the applicable questions' weight that counts in the score: questions answered
        "not measured" (or left out by the ``exclude`` rule) lower it. None when nothing is applicable."""
        return coverage_of(self.questions)

    @property
    def missing(self) -> int:
        """Scored, applicable questions without an answer."""
        return self.applicable - self.answered

    @property
    def completeness(self) -> float | None:
        """``answered / applicable``; None when no scored question is applicable."""
        return self.answered / self.applicable if self.applicable else None


def coverage_of(lines: tuple[QuestionScore, ...] | tuple[StoredLine, ...]) -> float | None:
    """``Σ w (counted) / Σ w (applicable)``: the weight share of an indicator's applicable questions
    that counts in its score. None when no question is applicable."""
    applicable = [line for line in lines if line.status != Status.NOT_APPLICABLE.value]
    total = sum(line.weight for line in applicable)
    if not applicable or total <= 0:
        return None
    counted = (Status.ANSWERED.value, Status.MISSING_ZERO.value)
    return sum(line.weight for line in applicable if line.status in counted) / total


@dataclass(frozen=True)
class CompositeScore:
    """A composite's score: the weighted mean of its member indicators that have a score."""

    code: str
    score: float | None
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class Scorecard:
    """A city's scores on one questionnaire version, or published legacy results (``source`` set).

    ``core_index`` is the weighted mean of the core indicators' scores, ``extended_index`` that of all
    indicators; indicators without a score are left out of both (see ``missing_applied`` and each
    indicator's counts). ``unscored`` lists the questions that are not scored, with their answers.
    """

    form_id: str
    version: str
    core_index: float | None
    extended_index: float | None
    indicators: tuple[IndicatorScore, ...] = ()
    composites: tuple[CompositeScore, ...] = ()
    missing_answer_rule: MissingRule | None = MissingRule.ZERO
    missing_applied: tuple[str, ...] = ()
    """Codes of the questions whose missing answer the missing-answer rule decided."""
    unscored: tuple[QuestionScore, ...] = ()
    source: str | None = None
    """For legacy results: the published source (citation)."""

    @property
    def overall(self) -> float | None:
        """The overall index: the core index."""
        return self.core_index

    @property
    def is_legacy(self) -> bool:
        """True for published results without answers."""
        return self.source is not None

    @property
    def answered(self) -> int:
        """Answered scored questions, over all indicators."""
        return sum(i.answered for i in self.indicators)

    @property
    def applicable(self) -> int:
        """Applicable scored questions, over all indicators."""
        return sum(i.applicable for i in self.indicators)

    @property
    def completeness(self) -> float | None:
        """``answered / applicable`` over all indicators; None when nothing is applicable."""
        return self.answered / self.applicable if self.applicable else None

    def indicator(self, code: str) -> IndicatorScore:
        """The score of one indicator; :class:`KeyError` if the scorecard has none for it."""
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)

    def composite(self, code: str) -> CompositeScore:
        """The score of one composite; :class:`KeyError` if there is none."""
        for composite in self.composites:
            if composite.code == code:
                return composite
        raise KeyError(code)

    def question(self, code: str) -> QuestionScore:
        """The breakdown line of one question; :class:`KeyError` if there is none."""
        for line in (*(q for i in self.indicators for q in i.questions), *self.unscored):
            if line.code == code:
                return line
        raise KeyError(code)

    @classmethod
    def legacy(
        cls,
        overall: float,
        indicators: Mapping[str, float] | None = None,
        *,
        source: str,
        extended: float | None = None,
        composites: Mapping[str, float] | None = None,
        form_id: str = "legacy",
        version: str = "",
    ) -> Scorecard:
        """Published results (e.g. an ICC index report) without answers, citing ``source``.

        ``Scorecard.legacy(overall=66, indicators={"commitment": 80}, source="…")``. Every score
        must lie in 0–100 and ``source`` must be given.
        """
        if not source.strip():
            raise ValueError(_("a legacy scorecard needs its source (a citation)"))
        checked = {"overall": overall, **(indicators or {}), **(composites or {})}
        if extended is not None:
            checked["extended"] = extended
        for name, value in checked.items():
            if not 0 <= value <= 100:
                msg = _("{name}: a score must lie in 0–100, got {value!r}")
                raise ValueError(msg.format(name=name, value=value))
        return cls(
            form_id=form_id,
            version=version,
            core_index=float(overall),
            extended_index=None if extended is None else float(extended),
            indicators=tuple(IndicatorScore(c, float(s)) for c, s in (indicators or {}).items()),
            composites=tuple(CompositeScore(c, float(s), ()) for c, s in (composites or {}).items()),
            missing_answer_rule=None,
            source=source,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole scorecard, breakdown included."""
        return {
            "schema": SCHEMA_VERSION,
            "form_id": self.form_id,
            "version": self.version,
            "source": self.source,
            "core_index": self.core_index,
            "extended_index": self.extended_index,
            "completeness": self.completeness,
            "answered": self.answered,
            "applicable": self.applicable,
            "missing_answer_rule": self.missing_answer_rule and self.missing_answer_rule.value,
            "missing_applied": list(self.missing_applied),
            "indicators": [
                {
                    "code": i.code,
                    "score": i.score,
                    "weight": i.weight,
                    "core": i.core,
                    "composites": list(i.composites),
                    "answered": i.answered,
                    "applicable": i.applicable,
                    "not_applicable": i.not_applicable,
                    "not_measured": i.not_measured,
                    "completeness": i.completeness,
                    "coverage": i.coverage,
                    "questions": [_line(q) for q in i.questions],
                }
                for i in self.indicators
            ],
            "composites": [
                {"code": c.code, "score": c.score, "indicators": list(c.indicators)} for c in self.composites
            ],
            "unscored": [_line(q) for q in self.unscored],
        }


def _line(q: QuestionScore) -> dict[str, Any]:
    return {
        "code": q.code,
        "status": q.status.value,
        "answer": None if q.answer is None or q.answer.is_missing else q.answer.display(),
        "evidence": q.answer.evidence if q.answer else None,
        "points": q.points,
        "weight": q.weight,
        "share": q.share,
        "contribution": q.contribution,
    }


class ScorecardSchemaError(ValueError):
    """A stored scorecard that is not of a known schema version or lacks a required field."""


@dataclass(frozen=True)
class StoredLine:
    """One line of a stored breakdown (``answer``: the answer as displayed when stored)."""

    code: str
    status: str
    answer: str | None
    points: float | None
    weight: float
    share: float | None
    contribution: float | None


@dataclass(frozen=True)
class StoredIndicator:
    code: str
    score: float | None
    weight: float
    core: bool
    composites: tuple[str, ...]
    answered: int
    applicable: int
    completeness: float | None
    questions: tuple[StoredLine, ...]

    @property
    def coverage(self) -> float | None:
        """The weight share of the applicable questions that counted (see :func:`coverage_of`)."""
        return coverage_of(self.questions)


@dataclass(frozen=True)
class StoredScorecard:
    """A scorecard as it was stored (at approval, or imported from a publication), read by one loader."""

    schema: int
    form_id: str
    version: str
    source: str | None
    overall: float | None
    extended: float | None
    completeness: float | None
    missing_answer_rule: str | None
    indicators: tuple[StoredIndicator, ...]
    composites: tuple[tuple[str, float | None], ...]
    unscored: tuple[StoredLine, ...]

    def indicator_scores(self) -> dict[str, float | None]:
        """Indicator code -> score (None where it has none), in the stored order."""
        return {i.code: i.score for i in self.indicators}

    def question_points(self) -> dict[str, float | None]:
        """Question code -> the points it earned (None where it did not count)."""
        return {q.code: q.points for i in self.indicators for q in i.questions}


def _number(value: Any, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScorecardSchemaError(_("{name}: not a number: {value!r}").format(name=name, value=value))
    return float(value)


def _stored_line(raw: Mapping[str, Any]) -> StoredLine:
    code = str(raw["code"])
    return StoredLine(
        code,
        str(raw.get("status", Status.ANSWERED.value)),
        None if raw.get("answer") is None else str(raw["answer"]),
        _number(raw.get("points"), code),
        _number(raw.get("weight"), code) or 0.0,
        _number(raw.get("share"), code),
        _number(raw.get("contribution"), code),
    )


def load_scorecard(data: Mapping[str, Any] | None) -> StoredScorecard | None:
    """Read a stored scorecard (:meth:`Scorecard.to_dict`); None for None or an empty dict.

    The one reader of the stored form: :class:`ScorecardSchemaError` for an unknown schema version
    or a field of the wrong type, so no caller guesses at defaults.
    """
    if not data:
        return None
    schema = data.get("schema", 1)
    if schema != SCHEMA_VERSION:
        raise ScorecardSchemaError(_("unknown scorecard schema version {schema!r}").format(schema=schema))
    try:
        indicators = tuple(
            StoredIndicator(
                str(i["code"]),
                _number(i.get("score"), str(i["code"])),
                _number(i.get("weight"), str(i["code"])) or 1.0,
                bool(i.get("core", True)),
                tuple(i.get("composites", ())),
                int(i.get("answered", 0)),
                int(i.get("applicable", 0)),
                _number(i.get("completeness"), str(i["code"])),
                tuple(_stored_line(q) for q in i.get("questions", ())),
            )
            for i in data.get("indicators", ())
        )
        composites = tuple(
            (str(c["code"]), _number(c.get("score"), str(c["code"]))) for c in data.get("composites", ())
        )
        unscored = tuple(_stored_line(q) for q in data.get("unscored", ()))
    except (KeyError, TypeError) as error:
        raise ScorecardSchemaError(_("a stored scorecard lacks {field}").format(field=error)) from error
    return StoredScorecard(
        schema=SCHEMA_VERSION,
        form_id=str(data.get("form_id", "")),
        version=str(data.get("version", "")),
        source=data.get("source"),
        overall=_number(data.get("core_index"), "core_index"),
        extended=_number(data.get("extended_index"), "extended_index"),
        completeness=_number(data.get("completeness"), "completeness"),
        missing_answer_rule=data.get("missing_answer_rule"),
        indicators=indicators,
        composites=composites,
        unscored=unscored,
    )
