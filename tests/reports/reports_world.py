"""A small network for the reports tests, scored for real on the bundled questionnaire.

Round ``2024``: five cities with answers generated from fixed seeds and scored by
:func:`mangfold.index.score` (so every indicator has a score and a breakdown), plus one city with
published results imported without answers (an overall score only: ranked overall, on no indicator), one
approved but unpublished assessment that must never count, and the previous round ``2023`` (four of the
cities) for the trend. Published practices of the other cities on several indicators give recommendations;
a draft practice must never be recommended. The focal city, Ærøskøbing, has population statistics: a
dataset of four small areas with boundaries, two periods and an attribution line.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from mangfold.index import Questionnaire, Scorecard, score
from mangfold.population.model import Missing
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.assessments.questionnaires import questionnaire_of
from mangfold.web.network.models import City, Membership, Network
from mangfold.web.practices.models import Practice
from mangfold.web.statistics.models import Area, CityArea, Count, Dataset
from tests.conftest import bundled_questionnaire_version

NETWORK = "report-net"
FOCUS = "aeroeskoebing"
ATTRIBUTION_DA = "Kilde: Danmarks Statistik, KMSTA001 (testudtræk), CC BY 4.0"
ATTRIBUTION_EN = "Source: Statistics Denmark, KMSTA001 (test extract), CC BY 4.0"
CITIES = {
    # slug: name, population, foreign-born share, country, answer bias (0–1: share of "best" answers)
    "aeroeskoebing": ("Ærøskøbing", 210_000, 17.5, "DK", 0.55),
    "oestby": ("Østby", 95_000, 8.0, "DK", 0.35),
    "aabenraa": ("Åbenrå", 640_000, 24.0, "DK", 0.8),
    "lund": ("Lund", 125_000, 19.0, "SE", 0.65),
    "tromso": ("Tromsø", 77_000, 11.0, "NO", 0.45),
    "legacyby": ("Legacyby", 300_000, 12.0, "DE", None),
    "skjultby": ("Skjultby", 150_000, 10.0, "DK", 0.99),
}


def raw_answers(questionnaire: Questionnaire, seed: int, bias: float) -> dict[str, Any]:
    """Answers to every scored question: with probability ``bias`` the best choice, else a random one."""
    rng = random.Random(seed)
    answers: dict[str, Any] = {}
    for question in questionnaire.questions:
        if question.is_choice and question.choices:
            best = max(question.choices, key=lambda c: c.points or 0.0)
            pick = best if rng.random() < bias else rng.choice(question.choices)
            multiple = question.type.value == "multiple_choice"
            answers[question.code] = [pick.name] if multiple else pick.name
        elif question.type.value == "number":
            top = max((b.threshold for b in question.bands), default=50.0)
            value = top * (1.2 if rng.random() < bias else rng.random())
            answers[question.code] = int(value) if question.integer else round(value, 2)
    return answers


@dataclass
class ReportsWorld:
    network: Network
    rounds: dict[str, Round]
    cities: dict[str, City]
    cards: dict[tuple[str, str], Scorecard] = field(default_factory=dict)
    assessments: dict[tuple[str, str], Assessment] = field(default_factory=dict)
    practices: dict[str, Practice] = field(default_factory=dict)
    dataset: Dataset | None = None
    questionnaire: Questionnaire | None = None
    """The rounds' questionnaire (2026.1), on which the answers were scored."""

    @property
    def focus(self) -> City:
        return self.cities[FOCUS]

    def published(self, round_slug: str) -> list[Assessment]:
        return [
            a for (slug, _), a in self.assessments.items() if slug == round_slug and a.state == "published"
        ]


def _assess(rw: ReportsWorld, round_slug: str, slug: str, card: Scorecard, state: str, **extra: Any) -> None:
    now = timezone.now()
    data = card.to_dict()
    for line in [*data["unscored"], *(q for i in data["indicators"] for q in i["questions"])]:
        line.pop("evidence", None)
    rw.assessments[(round_slug, slug)] = Assessment.objects.create(
        round=rw.rounds[round_slug],
        city=rw.cities[slug],
        state=state,
        official_scorecard=data,
        overall=card.overall,
        approved_at=now,
        published_at=now if state == "published" else None,
        **extra,
    )
    rw.cards[(round_slug, slug)] = card


