"""The demo's invented answers are valid answers: no multiple choice combines "none" with another choice."""

from __future__ import annotations

import random

import pytest

from mangfold.index.model import QuestionType
from mangfold.index.xlsform import bundled_questionnaires, read_xlsform
from mangfold.web.assessments.demo import EXAMPLE_CITIES, example_answers, example_value


@pytest.mark.parametrize("path", bundled_questionnaires(), ids=lambda p: p.name)
def test_no_invented_multiple_choice_answer_combines_none_with_another_choice(path: object) -> None:
    questionnaire = read_xlsform(path)  # type: ignore[arg-type]
    multiple = [q for q in questionnaire.questions if q.type is QuestionType.MULTIPLE_CHOICE]
    assert multiple and all("none" in {c.name for c in q.choices} for q in multiple)
    drawn = 0
    for _slug, seed, strength, *_ in EXAMPLE_CITIES:
        answers = example_answers(questionnaire, seed, strength)
        for question in multiple:
            choices = answers[question.code].get("choices")
            if choices is None:
                continue
            drawn += 1
            assert choices, question.code
            assert not ("none" in choices and len(choices) > 1), (seed, question.code, choices)
    assert drawn >= 5 * len(multiple) - 5  # "not applicable" is drawn now and then


def test_none_drawn_beside_other_choices_is_dropped_and_none_alone_is_kept() -> None:
    questionnaire = read_xlsform(bundled_questionnaires()[0])
    question = next(q for q in questionnaire.questions if q.code == "PUB4")
    seen_alone = seen_dropped = False
    for seed in range(400):
        rng = random.Random(seed)
        names = [c.name for c in question.choices]
        twin = random.Random(seed)
        if question.not_applicable and twin.random() < 0.1:
            continue
        raw = sorted(twin.sample(names, twin.randint(1, len(names))), key=names.index)
        value = example_value(question, rng)
        if raw == ["none"]:
            assert value == {"choices": ["none"]}
            seen_alone = True
        elif "none" in raw:
            assert value == {"choices": [n for n in raw if n != "none"]}
            seen_dropped = True
        else:
            assert value == {"choices": raw}
    assert seen_alone and seen_dropped
