"""The committee briefing of the demo (``make run``): Danish, six sections in order, the city's real figures
(issue #11's acceptance: København 2011 as PDF and Word).

The demo is loaded once for the module inside a transaction that is rolled back; København's briefing is
made as its coordinator would make it (the export page, the task run at once), Eksempelby's drafted from
its full scorecard. Every figure expected is read from the loaded data.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from pypdf import PdfReader

from mangfold.reports.sources import is_english, source_note
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.assessments.questionnaires import round_questionnaire
from mangfold.web.core.demo import DEMO_NETWORK, load_demo
from mangfold.web.reports.profile import build_profile
from mangfold.web.statistics.services import city_figures

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SECTIONS = ["Indstilling og beslutning", "Problemstilling", "Løsning", "Økonomi", "Videre proces", "Bilag"]


@dataclass
class Demo:
    copenhagen_pdf: bytes
    copenhagen_docx: bytes
    copenhagen_page: str
    copenhagen_2012_page: str
    copenhagen_recommended: list[str]
    eksempelby_page: str
    copenhagen: dict[str, Any]
    eksempelby: dict[str, Any]


def _figures(round_slug: str, slug: str) -> dict[str, Any]:
    mine = Assessment.objects.get(
        round__network__slug=DEMO_NETWORK, round__slug=round_slug, state="published", city__slug=slug
    )
    figures = city_figures(mine.city, year=int(round_slug))
    return {
        "name": mine.city.name,
        "round": mine.round.name,
        "score": mine.overall,
        "rank": mine.published_rank,
        "of": mine.published_sample,
        "source": mine.source,
        "population": figures.population,
        "immigrant_share": figures.immigrant_background_share,
        "card": mine.official_scorecard,
        "questionnaire": round_questionnaire(mine.round),
    }


def _recommended(round_slug: str, slug: str) -> list[str]:
    """The titles of the practices the city profile (Bilag 1) recommends, in Danish."""
    round_ = Round.objects.get(network__slug=DEMO_NETWORK, slug=round_slug)
    report = build_profile(round_, slug, "da")
    assert report is not None and report.recommended is not None
    return [item.title for area in report.recommended.areas for item in area.practices]


def _export(client: Client, base: str, fmt: str) -> bytes:
    assert client.post(f"{base}briefing/{fmt}/").status_code == 302
    status = client.get(f"{base}briefing/{fmt}/?format=json").json()
    assert status["done"], status
    content: bytes = client.get(status["download"]).content
    return content


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
        made = Demo(
            copenhagen_pdf=_export(coordinator, base, "pdf"),
            copenhagen_docx=_export(coordinator, base, "docx"),
            copenhagen_page=coordinator.get(base + "briefing/").content.decode(),
            copenhagen_2012_page=coordinator.get(
                f"/da/reports/{DEMO_NETWORK}/2012/copenhagen/briefing/"
            ).content.decode(),
            copenhagen_recommended=_recommended("2011", "copenhagen"),
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


def briefing_pages(demo: Demo) -> str:
    """The text of the briefing's own pages (before Bilag 1, the city profile)."""
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(demo.copenhagen_pdf)).pages]
    text = re.sub(r"\s+", " ", " ".join(pages))
    return text[: text.index("Byprofil København")]


def word_text(demo: Demo) -> str:
    from docx import Document

    doc = Document(io.BytesIO(demo.copenhagen_docx))
    return "\n".join(p.text for p in doc.paragraphs)


def test_the_danish_briefing_has_the_six_sections_in_order(demo: Demo) -> None:
    first = briefing_pages(demo)
    positions = [first.find(heading) for heading in SECTIONS]
    assert -1 not in positions and positions == sorted(positions), positions
    assert first.startswith("Udvalgsindstilling · København Københavns resultat i")
    word = word_text(demo)
    positions = [word.find("\n" + heading + "\n") for heading in SECTIONS]
    assert -1 not in positions and positions == sorted(positions), positions


def test_the_danish_briefing_of_copenhagen_2011_has_no_english_sentence(demo: Demo) -> None:
    for text in (briefing_pages(demo), word_text(demo)):
        sentences = re.split(r"(?<=[.:])\s+", text)
        english = [s for s in sentences if is_english(s) or "Example" in s or "(example)" in s]
        assert not english, english


def test_the_briefing_gives_copenhagens_published_place_with_its_period_and_source(demo: Demo) -> None:
    text = briefing_pages(demo)
    figures = demo.copenhagen
    assert (figures["score"], figures["rank"], figures["of"]) == (66.0, 5, 20)  # published: spring 2011
    assert f"fik København en samlet score på {danish(figures['score'])} af 100." in text
    assert (
        "København ligger nr. 5 af 20 byer (resultat fra foråret 2011; "
        f"kilde: {source_note(figures['source'], 'da')}), "
        "foran 79 % af de øvrige byer." in text
    )
    assert not re.search(r"\bnr\. 1 af [12]\b|\b1 af 1\b|[Pp]ercentil", text)


