"""Recommendations from real practice on the result page and profile (mangfold.web.practices.recommended),
in the results tests' hand-made network (tests/web/results_world.py) and in the demo."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from mangfold.index.learning import Basis
from mangfold.web.assessments.models import Round
from mangfold.web.practices.models import Practice
from mangfold.web.practices.recommended import recommended_practices
from mangfold.web.results.services import round_results
from tests.web.results_world import ResultsWorld, _assess, build_results_world, scorecard

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(db: Any) -> ResultsWorld:
    return build_results_world()


def advice_for(rw: ResultsWorld, round_slug: str, city: str, lang: str = "da") -> Any:
    results = round_results(rw.rounds[round_slug], lang)
    entry = results.entry(city)
    assert entry is not None
    return recommended_practices(results, entry, lang)


def test_a_trailing_city_gets_the_practices_of_the_strongest_cities_first_with_their_reasons(
    rw: ResultsWorld,
) -> None:
    # Dalby 2024: education 40 against Ankeby 60, Cederby 80, Egeby 60 (mean 66.7, gap 26.7); language 50
    # against 70, 60, 55, 45 (mean 57.5); commitment 70 against a mean of 60: not a gap.
    found = advice_for(rw, "2024", "dalby")
    assert found.basis is Basis.TRAILS
    assert [a.code for a in found.areas] == ["education", "language"]
    education = found.areas[0]
    assert (education.score, round(education.peer_mean, 1), education.peers) == (40.0, 66.7, 3)
    # best published education score: Cederby 80 (2024), Ankeby 70 (2023), Egeby 60 (2024); drafts never
    assert [s.practice for s in education.practices] == [
        rw.practices["lektiecafe"],
        rw.practices["parents"],
        rw.practices["schoolmix"],
    ]
    first = education.practices[0].reason
    assert first.startswith("Kommunen scorer 40 på ")
    assert "gennemsnittet for de 3 sammenlignelige byer er 66,7." in first
    assert "Cederby: Help pupils of every origin." in first
    assert "Cederby scorer 80 på" in first and "(Round 2024)" in first
    assert "Forældrenetværk" in [s.title for s in education.practices]
    assert "(Round 2023)" in education.practices[1].reason  # Ankeby's best: 70 in 2023
    assert found.areas[1].practices == ()


def test_a_city_not_behind_anywhere_gets_no_recommendation(rw: ResultsWorld) -> None:
    # Ankeby 2024: commitment 90 (others 55), education 60 (others 60: not below), language 70 (others 52.5)
    ankeby = advice_for(rw, "2024", "ankeby")
    assert (ankeby.basis, ankeby.areas) == (Basis.TRAILS, ())
    with translation.override("da"):
        html = render_to_string("practices/_recommended.html", {"recommended": ankeby})
    assert (
        "Kommunen scorer på eller over gennemsnittet for de sammenlignelige byer på alle indikatorer." in html
    )
    # Cederby trails on commitment (50 against 65) and language (55 against 56.25), leads on education
    cederby = advice_for(rw, "2024", "cederby", "en")
    assert [a.code for a in cederby.areas] == ["commitment", "language"]


def test_a_result_without_indicator_scores_gets_real_practices_of_the_most_similar_cities(
    rw: ResultsWorld,
) -> None:
    found = advice_for(rw, "2024", "fjordby")
    assert found.basis is Basis.SIMILAR
    assert found.note.startswith("mangfold har ikke kommunens scorer for de enkelte indikatorer")
    # Fjordby 180,000, 16 %, DK: Cederby (250,000, 18 %, SE) is more alike than Ankeby (600,000, 22 %,
    # DK)? size 1 − 0.1427/2 = 0.929, diversity 0.933, country 0 → 0.621; Ankeby 0.739, 0.8, 1 → 0.846.
    assert [s.practice.city.slug for s in found.areas[0].practices] == ["ankeby", "cederby", "egeby"]


def test_a_round_too_small_to_say_where_the_city_trails_offers_its_weakest_areas(rw: ResultsWorld) -> None:
    rw.rounds["2022"] = Round.objects.create(
        network=rw.network, slug="2022", name="Round 2022", questionnaire=rw.rounds["2024"].questionnaire
    )
    _assess(rw, "2022", "dalby", scorecard(50.0, {"education": 30.0, "commitment": 60.0}, {}), "published")
    _assess(rw, "2022", "egeby", scorecard(60.0, {"education": 70.0, "commitment": 40.0}, {}), "published")
    found = advice_for(rw, "2022", "dalby")
    assert found.basis is Basis.WEAKEST
    assert found.note == (
        "Runden har for få byer til at sige, hvor kommunen ligger under de andre; her er praksisser for "
        "kommunens svageste områder."
    )
    assert [a.code for a in found.areas] == ["education", "commitment"]
    assert found.areas[0].peer_mean is None
    assert "er blandt kommunens svageste områder (score 30). Cederby: " in found.areas[0].practices[0].reason


def test_the_partial_links_the_practices_and_marks_invented_examples(rw: ResultsWorld) -> None:
    Practice.objects.filter(pk=rw.practices["schoolmix"].pk).update(is_example=True)
    with translation.override("da"):
        found = advice_for(rw, "2024", "dalby")
        html = render_to_string("practices/_recommended.html", {"recommended": found})
    assert f'href="/da/practices/{rw.practices["lektiecafe"].pk}/"' in html
    assert "Skolemix" not in html  # an invented example is never chosen over a real practice
    Practice.objects.exclude(pk=rw.practices["schoolmix"].pk).update(is_example=True)
    with translation.override("da"):
        html = render_to_string(
            "practices/_recommended.html", {"recommended": advice_for(rw, "2024", "dalby")}
        )
    assert html.count("Opdigtet eksempel</span>") == 3
    assert "Biblioteket har endnu ingen praksis på dette område." in html  # language: nothing yet


def test_in_the_demo_every_city_that_trails_is_recommended_a_real_practice_naming_its_source(
    db: Any, settings: Any
) -> None:
    from mangfold.web.core.demo import load_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo("demo-password-for-tests-42")
    checked = 0
    for round_ in Round.objects.all():
        for lang in ("da", "en"):
            results = round_results(round_, lang)
            for entry in results.entries:
                found = recommended_practices(results, entry, lang)
                if found is None or found.basis is not Basis.TRAILS or not found.areas:
                    continue
                suggestions = [s for area in found.areas for s in area.practices]
                assert suggestions, (round_.slug, entry.slug)
                for item in suggestions:
                    assert not item.practice.is_example, (round_.slug, entry.slug, item.title)
                    assert item.practice.city.name in item.reason
                    assert item.practice.summary_in(lang)[0].split(".")[0] in item.reason
                checked += 1
    assert checked >= 10  # five invented cities of the 2026 round, in both languages
