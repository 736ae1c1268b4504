"""The committee briefing drafted from the data: one test per claim it makes, and its text blocks."""

from __future__ import annotations

import datetime
import re

import pytest

from mangfold.index.standing import Placement
from mangfold.reports.briefing import (
    SECTIONS,
    BriefingFacts,
    IndicatorFact,
    PopulationFacts,
    PracticeFact,
    PreviousResult,
    draft,
    draft_title,
    strongest_and_weakest,
)
from mangfold.reports.cachekey import cache_key
from mangfold.reports.context import ContextFigure, Coverage
from mangfold.reports.sources import is_english
from mangfold.reports.text import Block, blocks

INDICATORS = [
    IndicatorFact("Uddannelse", 80.0, 60.0),
    IndicatorFact("Sprog", 35.0, 55.0),
    IndicatorFact("Medier", 90.0, 70.0),
    IndicatorFact("Forpligtelse", 50.0, 52.0),
    IndicatorFact("Bydele", 20.0, 44.0),
    IndicatorFact("Offentlig service", 70.0, 40.0),
    IndicatorFact("Antidiskrimination", 35.0, 30.0),
]
SOURCE = "Københavns Kommune, committee minutes of 16.01.2012 (kk.dk)"
KMSTA = "Kilde: Danmarks Statistik, tabel KMSTA001; sognegrænser DAGI."
PARISHES_2011 = Coverage(51, 56, 459_420.0, 548_443.0)


def population_2011() -> PopulationFacts:
    """København's context in the 2011 round, as the demo's data give it."""
    return PopulationFacts(
        population=ContextFigure(
            548_443.0,
            2011,
            "Council of Europe, Intercultural Cities: city profile of Copenhagen",
            True,
            None,
            2011,
        ),
        immigrant_share=ContextFigure(21.605, 2011, KMSTA, False, PARISHES_2011, 2011),
        nonwestern_share=ContextFigure(14.46, 2011, KMSTA, False, PARISHES_2011, 2011),
        dissimilarity=ContextFigure(0.2513, 2011, KMSTA, False, PARISHES_2011, 2011),
    )


