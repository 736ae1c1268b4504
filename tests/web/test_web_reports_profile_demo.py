"""The demo's København 2011 profile (page and PDF, Bilag 1 of the briefing) as a Copenhagen official read it:
its method section, its map and the source of its published result (the reviewer's items 1–3).

The demo is loaded once for the module inside a transaction that is rolled back. Every expected figure is
read from the loaded data: the published result from its assessment, the map's shares from the stored
parish counts (non-Western background = immigrants + descendants from non-Western countries, over all).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from mangfold.i18n import language
from mangfold.index.standing import period_label
from mangfold.reports.sources import source_note
from mangfold.web.assessments.models import Assessment
from mangfold.web.core.demo import DEMO_NETWORK, load_demo
from mangfold.web.reports.profile import ProfileReport, build_profile
from mangfold.web.reports.rendering import profile_pdf
from mangfold.web.statistics.models import Count
from mangfold.web.statistics.services import city_areas

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
BASE = ("danish", "imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern")
NON_WESTERN = ("imm_nonwestern", "desc_nonwestern")
PAGE = f"/{{lang}}/reports/{DEMO_NETWORK}/2011/copenhagen/"


@dataclass
class Demo:
    report: ProfileReport
    page: str
    english: str
    pdf: str
    assessment: Assessment
    results_held: int
    shares_2011: dict[str, float]
    shares_latest: dict[str, float]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def visible(page: str) -> str:
    return flat(
        html.unescape(
            re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S))
        )
    )


def shares(dataset_id: int, period: str) -> dict[str, float]:
    """Each parish's non-Western share (%) in ``period``, from the stored counts."""
    found: dict[str, dict[str, float]] = {}
    rows = Count.objects.filter(dataset_id=dataset_id, period=period, area__level="small_area")
    for code, group, n in rows.values_list("area__code", "group", "n"):
        found.setdefault(code, {})[group] = n or 0.0
    return {
        code: round(100 * sum(g.get(x, 0.0) for x in NON_WESTERN) / total, 2)
        for code, g in found.items()
        if (total := sum(g.get(x, 0.0) for x in BASE))
    }


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Demo]:
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo("demo-password-for-tests")
        assessment = Assessment.objects.get(
            round__network__slug=DEMO_NETWORK, round__slug="2011", city__slug="copenhagen", state="published"
        )
        with translation.override("da"):
            report = build_profile(assessment.round, "copenhagen", "da")
            assert report is not None
            pdf = PdfReader(io.BytesIO(profile_pdf(report)))
        population = report.population
        assert population is not None
        linked = city_areas(assessment.city)
        dataset_id = ([a for a in linked if a.dataset.use_for_figures] or linked)[0].dataset_id
        periods = sorted(set(Count.objects.filter(dataset_id=dataset_id).values_list("period", flat=True)))
        made = Demo(
            report=report,
            page=visible(Client().get(PAGE.format(lang="da")).content.decode()),
            english=visible(Client().get(PAGE.format(lang="en")).content.decode()),
            pdf=flat(" ".join(page.extract_text() for page in pdf.pages)),
            assessment=assessment,
            results_held=Assessment.objects.filter(round=assessment.round, state="published").count(),
            shares_2011=shares(dataset_id, "2011"),
            shares_latest=shares(dataset_id, periods[-1]),
        )
        transaction.set_rollback(True)
    yield made


def test_the_map_is_of_2011_with_its_year_and_source(demo: Demo) -> None:
    population = demo.report.population
    assert population is not None and population.map_period == "2011"
    spec = demo.report.charts["map"]
    drawn = {f["properties"]["code"]: f["properties"]["value"] for f in spec["layer"][0]["data"]["values"]}
    shown = {code: value for code, value in drawn.items() if value is not None}
    assert shown == {code: demo.shares_2011[code] for code in shown}
    names = {f["properties"]["name"]: f["properties"]["code"] for f in spec["layer"][0]["data"]["values"]}
    helligaands = names["Helligånds"]  # 2011: (201 + 24) / 4040 = 5.57 %; 2020: (327 + 64) / 5412 = 7.22 %
    assert drawn[helligaands] == demo.shares_2011[helligaands] != demo.shares_latest[helligaands]
    assert spec["title"]["text"] == "Indvandrere og efterkommere fra ikke-vestlige lande, 2011"
    assert " ".join(spec["title"]["subtitle"]) == population.attribution
    assert "Indvandrere og efterkommere fra ikke-vestlige lande, 2011" in demo.pdf  # drawn in the PDF's map


def test_the_source_dates_the_result_not_the_minutes(demo: Demo) -> None:
    source = source_note(demo.assessment.source, "da")
    with language("da"):
        period = period_label(demo.assessment.published_period)
    for text in (demo.page, demo.pdf):
        assert f"Resultat fra {period}; kilde: {source}." in text
        assert f"offentliggjort {period}" not in text
    assert f"Result from spring 2011; source: {demo.assessment.source}." in demo.english


def test_the_method_says_what_was_done_for_the_published_result(demo: Demo) -> None:
    mine = demo.assessment
    rank, of = mine.published_rank, mine.published_sample
    assert rank is not None and of is not None and mine.overall is not None
    score = f"{mine.overall:.1f}".replace(".", ",")
    source = source_note(mine.source, "da")
    expected = [
        f"Den samlede score, {score}, og placeringen, nr. {rank} af {of} byer, er gengivet, som de blev "
        f"offentliggjort: resultat fra foråret 2011; kilde: {source}. mangfold har ikke selv beregnet dem.",
        f"Ud fra de {demo.results_held} resultater fra runden, som findes i mangfold, beregnes hverken "
        "placering, gennemsnit, median eller placering i sammenligningsgrupper.",
        f"({of} − {rank}) / ({of} − 1).",
        "mangfold har ikke kommunens scorer for de enkelte indikatorer i denne runde, så anbefalingerne "
        "peger ikke på bestemte områder",
    ]
    for text in (" ".join(demo.report.method), demo.page, demo.pdf):
        for sentence in expected:
            assert sentence in text, sentence
    for text in (demo.page, demo.pdf):
        for stock in (
            "Hver indikator får en score",
            "Vægte, point for hvert svar",
            "konkurrenceplaceringer",
            "percentil",
            "Sammenligningsgrupper:",
            "En anbefaling peger på en indikator, hvor kommunen ligger under gennemsnittet",
        ):
            assert stock not in text, stock
    assert "are reproduced as published: result from spring 2011" in demo.english
    assert "competition ranks" not in demo.english and "Hazen" not in demo.english
