"""Scores of an assessment: the live scorecard while editing, the official one fixed at approval.

Both come from :func:`mangfold.index.scoring.score`; the official scorecard is stored as JSON (its
``to_dict()`` without evidence), so later questionnaire or rule changes never alter it, and read back by
the core's one loader (:func:`mangfold.index.scorecard.load_scorecard`). The page view of a scorecard is
built from that stored form for both.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from mangfold.index.errors import AnswerError
from mangfold.index.model import Questionnaire, QuestionType
from mangfold.index.scorecard import Scorecard, StoredLine, StoredScorecard, load_scorecard
from mangfold.index.scoring import score
from mangfold.web.assessments.answer_display import display_value
from mangfold.web.assessments.editing import raw_answers
from mangfold.web.assessments.models import Answer, Assessment
from mangfold.web.assessments.questionnaires import label, round_questionnaire
from mangfold.web.core.indicator_names import plain_name


def questionnaire_for(assessment: Assessment) -> Questionnaire | None:
    return round_questionnaire(assessment.round)


def live_scorecard(assessment: Assessment, answers: Iterable[Answer] | None = None) -> Scorecard | None:
    """The scorecard of the answers as they stand (None for results imported without answers);
    ``answers``: the assessment's answers when the caller has them already."""
    questionnaire = questionnaire_for(assessment)
    if questionnaire is None:
        return None
    raw = raw_answers(list(assessment.answers.all() if answers is None else answers))
    try:
        return score(questionnaire, raw)  # checks the answers (once) before scoring them
    except AnswerError as error:  # answers stored under an older questionnaire: score what still fits
        bad = {p.question for p in error.problems}
        return score(questionnaire, {k: v for k, v in raw.items() if k not in bad})


def scorecard_json(card: Scorecard) -> dict[str, Any]:
    """A scorecard as stored: ``to_dict()`` with every evidence entry removed."""
    data = card.to_dict()
    for line in [*data["unscored"], *(q for i in data["indicators"] for q in i["questions"])]:
        line.pop("evidence", None)
    return data


def scorecard_data(assessment: Assessment, private: bool) -> StoredScorecard | None:
    """The official scorecard when there is one; for private viewers before approval, the live one."""
    if assessment.official_scorecard:
        return load_scorecard(assessment.official_scorecard)
    if not private:
        return None
    card = live_scorecard(assessment)
    return load_scorecard(scorecard_json(card)) if card is not None else None


def status_label(status: str) -> str:
    labels = {
        "answered": _("answered"),
        "not_applicable": _("not applicable"),
        "not_measured": _("not measured: left out of the mean"),
        "missing_counted_zero": _("not answered: counts 0 points"),
        "missing_excluded": _("not answered: left out of the mean"),
        "unscored": _("not scored"),
    }
    return labels.get(status, status)


@dataclass
class LineView:
    code: str
    text: str
    answer: str
    status: str
    points: float | None
    share: float | None
    contribution: float | None


@dataclass
class IndicatorView:
    code: str
    name: str
    score: float | None
    core: bool
    answered: int
    applicable: int
    completeness: float | None
    lines: list[LineView] = field(default_factory=list)
    coverage: float | None = None
    """The weight share of the applicable questions that count (below 1 with "not measured" answers)."""


@dataclass
class ScorecardView:
    overall: float | None
    extended: float | None
    completeness: float | None
    source: str | None
    rule: str | None
    indicators: list[IndicatorView]
    composites: list[tuple[str, float | None]]


def scorecard_view(
    data: StoredScorecard, questionnaire: Questionnaire | None, private: bool
) -> ScorecardView:
    """The page view of a stored scorecard; public views never show free-text answers."""

    def name_of(code: str) -> str:
        if questionnaire is not None:
            try:
                return label(questionnaire, questionnaire.indicator(code).name)
            except KeyError:
                pass
        return plain_name(code)

    def line(raw: StoredLine) -> LineView:
        code = raw.code
        question = (
            questionnaire.question(code) if questionnaire and questionnaire.has_question(code) else None
        )
        text = label(questionnaire, question.text) if question and questionnaire else code
        free_text = question is not None and question.type is QuestionType.TEXT
        answer = "–" if not private and free_text else _answer_text(questionnaire, code, raw.answer)
        return LineView(code, text, answer, status_label(raw.status), raw.points, raw.share, raw.contribution)

    indicators = [
        IndicatorView(
            i.code,
            name_of(i.code),
            i.score,
            i.core,
            i.answered,
            i.applicable,
            i.completeness,
            [line(q) for q in i.questions],
            i.coverage,
        )
        for i in data.indicators
    ]
    composites = [(_composite_name(questionnaire, code), score) for code, score in data.composites]
    return ScorecardView(
        data.overall,
        data.extended,
        data.completeness,
        data.source,
        data.missing_answer_rule,
        indicators,
        composites,
    )


def _composite_name(questionnaire: Questionnaire | None, code: str) -> str:
    if questionnaire is not None:
        with contextlib.suppress(KeyError):
            return label(questionnaire, questionnaire.composite(code).name)
    return code


def _answer_text(questionnaire: Questionnaire | None, code: str, answer: str | None) -> str:
    if answer is None:
        return "–"
    if answer == "na":
        return display_value(questionnaire, code, {"na": True})
    question = questionnaire.question(code) if questionnaire and questionnaire.has_question(code) else None
    if question is not None and question.is_choice:
        return display_value(questionnaire, code, {"choices": answer.split()})
    if question is not None and question.type is QuestionType.NUMBER:
        try:
            return display_value(questionnaire, code, {"number": float(answer)})
        except ValueError:
            return answer
    return answer
