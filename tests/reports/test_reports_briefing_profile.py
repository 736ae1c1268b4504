"""The briefing and its Bilag 1 agree: the briefing cites what the city profile recommends, on the profile's
basis, knows the city's later results in the network, and gives both published places with their relative
positions (a network of published ICC results as the demo holds København's: 5th of 20, then 8th of 34)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import translation

from mangfold.index import Scorecard
from mangfold.index.learning import Basis
from mangfold.reports.briefing import draft
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.network.models import City, Membership, Network
from mangfold.web.practices.models import Practice
from mangfold.web.reports.briefings import FOCUS_AREAS, PRACTICES_PER_INDICATOR, facts
from mangfold.web.reports.profile import ProfileReport, build_profile
from tests.reports.reports_world import FOCUS, ReportsWorld, build_reports_world

pytestmark = pytest.mark.django_db
SOURCE = "Københavns Kommune, committee minutes of 16.01.2012 (kk.dk)"
DENIAL = re.compile(r"kan notatet ikke pege på[^.]*praksisser")


@pytest.fixture
def rw(db: Any, settings: Any) -> ReportsWorld:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_reports_world()


def profile(round_: Round, slug: str, lang: str = "da") -> ProfileReport:
    with translation.override(lang):
        report = build_profile(round_, slug, lang)
    assert report is not None
    return report


def flat(text: str) -> str:
    return re.sub(r"[ \n]+", " ", text)


def titles(report: ProfileReport) -> list[str]:
    recommended = report.recommended
    assert recommended is not None
    return [item.title for area in recommended.areas for item in area.practices]


# 1. Bilag 1's practices


def test_a_result_without_indicator_scores_cites_the_practices_of_its_profile(rw: ReportsWorld) -> None:
    report = profile(rw.rounds["2024"], "legacyby")
    assert report.recommended is not None and report.recommended.basis is Basis.SIMILAR
    recommended = titles(report)
    assert recommended  # the real practices of the cities most like Legacyby
    drafted = facts(report)
    assert drafted.basis is Basis.SIMILAR and drafted.focus == ()
    assert [p.title for p in drafted.practices] == recommended
    solution = flat(draft(drafted, "da")["solution"])
    assert not DENIAL.search(solution)
    assert (
        f"anbefaler i stedet {len(recommended)} praksisser fra de byer, der ligner Legacyby mest" in solution
    )
    for practice in drafted.practices:
        assert f"»{practice.title}« fra {practice.city}" in solution


def test_a_trailing_city_names_the_profiles_largest_gaps_and_counts_the_rest(rw: ReportsWorld) -> None:
    report = profile(rw.rounds["2024"], FOCUS)
    recommended = report.recommended
    assert recommended is not None and recommended.trails
    areas = [area for area in recommended.areas if area.code]
    drafted = facts(report)
    assert drafted.focus == tuple(area.name for area in areas[:FOCUS_AREAS])
    assert [p.title for p in drafted.practices] == [
        item.title for area in areas[:FOCUS_AREAS] for item in area.practices[:PRACTICES_PER_INDICATOR]
    ]
    assert drafted.recommended_areas == len(areas)
    solution = flat(draft(drafted, "da")["solution"])
    counted = f"anbefalede praksisser for alle {len(areas)} områder, hvor kommunen ligger under"
    assert (counted in solution) == (len(areas) > FOCUS_AREAS)


def test_a_round_too_small_to_say_where_the_city_trails_cites_its_weakest_areas(rw: ReportsWorld) -> None:
    for slug in ("oestby", "aabenraa", "lund"):
        rw.assessments[("2024", slug)].delete()
    report = profile(rw.rounds["2024"], FOCUS)
    recommended = report.recommended
    assert recommended is not None and recommended.basis is Basis.WEAKEST
    areas = [area for area in recommended.areas if area.code][:FOCUS_AREAS]
    drafted = facts(report)
    assert drafted.basis is Basis.WEAKEST
    assert drafted.focus == tuple(area.name for area in areas)
    assert [p.title for p in drafted.practices] == [
        item.title for area in areas for item in area.practices[:PRACTICES_PER_INDICATOR]
    ]
    solution = flat(draft(drafted, "da")["solution"])
    assert "Runden har for få byer med en score til at sige, hvor Ærøskøbing ligger under" in solution
    assert "længst under" not in solution and "peger derfor ikke på praksisser" not in solution


# 2. Later results


def test_the_next_result_is_named_when_the_network_holds_it(rw: ReportsWorld) -> None:
    earlier = facts(profile(rw.rounds["2023"], FOCUS))
    assert earlier.later == ("Runde 2024",)
    process = draft(earlier, "da")["process"]
    assert "Kommunens næste resultat, Runde 2024, foreligger allerede i mangfold." in process
    assert "når kommunens næste resultat foreligger" not in process
    latest = draft(facts(profile(rw.rounds["2024"], FOCUS)), "da")["process"]
    assert latest.endswith("Forvaltningen orienterer udvalget, når kommunens næste resultat foreligger.")


def test_a_later_result_that_is_not_public_is_not_named(rw: ReportsWorld) -> None:
    Assessment.objects.filter(round=rw.rounds["2024"], city=rw.focus).update(state="approved")
    drafted = facts(profile(rw.rounds["2023"], FOCUS))
    assert drafted.later == ()
    assert "foreligger allerede" not in draft(drafted, "da")["process"]


# 3. Published places in samples of different sizes


@pytest.fixture
def icc(db: Any) -> Network:
    """København's published ICC results (5th of 20 in spring 2011, 8th of 34 early in 2012, both 66) and
    a real practice of another city."""
    network = Network.objects.create(slug="icc-test", name="ICC-testnetværket")
    copenhagen = City.objects.create(
        slug="copenhagen", name="København", country="DK", population=548_443, foreign_born_share=14.0
    )
    aarhus = City.objects.create(
        slug="aarhus", name="Aarhus", country="DK", population=310_000, foreign_born_share=12.0
    )
    for city in (copenhagen, aarhus):
        Membership.objects.create(network=network, city=city)
    for slug, rank, of, period in (("2011", 5, 20, "2011-spring"), ("2012", 8, 34, "2012-early")):
        round_ = Round.objects.create(
            network=network,
            slug=slug,
            name=f"ICC-indekset {slug}",
            name_en=f"ICC Index {slug}",
            instrument="icc-index",
            instrument_version="2011",
        )
        Assessment.objects.create(
            round=round_,
            city=copenhagen,
            state="published",
            official_scorecard=Scorecard.legacy(66.0, source=SOURCE).to_dict(),
            overall=66.0,
            source=SOURCE,
            published_rank=rank,
            published_sample=of,
            published_period=period,
        )
    Practice.objects.create(
        title="Helhedsplanen for Gellerup og Toveshøj",
        city=aarhus,
        status="published",
        purpose="En blandet bydel.",
        indicators=["neighbourhoods"],
        source="Aarhus Kommune",
    )
    return network


def icc_round(network: Network, slug: str) -> Round:
    return Round.objects.get(network=network, slug=slug)


def test_the_2012_briefing_shows_both_published_places_relative_to_their_samples(icc: Network) -> None:
    problem = flat(draft(facts(profile(icc_round(icc, "2012"), "copenhagen")), "da")["problem"])
    assert "København ligger nr. 8 af 34 byer (resultat fra begyndelsen af 2012; kilde: " in problem
    assert "(kk.dk)), foran 79\u00a0% af de øvrige byer." in problem
    assert (
        "I ICC-indekset 2011 var scoren 66,0 (nr. 5 af 20 byer; resultat fra foråret 2011; kilde: " in problem
    )
    assert (
        "De to placeringer er opgjort blandt forskelligt antal byer, 20 i ICC-indekset 2011 og 34 i "
        "ICC-indekset 2012, så placeringerne kan ikke sammenlignes direkte. Relativt er placeringen den "
        "samme: foran 79\u00a0% af de øvrige byer i begge runder." in problem
    )
    english = flat(draft(facts(profile(icc_round(icc, "2012"), "copenhagen", "en")), "en")["problem"])
    assert "20 in ICC Index 2011 and 34 in ICC Index 2012" in english  # the rounds' English names


def test_the_2011_briefing_cites_its_practices_and_names_the_2012_result(icc: Network) -> None:
    text = draft(facts(profile(icc_round(icc, "2011"), "copenhagen")), "da")
    assert "»Helhedsplanen for Gellerup og Toveshøj« fra Aarhus" in text["solution"]
    assert not DENIAL.search(flat(text["solution"]))
    assert "Kommunens næste resultat, ICC-indekset 2012, foreligger allerede i mangfold." in text["process"]
    assert "(kk.dk)), foran 79\u00a0% af de øvrige byer." in flat(text["problem"])
