"""What the committee briefing may claim (a Copenhagen official's review of its 2011 and 2012 briefings).

Four claims the draft used to make whatever the data said, each now made from the facts:

1. the practices the city profile (Bilag 1) recommends: cited on the profile's basis, never denied;
2. the city's next result: "already in mangfold" when a later round holds one, else the promise to report;
3. places in samples of different sizes: both relative positions ("foran 79 % af de øvrige byer") and
   that the samples differ (København 5th of 20 in 2011, 8th of 34 in 2012: the same relative position);
4. the areas the population figures are summed over named for what they are (KMSTA001's parishes are
   "sogne", not Statistics Denmark's "småområder"), and "ikke-vestlig oprindelse" (Statistics Denmark's term).
"""

from __future__ import annotations

import re

import pytest

from mangfold.index.learning import Basis
from mangfold.index.standing import Placement
from mangfold.reports.briefing import (
    BriefingFacts,
    PopulationFacts,
    PracticeFact,
    PreviousResult,
    draft,
    relative_words,
)
from mangfold.reports.briefing_words import words
from mangfold.reports.context import ContextFigure, Coverage, area_kind, coverage_text, figure_label
from mangfold.reports.sources import is_english

SOURCE = "Københavns Kommune, committee minutes of 16.01.2012 (kk.dk)"
KMSTA_DA = "Kilde: Danmarks Statistik, tabel KMSTA001; sognegrænser DAGI."
VOTING_DA = "Kilde: Danmarks Statistik (valgdatabase.dst.dk); afstemningsområder Klimadatastyrelsen."
UPLOAD = "Uploaded by the city: district statistics 2011"
SIMILAR = (
    PracticeFact("", "Helhedsplanen for Gellerup og Toveshøj", "Aarhus", None, "Aarhus Kommune omdanner."),
    PracticeFact("", "Vollsmose – fra boligområde til bydel", "Odense", None),
    PracticeFact("", "DiMe – hjælp ved diskrimination", "Oslo", None),
)
PUBLISHED_2011 = Placement(5, 20, published=True, period="2011-spring", source=SOURCE)
PUBLISHED_2012 = Placement(8, 34, published=True, period="2012-early", source=SOURCE)
DENIAL = re.compile(r"kan notatet ikke pege på[^.]*praksisser|nor to practices of other cities")


