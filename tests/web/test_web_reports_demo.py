"""The committee briefing of the demo (``make run``): Danish, six sections in order, the city's real figures.

The demo is loaded once for the module inside a transaction that is rolled back; København's briefing is
made as its coordinator would make it (the export page, the task run at once), Eksempelby's drafted from
its full scorecard. Every figure expected is read from the loaded data.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from pypdf import PdfReader

from mangfold.web.assessments.models import Assessment
from mangfold.web.core.demo import DEMO_NETWORK, load_demo
from mangfold.web.core.questionnaire import bundled
from mangfold.web.network.models import City
from mangfold.web.statistics.services import city_figures

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SECTIONS = ["Indstilling og beslutning", "Problemstilling", "Løsning", "Økonomi", "Videre proces", "Bilag"]


@dataclass
class Demo:
    copenhagen_pdf: bytes
    copenhagen_page: str
    eksempelby_page: str
    copenhagen: dict[str, Any]
    eksempelby: dict[str, Any]


def _figures(round_slug: str, slug: str) -> dict[str, Any]:
    published = Assessment.objects.filter(
        round__network__slug=DEMO_NETWORK, round__slug=round_slug, state="published", overall__isnull=False
    )
    mine = published.get(city__slug=slug)
    figures = city_figures(City.objects.get(slug=slug))
    return {
        "name": mine.city.name,
        "round": mine.round.name,
        "score": mine.overall,
        "rank": 1 + published.filter(overall__gt=mine.overall).count(),
        "of": published.count(),
        "population": figures.population.value,
        "population_year": figures.population.year,
        "immigrant_share": figures.immigrant_background_share.value,
        "card": mine.official_scorecard,
    }


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Demo]:
    with django_db_blocker.unblock(), override_settings(TASKS=IMMEDIATE), transaction.atomic():
        load_demo("demo-password-for-tests")
        from django.contrib.auth import get_user_model

        users = get_user_model().objects
        coordinator, example = Client(), Client()
        coordinator.force_login(users.get(username="koordinator"))
        example.force_login(users.get(username="eksempel"))
        base = f"/da/reports/{DEMO_NETWORK}/2011/copenhagen/"
        assert coordinator.post(base + "briefing/pdf/").status_code == 302
        status = coordinator.get(base + "briefing/pdf/?format=json").json()
        assert status["done"], status
        made = Demo(
            copenhagen_pdf=coordinator.get(status["download"]).content,
            copenhagen_page=coordinator.get(base + "briefing/").content.decode(),
            eksempelby_page=example.get(
                f"/da/reports/{DEMO_NETWORK}/2026/eksempelby/briefing/"
            ).content.decode(),
            copenhagen=_figures("2011", "copenhagen"),
            eksempelby=_figures("2026", "eksempelby"),
        )
        transaction.set_rollback(True)
    yield made


def danish(value: float, decimals: int = 1) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def test_the_danish_briefing_has_the_six_sections_in_order(demo: Demo) -> None:
    reader = PdfReader(io.BytesIO(demo.copenhagen_pdf))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text() + " " + reader.pages[1].extract_text())
    positions = [first.find(heading) for heading in SECTIONS]
    assert -1 not in positions and positions == sorted(positions), positions
    assert first.startswith("Udvalgsindstilling · København Københavns resultat i")


def test_the_briefing_holds_copenhagens_real_figures(demo: Demo) -> None:
    text = re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(demo.copenhagen_pdf)).pages)
    )
    figures = demo.copenhagen
    assert figures["score"] == 66.0  # the published ICC result (Københavns Kommune, 16.01.2012)
    assert f"fik København en samlet score på {danish(figures['score'])} af 100." in text
    assert f"København ligger nr. {figures['rank']} af {figures['of']} byer" in text
    assert figures["population"] is not None and figures["population_year"] is not None
    assert (
        f"København har {danish(figures['population'], 0)} indbyggere ({figures['population_year']})." in text
    )
    assert f"Af dem har {danish(figures['immigrant_share'])} % indvandrerbaggrund" in text
    assert "Danmarks Statistik" in text  # the statistics are cited
    assert f"Bilag 1: Byprofil: København, {figures['round']} (PDF)" in text
    assert "Byprofil København" in text  # the profile itself follows


def test_eksempelby_is_drafted_from_its_strongest_and_weakest_indicators(demo: Demo) -> None:
    page = re.sub(r"\s+", " ", demo.eksempelby_page)
    questionnaire = bundled()
    scored = sorted(
        (i["score"], questionnaire.label(questionnaire.indicator(i["code"]).name, "da"))
        for i in demo.eksempelby["card"]["indicators"]
        if i["score"] is not None
    )
    best, worst = scored[-1], scored[0]
    assert best[0] > scored[-2][0] and worst[0] < scored[1][0]  # unique, so the draft must name them
    strongest = page.index("Byens stærkeste områder er")
    assert page.index(best[1][:1].lower() + best[1][1:], strongest) < page.index("De svageste er", strongest)
    assert page.index(worst[1][:1].lower() + worst[1][1:], page.index("De svageste er")) > 0
    figures = demo.eksempelby
    assert f"{figures['name']} ligger nr. {figures['rank']} af {figures['of']} by" in page