def test_the_briefing_quotes_the_population_of_the_rounds_year(demo: Demo) -> None:
    text = briefing_pages(demo)
    population, share = demo.copenhagen["population"], demo.copenhagen["immigrant_share"]
    assert (population.value, population.year, population.from_statistics) == (548_443.0, 2011, False)
    assert f"København havde {danish(population.value, 0)} indbyggere (2011, tal for hele kommunen;" in text
    assert "628.809" not in text and "(2020" not in text
    assert share.year == 2011 and share.coverage.areas == 51 and share.coverage.of_areas == 56
    assert f"Af indbyggerne var {danish(share.value)} % indvandrere og efterkommere" in text
    assert "summen over 51 af kommunens 56 sogne, med 459.420 af de 548.443 indbyggere" in text
    assert not re.search(r"småområde|baggrund", text)  # DST: indvandrere og efterkommere; oprindelse
    assert "Danmarks Statistik, tabel KMSTA001" in text  # the statistics are cited


def test_bilag_1_the_city_profile_gives_the_population_of_the_rounds_year(demo: Demo) -> None:
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(demo.copenhagen_pdf)).pages]
    text = re.sub(r"\s+", " ", " ".join(pages))
    profile = text[text.index("Byprofil København") :]
    assert "548.443" in profile and "2011" in profile
    assert "628.809" not in profile and "(2020" not in profile


def test_the_briefing_makes_no_claim_the_data_do_not_support(demo: Demo) -> None:
    for text in (briefing_pages(demo), word_text(demo)):
        assert "offentliggjort uden scorer" not in text
        assert "besvare netværkets spørgeskema" not in text
        assert "ændring på" not in text  # the 2012 result is later; nothing earlier on the same index
        assert "kun den samlede score registreret i mangfold" in re.sub(r"\s+", " ", text)


def test_a_sagsnr_line_is_present_without_a_case_number(demo: Demo) -> None:
    assert "Sagsnr. ______________ ·" in briefing_pages(demo)
    assert re.search(r"^Sagsnr\. ______________ · \d+\. \w+ \d{4}$", word_text(demo), flags=re.M)


def test_the_word_briefing_is_a4_in_danish_with_its_own_properties(demo: Demo) -> None:
    from docx import Document

    with zipfile.ZipFile(io.BytesIO(demo.copenhagen_docx)) as package:
        body = package.read("word/document.xml").decode()
        styles = package.read("word/styles.xml").decode()
    assert re.findall(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', body) == [("11906", "16838")]
    runs = re.findall(r"<w:r>(.*?)</w:r>", body, flags=re.S)
    assert runs and all('<w:lang w:val="da-DK"' in run for run in runs)
    assert "en-US" not in styles and 'w:val="da-DK"' in styles
    core = Document(io.BytesIO(demo.copenhagen_docx)).core_properties
    assert core.author == "Intercultural Cities – mangfold demo" and core.language == "da-DK"
    assert (
        core.created is not None
        and core.created.year >= 2026
        and core.title.startswith("Københavns resultat")
    )


def test_eksempelby_is_drafted_from_its_strongest_and_weakest_indicators(demo: Demo) -> None:
    page = re.sub(r"\s+", " ", demo.eksempelby_page)
    questionnaire = demo.eksempelby["questionnaire"]  # the round's own version, not the newest bundled one
    assert questionnaire is not None
    scored = sorted(
        (i["score"], questionnaire.label(questionnaire.indicator(i["code"]).name, "da"))
        for i in demo.eksempelby["card"]["indicators"]
        if i["score"] is not None
    )
    best, worst = scored[-1], scored[0]
    assert best[0] > scored[-2][0] and worst[0] < scored[1][0]  # unique, so the draft must name them
    strongest = page.index("Kommunens stærkeste områder er")
    assert page.index(best[1][:1].lower() + best[1][1:], strongest) < page.index("De svageste er", strongest)
    assert page.index(worst[1][:1].lower() + worst[1][1:], page.index("De svageste er")) > 0


def test_an_invented_city_is_marked_in_danish_and_declined_correctly(demo: Demo) -> None:
    page = re.sub(r"\s+", " ", demo.eksempelby_page)
    assert "Resultatet for Eksempelby (opdigtet eksempel) i" in page
    assert "Eksempelby (opdigtet eksempel) deltager i" in page
    assert ")s resultat" not in page and "(example)s" not in page
    assert "(example)" not in page and "Example:" not in page  # names and practice titles in Danish
    assert "<h1>Udvalgsindstilling: Eksempelby (opdigtet eksempel)</h1>" in page


def test_the_2011_briefing_cites_the_practices_of_bilag_1_and_names_the_2012_result(demo: Demo) -> None:
    assert demo.copenhagen_recommended  # Bilag 1 recommends practices of the cities most like København
    for text in (briefing_pages(demo), re.sub(r"\s+", " ", word_text(demo))):
        assert "eller på praksisser fra andre byer" not in text
        for title in demo.copenhagen_recommended:
            assert f"»{title}«" in text, title
        assert "Kommunens næste resultat, ICC-indekset 2012, foreligger allerede i mangfold." in text
        assert "når kommunens næste resultat foreligger" not in text


def test_the_2012_briefing_shows_both_places_relative_to_their_samples(demo: Demo) -> None:
    page = re.sub(r"[ \n]+", " ", html.unescape(demo.copenhagen_2012_page))
    assert "København ligger nr. 8 af 34 byer (resultat fra begyndelsen af 2012; kilde:" in page
    assert "(kk.dk)), foran 79\u00a0% af de øvrige byer." in page
    assert (
        "De to placeringer er opgjort blandt forskelligt antal byer, 20 i ICC-indekset 2011 og 34 i "
        "ICC-indekset 2012, så placeringerne kan ikke sammenlignes direkte. Relativt er placeringen den "
        "samme: foran 79\u00a0% af de øvrige byer i begge runder." in page
    )
