"""The report files themselves: the city profile PDF and the briefing PDF and Word document, in Danish and
English, made through the background task (ImmediateBackend) from a network scored for real.

The files are made once per module inside a transaction that is rolled back; the expected figures (the
city's score, its rank and the number of cities, the indicator names, the attribution) are read from the
same data, never written into the test.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.db import transaction
from django.test import override_settings
from PIL import Image
from pypdf import PdfReader

from mangfold.web.assessments.models import Assessment
from mangfold.web.reports import jobs
from mangfold.web.reports.models import ReportFile
from tests.reports.reports_world import ATTRIBUTION_DA, ATTRIBUTION_EN, FOCUS, build_reports_world

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PDFTOPPM = "/usr/bin/pdftoppm"
HEADINGS = {
    "da": ["Indstilling og beslutning", "Problemstilling", "Løsning", "Økonomi", "Videre proces", "Bilag"],
    "en": ["Recommendation and decision", "Issue", "Solution", "Finances", "Next steps", "Attachments"],
}


@dataclass
class Made:
    files: dict[tuple[str, str, str], bytes]
    score: float
    rank: int
    of: int
    tied: bool
    indicators: dict[str, list[str]]
    """Language -> names of the indicators the city has a score on."""


def _make(kind: str, fmt: str, round_: Any, city: Any, lang: str) -> bytes:
    report = jobs.start(kind, fmt, round_, city, lang)
    report.refresh_from_db()
    assert report.status == ReportFile.Status.DONE, report.error
    assert report.progress == 100 and report.seconds is not None
    return bytes(report.content)


@pytest.fixture(scope="module")
def made(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Made]:
    with django_db_blocker.unblock(), override_settings(TASKS=IMMEDIATE), transaction.atomic():
        rw = build_reports_world()
        questionnaire = rw.questionnaire
        assert questionnaire is not None
        round_ = rw.rounds["2024"]
        files = {
            (kind, fmt, lang): _make(kind, fmt, round_, rw.focus, lang)
            for kind, fmt, lang in [
                ("profile", "pdf", "da"),
                ("profile", "pdf", "en"),
                ("briefing", "pdf", "da"),
                ("briefing", "docx", "da"),
                ("briefing", "docx", "en"),
            ]
        }
        published = Assessment.objects.filter(round=round_, state="published", overall__isnull=False)
        score = published.get(city=rw.focus).overall
        card = rw.cards[("2024", FOCUS)]
        scored = [i.code for i in card.indicators if i.score is not None]
        made = Made(
            files=files,
            score=score,
            rank=1 + published.filter(overall__gt=score).count(),
            of=published.count(),
            tied=published.filter(overall=score).count() > 1,
            indicators={
                lang: [questionnaire.label(questionnaire.indicator(code).name, lang) for code in scored]
                for lang in ("da", "en")
            },
        )
        transaction.set_rollback(True)
    yield made


def text_of(pdf: bytes) -> str:
    """The PDF's text with every run of spaces and line breaks as one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def decimal(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "da" else text


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_profile_holds_the_score_rank_indicators_and_attribution(made: Made, lang: str) -> None:
    text = text_of(made.files[("profile", "pdf", lang)])
    assert decimal(made.score, lang) in text
    assert made.of == 6  # five scored cities and one imported result; the unpublished one never counts
    if lang == "da":
        place = f"delt nr. {made.rank}" if made.tied else f"nr. {made.rank}"
        assert f"Ærøskøbing ligger {place} af {made.of} byer." in text
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(made.rank, "th")
        place = f"joint {made.rank}{suffix}" if made.tied else f"{made.rank}{suffix}"
        assert f"Ærøskøbing ranks {place} of {made.of} cities." in text
    assert len(made.indicators[lang]) == 17
    for name in made.indicators[lang]:
        assert name in text, name
    assert (ATTRIBUTION_DA if lang == "da" else ATTRIBUTION_EN) in text
    assert "Hemmelig kladde" not in text  # a draft practice is never recommended
    assert "Skjultby" not in text  # nor an unpublished result shown


