""" "Not measured" answers, required and exclusive choices (issue 14), hand-computed."""

from __future__ import annotations

import pytest

from mangfold.index.answers import parse_answers
from mangfold.index.errors import AnswerError
from mangfold.index.model import Choice, Indicator, Kind, Question, Questionnaire, QuestionType, Text
from mangfold.index.scorecard import Status
from mangfold.index.scoring import answer_points, score

YES_NO = (Choice("yes", Text(en="Yes"), 100), Choice("no", Text(en="No"), 0))
WELCOME = (
    Choice("refugees", Text(en="Refugees"), 25, required=True),
    Choice("workers", Text(en="Workers"), 25),
    Choice("students", Text(en="Students"), 25),
    Choice("families", Text(en="Families"), 25),
    Choice("others", Text(en="Others"), 25),
    Choice("none", Text(en="None"), 0, exclusive=True),
)


def questionnaire() -> Questionnaire:
    def yes_no(code: str) -> Question:
        return Question(code, Text(en=code), QuestionType.YES_NO, "wel", choices=YES_NO)

    survey = Question(
        "WEL5",
        Text(en="Satisfaction gap"),
        QuestionType.NUMBER,
        "wel",
        kind=Kind.IMPACT,
        bands=(),
        scored=True,
        not_measured=True,
    )
    groups = Question(
        "WEL3", Text(en="Groups"), QuestionType.MULTIPLE_CHOICE, "wel", list_name="groups", choices=WELCOME
    )
    return Questionnaire(
        "t",
        "1",
        Text(en="t"),
        indicators=(Indicator("wel", Text(en="Welcoming")),),
        rows=(yes_no("WEL1"), yes_no("WEL2"), groups, survey),
    )


def test_a_no_survey_answer_leaves_the_indicator_score_the_mean_of_the_rest_and_shows_its_coverage() -> None:
    card = score(questionnaire(), {"WEL1": "yes", "WEL2": "no", "WEL3": "refugees workers", "WEL5": "nm"})
    wel = card.indicator("wel")
    # (100 + 0 + 50) / 3 = 50; WEL5 is out of the mean, not a 0 (which would give 150 / 4 = 37.5)
    assert wel.score == pytest.approx(50.0)
    assert wel.coverage == pytest.approx(0.75)
    assert wel.not_measured == 1
    assert card.question("WEL5").status is Status.NOT_MEASURED
    assert card.to_dict()["indicators"][0]["coverage"] == pytest.approx(0.75)


def test_an_unanswered_measurement_still_counts_zero_unlike_not_measured() -> None:
    card = score(questionnaire(), {"WEL1": "yes", "WEL2": "no", "WEL3": "refugees workers"})
    assert card.indicator("wel").score == pytest.approx(37.5)
    assert card.indicator("wel").coverage == pytest.approx(1.0)


def test_not_measured_is_refused_where_the_question_does_not_allow_it() -> None:
    with pytest.raises(AnswerError, match="WEL1"):
        parse_answers(questionnaire(), {"WEL1": "nm"})


def test_a_multiple_choice_without_its_required_choice_cannot_reach_100() -> None:
    q = questionnaire().question("WEL3")
    checked = parse_answers(questionnaire(), {"WEL3": "workers students families others"})["WEL3"]
    # 4 × 25 = 100 before the rule; refugees (25 points) lacking: at most 100 − 25 = 75
    assert answer_points(q, checked) == pytest.approx(75.0)
    full = parse_answers(questionnaire(), {"WEL3": "refugees workers students families"})["WEL3"]
    assert answer_points(q, full) == pytest.approx(100.0)


def test_none_combined_with_another_choice_is_refused_with_the_question_named() -> None:
    with pytest.raises(AnswerError) as caught:
        score(questionnaire(), {"WEL3": "none refugees"})
    assert "WEL3" in str(caught.value)
    assert "'none'" in str(caught.value)
    card = score(questionnaire(), {"WEL3": "none"})
    assert card.question("WEL3").points == 0