def _square(x: float, y: float, size: float = 0.01) -> str:
    ring = [[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def _statistics(rw: ReportsWorld) -> None:
    dataset = Dataset.objects.create(
        name="Ærøskøbing sogne (test)",
        scheme="dst_origin",
        source="Statistics Denmark, KMSTA001",
        attribution_da=ATTRIBUTION_DA,
        attribution_en=ATTRIBUTION_EN,
        file_name="test.csv",
        periods=["2023", "2024"],
    )
    municipality = Area.objects.create(dataset=dataset, code="999", name="Ærøskøbing", level="municipality")
    municipality.municipality = municipality
    municipality.save()
    CityArea.objects.create(city=rw.focus, area=municipality)
    # area: (danish, imm_western, imm_nonwestern, desc_western, desc_nonwestern) in 2024
    small = {
        "9991": ("Søndre sogn", (4000, 300, 900, 100, 500)),
        "9992": ("Nørre sogn", (5200, 250, 200, 60, 90)),
        "9993": ("Vester sogn", (3000, 200, 1500, 80, 900)),
        "9994": ("Øster sogn", (6100, 400, 300, 120, 150)),
    }
    groups = ("danish", "imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern")
    rows = []
    for i, (code, (name, values)) in enumerate(small.items()):
        area = Area.objects.create(
            dataset=dataset,
            code=code,
            name=name,
            level="small_area",
            parent=municipality,
            municipality=municipality,
            geometry=_square(10.0 + 0.01 * (i % 2), 55.0 + 0.01 * (i // 2)),
        )
        for period, factor in (("2023", 0.95), ("2024", 1.0)):
            counts = [round(v * factor) for v in values]
            rows += [
                Count(dataset=dataset, area=area, period=period, group=g, n=n)
                for g, n in zip(groups, counts, strict=True)
            ]
            rows.append(
                Count(
                    dataset=dataset,
                    area=area,
                    period=period,
                    group="total",
                    n=sum(counts),
                    missing=Missing.NONE,
                )
            )
    Count.objects.bulk_create(rows)
    rw.dataset = dataset


def build_reports_world() -> ReportsWorld:
    version = bundled_questionnaire_version()
    questionnaire = questionnaire_of(version)  # the rounds' own questionnaire (2026.1)
    network = Network.objects.create(slug=NETWORK, name="Rapportnetværket")
    cities = {}
    for slug, (name, population, share, country, _bias) in CITIES.items():
        cities[slug] = City.objects.create(
            slug=slug,
            name=name,
            country=country,
            population=population,
            foreign_born_share=share,
            population_year=2024,
            population_source="Test register 2024",
        )
        Membership.objects.create(network=network, city=cities[slug])
    rounds = {
        slug: Round.objects.create(network=network, slug=slug, name=f"Runde {slug}", questionnaire=version)
        for slug in ("2023", "2024")
    }
    rw = ReportsWorld(network, rounds, cities, questionnaire=questionnaire)
    for seed, (slug, (*_facts, bias)) in enumerate(CITIES.items()):
        if bias is None:
            continue
        state = "approved" if slug == "skjultby" else "published"
        _assess(rw, "2024", slug, score(questionnaire, raw_answers(questionnaire, 100 + seed, bias)), state)
        if slug in ("aeroeskoebing", "oestby", "aabenraa", "lund"):
            _assess(
                rw,
                "2023",
                slug,
                score(questionnaire, raw_answers(questionnaire, 200 + seed, bias * 0.9)),
                "published",
            )
    legacy = Scorecard.legacy(61.0, source="Published report 2024")
    _assess(rw, "2024", "legacyby", legacy, "published", source="Published report 2024")
    indicators = [i.code for i in questionnaire.indicators]
    for key, city, title, codes, status in (
        ("welcome", "aabenraa", "Velkomstpakke på otte sprog", indicators[::2], "published"),
        ("mentors", "lund", "Mentorer for nye borgere", indicators[1::2], "published"),
        ("forum", "tromso", "Dialogforum i boligområder", indicators[:6], "published"),
        ("draft", "aabenraa", "Hemmelig kladde", indicators, "draft"),
    ):
        rw.practices[key] = Practice.objects.create(
            title=title,
            city=cities[city],
            status=status,
            purpose="Hjælpe nye borgere godt i gang.",
            indicators=codes,
            source=f"{cities[city].name} kommune, årsrapport 2023",
        )
    _statistics(rw)
    return rw
