"""The bundled questionnaire loaded through mangfold.index: read, validated, written back and scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from mangfold.data import data_path
from mangfold.index.answers import RawAnswer
from mangfold.index.model import Question, Questionnaire, QuestionType
from mangfold.index.scoring import score
from mangfold.index.xlsform import bundled_questionnaires, validate_xlsform, write_xlsform

LENS = ("education", "neighbourhoods", "public_services", "business", "cultural_civil", "public_space")


@pytest.fixture(scope="module")
def loaded() -> tuple[Questionnaire, tuple[str, ...]]:
    return validate_xlsform(data_path("questionnaires", "mangfold-2026.xlsx"))


@pytest.fixture(scope="module")
def questionnaire(loaded: tuple[Questionnaire, tuple[str, ...]]) -> Questionnaire:
    return loaded[0]


def test_it_is_shipped_as_a_bundled_questionnaire() -> None:
    assert data_path("questionnaires", "mangfold-2026.xlsx") in bundled_questionnaires()


def test_it_loads_without_problems_warnings_or_notes(
    loaded: tuple[Questionnaire, tuple[str, ...]],
) -> None:
    questionnaire, warnings = loaded
    assert warnings == ()
    assert questionnaire.notes == ()
    assert questionnaire.scored


def test_its_settings_and_languages(questionnaire: Questionnaire) -> None:
    assert (questionnaire.form_id, questionnaire.version) == ("mangfold", "2026.1")
    assert questionnaire.default_language == "da"
    assert questionnaire.language_codes == ("da", "en")
    assert questionnaire.missing_answer_rule == "zero"
    assert questionnaire.title.get("da") == "mangfold – spørgeskema om interkulturel politik"


def test_its_indicators_and_composite(questionnaire: Questionnaire) -> None:
    core = [i.code for i in questionnaire.indicators if i.core]
    optional = [i.code for i in questionnaire.indicators if not i.core]
    assert len(core) == 15 and "anti_discrimination" in core
    assert optional == ["participation", "interaction"]
    assert tuple(i.code for i in questionnaire.members_of("intercultural_lens")) == LENS
    lens = questionnaire.composite("intercultural_lens")
    assert lens.name.as_dict() == {"da": "Den interkulturelle linse", "en": "The intercultural lens"}
    for indicator in questionnaire.indicators:
        assert indicator.name.languages == ("da", "en") == indicator.scope.languages
        scored = [q for q in questionnaire.questions_of(indicator.code) if q.scored]
        assert len(scored) >= 3, indicator.code


def test_its_questions_as_the_reader_sees_them(questionnaire: Questionnaire) -> None:
    questions = questionnaire.questions
    assert len(questions) >= 70
    assert all(q.text.languages == ("da", "en") == q.help.languages for q in questions)
    assert all(q.kind is not None and q.indicator is not None for q in questions)
    types = {q.type for q in questions}
    assert types == set(QuestionType)
    for q in questions:
        if q.scored and q.is_choice:
            assert all(c.points is not None for c in q.choices), q.code
        if q.scored and q.type is QuestionType.NUMBER:
            assert q.bands, q.code
    assert any(q.not_applicable for q in questions)


def test_it_round_trips_through_the_writer(questionnaire: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "copy.xlsx"
    write_xlsform(questionnaire, path)
    again, warnings = validate_xlsform(path)
    assert again == questionnaire
    assert warnings == ()


def extreme_answer(question: Question, best: bool) -> RawAnswer:
    """The answer that earns the most (``best``) or the fewest points."""
    if question.type is QuestionType.NUMBER:
        band = (max if best else min)(question.bands, key=lambda b: b.points)
        return band.threshold
    ranked = sorted(question.choices, key=lambda c: c.points or 0.0)
    if question.type is QuestionType.MULTIPLE_CHOICE and best:
        return [c.name for c in ranked if c.points]
    return (ranked[-1] if best else ranked[0]).name


def extreme_answers(questionnaire: Questionnaire, best: bool) -> dict[str, RawAnswer]:
    return {q.code: extreme_answer(q, best) for q in questionnaire.questions if q.scored}


@pytest.mark.parametrize(("best", "expected"), [(True, 100.0), (False, 0.0)])
def test_the_best_and_worst_answers_score_100_and_0_everywhere(
    questionnaire: Questionnaire, best: bool, expected: float
) -> None:
    card = score(questionnaire, extreme_answers(questionnaire, best))
    assert {i.code: i.score for i in card.indicators} == {i.code: expected for i in questionnaire.indicators}
    assert card.core_index == card.extended_index == expected
    assert [(c.code, c.score) for c in card.composites] == [("intercultural_lens", expected)]
    assert card.missing_applied == ()


def test_no_answers_score_zero_under_the_zero_rule(questionnaire: Questionnaire) -> None:
    card = score(questionnaire, {})
    assert all(i.score == 0 for i in card.indicators)
    scored = [q.code for q in questionnaire.questions if q.scored]
    assert sorted(card.missing_applied) == sorted(scored)


def test_not_applicable_school_questions_leave_the_mean(questionnaire: Questionnaire) -> None:
    answers = extreme_answers(questionnaire, best=False)
    answers |= {q.code: "na" for q in questionnaire.questions_of("education")}
    card = score(questionnaire, answers)
    education = next(i for i in card.indicators if i.code == "education")
    assert education.score is None
    scored = [q for q in questionnaire.questions_of("education") if q.scored]
    assert education.not_applicable == len(scored) >= 3
    lens = card.composites[0]
    assert lens.score == 0.0 and "education" in lens.indicators


def test_a_worked_example_for_commitment(questionnaire: Questionnaire) -> None:
    # COM1 yes 100, COM2 adopted 50, COM3 no 0, COM4 partly 50, COM5 no 0,
    # COM6 60 % of targets met -> band 50=50 -> 50; COM7 is unscored text.
    # Mean of six equally weighted questions: (100 + 50 + 0 + 50 + 0 + 50) / 6 = 41.67.
    answers: dict[str, RawAnswer] = {
        "COM1": "yes",
        "COM2": "adopted",
        "COM3": "no",
        "COM4": "partly",
        "COM5": "no",
        "COM6": 60,
        "COM7": "Evalueret i 2025 af byrådet.",
    }
    card = score(questionnaire, answers)
    commitment = next(i for i in card.indicators if i.code == "commitment")
    assert commitment.score == pytest.approx(250 / 6)
    assert [line.points for line in commitment.questions] == [100, 50, 0, 50, 0, 50]
