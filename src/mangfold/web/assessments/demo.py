"""The assessments part of the demo: published ICC results of real cities, one invented example.

Called from :func:`mangfold.web.core.demo.load_demo`. Idempotent: loading twice changes nothing.

- The published overall scores of ``data/icc-published-results.csv`` (domain notes §2, each with its
  source; no answers and no indicator scores are invented for real cities).
- A round "mangfold 2026" on the bundled questionnaire, with complete, approved and published
  assessments of the fictional example cities ("Eksempelby" and the other "(example)" cities of the
  practice library): their answers are generated from fixed seeds, each city with its own strength so that
  ranks and peer groups mean something, and marked as invented in their evidence. Their populations and
  foreign-born shares are invented too, and say so in their source.
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
from mangfold.web.assessments.demo_published import name_published_rounds
from mangfold.web.assessments.demo_second_round import load_second_round
from mangfold.web.assessments.legacy import import_legacy
from mangfold.web.assessments.models import Answer, AnswerChange, Assessment, Round, Transition
from mangfold.web.assessments.questionnaires import bundled_version, questionnaire_of
from mangfold.web.assessments.workflow import move
from mangfold.web.network.models import City, Network

EXAMPLE_CITY = "eksempelby"
EXAMPLE_ROUND = "2026"
SEED = 2026
INVENTED = "Invented for the demo: this is a fictional city. / Opfundet til demoen: dette er en opdigtet by."
INVENTED_SOURCE = "Invented for the demo (fictional city) / opfundet til demoen (opdigtet by)"
# slug, seed, strength (0 weakest – 1 strongest; None: uniform draws), population, foreign-born %
EXAMPLE_CITIES = [
    (EXAMPLE_CITY, SEED, None, 145_000, 12.5),
    ("proevestad", 2027, 0.35, 62_000, 8.0),
    ("musterstadt", 2028, 0.7, 480_000, 19.5),
    ("exempelstad", 2029, 0.55, 230_000, 21.0),
    ("sampleton", 2030, 0.85, 910_000, 27.5),
]


def legacy_results_csv() -> str:
    return (resources.files("mangfold.web.assessments") / "data" / "icc-published-results.csv").read_text(
        "utf-8"
    )


def example_value(question: Question, rng: random.Random, strength: float | None = None) -> dict[str, Any]:
    """An invented answer (the same for the same random generator state).

    With a ``strength`` in 0–1, single-choice answers lean towards choices with more points (a strong
    city mostly picks the best choices, a weak one the worst), with some noise.
    """
    if question.not_applicable and rng.random() < 0.1:
        return {"na": True}
    if question.type is QuestionType.MULTIPLE_CHOICE:
        names = [c.name for c in question.choices]
        picked = sorted(rng.sample(names, rng.randint(1, len(names))), key=names.index)
        return {"choices": without_exclusive_mix(question, picked)}
    if question.is_choice and strength is not None:
        ranked = sorted(question.choices, key=lambda c: c.points or 0.0)
        position = min(max(strength + rng.gauss(0, 0.3), 0.0), 1.0)
        return {"choices": [ranked[round(position * (len(ranked) - 1))].name]}
    if question.is_choice:
        return {"choices": [rng.choice(question.choices).name]}
    if question.type is QuestionType.NUMBER:
        top = max((b.threshold for b in question.bands), default=50.0)
        number = rng.randint(0, max(1, int(top * 1.5)))
        return {"number": float(number)}
    return {"text": "Eksempelby: invented example text. / opfundet eksempeltekst."}


def exclusive_choices(question: Question) -> set[str]:
    """The choices that stand alone: those the questionnaire marks ``exclusive``, and in a version that
    marks none (2026.1) the choice named ``none`` ("none of these"), exclusive from 2026.2 on."""
    marked = {c.name for c in question.choices if c.exclusive}
    return marked or {c.name for c in question.choices if c.name == "none"}


def without_exclusive_mix(question: Question, picked: list[str]) -> list[str]:
    """``picked`` as a valid answer: an exclusive choice drawn beside others is dropped (the draw of the
    random generator is unchanged, so the other invented answers stay as they were)."""
    exclusive = exclusive_choices(question)
    if len(picked) > 1 and exclusive & set(picked):
        return [name for name in picked if name not in exclusive]
    return picked


def example_answers(
    questionnaire: Questionnaire, seed: int = SEED, strength: float | None = None
) -> dict[str, dict[str, Any]]:
    """Invented answers to every question, deterministic for a seed (and strength)."""
    rng = random.Random(seed)  # noqa: S311 (invented demo answers, not security)
    return {q.code: example_value(q, rng, strength) for q in questionnaire.questions}


@transaction.atomic
def load_assessments_demo(network: Network) -> None:
    import_legacy(legacy_results_csv(), filename="icc-published-results.csv")
    name_published_rounds()
    version = bundled_version("2026.1")
    round_, _ = Round.objects.get_or_create(
        network=network,
        slug=EXAMPLE_ROUND,
        defaults={
            "name": "mangfold 2026",
            "name_en": "mangfold 2026",
            "questionnaire": version,
            "deadline": datetime.date(2026, 12, 31),
            "description": "Første runde på mangfolds eget spørgeskema. Eksempelbyernes svar er opfundet til "
            "demoen.",
            "description_en": "The first round on mangfold's own questionnaire. The example cities' answers "
            "are invented for the demo.",
        },
    )
    for slug, seed, strength, population, foreign_born in EXAMPLE_CITIES:
        city = City.objects.filter(slug=slug, is_example=True).first()
        if city is None:
            continue
        _invented_facts(city, population, foreign_born)
        if not Assessment.objects.filter(round=round_, city=city).exists():
            _publish_example(
                network, round_, city, example_answers(questionnaire_of(version), seed, strength)
            )
    load_second_round(
        network,
        EXAMPLE_ROUND,
        [(s, seed, strength) for s, seed, strength, *_ in EXAMPLE_CITIES],
        _publish_example,
    )


def _invented_facts(city: City, population: int, foreign_born: float) -> None:
    if city.population is None:
        city.population, city.population_year, city.population_source = population, 2026, INVENTED_SOURCE
        city.foreign_born_share, city.foreign_born_year = foreign_born, 2026
        city.foreign_born_source = INVENTED_SOURCE
        city.save()


def _publish_example(network: Network, round_: Round, city: City, answers: dict[str, dict[str, Any]]) -> None:
    official = (
        CityRole.objects.filter(city=city, role=CityRole.Role.COORDINATOR).select_related("user").first()
    )
    admin = NetworkRole.objects.filter(network=network).select_related("user").first()
    author = official.user if official else None
    reviewer = admin.user if admin else None
    assessment = Assessment.objects.create(round=round_, city=city)
    Transition.objects.create(assessment=assessment, to_state=Assessment.State.DRAFT, by=author)
    now = timezone.now()
    for code, value in answers.items():
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
