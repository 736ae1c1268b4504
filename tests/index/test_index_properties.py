"""Properties of scoring over random questionnaires and answers (Hypothesis).

Every score lies in 0–100; the order of the answers does not matter; an answer worth more points
never lowers its indicator, a composite or an index.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mangfold.index.answers import parse_answers
from mangfold.index.model import (
    Band,
    Choice,
    Composite,
    Indicator,
    MissingRule,
    Question,
    Questionnaire,
    QuestionType,
    Text,
)
from mangfold.index.scorecard import Scorecard
from mangfold.index.scoring import answer_points, score

POINTS = st.one_of(st.integers(0, 100).map(float), st.floats(0, 100, allow_nan=False))
WEIGHTS = st.floats(0.01, 10, allow_nan=False)
CHOICE_TYPES = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.YES_NO)


@st.composite
def questions(draw: st.DrawFn, code: str, indicator: str) -> Question:
    qtype = draw(st.sampled_from([*CHOICE_TYPES, QuestionType.NUMBER]))
    common: dict[str, Any] = {
        "weight": draw(WEIGHTS),
        "not_applicable": draw(st.booleans()),
        "indicator": indicator,
    }
    if qtype is QuestionType.NUMBER:
        thresholds = draw(st.lists(st.integers(-5, 50), min_size=1, max_size=4, unique=True))
        bands = tuple(Band(float(t), draw(POINTS)) for t in sorted(thresholds))
        return Question(code, Text(da=code), qtype, bands=bands, integer=True, **common)
    names = (
        ["yes", "no"] if qtype is QuestionType.YES_NO else [f"c{i}" for i in range(draw(st.integers(2, 4)))]
    )
    choices = tuple(Choice(n, Text(da=n), draw(POINTS)) for n in names)
    return Question(code, Text(da=code), qtype, list_name=f"list_{code}", choices=choices, **common)


@st.composite
def questionnaires(draw: st.DrawFn) -> Questionnaire:
    indicators, rows = [], []
    for i in range(draw(st.integers(1, 4))):
        code = f"ind{i}"
        composites = ("all", "half") if i % 2 == 0 else ("all",)
        indicators.append(
            Indicator(
                code, Text(da=code), weight=draw(WEIGHTS), core=draw(st.booleans()), composites=composites
            )
        )
        rows += [draw(questions(f"Q{i}_{j}", code)) for j in range(draw(st.integers(1, 5)))]
    return Questionnaire(
        form_id="random",
        version="1",
        title=Text(da="Tilfældig"),
        missing_answer_rule=draw(st.sampled_from(MissingRule)),
        indicators=tuple(indicators),
        composites=(Composite("all", Text(da="alle")), Composite("half", Text(da="halvdelen"))),
        rows=tuple(rows),
    )


@st.composite
def answers_for(draw: st.DrawFn, question: Question, allow_missing: bool = True) -> object:
    """A valid raw answer to ``question`` (None = missing, "na" when allowed)."""
    options: list[str] = ["answer"]
    if allow_missing:
        options.append("missing")
    if question.not_applicable and allow_missing:
        options.append("na")
    pick = draw(st.sampled_from(options))
    if pick == "missing":
        return None
    if pick == "na":
        return "na"
    if question.type is QuestionType.NUMBER:
        return draw(st.integers(-10, 60))
    names = [c.name for c in question.choices]
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
    return draw(st.sampled_from(names))


@st.composite
def scored_cases(draw: st.DrawFn) -> tuple[Questionnaire, dict[str, object]]:
    q = draw(questionnaires())
    return q, {x.code: draw(answers_for(x)) for x in q.questions}


def all_scores(card: Scorecard) -> list[float | None]:
    return [
        card.core_index,
        card.extended_index,
        *(i.score for i in card.indicators),
        *(c.score for c in card.composites),
    ]


@settings(max_examples=100, deadline=None)
@given(scored_cases())
def test_every_score_lies_in_0_to_100(case: tuple[Questionnaire, dict[str, object]]) -> None:
    q, answers = case
    card = score(q, answers)  # type: ignore[arg-type]
    for value in all_scores(card):
        assert value is None or 0 <= value <= 100
    for indicator in card.indicators:
        assert indicator.completeness is None or 0 <= indicator.completeness <= 1
        for line in indicator.questions:
            assert line.points is None or 0 <= line.points <= 100


@settings(max_examples=60, deadline=None)
@given(scored_cases(), st.randoms(use_true_random=False))
def test_the_order_of_answers_does_not_matter(
    case: tuple[Questionnaire, dict[str, object]], rnd: Any
) -> None:
    q, answers = case
    items = list(answers.items())
    rnd.shuffle(items)
    assert score(q, dict(items)) == score(q, answers)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_an_answer_with_more_points_never_lowers_a_score(data: st.DataObject) -> None:
    q, answers = data.draw(scored_cases())
    question = data.draw(st.sampled_from(q.questions))
    first = data.draw(answers_for(question, allow_missing=False))
    second = data.draw(answers_for(question, allow_missing=False))

    def points(raw: object) -> float:
        checked = parse_answers(q, {question.code: raw})[question.code]  # type: ignore[dict-item]
        value = answer_points(question, checked)
        assert value is not None
        return value

    low, high = sorted((first, second), key=points)
    lower = score(q, {**answers, question.code: low})  # type: ignore[dict-item]
    higher = score(q, {**answers, question.code: high})  # type: ignore[dict-item]
    for before, after in zip(all_scores(lower), all_scores(higher), strict=True):
        assert (before is None) == (after is None)
        assert before is None or after is None or after >= before
    if q.missing_answer_rule is MissingRule.ZERO:  # a missing answer counts 0: answering never lowers
        missing = score(q, {**answers, question.code: None})  # type: ignore[dict-item]
        for before, after in zip(all_scores(missing), all_scores(lower), strict=True):
            assert before is None or after is None or after >= before
