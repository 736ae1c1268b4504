"""The profile's "Method and data sources" says what was done for *this* result (reviewer's item 1), and a
published result is cited with its period apart from its source (item 3).

A published ICC result (København, 66, 5th of 20 in spring 2011, cited from committee minutes of January
2012) was described with the questionnaire's scoring rule, competition ranks, Hazen percentiles and
recommendations "where the city trails the mean", none of which mangfold did for it; and its source read
"referat af udvalgsmøde 16.01.2012 (kk.dk), offentliggjort foråret 2011". Every expected figure below is
read from the data the test made.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from mangfold.index import Scorecard
from mangfold.index.learning import MIN_PEERS, Basis
from mangfold.reports.sources import is_english
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.network.models import City, Membership, Network
from mangfold.web.practices.models import Practice
from mangfold.web.reports.profile import ProfileReport, build_profile
from mangfold.web.results.services import limits
from tests.reports.reports_world import FOCUS, ReportsWorld, build_reports_world

pytestmark = pytest.mark.django_db
SOURCE = "Københavns Kommune, committee minutes of 16.01.2012 (kk.dk)"
SOURCE_DA = "Københavns Kommune, udvalgsreferat af 16.01.2012 (kk.dk)"
QUESTIONNAIRE_ONLY = ("Hver indikator får en score", "konkurrenceplaceringer", "Sammenligningsgrupper")
NEVER = ("percentil", "Hazen")


@pytest.fixture
def rw(db: Any, settings: Any) -> ReportsWorld:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_reports_world()


@pytest.fixture
def icc(db: Any) -> Round:
    """A round of the published ICC index: København's 66 (5th of 20, spring 2011) and Aarhus' 58 with no
    place published; a real practice of Aarhus."""
    network = Network.objects.create(slug="icc-test", name="ICC-testnetværket")
    cities = {
        slug: City.objects.create(
            slug=slug, name=name, country="DK", population=population, foreign_born_share=share
        )
        for slug, name, population, share in (
            ("copenhagen", "København", 548_443, 14.0),
            ("aarhus", "Aarhus", 310_000, 12.0),
        )
    }
    round_ = Round.objects.create(
        network=network,
        slug="2011",
        name="ICC-indekset 2011",
        instrument="icc-index",
        instrument_version="2011",
    )
    for slug, score, rank, of, period in (
        ("copenhagen", 66.0, 5, 20, "2011-spring"),
        ("aarhus", 58.0, None, None, ""),
    ):
        Membership.objects.create(network=network, city=cities[slug])
        Assessment.objects.create(
            round=round_,
            city=cities[slug],
            state="published",
            official_scorecard=Scorecard.legacy(score, source=SOURCE).to_dict(),
            overall=score,
            source=SOURCE,
            published_rank=rank,
            published_sample=of,
            published_period=period,
        )
    Practice.objects.create(
        title="Helhedsplanen for Gellerup og Toveshøj",
        city=cities["aarhus"],
        status="published",
        purpose="En blandet bydel.",
        indicators=["neighbourhoods"],
        source="Aarhus Kommune",
    )
    return round_


def profile(round_: Round, slug: str, lang: str = "da") -> ProfileReport:
    with translation.override(lang):
        report = build_profile(round_, slug, lang)
    assert report is not None
    return report


def method(report: ProfileReport) -> str:
    return " ".join(report.method)


def visible(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


# A published index: the score and the place are the publication's, nothing is recomputed


def test_a_published_result_is_described_as_reproduced_with_its_period_and_source(icc: Round) -> None:
    report = profile(icc, "copenhagen")
    mine = Assessment.objects.get(round=icc, city__slug="copenhagen")
    assert report.published and report.placement is not None and report.placement.published
    text = method(report)
    rank, of = mine.published_rank, mine.published_sample
    assert (
        f"Den samlede score, 66,0, og placeringen, nr. {rank} af {of} byer, "
        f"er gengivet, som de blev offentliggjort: resultat fra foråret 2011; kilde: {SOURCE_DA}. "
        "mangfold har ikke selv beregnet dem." in text
    )
    assert "kun den samlede score registreret i mangfold, ikke scorerne for de enkelte indikatorer" in text
    count = Assessment.objects.filter(round=icc, state="published").count()
    assert (
        f"Ud fra de {count} resultater fra runden, som findes i mangfold, beregnes hverken placering" in text
    )
    assert rank is not None and of is not None
    share = round(100 * (of - rank) / (of - 1))
    assert (
        f"Andelen af de øvrige byer, som København ligger foran ({share}\u00a0%), er regnet ud fra den "
        f"offentliggjorte placering: ({of} − {rank}) / ({of} − 1)." in text
    )
    for words in (*QUESTIONNAIRE_ONLY, *NEVER, "ligger under gennemsnittet"):
        assert words not in text, words


def test_the_recommendations_are_said_to_be_of_similar_cities_when_there_are_no_indicator_scores(
    icc: Round,
) -> None:
    report = profile(icc, "copenhagen")
    assert report.recommended is not None and report.recommended.basis is Basis.SIMILAR
    assert report.method[-1].startswith(
        "mangfold har ikke kommunens scorer for de enkelte indikatorer i denne runde, så anbefalingerne "
        "peger ikke på bestemte områder"
    )
    Practice.objects.all().delete()  # no real practice: no recommendation, and nothing said of one
    bare = profile(icc, "copenhagen")
    assert bare.recommended is None
    assert not any("anbefaling" in paragraph for paragraph in bare.method)


def test_a_result_with_no_published_place_claims_none(icc: Round) -> None:
    report = profile(icc, "aarhus")
    assert report.placement is None
    text = method(report)
    assert text.startswith("Den samlede score, 58,0, er gengivet, som den blev offentliggjort: kilde: ")
    assert "placeringen" not in text and "foran" not in text


def test_the_page_cites_the_result_period_apart_from_its_source(icc: Round) -> None:
    text = visible(Client().get("/da/reports/icc-test/2011/copenhagen/").content.decode())
    assert f"Resultat fra foråret 2011; kilde: {SOURCE_DA}." in text
    assert "offentliggjort foråret 2011" not in text
    assert "nr. 5 af 20 byer (resultat fra foråret 2011)" in text  # the cover
    assert f"Score og placering (nr. 5 af 20 byer): resultat fra foråret 2011; kilde: {SOURCE_DA}" in text
    for words in (*QUESTIONNAIRE_ONLY, *NEVER):
        assert words not in text, words
    english = visible(Client().get("/en/reports/icc-test/2011/copenhagen/").content.decode())
    assert f"Result from spring 2011; source: {SOURCE}." in english
    assert "are reproduced as published: result from spring 2011" in english
    assert "published spring 2011" not in english


def test_the_danish_method_section_holds_no_english(icc: Round, rw: ReportsWorld) -> None:
    for report in (profile(icc, "copenhagen"), profile(rw.rounds["2024"], FOCUS)):
        english = [p for p in report.method if is_english(p)]
        assert not english, english


# A questionnaire: the rules as applied, with the thresholds of this round


def test_a_questionnaire_round_states_its_rules_with_the_thresholds_applied(rw: ReportsWorld) -> None:
    report = profile(rw.rounds["2024"], FOCUS)
    text = method(report)
    assert "Hver indikator får en score fra 0 til 100 som det vægtede gennemsnit" in text
    assert f"Spørgeskema: {report.questionnaire_title}." in text
    scored = [a for a in rw.published("2024") if a.overall is not None]
    applied = limits()
    assert (
        "Placeringer er konkurrenceplaceringer (byer med samme score deler den bedste plads) blandt rundens "
        f"{len(scored)} byer med en samlet score; en placering vises fra {applied.min_rank} byer med en "
        f"score, et gennemsnit og en median fra {applied.min_mean}." in text
    )
    placement = report.placement
    assert placement is not None and placement.of == len(scored)
    assert f"= ({placement.of} − {placement.rank}) / ({placement.of} − 1)." in text
    similar = next(group for group in report.peers if group.kind == "similar")
    assert (
        f"og de {len(similar.members) - 1} byer, der ligner byen mest i størrelse og mangfoldighed." in text
    )
    assert "I byens scorekort tæller et pointgivende spørgsmål uden svar 0 point." in text
    assert report.missing_rule == "zero"
    for words in (*NEVER, "gengivet, som"):
        assert words not in text, words


def test_trailing_recommendations_are_said_to_be_chosen_on_the_peers_mean(rw: ReportsWorld) -> None:
    report = profile(rw.rounds["2024"], FOCUS)
    assert report.recommended is not None and report.recommended.basis is Basis.TRAILS
    assert report.method[-1].startswith(
        "Anbefalingerne gælder de indikatorer, hvor kommunen ligger under gennemsnittet for mindst "
        f"{MIN_PEERS} andre byer i runden med en score dér, største forskel først"
    )


def test_too_few_peers_are_said_to_give_the_weakest_indicators(rw: ReportsWorld) -> None:
    round_ = rw.rounds["2023"]
    Assessment.objects.filter(round=round_).exclude(city__slug__in=[FOCUS, "oestby"]).update(state="approved")
    report = profile(round_, FOCUS)
    assert report.recommended is not None and report.recommended.basis is Basis.WEAKEST
    text = method(report)
    assert report.method[-1].startswith(
        f"Ingen af kommunens indikatorer har en score fra mindst {MIN_PEERS} andre byer i runden"
    )
    assert "ligger under gennemsnittet for mindst" not in text
    assert "blandt rundens 2 byer med en samlet score" in text


def test_a_published_result_in_a_questionnaire_round_is_reproduced_and_ranked(rw: ReportsWorld) -> None:
    report = profile(rw.rounds["2024"], "legacyby")
    text = method(report)
    assert text.startswith("Den samlede score, 61,0, er gengivet, som den blev offentliggjort: kilde: ")
    assert "mangfold har ikke selv beregnet den." in text
    assert "Placeringer er konkurrenceplaceringer" in text  # ranked with the round's other results
    assert report.method[-1].startswith("mangfold har ikke kommunens scorer for de enkelte indikatorer")
