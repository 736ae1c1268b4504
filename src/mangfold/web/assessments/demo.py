"""The assessments part of the demo: published ICC results of real cities, one invented example.

Called from :func:`mangfold.web.core.demo.load_demo`. Idempotent: loading twice changes nothing.

- The published overall scores of ``data/icc-published-results.csv`` (domain notes §2, each with its
  source; no answers and no indicator scores are invented for real cities).
- A round "mangfold 2026" on the bundled questionnaire, with a complete, approved and published
  assessment of the fictional "Eksempelby": its answers are generated from a fixed seed and marked as
  invented in their evidence.
"""

from __future__ import annotations

import datetime
import random
from importlib import resources
from typing import Any

from django.db import transaction
from django.utils import timezone

from mangfold.index.model import Question, Questionnaire, QuestionType
from mangfold.web.accounts.models import CityRole, NetworkRole
from mangfold.web.assessments.legacy import import_legacy
from mangfold.web.assessments.models import Answer, AnswerChange, Assessment, Round, Transition
from mangfold.web.assessments.questionnaires import bundled_version, questionnaire_of
from mangfold.web.assessments.workflow import move
from mangfold.web.network.models import City, Network

EXAMPLE_CITY = "eksempelby"
EXAMPLE_ROUND = "2026"
SEED = 2026
INVENTED = (
    "Invented for the demo: Eksempelby is a fictional city. / "
    "Opfundet til demoen: Eksempelby er en opdigtet by."
)


def legacy_results_csv() -> str:
    return (resources.files("mangfold.web.assessments") / "data" / "icc-published-results.csv").read_text(
        "utf-8"
    )


def example_value(question: Question, rng: random.Random) -> dict[str, Any]:
    """An invented answer (the same for the same random generator state)."""
    if question.not_applicable and rng.random() < 0.1:
        return {"na": True}
    if question.type is QuestionType.MULTIPLE_CHOICE:
        names = [c.name for c in question.choices]
        return {"choices": sorted(rng.sample(names, rng.randint(1, len(names))), key=names.index)}
    if question.is_choice:
        return {"choices": [rng.choice(question.choices).name]}
    if question.type is QuestionType.NUMBER:
        top = max((b.threshold for b in question.bands), default=50.0)
        number = rng.randint(0, max(1, int(top * 1.5)))
        return {"number": float(number)}
    return {"text": "Eksempelby: invented example text. / opfundet eksempeltekst."}


def example_answers(questionnaire: Questionnaire, seed: int = SEED) -> dict[str, dict[str, Any]]:
    """Invented answers to every question, deterministic for a seed."""
    rng = random.Random(seed)  # noqa: S311 (invented demo answers, not security)
    return {q.code: example_value(q, rng) for q in questionnaire.questions}


@transaction.atomic
def load_assessments_demo(network: Network) -> None:
    import_legacy(legacy_results_csv(), filename="icc-published-results.csv")
    version = bundled_version()
    round_, _ = Round.objects.get_or_create(
        network=network,
        slug=EXAMPLE_ROUND,
        defaults={
            "name": "mangfold 2026",
            "questionnaire": version,
            "deadline": datetime.date(2026, 12, 31),
            "description": "The first round on mangfold's own questionnaire.",
        },
    )
    city = City.objects.filter(slug=EXAMPLE_CITY).first()
    if city is None or Assessment.objects.filter(round=round_, city=city).exists():
        return
    official = (
        CityRole.objects.filter(city=city, role=CityRole.Role.COORDINATOR).select_related("user").first()
    )
    admin = NetworkRole.objects.filter(network=network).select_related("user").first()
    author = official.user if official else None
    reviewer = admin.user if admin else None
    assessment = Assessment.objects.create(round=round_, city=city)
    Transition.objects.create(assessment=assessment, to_state=Assessment.State.DRAFT, by=author)
    now = timezone.now()
    for code, value in example_answers(questionnaire_of(version)).items():
        answer = Answer.objects.create(
            assessment=assessment,
            question=code,
            value=value,
            evidence=INVENTED,
            version=1,
            updated_by=author,
            updated_at=now,
        )
        AnswerChange.objects.create(
            answer=answer, version=1, based_on=0, by=author, at=now, new_value=value, new_evidence=INVENTED
        )
    move(assessment, Assessment.State.SUBMITTED, author)
    move(assessment, Assessment.State.APPROVED, reviewer)
    move(assessment, Assessment.State.PUBLISHED, reviewer)