def copenhagen(**changes: object) -> BriefingFacts:
    """København's 2012 result as the demo holds it: published places, no indicator scores."""
    base = BriefingFacts(
        city="København",
        network="ICC-netværket",
        round="ICC-indekset 2012",
        score=66.0,
        placement=PUBLISHED_2012,
        score_source=SOURCE,
        previous=PreviousResult("ICC-indekset 2011", 66.0, PUBLISHED_2011),
        attachments=("Byprofil: København, ICC-indekset 2012 (PDF)",),
    )
    return BriefingFacts(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def flat(text: str) -> str:
    return re.sub(r"[ \n]+", " ", text)  # not \s: the non-breaking space before "%" is kept


# 1. The practices of Bilag 1


def test_a_result_without_indicator_scores_cites_the_practices_the_profile_recommends() -> None:
    text = draft(copenhagen(practices=SIMILAR, basis=Basis.SIMILAR), "da")
    solution = flat(text["solution"])
    assert not DENIAL.search(solution)
    assert (
        "I denne runde har mangfold ikke kommunens scorer for de enkelte indikatorer, så der kan ikke peges "
        "på bestemte områder. Byprofilen i bilag 1 anbefaler i stedet 3 praksisser fra de byer, der ligner "
        "København mest i størrelse, mangfoldighed og land:" in solution
    )
    assert "»Helhedsplanen for Gellerup og Toveshøj« fra Aarhus. Aarhus Kommune omdanner." in solution
    assert "»Vollsmose – fra boligområde til bydel« fra Odense" in solution
    assert "»DiMe – hjælp ved diskrimination« fra Oslo" in solution
    assert ": »" not in solution  # a practice for no area is not put under an indicator
    assert (
        "undersøger, hvordan de anbefalede praksisser kan anvendes i kommunen, og" in text["recommendation"]
    )
    assert text["process"].startswith(
        "Forvaltningen forelægger udvalget et forslag til, hvordan de anbefalede praksisser kan anvendes"
    )
    one = flat(draft(copenhagen(practices=SIMILAR[:1], basis=Basis.SIMILAR), "da")["solution"])
    assert "anbefaler i stedet en praksis fra en af de byer, der ligner København mest" in one


def test_only_a_profile_without_practices_lets_the_briefing_say_it_has_none() -> None:
    solution = flat(draft(copenhagen(), "da")["solution"])
    assert "praksisbiblioteket rummer endnu ingen virkelige praksisser fra andre byer" in solution
    assert "kan notatet ikke pege på de områder, hvor kommunen ligger lavest" in solution
    assert "anbefalede praksisser" not in draft(copenhagen(), "da")["recommendation"]


def test_a_round_too_small_to_say_where_the_city_trails_cites_the_practices_for_its_weakest_areas() -> None:
    practices = (
        PracticeFact("Sprog", "Sprogcafé", "Malmö", 81.0),
        PracticeFact("Medier", "Antirygter", "Barcelona", None),
    )
    text = draft(copenhagen(focus=("Sprog", "Medier"), practices=practices, basis=Basis.WEAKEST), "da")
    solution = flat(text["solution"])
    assert solution.startswith(
        "Runden har for få byer med en score til at sige, hvor København ligger under de andre byers "
        "gennemsnit. Forvaltningen foreslår derfor at lære af praksisser på kommunens svageste områder:"
    )
    assert "- Sprog: »Sprogcafé« fra Malmö (score 81,0)" in text["solution"]
    assert "længst under" not in solution and not DENIAL.search(solution)
    assert "inden for sprog og medier" in text["recommendation"]
    none = flat(draft(copenhagen(focus=("Sprog",), basis=Basis.WEAKEST), "da")["solution"])
    assert "ingen offentliggjorte praksisser fra andre byer på kommunens svageste områder" in none


def test_the_briefing_refers_to_the_profiles_further_areas_by_their_number() -> None:
    practices = (PracticeFact("Sprog", "Sprogcafé", "Malmö", 81.0),)
    focus = ("Sprog", "Medier", "Bydele")
    more = draft(copenhagen(focus=focus, practices=practices, basis=Basis.TRAILS, recommended_areas=7), "da")
    assert (
        "Byprofilen i bilag 1 viser resultatet for hver indikator og anbefalede praksisser for alle 7 "
        "områder, hvor kommunen ligger under de andre byers gennemsnit." in flat(more["solution"])
    )
    same = draft(copenhagen(focus=focus, practices=practices, basis=Basis.TRAILS, recommended_areas=3), "da")
    assert "for alle 3 områder" not in same["solution"]


# 2. The next result


def test_a_later_result_in_the_platform_is_named_not_promised() -> None:
    one = draft(copenhagen(round="ICC-indekset 2011", later=("ICC-indekset 2012",)), "da")["process"]
    assert "Kommunens næste resultat, ICC-indekset 2012, foreligger allerede i mangfold." in one
    assert "når kommunens næste resultat foreligger" not in one
    two = draft(copenhagen(later=("Runde 2013", "Runde 2014")), "da")["process"]
    assert "Kommunens senere resultater, Runde 2013 og Runde 2014, foreligger allerede i mangfold." in two
    none = draft(copenhagen(), "da")["process"]
    assert none.endswith("Forvaltningen orienterer udvalget, når kommunens næste resultat foreligger.")
    english = draft(copenhagen(later=("ICC Index 2012",)), "en")["process"]
    assert "The city's next result, ICC Index 2012, is already available in mangfold." in english


# 3. Places in samples of different sizes


def test_a_place_reads_with_its_relative_position() -> None:
    problem = flat(draft(copenhagen(), "da")["problem"])
    assert "København ligger nr. 8 af 34 byer (resultat fra begyndelsen af 2012; kilde: " in problem
    assert "(kk.dk)), foran 79\u00a0% af de øvrige byer." in problem
    english = flat(draft(copenhagen(), "en")["problem"])
    assert "(kk.dk)), ahead of 79% of the other cities." in english


def test_places_out_of_samples_of_different_sizes_are_shown_relative_and_said_to_differ() -> None:
    problem = flat(draft(copenhagen(), "da")["problem"])
    assert PUBLISHED_2011.relative == pytest.approx(15 / 19) and PUBLISHED_2012.relative == pytest.approx(
        26 / 33
    )
    assert (
        "De to placeringer er opgjort blandt forskelligt antal byer, 20 i ICC-indekset 2011 og 34 i "
        "ICC-indekset 2012, så placeringerne kan ikke sammenlignes direkte. Relativt er placeringen den "
        "samme: foran 79\u00a0% af de øvrige byer i begge runder." in problem
    )
    # a real move in relative terms is stated as such
    moved = flat(
        draft(copenhagen(previous=PreviousResult("ICC-indekset 2011", 60.0, Placement(15, 20))), "da")[
            "problem"
        ]
    )
    assert (
        "Relativt lå København foran 26\u00a0% af de øvrige byer i ICC-indekset 2011 og ligger foran "
        "79\u00a0% af de øvrige byer i ICC-indekset 2012." in moved
    )
    # the same sample size: the places compare directly, nothing more is said
    same = flat(
        draft(copenhagen(previous=PreviousResult("ICC-indekset 2011", 66.0, Placement(5, 34))), "da")[
            "problem"
        ]
    )
    assert "forskelligt antal byer" not in same and "Relativt" not in same
    english = flat(draft(copenhagen(), "en")["problem"])
    assert "The two places are out of different numbers of cities, 20 in ICC-indekset 2011 and 34" in english
    assert "The relative position is the same: ahead of 79% of the other cities in both rounds." in english


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (Placement(1, 20), "foran alle de øvrige byer"),
        (Placement(20, 20), "efter alle de øvrige byer"),
        (Placement(2, 300), "foran 99\u00a0% af de øvrige byer"),  # 298/299 is not "all"
        (Placement(299, 300), "foran 1\u00a0% af de øvrige byer"),  # 1/299 is not "none"
        (Placement(2, 6, tied=True), "på niveau med eller foran 80\u00a0% af de øvrige byer"),
        (Placement(1, 6, tied=True), "på niveau med eller foran alle de øvrige byer"),
        (Placement(12, None, published=True), ""),
        (Placement(1, 1), ""),
    ],
)
def test_relative_position_in_words(place: Placement, expected: str) -> None:
    assert relative_words(place, "da") == expected


