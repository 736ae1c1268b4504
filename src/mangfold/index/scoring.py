"""Scoring a city's answers: points per answer, indicator scores, composites and the two indices.

The rules (``docs/methodology/index.md`` states them in full, with a worked example):

* A single-choice or yes/no answer earns its choice's points; a multiple-choice answer the sum of its
  choices' points, capped at 100, and, when it lacks a choice marked *required*, at most
  ``100 − Σ points of the required choices it lacks``; a number the points of the highest band whose
  threshold it reaches (0 below the first band). Points lie in 0–100, as in MIPEX's 0/50/100 options.
  An *exclusive* choice (``none``) combined with another is refused (:func:`parse_answers`).
* An indicator's score is the weighted mean of its scored questions' points,
  ``S = Σ w_q p_q / Σ w_q`` over the questions that count: "not applicable" and "not measured"
  answers leave the mean (the indicator's *coverage* ``Σ w counted / Σ w applicable`` shows the
  latter); a missing answer counts 0 points (rule ``zero``) or leaves the mean (rule ``exclude``).
* A composite is the weighted mean (indicator weights) of its member indicators; the core index that
  of the core indicators and the extended index that of all indicators (the ICC index reports both);
  indicators without a score leave these means.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace

from mangfold.i18n import gettext as _
from mangfold.index.answers import Answer, AnswerSheet, RawAnswer, parse_answers
from mangfold.index.model import Band, Indicator, MissingRule, Question, Questionnaire, QuestionType
from mangfold.index.scorecard import (
    CompositeScore,
    IndicatorScore,
    QuestionScore,
    Scorecard,
    Status,
)

__all__ = ["answer_points", "band_points", "score", "weighted_mean"]


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """``Σ w x / Σ w`` over ``(x, w)`` pairs (exactly rounded sums); None when there are none.

    Clamped to the range of the values, so a mean of points never leaves 0–100 by rounding.
    """
    items = list(pairs)
    total = math.fsum(w for _, w in items)
    if not items or total <= 0:
        return None
    mean = math.fsum(x * w for x, w in items) / total
    return min(max(mean, min(x for x, _ in items)), max(x for x, _ in items))


def band_points(bands: Iterable[Band], value: float) -> float:
    """The points of the highest band whose threshold ``value`` reaches; 0 below the first band."""
    points = 0.0
    for band in sorted(bands, key=lambda b: b.threshold):
        if value >= band.threshold:
            points = band.points
    return points


def answer_points(question: Question, answer: Answer) -> float | None:
    """The points an answer earns (None for a missing or "not applicable" answer).

    Single choice / yes-no: the choice's points; multiple choice: ``min(100, Σ points)``, and without
    every required choice at most ``100 − Σ points of the missing required choices`` (so leaving out a
    central item never reaches 100); number: :func:`band_points`. Raises :class:`ValueError` for a
    scored choice without points.
    """
    if answer.is_missing or answer.not_applicable or answer.not_measured:
        return None
    if question.type is QuestionType.NUMBER:
        return None if answer.number is None else band_points(question.bands, answer.number)
    if not question.is_choice:
        return None
    points = []
    for name in answer.choices:
        choice = question.choice(name)
        if choice is None or choice.points is None:
            msg = _("{question}: choice {name!r} has no points")
            raise ValueError(msg.format(question=question.code, name=name))
        points.append(choice.points)
    total = min(100.0, math.fsum(points))
    if question.type is QuestionType.MULTIPLE_CHOICE:
        lacking = [c.points or 0.0 for c in question.choices if c.required and c.name not in answer.choices]
        if lacking:
            total = min(total, max(0.0, 100.0 - math.fsum(lacking)))
    return total


def score(
    questionnaire: Questionnaire,
    answers: AnswerSheet | Mapping[str, RawAnswer | Answer],
) -> Scorecard:
    """Score a city's answers on a questionnaire version.

    ``answers`` maps question codes to raw values (as in an answers file) or checked
    :class:`Answer` objects, or is an :class:`AnswerSheet` read from a file. Invalid answers raise
    :class:`~mangfold.index.errors.AnswerError` naming every problem.
    """
    q = questionnaire
    checked = parse_answers(q, answers)
    rule = q.missing_answer_rule
    indicators = tuple(_indicator(q, indicator, checked, rule) for indicator in q.indicators)
    by_code = {i.code: i for i in indicators}
    composites = tuple(
        CompositeScore(
            c.code,
            _index(by_code[i.code] for i in q.members_of(c.code)),
            tuple(i.code for i in q.members_of(c.code)),
        )
        for c in q.composites
    )
    missing = (Status.MISSING_ZERO, Status.MISSING_EXCLUDED)
    unscored = tuple(
        QuestionScore(x.code, x.indicator, Status.UNSCORED, None, x.weight, None, checked.get(x.code))
        for x in q.questions
        if not x.scored or x.indicator is None
    )
    return Scorecard(
        form_id=q.form_id,
        version=q.version,
        core_index=_index(i for i in indicators if i.core),
        extended_index=_index(indicators),
        indicators=indicators,
        composites=composites,
        missing_answer_rule=rule,
        missing_applied=tuple(
            line.code for i in indicators for line in i.questions if line.status in missing
        ),
        unscored=unscored,
    )


def _index(indicators: Iterable[IndicatorScore]) -> float | None:
    return weighted_mean((i.score, i.weight) for i in indicators if i.score is not None)


def _indicator(
    q: Questionnaire, indicator: Indicator, answers: Mapping[str, Answer], rule: MissingRule
) -> IndicatorScore:
    code = indicator.code
    lines: list[QuestionScore] = []
    for question in q.questions_of(code):
        if not question.scored:
            continue
        answer = answers.get(question.code)
        if answer is None or answer.is_missing:
            status = Status.MISSING_ZERO if rule is MissingRule.ZERO else Status.MISSING_EXCLUDED
            points = 0.0 if rule is MissingRule.ZERO else None
        elif answer.not_applicable:
            status, points = Status.NOT_APPLICABLE, None
        elif answer.not_measured:
            status, points = Status.NOT_MEASURED, None
        else:
            status, points = Status.ANSWERED, answer_points(question, answer)
        lines.append(QuestionScore(question.code, code, status, points, question.weight, None, answer))
    counted = math.fsum(line.weight for line in lines if line.counted)
    lines = [replace(line, share=line.weight / counted if line.counted else None) for line in lines]
    not_applicable = sum(line.status is Status.NOT_APPLICABLE for line in lines)
    return IndicatorScore(
        code=code,
        score=weighted_mean(
            (line.points, line.weight) for line in lines if line.counted and line.points is not None
        ),
        weight=indicator.weight,
        core=indicator.core,
        composites=indicator.composites,
        answered=sum(line.status in (Status.ANSWERED, Status.NOT_MEASURED) for line in lines),
        applicable=len(lines) - not_applicable,
        not_applicable=not_applicable,
        questions=tuple(lines),
        not_measured=sum(line.status is Status.NOT_MEASURED for line in lines),
    )
