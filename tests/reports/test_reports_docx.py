"""The briefing's Word file: headings and lists, A4, the proofing language everywhere, its own properties."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

from docx import Document

from mangfold.reports.briefing import HEADINGS, SECTIONS
from mangfold.reports.docx import A4_TWIPS, BriefingDocument, briefing_docx

MADE = datetime.datetime(2026, 12, 5, 14, 30, tzinfo=datetime.UTC)
SECTIONS_DA = {
    "recommendation": (
        "Forvaltningen indstiller, at udvalget\n\n1. tager orienteringen til efterretning,\n2. beslutter"
    ),
    "problem": "København deltager i netværket.\n\n- a\n- b",
    "solution": "Løsning.",
    "economy": "Ingen.",
    "process": "Videre.",
    "attachments": "- Bilag 1: Byprofil",
}


def document(lang: str = "da", **changes: object) -> bytes:
    base = {
        "title": "Københavns resultat",
        "sections": [(HEADINGS[lang][key], SECTIONS_DA[key]) for key in SECTIONS],
        "case_line": "Sagsnr. ______________ · 5. december 2026",
        "signatures": ["Underskrift: ____"],
        "footer": "Udarbejdet med mangfold.",
        "lang": lang,
        "author": "Intercultural Cities – mangfold demo",
        "created": MADE,
    }
    return briefing_docx(BriefingDocument(**{**base, **changes}))  # type: ignore[arg-type]


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def test_the_word_document_holds_the_headings_and_lists() -> None:
    doc = Document(io.BytesIO(document()))
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
    assert numbered == ["tager orienteringen til efterretning,", "beslutter"]
    assert doc.paragraphs[1].text == "Sagsnr. ______________ · 5. december 2026"


def test_every_section_of_the_word_file_is_a4() -> None:
    body = part(document(), "word/document.xml")
    sizes = re.findall(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', body)
    assert sizes and all((int(w), int(h)) == A4_TWIPS == (11906, 16838) for w, h in sizes)
    assert body.count("<w:sectPr") == len(sizes)


def test_every_style_and_run_of_a_danish_word_file_is_proofed_in_danish() -> None:
    data = document()
    styles = part(data, "word/styles.xml")
    body = part(data, "word/document.xml")
    style_blocks = re.findall(r'<w:style w:type="(\w+)".*?</w:style>', styles, flags=re.S)
    assert style_blocks
    for match in re.finditer(r'<w:style w:type="(\w+)"[^>]*>(.*?)</w:style>', styles, flags=re.S):
        kind, inner = match.groups()
        if kind != "numbering":  # numbering styles have no run properties
            assert '<w:lang w:val="da-DK"' in inner, inner[:200]
    runs = re.findall(r"<w:r>(.*?)</w:r>", body, flags=re.S)
    assert runs and all('<w:lang w:val="da-DK"' in run for run in runs)
    everything = "".join(
        part(data, n) for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.endswith(".xml")
    )
    assert "en-US" not in everything
    assert '<w:themeFontLang w:val="da-DK"' in part(data, "word/settings.xml")


def test_an_english_word_file_is_proofed_in_british_english() -> None:
    data = document("en")
    runs = re.findall(r"<w:r>(.*?)</w:r>", part(data, "word/document.xml"), flags=re.S)
    assert runs and all('<w:lang w:val="en-GB"' in run for run in runs)
    assert Document(io.BytesIO(data)).core_properties.language == "en-GB"


def test_the_word_file_has_its_own_core_properties() -> None:
    data = document()
    core = Document(io.BytesIO(data)).core_properties
    assert core.title == "Københavns resultat"
    assert core.author == core.last_modified_by == "Intercultural Cities – mangfold demo"
    assert core.created == core.modified == MADE
    assert core.language == "da-DK"
    properties = part(data, "docProps/core.xml") + part(data, "docProps/app.xml")
    assert "python-docx" not in properties and "2013-12-23" not in properties
    assert "<Application>mangfold</Application>" in properties


def test_a_word_file_made_now_is_dated_now() -> None:
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    data = briefing_docx(BriefingDocument(title="T", sections=[("Løsning", "Tekst.")], author="Netværket"))
    created = Document(io.BytesIO(data)).core_properties.created
    assert created is not None
    assert before <= created <= before + datetime.timedelta(seconds=60)