# 4. The areas and the Danish terms


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        (KMSTA_DA, "parish"),
        ("Statistics Denmark, table KMSTA001", "parish"),
        ("Statistics Denmark: KMSTA001 Population 1. January by parish, ancestry and time", "parish"),
        (VOTING_DA, "voting_area"),
        ("Statistics Denmark, election database 2024", "voting_area"),
        (UPLOAD, ""),
        ("Kilde: Danmarks Statistik, sognegrænser DAGI", ""),  # boundaries named, not the table
    ],
)
def test_the_kind_of_areas_follows_the_datasets_table(source: str, kind: str) -> None:
    assert area_kind(source) == kind


def population(source: str, coverage: Coverage) -> PopulationFacts:
    return PopulationFacts(
        population=ContextFigure(402_216.0, 2008, source, False, coverage, 2011),
        immigrant_share=ContextFigure(21.6, 2008, source, False, coverage, 2011),
        nonwestern_share=ContextFigure(14.5, 2008, source, False, coverage, 2011),
        dissimilarity=ContextFigure(0.25, 2008, source, False, coverage, 2011),
    )


@pytest.mark.parametrize(
    ("source", "noun"),
    [(KMSTA_DA, "sogne"), (VOTING_DA, "afstemningsområder"), (UPLOAD, "områder")],
)
def test_the_coverage_note_names_the_areas_for_what_they_are(source: str, noun: str) -> None:
    problem = flat(draft(copenhagen(population=population(source, Coverage(50, 56))), "da")["problem"])
    assert f"Statistikken dækker 50 af kommunens 56 {noun}, hvor der boede 402.216 indbyggere" in problem
    assert f"summen over 50 af kommunens 56 {noun}" in problem
    assert f"(2008, samme {noun} og kilde)" in problem
    assert "småområde" not in problem


def test_a_coverage_of_a_stated_kind_is_named_so_whatever_the_source() -> None:
    figure = ContextFigure(21.6, 2011, UPLOAD, False, Coverage(51, 56, kind="parish"))
    assert figure_label(figure, "da") == "2011, summen over 51 af kommunens 56 sogne"
    assert figure_label(figure, "en") == "2011, the sum over 51 of the city's 56 parishes"
    assert coverage_text(Coverage(4, 4), "da") == "summen over alle kommunens 4 områder"
    assert figure_label(ContextFigure(21.6, 2011, KMSTA_DA, False), "da") == "2011, summen over sogne"


def test_non_western_is_statistics_denmarks_origin_not_background() -> None:
    problem = flat(draft(copenhagen(population=population(KMSTA_DA, Coverage(50, 56))), "da")["problem"])
    assert "14,5\u00a0% af ikke-vestlig oprindelse" in problem
    assert "personer med ikke-vestlig oprindelse over for personer med dansk oprindelse" in problem
    danish = " ".join(words("da").values())
    assert "baggrund" not in danish and "småområde" not in danish


def test_every_sentence_of_the_briefing_has_its_danish_text() -> None:
    english, danish = words("en"), words("da")
    assert [key for key in english if english[key] == danish[key]] == []
    # and the new claims add no English to a Danish draft
    facts = copenhagen(practices=SIMILAR, basis=Basis.SIMILAR, later=("ICC-indekset 2013",))
    for key, section in draft(facts, "da").items():
        assert not is_english(section), (key, section)