def facts(**changes: object) -> BriefingFacts:
    strong, weak = strongest_and_weakest(INDICATORS)
    base = BriefingFacts(
        city="København",
        network="ICC-netværket",
        round="ICC-indeks 2012",
        score=66.0,
        placement=Placement(8, 34, published=True, period="2012-early", source=SOURCE),
        score_source=SOURCE,
        strongest=strong,
        weakest=weak,
        focus=("Bydele", "Sprog"),
        practices=(PracticeFact("Bydele", "Stadtteilmütter", "Berlin-Neukölln", 92.0),),
        previous=PreviousResult(
            "ICC-indeks 2011", 62.5, Placement(5, 20, published=True, period="2011-spring", source=SOURCE)
        ),
        population=population_2011(),
        attachments=("Byprofil: København, ICC-indeks 2012 (PDF)",),
    )
    return BriefingFacts(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def flat(text: str) -> str:
    return re.sub(r"[ \n]+", " ", text)


def test_strongest_and_weakest_are_three_each_and_never_the_same() -> None:
    strong, weak = strongest_and_weakest(INDICATORS)
    assert [f.name for f in strong] == ["Medier", "Uddannelse", "Offentlig service"]
    assert [f.name for f in weak] == ["Bydele", "Sprog", "Antidiskrimination"]
    few = INDICATORS[:4]
    strong, weak = strongest_and_weakest(few)
    assert not set(strong) & set(weak)
    assert len(strong) + len(weak) == 4


def test_the_danish_draft_has_every_section_in_committee_order() -> None:
    text = draft(facts(), "da")
    assert list(text) == list(SECTIONS)
    assert text["recommendation"].startswith("Forvaltningen indstiller, at udvalget")
    assert (
        "1. tager orienteringen om Københavns resultat i ICC-netværket, ICC-indeks 2012"
        in text["recommendation"]
    )
    assert "anvendes i kommunen inden for bydele og sprog" in text["recommendation"]
    assert text["economy"].startswith("Ingen.")
    assert text["attachments"] == "- Bilag 1: Byprofil: København, ICC-indeks 2012 (PDF)"


def test_the_score_is_stated_with_its_source_in_danish() -> None:
    problem = flat(draft(facts(placement=None), "da")["problem"])
    assert (
        "I ICC-indeks 2012 fik København en samlet score på 66,0 af 100 "
        "(kilde: Københavns Kommune, udvalgsreferat af 16.01.2012 (kk.dk))." in problem
    )


def test_a_published_place_reads_with_its_period_and_source() -> None:
    problem = flat(draft(facts(), "da")["problem"])
    assert "I ICC-indeks 2012 fik København en samlet score på 66,0 af 100. København ligger" in problem
    assert (
        "København ligger nr. 8 af 34 byer (resultat fra begyndelsen af 2012; kilde: Københavns Kommune, "
        "udvalgsreferat af 16.01.2012 (kk.dk)), foran 79\u00a0% af de øvrige byer." in problem
    )
    english = flat(draft(facts(), "en")["problem"])
    assert (
        "København ranks 8th of 34 cities (result from early 2012; source: Københavns Kommune, committee "
        "minutes" in english
    )


def test_a_briefing_gives_no_place_without_one_and_says_why() -> None:
    reason = "Der er kun 2 byer med et resultat på dette spørgeskema; placeringer vises fra 5 byer."
    problem = flat(draft(facts(placement=None, placement_reason=reason), "da")["problem"])
    assert "ligger nr." not in problem
    assert reason in problem
    assert not re.search(r"\b1 af 1\b|\bnr\. 1 af 2\b", problem)


def test_a_mean_is_stated_only_with_the_number_of_cities_behind_it() -> None:
    problem = flat(draft(facts(mean=58.25, mean_of=7), "da")["problem"])
    assert "Gennemsnittet for de 7 byer i runden, som mangfold har resultater for, er 58,2." in problem
    assert "ennemsnittet for de" not in flat(draft(facts(mean=None, mean_of=2), "da")["problem"])


def test_a_change_is_stated_between_two_rounds_of_one_instrument() -> None:
    problem = flat(draft(facts(), "da")["problem"])
    assert (
        "I ICC-indeks 2011 var scoren 62,5 (nr. 5 af 20 byer; resultat fra foråret 2011; kilde: Københavns "
        "Kommune, udvalgsreferat af 16.01.2012 (kk.dk)); det er en ændring på +3,5 point." in problem
    )
    same = flat(draft(facts(previous=PreviousResult("ICC-indeks 2011", 66.0)), "da")["problem"])
    assert "I ICC-indeks 2011 var scoren 66,0; scoren er uændret." in same
    computed = PreviousResult("Runde 2023", 62.5, Placement(3, 7))
    assert "I Runde 2023 var scoren 62,5 (nr. 3 af 7 byer); det er en ændring på +3,5 point." in flat(
        draft(facts(previous=computed), "da")["problem"]
    )


def test_a_briefing_never_states_a_change_between_two_instruments() -> None:
    other = PreviousResult("ICC-indeks 2012", 81.7, Placement(1, 1), comparable=False)
    for lang in ("da", "en"):
        problem = flat(draft(facts(previous=other, score=66.0), lang)["problem"])
        assert "81,7" not in problem and "81.7" not in problem
        assert "ændring på" not in problem and "change of" not in problem
        assert "−15,7" not in problem and "15.7" not in problem
    assert "kan ikke sammenlignes" in draft(facts(previous=other), "da")["problem"]


def test_a_result_without_indicator_scores_says_our_record_lacks_them() -> None:
    text = draft(facts(strongest=(), weakest=(), focus=(), practices=()), "da")
    problem = flat(text["problem"])
    assert "offentliggjort uden scorer" not in problem
    assert "kun den samlede score registreret i mangfold" in problem
    assert "besvare netværkets spørgeskema" not in text["solution"]
    assert "kommunens resultat kan forbedres" in text["recommendation"]
    assert "{" not in "".join(text.values())


def test_the_population_is_that_of_the_rounds_year_with_its_kind_and_source() -> None:
    problem = flat(draft(facts(), "da")["problem"])
    assert (
        "København havde 548.443 indbyggere (2011, tal for hele kommunen; kilde: Europarådet, "
        "Intercultural Cities: byprofil for København)." in problem
    )
    assert (
        "Af indbyggerne var 21,6\u00a0% indvandrere og efterkommere og 14,5\u00a0% af ikke-vestlig "
        "oprindelse (2011, summen over 51 af kommunens 56 sogne, med 459.420 af de 548.443 indbyggere i "
        "kommunens tal for samme år (83,8\u00a0%); kilde: Danmarks Statistik, tabel KMSTA001; "
        "sognegrænser DAGI)." in problem
    )
    assert "oprindelse var 0,25 (2011, samme sogne og kilde): den andel" in problem


def test_a_figure_of_an_earlier_year_is_labelled_with_its_year() -> None:
    figure = ContextFigure(402_216.0, 2008, KMSTA, False, Coverage(50, 56), 2011)
    problem = flat(draft(facts(population=PopulationFacts(population=figure)), "da")["problem"])
    assert (
        "Statistikken dækker 50 af kommunens 56 sogne, hvor der boede 402.216 indbyggere "
        "(2008, nærmeste tidligere år end rundens (2011); kilde: Danmarks Statistik" in problem
    )
    assert "København havde 402.216" not in problem


def test_an_invented_city_is_marked_and_declined_in_danish() -> None:
    city = "Eksempelby (opdigtet eksempel)"
    text = draft(facts(city=city), "da")
    assert "tager orienteringen om resultatet for Eksempelby (opdigtet eksempel) i" in text["recommendation"]
    assert draft_title(facts(city=city), "da").startswith("Resultatet for Eksempelby (opdigtet eksempel) i")
    assert "(opdigtet eksempel)s" not in "".join(text.values())
    assert draft_title(facts(city="Paris"), "da").startswith("Paris' resultat")


def test_a_city_ahead_everywhere_is_not_told_the_library_lacks_practices() -> None:
    text = draft(facts(focus=(), practices=(), ahead_everywhere=True), "da")
    assert "på eller over gennemsnittet for byerne i runden på alle indikatorer" in flat(text["solution"])
    assert "Praksisbiblioteket" not in text["solution"]
    assert "anbefalede praksisser" not in text["recommendation"]
    no_means = draft(facts(focus=(), practices=(), ahead_everywhere=False), "da")
    assert "for få indikatorscorer til et gennemsnit" in flat(no_means["solution"])


def test_the_recommendation_names_recommended_practices_only_when_there_are_some() -> None:
    assert "de anbefalede praksisser" in draft(facts(), "da")["recommendation"]
    without = draft(facts(practices=()), "da")
    assert "anbefalede praksisser" not in without["recommendation"]
    assert "længst under de andre byers gennemsnit" in flat(without["solution"])


def test_recommendations_are_in_the_formal_register_without_question_codes() -> None:
    text = draft(facts(), "da")
    for key in ("recommendation", "solution", "process"):
        assert not re.search(r"\b[A-Z]{2,4}\d+\b", text[key]), key
        assert not re.search(r"\b(I|jer|jeres|du|dig)\b", text[key]), key
    assert "Forvaltningen" in text["process"]


def test_the_danish_draft_has_no_english_sentence() -> None:
    for changes in ({}, {"placement": None, "previous": None}, {"strongest": (), "weakest": (), "focus": ()}):
        text = draft(facts(**changes), "da")
        for key, section in text.items():
            assert not is_english(section), (key, section)


def test_the_english_draft() -> None:
    text = draft(facts(), "en")
    problem = flat(text["problem"])
    assert (
        "København had 548,443 inhabitants (2011, a total for the whole city; source: Council of Europe"
        in problem
    )
    assert (
        "Of the inhabitants, 21.6% had an immigrant background and 14.5% were of non-Western origin"
        in problem
    )
    assert "takes note of København's result" in text["recommendation"]
    assert "“Stadtteilmütter” from Berlin-Neukölln" in text["solution"]
    assert draft_title(facts(), "en") == "København's result in ICC-netværket: ICC-indeks 2012"
    assert draft_title(facts(), "da") == "Københavns resultat i ICC-netværket: ICC-indeks 2012"


def test_text_blocks() -> None:
    text = "Forvaltningen indstiller,\nat udvalget\n\n1. tager\n2. beslutter\n\n- a\n- b\n\n\nSidste."
    assert blocks(text) == [
        Block("paragraph", ("Forvaltningen indstiller, at udvalget",)),
        Block("numbers", ("tager", "beslutter")),
        Block("bullets", ("a", "b")),
        Block("paragraph", ("Sidste.",)),
    ]
    assert blocks("  \n ") == []
    assert blocks("- a\nnot a list") == [Block("paragraph", ("- a not a list",))]


def test_cache_keys_change_with_any_input() -> None:
    when = datetime.datetime(2024, 3, 22, 12, 0, tzinfo=datetime.UTC)
    base = {"lang": "da", "published": [[1, when]], "practices": [3, None]}
    assert cache_key(base) == cache_key(dict(reversed(list(base.items()))))
    assert re.fullmatch(r"[0-9a-f]{64}", cache_key(base))
    for change in ({"lang": "en"}, {"published": [[1, when.replace(hour=13)]]}, {"practices": [4, None]}):
        assert cache_key({**base, **change}) != cache_key(base)
    with pytest.raises(TypeError):
        cache_key({"x": object()})
