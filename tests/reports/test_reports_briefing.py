"""The committee briefing drafted from the data, its text blocks, and its Word document."""

from __future__ import annotations

import datetime
import io
import re

import pytest

from mangfold.reports.briefing import (
    HEADINGS,
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
from mangfold.reports.docx import BriefingDocument, briefing_docx
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


def facts(**changes: object) -> BriefingFacts:
    strong, weak = strongest_and_weakest(INDICATORS)
    base = BriefingFacts(
        city="København",
        network="ICC-netværket",
        round="ICC-indeks 2012",
        score=66.0,
        rank=8,
        of=34,
        mean=58.25,
        strongest=strong,
        weakest=weak,
        focus=("Bydele", "Sprog"),
        practices=(PracticeFact("Bydele", "Stadtteilmütter", "Berlin-Neukölln", 92.0),),
        previous=PreviousResult("ICC-indeks 2011", 62.5, 5, 20),
        population=PopulationFacts(
            population=1234567,
            year="2024",
            immigrant_share=26.5,
            nonwestern_share=17.25,
            dissimilarity=0.4213,
            period="2020",
            source="Danmarks Statistik, KMSTA001",
        ),
        attachments=("Byprofil: København, ICC-indeks 2012 (PDF)",),
    )
    return BriefingFacts(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_strongest_and_weakest_are_three_each_and_never_the_same() -> None:
    strong, weak = strongest_and_weakest(INDICATORS)
    assert [f.name for f in strong] == ["Medier", "Uddannelse", "Offentlig service"]
    # a tie at 35: the one further below its mean first
    assert [f.name for f in weak] == ["Bydele", "Sprog", "Antidiskrimination"]
    few_strong, few_weak = strongest_and_weakest(INDICATORS[:4])
    assert not set(few_strong) & set(few_weak)
    assert len(few_strong) == 3 and len(few_weak) == 1


def test_the_danish_draft_has_every_section_with_the_figures() -> None:
    text = draft(facts(), "da")
    assert list(text) == list(SECTIONS)
    assert text["recommendation"].startswith("Forvaltningen indstiller, at udvalget")
    assert (
        "1. tager orienteringen om Københavns resultat i ICC-netværket, ICC-indeks 2012"
        in text["recommendation"]
    )
    assert "inden for bydele og sprog" in text["recommendation"]
    problem = re.sub(r"[ \n]+", " ", text["problem"])
    assert "I ICC-indeks 2012 fik København en samlet score på 66,0 af 100." in problem
    assert "København ligger nr. 8 af 34 byer, og byernes gennemsnit er 58,2." in problem
    assert "I ICC-indeks 2011 var scoren 62,5 (nr. 5 af 20); det er en ændring på +3,5 point." in problem
    assert (
        "medier (90,0; gennemsnit 70,0), uddannelse (80,0; gennemsnit 60,0) og offentlig service" in problem
    )
    assert "København har 1.234.567 indbyggere (2024)." in problem
    assert "Af dem har 26,5\u00a0% indvandrerbaggrund og 17,2\u00a0% ikke-vestlig baggrund." in problem
    assert "er 0,42 (2020)" in problem
    assert "Kilde: Danmarks Statistik, KMSTA001." in problem
    assert "- Bydele: »Stadtteilmütter« fra Berlin-Neukölln (score 92,0)" in text["solution"]
    assert text["economy"].startswith("Ingen.")
    assert text["attachments"] == "- Bilag 1: Byprofil: København, ICC-indeks 2012 (PDF)"


def test_the_english_draft() -> None:
    text = draft(facts(), "en")
    problem = re.sub(r"[ \n]+", " ", text["problem"])
    assert "København ranks 8th of 34 cities; the mean of the cities is 58.2." in problem
    assert "1,234,567 inhabitants" in problem
    assert "Of them, 26.5% have an immigrant background and 17.2% have a non-Western background." in problem
    assert "takes note of København's result" in text["recommendation"]
    assert "“Stadtteilmütter” from Berlin-Neukölln" in text["solution"]
    assert draft_title(facts(), "en") == "København's result in ICC-netværket: ICC-indeks 2012"
    assert draft_title(facts(), "da") == "Københavns resultat i ICC-netværket: ICC-indeks 2012"


def test_a_draft_without_indicators_or_practices_still_reads_well() -> None:
    text = draft(
        facts(strongest=(), weakest=(), focus=(), practices=(), previous=None, population=None, rank=1, of=1),
        "da",
    )
    assert "København ligger nr. 1 af 1 by" in text["problem"]
    assert "uden scorer for de enkelte indikatorer" in text["problem"]
    assert "vender tilbage med forslag til, hvordan byens resultat kan forbedres" in text["recommendation"]
    assert "indbyggere" not in text["problem"]
    assert "{" not in "".join(text.values())


def test_a_change_between_questionnaires_is_not_given_as_a_number() -> None:
    text = draft(facts(previous=PreviousResult("2011", 62.5, comparable=False)), "da")
    assert "ændring" not in text["problem"]
    assert "kan ikke sammenlignes direkte" in text["problem"]


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


def test_the_word_document_holds_the_headings_and_lists() -> None:
    from docx import Document

    text = draft(facts(), "da")
    document = BriefingDocument(
        title="Københavns resultat",
        sections=[(HEADINGS["da"][key], text[key]) for key in SECTIONS],
        case_line="Sagsnr. 2010-32335 · 22. marts 2010",
        signatures=["Underskrift: ____"],
    )
    doc = Document(io.BytesIO(briefing_docx(document)))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Indstilling og beslutning",
        "Problemstilling",
        "Løsning",
        "Økonomi",
        "Videre proces",
        "Bilag",
    ]
    assert doc.paragraphs[0].style.name == "Title" and doc.paragraphs[0].text == "Københavns resultat"
    numbered = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert numbered[0].startswith("tager orienteringen om Københavns resultat")
    assert any(p.text == "Sagsnr. 2010-32335 · 22. marts 2010" for p in doc.paragraphs)
    assert doc.core_properties.language == "da-DK"


def test_cache_keys_change_with_any_input() -> None:
    when = datetime.datetime(2024, 3, 22, 12, 0, tzinfo=datetime.UTC)
    base = {"lang": "da", "published": [[1, when]], "practices": [3, None]}
    assert cache_key(base) == cache_key(dict(reversed(list(base.items()))))
    assert re.fullmatch(r"[0-9a-f]{64}", cache_key(base))
    for change in ({"lang": "en"}, {"published": [[1, when.replace(hour=13)]]}, {"practices": [4, None]}):
        assert cache_key({**base, **change}) != cache_key(base)
    with pytest.raises(TypeError):
        cache_key({"x": object()})


def test_both_languages_have_every_sentence() -> None:
    from mangfold.reports.briefing_words import WORDS

    assert set(WORDS["da"]) == set(WORDS["en"])
    for key, danish in WORDS["da"].items():
        assert set(re.findall(r"\{(\w+)\}", danish)) == set(re.findall(r"\{(\w+)\}", WORDS["en"][key])), key
