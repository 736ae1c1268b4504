"""Source notes in a Danish report are Danish; English titles are quoted."""

from __future__ import annotations

import pytest

from mangfold.reports.sources import is_english, source_note


@pytest.mark.parametrize(
    ("note", "danish"),
    [
        (
            "Københavns Kommune, committee minutes of 16.01.2012 (kk.dk)",
            "Københavns Kommune, udvalgsreferat af 16.01.2012 (kk.dk)",
        ),
        (
            "Council of Europe, Intercultural Cities: city profile of Copenhagen",
            "Europarådet, Intercultural Cities: byprofil for København",
        ),
        (
            "Statistics Denmark, table KMSTA001 (immigrants in København's parishes, 1 January 2011; "
            "computed by mangfold)",
            "Danmarks Statistik, tabel KMSTA001 (indvandrere i Københavns sogne, 1. januar 2011; beregnet af "
            "mangfold)",
        ),
        (
            "Kilde: Danmarks Statistik, tabel KMSTA001; sognegrænser DAGI.",
            "Danmarks Statistik, tabel KMSTA001; sognegrænser DAGI",
        ),
        ("Odesa city council report, 2017", "rapport fra Odesas byråd, 2017"),
        (
            "Invented for the demo (fictional city) / opfundet til demoen (opdigtet by)",
            "opfundet til demoen (opdigtet by)",
        ),
    ],
)
def test_a_danish_report_cites_known_sources_in_danish(note: str, danish: str) -> None:
    assert source_note(note, "da") == danish
    assert not is_english(source_note(note, "da"))


def test_an_english_title_left_after_translation_is_quoted() -> None:
    note = (
        "Stadt Dortmund, Dortmunder Statistik: Bevölkerungsstand (residents with main residence, end of 2016)"
    )
    assert source_note(note, "da") == (
        "Stadt Dortmund, Dortmunder Statistik: "
        "»Bevölkerungsstand (residents with main residence, end of 2016)«"
    )
    assert not is_english(source_note(note, "da"))


def test_an_english_report_cites_the_note_as_it_is() -> None:
    note = "Council of Europe, Intercultural Cities: city profile of Copenhagen"
    assert source_note(note, "en") == note
    assert source_note(
        "Invented for the demo (fictional city) / opfundet til demoen (opdigtet by)", "en"
    ) == ("Invented for the demo (fictional city)")


def test_english_is_recognised_by_its_function_words_and_danish_is_not() -> None:
    assert is_english("committee minutes of 16.01.2012")
    assert is_english("Example: the city")
    assert not is_english(
        "Forvaltningen indstiller, at udvalget tager orienteringen til efterretning for de to byer"
    )
    assert not is_english("»The city of tomorrow« er titlen")


def test_a_practice_is_cited_by_the_hosts_of_its_links_in_danish_and_by_its_citation_in_english() -> None:
    from mangfold.reports.sources import practice_source

    note = "Cities of Migration, “Fighting Fiction with Facts” (2011); project page. Also listed by UCLG."
    links = [
        "http://ajuntament.barcelona.cat/bcnacciointercultural/en/anti-rumors",
        "https://ajuntament.barcelona.cat/dretssocials/ca/estrategia",
        "http://www.citiesofmigration.ca/good_idea/fighting-fiction/",
        "mailto:someone@example.org",
    ]
    assert practice_source(note, links, "da") == "kilder på ajuntament.barcelona.cat og citiesofmigration.ca"
    assert practice_source(note, links[:1], "da") == "kilde på ajuntament.barcelona.cat"
    assert practice_source(note, links, "en") == note.rstrip(".")
    # without a web address the note is cited as source_note gives it: the English title quoted
    assert practice_source("Council of Europe: Good practice of the month.", [], "da") == (
        "Europarådet: »Good practice of the month«"
    )
