"""The city profile's recommendations from real practice and its barometer section, on the reports world
(five scored cities, published practices of three of them, a draft that is never recommended)."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from mangfold.barometer.model import Barometer, Direction, Goal, Indicator
from mangfold.barometer.workbook import to_data
from mangfold.web.barometer.models import BarometerValue, CityBarometer
from mangfold.web.practices.models import Practice
from mangfold.web.reports.profile import ProfileReport, build_profile
from mangfold.web.reports.rendering import profile_pdf
from tests.reports.reports_world import FOCUS, ReportsWorld, build_reports_world

pytestmark = pytest.mark.django_db
PAGE = f"/da/reports/report-net/2024/{FOCUS}/"


@pytest.fixture
def rw(db: Any, settings: Any) -> ReportsWorld:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_reports_world()


def profile(rw: ReportsWorld, lang: str = "da") -> ProfileReport:
    with translation.override(lang):
        report = build_profile(rw.rounds["2024"], FOCUS, lang)
    assert report is not None
    return report


def pdf_text(report: ProfileReport) -> str:
    with translation.override(report.lang):
        data = profile_pdf(report)
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def visible(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def add_barometer(rw: ReportsWorld, *, published: bool) -> None:
    barometer = Barometer(
        "Ærøskøbings integrationsbarometer",
        "Ærøskøbing's integration barometer",
        (Goal("work", "Flere i beskæftigelse", "More in work", ("employment",), "Beskæftigelsesudvalget"),),
        (Indicator("employment", "Beskæftigelsesfrekvens", "Employment rate", "%", Direction.HIGHER, 2014),),
    )
    record = CityBarometer.objects.create(
        city=rw.focus, definition=to_data(barometer), is_published=published
    )
    for year, value in ((2014, 52.0), (2018, 56.0)):
        BarometerValue.objects.create(
            barometer=record, indicator="employment", year=year, value=value, source="Jobindsats 2019"
        )


def test_the_profile_shows_the_practices_the_result_page_recommends_with_their_reasons(
    rw: ReportsWorld,
) -> None:
    report = profile(rw)
    recommended = report.recommended
    assert recommended is not None and recommended.trails and recommended.areas
    trailing = {row.code for row in report.rows if row.difference is not None and row.difference < 0}
    assert {area.code for area in recommended.areas} <= trailing
    page = Client().get(PAGE).content.decode()
    text = visible(page)
    for area in recommended.areas:
        for item in area.practices:
            assert item.practice.status == Practice.Status.PUBLISHED
            assert item.reason in text
            assert f'href="{item.practice.get_absolute_url()}">{html.escape(item.title)}</a>' in page
    assert "Hemmelig kladde" not in text


def test_each_indicator_section_offers_the_practices_of_its_own_area(rw: ReportsWorld) -> None:
    report = profile(rw)
    assert report.recommended is not None
    areas = {area.code: area for area in report.recommended.areas}
    with_area = [section for section in report.sections if section.area is not None]
    assert with_area
    for section in report.sections:
        assert section.area is areas.get(section.code)
        if section.area is not None and section.area.peer_mean is not None:
            assert section.gap == pytest.approx(section.area.peer_mean - (section.row.score or 0.0))
            assert section.gap is not None and section.gap > 0  # the city trails here


def test_the_sources_list_each_recommended_practice_once(rw: ReportsWorld) -> None:
    report = profile(rw)
    assert report.recommended is not None
    shown = {item.practice.pk: item for area in report.recommended.areas for item in area.practices}
    lines = [line for line in report.sources if line.startswith("Praksis »")]
    assert len(lines) == len(shown)
    for item in shown.values():
        assert f"Praksis »{item.title}«: {item.practice.source}" in lines


def test_an_invented_practice_carries_its_mark_on_the_page_and_in_the_pdf(rw: ReportsWorld) -> None:
    Practice.objects.filter(status=Practice.Status.PUBLISHED).update(is_example=True)
    report = profile(rw)
    assert report.recommended is not None
    summary = sum(len(area.practices) for area in report.recommended.areas)
    sections = sum(len(s.area.practices) for s in report.sections if s.area is not None)
    assert summary > 0
    page = Client().get(PAGE).content.decode()
    assert page.count("Opdigtet eksempel") == summary + sections
    assert pdf_text(report).count("Opdigtet eksempel") == summary + sections
    english = Client().get(PAGE.replace("/da/", "/en/")).content.decode()
    assert english.count("Invented example") == summary + sections


def test_a_published_barometer_is_in_the_profile_page_and_pdf_with_its_source(rw: ReportsWorld) -> None:
    add_barometer(rw, published=True)
    report = profile(rw)
    assert report.barometer is not None
    text = visible(Client().get(PAGE).content.decode())
    for shown in (text, pdf_text(report)):
        assert "Ærøskøbings integrationsbarometer" in shown
        assert "Basisår" in shown and "Flere i beskæftigelse" in shown
        assert "grøn" in shown  # 52 % (2014) → 56 % (2018), higher is better
    assert "Resultatbarometer »Ærøskøbings integrationsbarometer«: Jobindsats 2019" in report.sources


def test_a_draft_barometer_stays_out_of_the_public_profile(rw: ReportsWorld) -> None:
    add_barometer(rw, published=False)
    assert profile(rw).barometer is None
    assert "integrationsbarometer" not in Client().get(PAGE).content.decode()


def test_publishing_the_barometer_or_new_values_makes_the_profile_file_due_again(rw: ReportsWorld) -> None:
    from mangfold.web.reports.keys import report_key

    round_ = rw.rounds["2024"]
    before = report_key("profile", "pdf", round_, rw.focus, "da")
    add_barometer(rw, published=False)
    draft = report_key("profile", "pdf", round_, rw.focus, "da")
    CityBarometer.objects.filter(city=rw.focus).update(is_published=True)
    published = report_key("profile", "pdf", round_, rw.focus, "da")
    BarometerValue.objects.filter(year=2018).update(value=57.0)  # an edit in place: no new row
    edited = report_key("profile", "pdf", round_, rw.focus, "da")
    BarometerValue.objects.filter(year=2018).delete()
    fewer = report_key("profile", "pdf", round_, rw.focus, "da")
    assert len({before, draft, published, edited, fewer}) == 5
    assert report_key("profile", "pdf", round_, rw.focus, "da") == fewer  # unchanged data, same key


def test_the_method_section_states_the_recommendation_rule_in_danish(rw: ReportsWorld) -> None:
    text = visible(Client().get(PAGE).content.decode())
    assert "Placeringer er konkurrenceplaceringer" in text
    assert "ordnet efter kildebyens bedste score dér" in text and "opdigtede eksempler kommer sidst" in text
    assert "A recommendation names" not in text
