"""The demo's second round: the example cities on questionnaire 2026.2, invented and marked so (issue 14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mangfold.index.progress import comparable_indicators
from mangfold.index.versions import comparable_questions
from mangfold.web.assessments.editing import raw_answers
from mangfold.web.assessments.models import Assessment
from mangfold.web.assessments.questionnaires import round_questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: Any, settings: Any, tmp_path: Path) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MANGFOLD_EVIDENCE_ROOT = tmp_path
    from mangfold.web.core.demo import load_demo

    load_demo("demo-password-123")


def test_the_example_cities_answer_2026_2_in_a_second_round_marked_as_invented(demo: None) -> None:
    from mangfold.web.core.demo import load_demo

    load_demo("demo-password-123")  # idempotent
    second = Assessment.objects.filter(round__slug="2027").select_related("round")
    assert second.count() == 5 and all(a.state == "published" for a in second)
    q = round_questionnaire(second[0].round)
    assert q is not None and q.version == "2026.2"
    first = Assessment.objects.get(round__slug="2026", city__slug="eksempelby")
    assert round_questionnaire(first.round).version == "2026.1"  # type: ignore[union-attr]
    for assessment in second:
        assert all("Invented for the demo" in a.evidence for a in assessment.answers.all())


def test_second_round_answers_never_combine_none_and_not_measured_shows_as_coverage(demo: None) -> None:
    for assessment in Assessment.objects.filter(round__slug="2027"):
        for answer in assessment.answers.all():
            choices = (answer.value or {}).get("choices", [])
            assert not ("none" in choices and len(choices) > 1), (assessment.city.slug, answer.question)
    coverages = [
        i["coverage"]
        for a in Assessment.objects.filter(round__slug="2027")
        for i in a.official_scorecard["indicators"]
        if any(line["status"] == "not_measured" for line in i["questions"])
    ]
    assert coverages and all(c < 1 for c in coverages)


def test_only_mapped_questions_carry_the_first_round_answers_for_a_trend(demo: None) -> None:
    first = Assessment.objects.get(round__slug="2026", city__slug="sampleton")
    second = Assessment.objects.get(round__slug="2027", city__slug="sampleton")
    old_q, new_q = round_questionnaire(first.round), round_questionnaire(second.round)
    assert old_q is not None and new_q is not None
    shares = comparable_indicators(old_q, new_q)
    assert {code for code, share in shares.items() if share == 1.0} == {"media", "mediation"}
    before, after = raw_answers(list(first.answers.all())), raw_answers(list(second.answers.all()))
    for new_code, old_code in comparable_questions(new_q).items():
        old, new = before.get(old_code), after.get(new_code)
        question = new_q.question(new_code)
        if isinstance(old, list) and question.type.value == "multiple_choice":
            assert new == [n for n in old if n != "none"] or new == old == ["none"], new_code
            continue
        if not isinstance(old, list):
            assert new == old, new_code
            continue
        ranked = [c.name for c in sorted(question.choices, key=lambda c: c.points or 0.0)]
        assert ranked.index(new[0]) - ranked.index(old[0]) in (0, 1), new_code  # kept or one step up
