"""The demo's second round: the fictional example cities answer questionnaire 2026.2 (issue 14).

Called at the end of :func:`mangfold.web.assessments.demo.load_assessments_demo`; idempotent. Round
``2027`` ("mangfold 2027") uses the bundled questionnaire 2026.2. Each example city that has a
published assessment in the first round (``2026``, questionnaire 2026.1) gets a published assessment
here, with answers that are invented like the first round's and marked as invented in their evidence:

- a question the version map declares comparable (``same``/``reworded``) starts from the city's 2026.1
  answer, and a third of them move one step up (an invented improvement), so that the trend of a
  comparable indicator shows a change a reader can check question by question;
- every other question gets a fresh invented answer that obeys 2026.2's rules: a multiple choice never
  combines ``none`` with another choice, and a measurement that accepts "not measured" is answered so
  for about a third of the cities' questions (no survey), which shows as coverage below 100 %.

Only the indicators whose questions are all comparable (:func:`mangfold.index.versions.comparable_indicators`:
media and mediation) may show a change from 2026.1 to 2026.2; the overall scores are of two versions
whose map does not make them comparable.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import Any

from mangfold.index.answers import parse_answers
from mangfold.index.model import Question, Questionnaire, QuestionType
from mangfold.index.versions import comparable_questions
from mangfold.web.assessments.editing import raw_answers
from mangfold.web.assessments.models import Answer, Assessment, Round
from mangfold.web.assessments.questionnaires import bundled_version, questionnaire_of
from mangfold.web.network.models import City, Network

SECOND_ROUND = "2027"
VERSION = "2026.2"
NOT_MEASURED_SHARE = 1 / 3
IMPROVED_SHARE = 1 / 3


def load_second_round(
    network: Network,
    first_round: str,
    cities: list[tuple[str, int, float | None]],
    publish: Callable[[Network, Round, City, dict[str, dict[str, Any]]], None],
) -> None:
    """Round ``2027`` on questionnaire 2026.2 with an invented, published assessment for each example
    city of ``cities`` (slug, seed, strength) that has one in ``first_round``; ``publish`` creates and
    publishes an assessment as the first round's are (the demo's own function)."""
    previous = Round.objects.filter(network=network, slug=first_round).first()
    if previous is None:
        return
    version = bundled_version(VERSION)
    round_, _ = Round.objects.get_or_create(
        network=network,
        slug=SECOND_ROUND,
        defaults={
            "name": "mangfold 2027",
            "name_en": "mangfold 2027",
            "questionnaire": version,
            "deadline": datetime.date(2027, 12, 31),
            "description": "Anden runde, på spørgeskema 2026.2. Eksempelbyernes svar er opfundet til demoen.",
            "description_en": "The second round, on questionnaire 2026.2. The example cities' answers are "
            "invented for the demo.",
        },
    )
    questionnaire = questionnaire_of(version)
    for slug, seed, strength in cities:
        city = City.objects.filter(slug=slug, is_example=True).first()
        earlier = Assessment.objects.filter(round=previous, city=city).first() if city else None
        if city is None or earlier is None or Assessment.objects.filter(round=round_, city=city).exists():
            continue
        before = raw_answers(list(Answer.objects.filter(assessment=earlier)))
        answers = second_round_answers(questionnaire, before, seed + 1, strength)
        publish(network, round_, city, answers)


def second_round_answers(
    questionnaire: Questionnaire, before: dict[str, Any], seed: int, strength: float | None
) -> dict[str, dict[str, Any]]:
    """Invented 2026.2 answers (stored form), deterministic for a seed; checked against the questionnaire."""
    rng = random.Random(seed)  # noqa: S311 (invented demo answers, not security)
    carried = comparable_questions(questionnaire)
    answers: dict[str, dict[str, Any]] = {}
    for question in questionnaire.questions:
        old = before.get(carried.get(question.code, ""))
        if old is not None:
            answers[question.code] = _carried(question, old, rng)
        else:
            answers[question.code] = _fresh(question, rng, 0.5 if strength is None else strength)
    parse_answers(questionnaire, raw_answers_of(answers))  # refuses anything 2026.2 does not accept
    return answers


def raw_answers_of(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Stored answers as :func:`~mangfold.index.answers.parse_answers` reads them (unsaved models)."""
    return raw_answers([Answer(question=code, value=value) for code, value in answers.items()])


def _carried(question: Question, old: Any, rng: random.Random) -> dict[str, Any]:
    if old == "na":
        return {"na": True}
    if isinstance(old, list):
        names = [str(n) for n in old]
        exclusive = {c.name for c in question.choices if c.exclusive}
        if len(names) > 1 and exclusive & set(names):  # first-round "none" beside others: 0 points, dropped
            names = [n for n in names if n not in exclusive]
        if question.type is not QuestionType.MULTIPLE_CHOICE and rng.random() < IMPROVED_SHARE:
            ranked = sorted(question.choices, key=lambda c: c.points or 0.0)
            at = next((i for i, c in enumerate(ranked) if c.name == names[0]), 0)
            names = [ranked[min(at + 1, len(ranked) - 1)].name]
        return {"choices": names}
    if isinstance(old, int | float):
        return {"number": float(old)}
    return {"text": str(old)}


def _fresh(question: Question, rng: random.Random, strength: float) -> dict[str, Any]:
    if question.not_measured and rng.random() < NOT_MEASURED_SHARE:
        return {"nm": True}
    if question.not_applicable and rng.random() < 0.1:
        return {"na": True}
    if question.type is QuestionType.MULTIPLE_CHOICE:
        options = [c.name for c in question.choices if not c.exclusive]
        if rng.random() < 0.1 and len(options) < len(question.choices):
            return {"choices": [c.name for c in question.choices if c.exclusive][:1]}
        count = max(1, min(len(options), round(len(options) * min(max(strength + rng.gauss(0, 0.2), 0), 1))))
        return {"choices": sorted(rng.sample(options, count), key=options.index)}
    if question.is_choice:
        ranked = sorted(question.choices, key=lambda c: c.points or 0.0)
        position = min(max(strength + rng.gauss(0, 0.3), 0.0), 1.0)
        return {"choices": [ranked[round(position * (len(ranked) - 1))].name]}
    if question.type is QuestionType.NUMBER:
        thresholds = [b.threshold for b in question.bands] or [0.0, 50.0]
        low, high = max(min(thresholds), 0.0), max(thresholds) * 1.3
        value = rng.uniform(low, high)
        return {"number": float(round(value)) if question.integer or high > 10 else round(value, 3)}
    return {"text": "Invented example text. / Opfundet eksempeltekst."}
