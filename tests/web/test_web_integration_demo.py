"""The demo's pages with the features wired in this session: recommendations from real practice and the
outcome barometer in the city profile (page and PDF), the trend from questionnaire 2026.1 into 2026.2
only where the version map allows, and an indicator's coverage beside its score.

The demo is loaded once for the module inside a transaction that is rolled back. Every figure expected
is read from the loaded data (scorecards, the version map, the barometer section).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from mangfold.index.versions import comparable_indicators
from mangfold.reports.sources import practice_source
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.assessments.questionnaires import round_questionnaire
from mangfold.web.core.demo import DEMO_NETWORK, load_demo
from mangfold.web.reports.profile import ProfileReport, build_profile
from mangfold.web.reports.rendering import profile_pdf
from mangfold.web.results.services import stored_scorecard

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
CITY = "eksempelby"


@dataclass
class Demo:
    pages: dict[str, str]
    report: ProfileReport
    pdf_text: str
    kept: dict[str, str]
    """Indicator code → Danish name of the indicators the 2026.2 version map keeps comparable."""
    coverage: dict[str, float]
    """Eksempelby's 2027 indicators with a coverage below 1."""


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def visible(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Demo]:
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo("demo-password-for-tests")
        client = Client()
        base = f"/da/results/{DEMO_NETWORK}"
        pages = {
            "result-2027": client.get(f"{base}/2027/city/{CITY}/").content.decode(),
            "result-2026": client.get(f"{base}/2026/city/{CITY}/").content.decode(),
            "profile-2027": client.get(f"/da/reports/{DEMO_NETWORK}/2027/{CITY}/").content.decode(),
            "home": client.get("/da/").content.decode(),
        }
        later = Round.objects.get(network__slug=DEMO_NETWORK, slug="2027")
        earlier = Round.objects.get(network__slug=DEMO_NETWORK, slug="2026")
        old_q, new_q = round_questionnaire(earlier), round_questionnaire(later)
        assert old_q is not None and new_q is not None
        kept = {
            code: new_q.label(new_q.indicator(code).name, "da")
            for code, ok in comparable_indicators(old_q, new_q).items()
            if ok
        }
        card = stored_scorecard(Assessment.objects.get(round=later, city__slug=CITY))
        assert card is not None
        coverage = {i.code: i.coverage for i in card.indicators if i.coverage is not None and i.coverage < 1}
        with translation.override("da"):
            report = build_profile(later, CITY, "da")
            assert report is not None
            pdf = text_of(profile_pdf(report))
        yield Demo(pages, report, pdf, kept, coverage)
        transaction.set_rollback(True)


def test_the_profile_recommends_practices_with_their_reasons_and_sources(demo: Demo) -> None:
    recommended = demo.report.recommended
    assert recommended is not None and recommended.areas
    page = visible(demo.pages["profile-2027"])
    assert recommended.note in page
    suggested = [s for area in recommended.areas for s in area.practices]
    assert suggested
    for item in suggested:
        assert item.title in page and item.reason in page
        assert f'href="{item.practice.get_absolute_url()}"' in demo.pages["profile-2027"]
        if item.practice.source:  # cited in the report's language (practice_source)
            cited = practice_source(item.practice.source, item.practice.link_list, demo.report.lang)
            assert any(cited in line and item.title in line for line in demo.report.sources)
    # every indicator section shows the practices of its area, and only those
    for section in demo.report.sections:
        area = next((a for a in recommended.areas if a.code == section.code), None)
        assert section.area == area


def test_the_demo_recommends_real_practices_before_invented_ones(demo: Demo) -> None:
    recommended = demo.report.recommended
    assert recommended is not None
    suggested = [s for area in recommended.areas for s in area.practices]
    assert any(not s.practice.is_example for s in suggested)
    page = demo.pages["profile-2027"]
    marks = page.count('class="tag example-mark"')
    shown = sum(1 for s in suggested if s.practice.is_example)
    in_sections = sum(
        1
        for section in demo.report.sections
        if section.area
        for s in section.area.practices
        if s.practice.is_example
    )
    assert marks == shown + in_sections


def test_the_profile_carries_the_published_barometer_on_the_page_and_in_the_pdf(demo: Demo) -> None:
    barometer = demo.report.barometer
    assert barometer is not None and barometer["goals"]
    page = visible(demo.pages["profile-2027"])
    assert barometer["title"] in page and "Basisår" in page
    assert barometer["summary"] in page
    assert barometer["title"] in demo.pdf_text and "Basisår" in demo.pdf_text
    first = barometer["goals"][0]
    assert first["title"] in demo.pdf_text and first["status_name"] in demo.pdf_text
    assert any(line.startswith("Resultatbarometer »") for line in demo.report.sources)


def test_the_2027_result_page_compares_only_the_indicators_the_version_map_keeps(demo: Demo) -> None:
    assert set(demo.kept) == {"media", "mediation"}, demo.kept  # issue 14: the demo's two kept indicators
    page = visible(demo.pages["result-2027"])
    assert "Ændring siden mangfold 2026" in page
    names = ", ".join(demo.kept[code] for code in sorted(demo.kept))  # in the order of their codes
    assert (
        f"Kun indikatorer, hvis spørgsmål versionskortet holder sammenlignelige, sammenlignes: {names}."
        in page
    )
    assert "De samlede scorer stammer fra to versioner og sammenlignes ikke" in page
    progress = demo.report.progress
    assert progress is not None and progress.rank is None
    compared = {row.name for row in progress.changes if row.comparable}
    assert compared == set(demo.kept.values())
    for row in progress.changes:
        if row.comparable:
            assert row.change == pytest.approx((row.current or 0) - (row.previous or 0))


def test_the_profile_says_changes_are_computed_across_the_linked_versions(demo: Demo) -> None:
    note = demo.report.trend_note
    assert demo.report.progress is not None and demo.report.progress.across_versions
    assert "2026.1 → 2026.2" in note and "ingen ændring" not in note, note
    assert note in visible(demo.pages["profile-2027"])


def test_the_2026_page_has_no_change_from_an_earlier_questionnaire_round(demo: Demo) -> None:
    assert "versionskortet" not in demo.pages["result-2026"]


def test_an_indicator_below_full_coverage_shows_it_beside_its_score(demo: Demo) -> None:
    assert demo.coverage, "the demo's 2026.2 answers include 'not measured'"
    page = visible(demo.pages["result-2027"])
    profile = visible(demo.pages["profile-2027"])
    for code, share in demo.coverage.items():
        shown = f"dækning {round(100 * share)} %"
        assert shown in page and shown in profile, code
    assert page.count("dækning ") == len(demo.coverage)


def test_the_main_menu_links_to_the_barometers(demo: Demo) -> None:
    assert '<a href="/da/barometer/">Barometer</a>' in demo.pages["home"]
