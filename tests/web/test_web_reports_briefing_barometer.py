"""The outcome barometer in the committee briefing (issue #18's acceptance), on the demo (``make run``).

København's demo barometer is published (src/mangfold/data/barometer): its briefing says, in a sentence
made from the barometer's statuses, how many goals are green, yellow, red and white since the base year;
a barometer the city has not published is marked as a draft; a city without one gets no such sentence.
Every count expected is read from the loaded barometer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation

from mangfold.reports.briefing_barometer import BarometerFacts, barometer_paragraph
from mangfold.web.assessments.models import Round
from mangfold.web.barometer.models import CityBarometer
from mangfold.web.barometer.sections import barometer_section
from mangfold.web.core.demo import DEMO_NETWORK, load_demo
from mangfold.web.reports import briefings, rendering
from mangfold.web.reports.profile import build_profile

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def _problem(round_: Round, lang: str) -> str:
    with translation.override(lang):
        report = build_profile(round_, "copenhagen", lang)
        assert report is not None
        return briefings.draft(report).sections["problem"]


def _print(round_: Round, lang: str) -> str:
    with translation.override(lang):
        report = build_profile(round_, "copenhagen", lang)
        assert report is not None
        return rendering.briefing_html(briefings.draft(report), report)


@pytest.fixture(scope="module")
def made(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo("demo-password-for-tests")
        round_ = Round.objects.get(network__slug=DEMO_NETWORK, slug="2011")
        stored = CityBarometer.objects.get(city__slug="copenhagen")
        city = stored.city
        found: dict[str, Any] = {
            "section": {lang: barometer_section(city, lang) for lang in ("da", "en")},
            "da": _problem(round_, "da"),
            "en": _problem(round_, "en"),
            "print": _print(round_, "da"),
        }
        stored.is_published = False
        stored.save()
        found["draft"] = _problem(round_, "da")
        found["draft_print"] = _print(round_, "da")
        stored.delete()
        found["none"] = _problem(round_, "da")
        found["none_print"] = _print(round_, "da")
        transaction.set_rollback(True)
    yield found


def _counts(section: dict[str, Any]) -> dict[str, int]:
    return {
        s: sum(1 for g in section["goals"] if g["status"] == s) for s in ("green", "yellow", "red", "white")
    }


def test_copenhagens_danish_briefing_counts_its_barometers_goals_by_status(made: dict[str, Any]) -> None:
    section = made["section"]["da"]
    assert section is not None and section["is_published"]
    counts = _counts(section)
    words = {
        "green": ("grøn", "grønne"),
        "yellow": ("gul", "gule"),
        "red": ("rød", "røde"),
        "white": ("hvid", "hvide"),
    }
    named = [f"{n} {words[s][0] if n == 1 else words[s][1]}" for s, n in counts.items() if n]
    years = " og ".join(str(y) for y in section["base_years"])
    text = made["da"]
    assert f"»{section['title']}« følger {len(section['goals'])} mål; status: " in text
    for part in named:
        assert part in text
    assert f"(basisår {years})." in text
    assert "fremgår af byprofilen (bilag 1)" in text
    assert "Udkast" not in text


def test_copenhagens_english_briefing_counts_them_in_english(made: dict[str, Any]) -> None:
    section = made["section"]["en"]
    counts = _counts(section)
    text = made["en"]
    assert f"“{section['title']}” follows {len(section['goals'])} goals" in text
    for status, n in counts.items():
        assert (f"{n} {status}" in text) == bool(n)
    years = " and ".join(str(y) for y in section["base_years"])
    assert f"(base year{'s' if len(section['base_years']) > 1 else ''} {years})." in text
    assert "Draft" not in text


def test_the_briefings_print_carries_the_barometers_table(made: dict[str, Any]) -> None:
    assert 'class="barometer-table"' in made["print"]
    assert "Basisår" in made["print"]
    assert "Udkast – ikke offentliggjort" not in made["print"]


def test_an_unpublished_barometer_is_marked_as_a_draft_in_the_briefing(made: dict[str, Any]) -> None:
    marked = made["draft"].split("Udkast – ikke offentliggjort: ")
    assert len(marked) == 2 and f"»{made['section']['da']['title']}« følger" in marked[1]
    assert "bilag 1" not in made["draft"].split("Udkast")[1]  # the profile does not carry a draft
    assert "Udkast – ikke offentliggjort" in made["draft_print"]
    assert 'class="barometer-table"' in made["draft_print"]


def test_the_briefings_table_says_the_demo_is_a_selection_not_copenhagens_own_barometer(
    made: dict[str, Any],
) -> None:
    for deviation in made["section"]["da"]["deviations"]:
        assert deviation in made["print"]
    assert "Hvor målene og tallene kommer fra:" in made["print"]
    assert "Dette er ikke Københavns Integrationsbarometer 2015–18, men et udvalg" in made["print"]


def test_the_sentence_made_from_the_section_names_the_selection_by_its_title_with_its_deviations(
    made: dict[str, Any],
) -> None:
    section = made["section"]["da"]
    text = barometer_paragraph(BarometerFacts.from_section(section), "da")
    assert text.startswith(
        f"Resultatbarometeret »{section['title']}« følger 3 mål; status: 1 grøn og 2 hvide"
    )
    assert (
        "(basisår 2011 og 2012). Dette er ikke Københavns Integrationsbarometer 2015–18, men et udvalg"
        in text
    )
    assert "data har ingen værdi for 2014, så status er målt mod 2011" in text
    assert "Kommunens" not in text
    english = barometer_paragraph(BarometerFacts.from_section(made["section"]["en"]), "en")
    assert english.startswith("The outcome barometer “") and "The city's" not in english


def test_the_drafted_briefing_does_not_call_the_selection_the_citys_own_barometer(
    made: dict[str, Any],
) -> None:
    assert "Kommunens resultatbarometer" not in made["da"]
    assert "Dette er ikke Københavns Integrationsbarometer 2015–18" in made["da"]


def test_a_city_without_a_barometer_gets_no_barometer_sentence(made: dict[str, Any]) -> None:
    assert "barometer" not in made["none"]
    assert 'class="barometer-table"' not in made["none_print"]
