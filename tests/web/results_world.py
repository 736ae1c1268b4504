"""A hand-made network for the results tests: the worked example of docs/methodology/benchmark.md.

Round ``2024`` (the bundled questionnaire): six cities with published results, one of them (Fjordby)
imported from a published source with an overall score only; Granby's approved but unpublished
assessment and Holmby's draft must never show. Round ``2023``: the previous scores (Egeby not yet a
member). Round ``2025``: a published result under embargo. Published practices of three cities on
education, and a draft that must never be recommended.

| city     | overall | commitment | education | language | population | foreign-born % | country |
|----------|---------|------------|-----------|----------|------------|----------------|---------|
| Ankeby   | 80      | 90         | 60        | 70       | 600,000    | 22             | DK      |
| Birkeby  | 70      | 70         | –         | 60       | 150,000    | 12             | DK      |
| Cederby  | 70      | 50         | 80        | 55       | 250,000    | 18             | SE      |
| Dalby    | 60      | 70         | 40        | 50       | 90,000     | 9              | SE      |
| Egeby    | 50      | 30         | 60        | 45       | 1,200,000  | 30             | DE      |
| Fjordby  | 66      | –          | –         | –        | 180,000    | 16             | DK      |

(The overall, commitment and education columns are those of the methodology's worked example.)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from mangfold.index.scorecard import Scorecard
from mangfold.web.assessments.models import Answer, Assessment, Round
from mangfold.web.network.models import City, Membership, Network
from mangfold.web.practices.models import Practice
from tests.conftest import bundled_questionnaire_version

NETWORK = "results-net"
SECRET = "SECRET-EVIDENCE-never-published"
CITIES = {
    # slug: name, population, foreign-born share, country
    "ankeby": ("Ankeby", 600_000, 22.0, "DK"),
    "birkeby": ("Birkeby", 150_000, 12.0, "DK"),
    "cederby": ("Cederby", 250_000, 18.0, "SE"),
    "dalby": ("Dalby", 90_000, 9.0, "SE"),
    "egeby": ("Egeby", 1_200_000, 30.0, "DE"),
    "fjordby": ("Fjordby", 180_000, 16.0, "DK"),
    "granby": ("Granby", 300_000, 20.0, "NO"),
    "holmby": ("Holmby", 120_000, 5.0, "NO"),
}
ROUND_2024 = {
    # slug: overall, {indicator: score}, state
    "ankeby": (80.0, {"commitment": 90.0, "education": 60.0, "language": 70.0}, "published"),
    "birkeby": (70.0, {"commitment": 70.0, "education": None, "language": 60.0}, "published"),
    "cederby": (70.0, {"commitment": 50.0, "education": 80.0, "language": 55.0}, "published"),
    "dalby": (60.0, {"commitment": 70.0, "education": 40.0, "language": 50.0}, "published"),
    "egeby": (50.0, {"commitment": 30.0, "education": 60.0, "language": 45.0}, "published"),
    "granby": (99.0, {"commitment": 99.0, "education": 99.0}, "approved"),
    "holmby": (98.0, {"commitment": 98.0, "education": 98.0}, "draft"),
}
ROUND_2023 = {
    "ankeby": (75.0, {"commitment": 80.0, "education": 70.0, "language": 70.0}),
    "birkeby": (72.0, {"commitment": 72.0, "education": 72.0, "language": 72.0}),
    "cederby": (60.0, {"commitment": 40.0, "education": 70.0, "language": 50.0}),
    "dalby": (65.0, {"commitment": 65.0, "education": 65.0, "language": 65.0}),
}
DALBY_POINTS = {"EDU1": 0.0, "EDU2": 25.0, "EDU3": 100.0}


@dataclass
class ResultsWorld:
    network: Network
    rounds: dict[str, Round]
    cities: dict[str, City]
    assessments: dict[tuple[str, str], Assessment] = field(default_factory=dict)
    practices: dict[str, Practice] = field(default_factory=dict)


def scorecard(
    overall: float, indicators: dict[str, float | None], points: dict[str, float]
) -> dict[str, Any]:
    """An official scorecard as the assessments app stores it (``Scorecard.to_dict()`` without evidence)."""
    return {
        "form_id": "mangfold",
        "version": "bundled",
        "source": None,
        "core_index": overall,
        "extended_index": overall - 1,
        "completeness": 1.0,
        "answered": len(points),
        "applicable": len(points),
        "missing_answer_rule": "zero",
        "missing_applied": [],
        "indicators": [
            {
                "code": code,
                "score": score,
                "weight": 1.0,
                "core": True,
                "composites": [],
                "questions": [
                    {"code": q, "status": "answered", "answer": "yes", "points": p, "weight": 1.0}
                    for q, p in points.items()
                    if q.startswith(code[:3].upper())
                ],
            }
            for code, score in indicators.items()
        ],
        "composites": [],
        "unscored": [],
    }


def _assess(
    rw: ResultsWorld, round_slug: str, city: str, card: dict[str, Any], state: str, **extra: Any
) -> None:
    now = timezone.now()
    assessment = Assessment.objects.create(
        round=rw.rounds[round_slug],
        city=rw.cities[city],
        state=state,
        official_scorecard=card if state in ("approved", "published") else None,
        overall=card["core_index"] if state in ("approved", "published") else None,
        approved_at=now if state in ("approved", "published") else None,
        published_at=now if state == "published" else None,
        **extra,
    )
    rw.assessments[(round_slug, city)] = assessment


def build_results_world(*, populations: dict[str, int] | None = None) -> ResultsWorld:
    """The network, its rounds, cities, assessments and practices; ``populations`` overrides the table's."""
    version = bundled_questionnaire_version()
    network = Network.objects.create(slug=NETWORK, name="Results network")
    cities = {}
    for slug, (name, population, share, country) in CITIES.items():
        population = (populations or {}).get(slug, population)
        cities[slug] = City.objects.create(
            slug=slug, name=name, country=country, population=population, foreign_born_share=share
        )
        Membership.objects.create(network=network, city=cities[slug])
    future = timezone.now() + datetime.timedelta(days=30)
    rounds = {
        slug: Round.objects.create(
            network=network, slug=slug, name=f"Round {slug}", questionnaire=version, embargo_until=embargo
        )
        for slug, embargo in (("2023", None), ("2024", None), ("2025", future))
    }
    rw = ResultsWorld(network, rounds, cities)
    for slug, (overall, indicators, state) in ROUND_2024.items():
        points = DALBY_POINTS if slug == "dalby" else {"EDU1": 100.0}
        _assess(rw, "2024", slug, scorecard(overall, indicators, points), state)
    legacy = Scorecard.legacy(66.0, source="Published report 2024").to_dict()
    _assess(rw, "2024", "fjordby", legacy, "published", source="Published report 2024", note="4th of 6")
    for slug, (overall, indicators) in ROUND_2023.items():
        _assess(rw, "2023", slug, scorecard(overall, indicators, {}), "published")
    _assess(
        rw,
        "2023",
        "fjordby",
        Scorecard.legacy(66.0, source="Report 2023").to_dict(),
        "published",
        source="Report 2023",
    )
    _assess(rw, "2025", "ankeby", scorecard(97.0, {"commitment": 97.0}, {}), "published")
    Answer.objects.create(
        assessment=rw.assessments[("2024", "ankeby")],
        question="COM1",
        value={"text": SECRET},
        evidence=SECRET,
    )
    for key, city, title, questions, status in (
        ("lektiecafe", "cederby", "Lektiecafé", ["EDU1", "EDU2"], "published"),
        ("parents", "ankeby", "Forældrenetværk", ["EDU3"], "published"),
        ("schoolmix", "egeby", "Skolemix", ["EDU1"], "published"),
        ("draft", "cederby", "Unpublished draft practice", ["EDU1", "EDU2"], "draft"),
    ):
        rw.practices[key] = Practice.objects.create(
            title=title,
            city=cities[city],
            status=status,
            purpose="Help pupils of every origin.",
            indicators=["education"],
            questions=questions,
        )
    return rw