def test_each_indicator_has_its_own_page_under_its_heading(made: Made) -> None:
    reader = PdfReader(io.BytesIO(made.files[("profile", "pdf", "da")]))
    starts = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    for name in made.indicators["da"]:
        assert any(f" {name} Score " in page or page.startswith(f"{name} Score ") for page in starts), name


def test_the_briefing_pdf_has_the_six_sections_in_order_and_the_profile_attached(made: Made) -> None:
    briefing = made.files[("briefing", "pdf", "da")]
    profile = made.files[("profile", "pdf", "da")]
    text = text_of(briefing)
    positions = [text.index(heading) for heading in HEADINGS["da"]]
    assert positions == sorted(positions)
    assert f"nr. {made.rank} af {made.of} byer" in text
    pages = len(PdfReader(io.BytesIO(briefing)).pages)
    profile_pages = len(PdfReader(io.BytesIO(profile)).pages)
    assert pages > profile_pages
    assert text.endswith(text_of(profile)[-200:])  # Bilag 1: the profile, last


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_word_briefing_holds_the_same_headings(made: Made, lang: str) -> None:
    from docx import Document

    doc = Document(io.BytesIO(made.files[("briefing", "docx", lang)]))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == HEADINGS[lang]
    body = " ".join(p.text for p in doc.paragraphs)
    assert decimal(made.score, lang) in body
    attachment = "Bilag 1: Byprofil: Ærøskøbing" if lang == "da" else "Attachment 1: City profile: Ærøskøbing"
    assert attachment in body
    assert len(made.files[("briefing", "docx", lang)]) < 100_000  # the profile is listed, not embedded


def page_image(pdf: bytes, page: int, tmp_path: Path, dpi: int = 72) -> Image.Image:
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    stem = tmp_path / f"page{page}"
    subprocess.run(
        [
            PDFTOPPM,
            "-f",
            str(page + 1),
            "-l",
            str(page + 1),
            "-r",
            str(dpi),
            "-png",
            "-singlefile",
            str(source),
            str(stem),
        ],
        check=True,
        timeout=60,
    )
    return Image.open(f"{stem}.png").convert("RGB")


def region_below(
    reader: PdfReader, anchor: str, image: Image.Image, height_pt: float, dpi: int = 72
) -> Image.Image:
    """The band of the page image from a named destination (an element's id) down ``height_pt`` points."""
    destination = reader.named_destinations[anchor]
    page = reader.pages[reader.get_destination_page_number(destination)]
    page_height = float(page.mediabox.height)
    scale = dpi / 72
    top = (page_height - float(destination["/Top"])) * scale
    left = float(destination["/Left"]) * scale
    return image.crop(
        (int(left), int(top), image.width - int(left), min(image.height, int(top + height_pt * scale)))
    )


def ink(region: Image.Image) -> tuple[float, int]:
    """The share of non-white pixels, and the number of strongly coloured ones (the charts' accent)."""
    pixels = np.asarray(region, dtype=np.int16).reshape(-1, 3)
    inked = int((pixels.min(axis=1) < 235).sum())
    coloured = int((pixels.max(axis=1) - pixels.min(axis=1) > 60).sum())
    return inked / len(pixels), coloured


@pytest.mark.parametrize("anchor", ["figure-ranking", "figure-indicator-education"])
def test_the_charts_are_drawn_on_the_first_page_and_an_indicator_page(
    made: Made, anchor: str, tmp_path: Path
) -> None:
    pdf = made.files[("profile", "pdf", "da")]
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.get_destination_page_number(reader.named_destinations[anchor])
    assert page == 0 if anchor == "figure-ranking" else page > 1
    chart = region_below(reader, anchor, page_image(pdf, page, tmp_path), 120)
    share, coloured = ink(chart)
    assert share > 0.04, f"{anchor}: only {share:.1%} of the chart area is drawn"
    assert coloured > 200, f"{anchor}: the city's mark in the accent colour is missing ({coloured} pixels)"
    # the same measure on a text-only part of the report finds no chart colour
    sources_page = reader.get_destination_page_number(reader.named_destinations["sources"])
    text_band = region_below(reader, "sources", page_image(pdf, sources_page, tmp_path), 120)
    assert ink(text_band)[1] < 10
