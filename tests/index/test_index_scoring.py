"""Scoring: the worked example of docs/methodology/index.md, checked against hand-computed values."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from mangfold.index.answers import Answer
from mangfold.index.errors import AnswerError
from mangfold.index.model import Band, MissingRule, Questionnaire, QuestionType
from mangfold.index.scorecard import Scorecard, Status
from mangfold.index.scoring import answer_points, band_points, score, weighted_mean

# The answers of the worked example (also in tests/index/data/worked_example_answers.*).
ANSWERS = {
    "C1": "yes",
    "C2": "partial",
    "C3": "budget body",
    "C4": "na",
    "E1": None,
    "E2": 3,
    "E3": "yes",
    "E4": "Skolernes årsrapport 2024",
    "I1": "na",
    "I2": "monthly",
}

# Hand-computed, as written out in docs/methodology/index.md ("Worked example").
COMMITMENT = (2 * 100 + 1 * 50 + 1 * 100) / (2 + 1 + 1)  # C3: 60 + 50 = 110, capped at 100; C4 n/a
EDUCATION_ZERO = (3 * 0 + 1 * 50 + 1 * 100) / (3 + 1 + 1)  # E1 missing counts 0; E2 = 3 -> band 1=50
EDUCATION_EXCLUDE = (1 * 50 + 1 * 100) / (1 + 1)  # E1 missing left out
INTERACTION = 75 / 1  # I1 n/a; I2 monthly = 75


def test_the_worked_example_gives_the_hand_computed_indicator_scores(
    worked_example: Questionnaire,
) -> None:
    card = score(worked_example, ANSWERS)
    assert card.indicator("commitment").score == pytest.approx(87.5) == pytest.approx(COMMITMENT)
    assert card.indicator("education").score == pytest.approx(30.0) == pytest.approx(EDUCATION_ZERO)
    assert card.indicator("interaction").score == pytest.approx(INTERACTION)


def test_the_worked_example_gives_the_hand_computed_indices_and_composite(
    worked_example: Questionnaire,
) -> None:
    card = score(worked_example, ANSWERS)
    # core: commitment (weight 2) and education (weight 1); interaction is optional
    assert card.core_index == pytest.approx((2 * COMMITMENT + 1 * EDUCATION_ZERO) / 3)
    assert card.core_index == pytest.approx(205 / 3)
    assert card.extended_index == pytest.approx((2 * COMMITMENT + EDUCATION_ZERO + INTERACTION) / 4)
    assert card.extended_index == pytest.approx(70.0)
    assert card.overall == card.core_index
    assert card.composite("lens").score == pytest.approx((EDUCATION_ZERO + INTERACTION) / 2)
    assert card.composite("lens").indicators == ("education", "interaction")


def test_the_exclude_rule_leaves_the_missing_answer_out(worked_example: Questionnaire) -> None:
    card = score(replace(worked_example, missing_answer_rule=MissingRule.EXCLUDE), ANSWERS)
    assert card.indicator("education").score == pytest.approx(EDUCATION_EXCLUDE) == pytest.approx(75)
    assert card.core_index == pytest.approx((2 * COMMITMENT + EDUCATION_EXCLUDE) / 3)
    assert card.extended_index == pytest.approx(81.25)
    assert card.composite("lens").score == pytest.approx(75)
    assert card.question("E1").status is Status.MISSING_EXCLUDED
    assert card.question("E1").points is None
    assert card.missing_answer_rule is MissingRule.EXCLUDE


def test_completeness_counts_answered_over_applicable(worked_example: Questionnaire) -> None:
    card = score(worked_example, ANSWERS)
    commitment, education, interaction = card.indicators
    assert (commitment.answered, commitment.applicable, commitment.not_applicable) == (3, 3, 1)
    assert (education.answered, education.applicable, education.missing) == (2, 3, 1)
    assert education.completeness == pytest.approx(2 / 3)
    assert (interaction.answered, interaction.applicable) == (1, 1)
    assert (card.answered, card.applicable) == (6, 7)
    assert card.completeness == pytest.approx(6 / 7)


def test_the_breakdown_explains_every_number(worked_example: Questionnaire) -> None:
    card = score(worked_example, ANSWERS)
    statuses = {line.code: line.status for i in card.indicators for line in i.questions}
    assert statuses == {
        "C1": Status.ANSWERED,
        "C2": Status.ANSWERED,
        "C3": Status.ANSWERED,
        "C4": Status.NOT_APPLICABLE,
        "E1": Status.MISSING_ZERO,
        "E2": Status.ANSWERED,
        "E3": Status.ANSWERED,
        "I1": Status.NOT_APPLICABLE,
        "I2": Status.ANSWERED,
    }
    assert card.missing_applied == ("E1",)
    assert [(x.code, x.status) for x in card.unscored] == [("E4", Status.UNSCORED)]
    assert card.question("E4").answer == Answer("E4", text="Skolernes årsrapport 2024")
    c1 = card.question("C1")
    assert (c1.points, c1.weight, c1.share, c1.contribution) == (100, 2, 0.5, 50)
    assert card.question("C3").points == 100  # 60 + 50, capped
    assert card.question("E1").points == 0 and card.question("E1").share == pytest.approx(3 / 5)
    for indicator in card.indicators:
        total = sum(line.contribution or 0 for line in indicator.questions)
        assert total == pytest.approx(indicator.score)


def test_a_scorecard_is_json_ready(worked_example: Questionnaire) -> None:
    data = json.loads(json.dumps(score(worked_example, ANSWERS).to_dict()))
    assert data["core_index"] == pytest.approx(205 / 3)
    assert data["indicators"][1]["questions"][0] == {
        "code": "E1",
        "status": "missing_counted_zero",
        "answer": None,
        "evidence": None,
        "points": 0.0,
        "weight": 3.0,
        "share": 0.6,
        "contribution": 0.0,
    }
    assert data["missing_answer_rule"] == "zero"


def test_answer_order_does_not_matter(worked_example: Questionnaire) -> None:
    backwards = dict(reversed(list(ANSWERS.items())))
    assert score(worked_example, backwards) == score(worked_example, ANSWERS)


@pytest.mark.parametrize(
    ("answers", "needle"),
    [
        ({"X9": "yes"}, "X9: unknown question code"),
        ({"C11": "yes"}, "C11: unknown question code (did you mean C1?)"),
        ({"C2": "maybe"}, "C2: unknown choice 'maybe' (choices: none, partial, full)"),
        ({"C2": "none full"}, "C2: single choice, but 2 choices were given"),
        ({"C1": ["yes", "no"]}, "C1: single choice"),
        ({"C2": "na"}, "C2: 'not applicable' is not allowed"),
        ({"E2": "many"}, "E2: expected a number, got 'many'"),
        ({"E2": 2.5}, "E2: expected a whole number"),
        ({"C3": "budget budget"}, "C3: choice 'budget' given more than once"),
        ({"E2": ["1", "2"]}, "E2: expected one value"),
    ],
)
def test_invalid_answers_are_refused_naming_the_question(
    worked_example: Questionnaire, answers: dict[str, object], needle: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        score(worked_example, answers)  # type: ignore[arg-type]
    assert needle in str(caught.value)


def test_every_invalid_answer_is_reported_at_once(worked_example: Questionnaire) -> None:
    with pytest.raises(AnswerError) as caught:
        score(worked_example, {"C2": "maybe", "E2": "many", "Z1": "x"})
    assert [p.question for p in caught.value.problems] == ["C2", "E2", "Z1"]


def test_numbers_may_be_written_as_text_with_a_decimal_comma(worked_example: Questionnaire) -> None:
    e2 = replace(worked_example.question("E2"), integer=False)
    q = replace(
        worked_example,
        rows=tuple(e2 if r == worked_example.question("E2") else r for r in worked_example.rows),
    )
    card = score(q, {"E2": "4,5"})
    assert card.question("E2").answer == Answer("E2", number=4.5)
    assert card.question("E2").points == 50


def test_band_points_take_the_highest_band_reached() -> None:
    bands = (Band(0, 0), Band(1, 50), Band(5, 100))
    assert [band_points(bands, v) for v in (-1, 0, 0.99, 1, 4.9, 5, 500)] == [0, 0, 0, 50, 50, 100, 100]
    assert band_points((Band(10, 40),), 3) == 0  # below the first band: 0 points


def test_answer_points_of_each_question_type(worked_example: Questionnaire) -> None:
    q = worked_example
    assert answer_points(q.question("C2"), Answer("C2", choices=("full",))) == 100
    assert answer_points(q.question("C3"), Answer("C3", choices=("evaluation",))) == 20
    assert answer_points(q.question("C3"), Answer("C3", choices=("budget", "evaluation"))) == 80
    assert answer_points(q.question("E2"), Answer("E2", number=7)) == 100
    assert answer_points(q.question("C4"), Answer("C4", not_applicable=True)) is None
    assert answer_points(q.question("E4"), Answer("E4", text="x")) is None
    assert q.question("E4").type is QuestionType.TEXT


def test_weighted_mean_stays_within_its_values() -> None:
    assert weighted_mean([]) is None
    assert weighted_mean([(100.0, 0.1)] * 10) == 100.0
    assert weighted_mean([(10.0, 1.0), (40.0, 3.0)]) == pytest.approx(32.5)


def test_an_indicator_with_only_not_applicable_answers_has_no_score(
    worked_example: Questionnaire,
) -> None:
    i2 = worked_example.question("I2")
    rows = tuple(replace(i2, not_applicable=True) if r == i2 else r for r in worked_example.rows)
    card = score(replace(worked_example, rows=rows), {**ANSWERS, "I2": "na"})
    interaction = card.indicator("interaction")
    assert interaction.score is None and interaction.completeness is None
    assert card.composite("lens").score == pytest.approx(EDUCATION_ZERO)  # left out of the mean
    assert card.extended_index == pytest.approx((2 * COMMITMENT + EDUCATION_ZERO) / 3)


def test_a_missing_answer_counts_zero_or_leaves_the_indicator_without_score(
    worked_example: Questionnaire,
) -> None:
    card = score(worked_example, {**ANSWERS, "I2": None})
    assert card.indicator("interaction").score == 0  # rule zero: I2 missing counts 0
    excluding = replace(worked_example, missing_answer_rule=MissingRule.EXCLUDE)
    interaction = score(excluding, {**ANSWERS, "I2": None}).indicator("interaction")
    assert interaction.score is None and interaction.completeness == 0


def test_no_answers_at_all(worked_example: Questionnaire) -> None:
    card = score(worked_example, {})
    assert card.core_index == 0 and card.completeness == 0
    card = score(replace(worked_example, missing_answer_rule=MissingRule.EXCLUDE), {})
    assert card.core_index is None and card.extended_index is None


def test_a_legacy_scorecard_holds_published_results() -> None:
    card = Scorecard.legacy(
        overall=66,
        indicators={"commitment": 80, "education": 55},
        source="Copenhagen, Employment and Integration Committee, minutes 16.01.2012",
        form_id="icc",
        version="2011",
    )
    assert card.is_legacy and card.overall == 66 and card.extended_index is None
    assert card.indicator("education").score == 55
    assert card.indicator("education").questions == ()
    assert card.completeness is None
    assert card.to_dict()["source"].startswith("Copenhagen")
    with pytest.raises(ValueError, match="0–100"):
        Scorecard.legacy(overall=101, source="x")
    with pytest.raises(ValueError, match="source"):
        Scorecard.legacy(overall=50, source=" ")


def test_the_methodology_page_shows_what_the_code_computes(worked_example: Questionnaire) -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "methodology" / "index.md").read_text("utf-8")
    zero = score(worked_example, ANSWERS)
    excluding = score(replace(worked_example, missing_answer_rule=MissingRule.EXCLUDE), ANSWERS)
    for name, value in [
        ("commitment", zero.indicator("commitment").score),
        ("education", zero.indicator("education").score),
        ("interaction", zero.indicator("interaction").score),
        ("lens", zero.composite("lens").score),
        ("core index", zero.core_index),
        ("extended index", zero.extended_index),
        ("education", excluding.indicator("education").score),
        ("core index", excluding.core_index),
        ("extended index", excluding.extended_index),
    ]:
        assert value is not None
        shown = f"{value:.2f}".rstrip("0").rstrip(".")
        assert re.search(rf"{name} .*= {re.escape(shown)}\n", page), (name, shown)
