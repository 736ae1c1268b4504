"""The profile's map is of the round's year, and says so with its source (reviewer's item 2).

København's 2011 profile drew the 2020 map (Helligånds 7.22 %, 2020's (327 + 64) / 5412, where 2011 had
(201 + 24) / 4040 = 5.6 %) under a title without a year: the statistics page's form was given the period
without the map's group, failed, and fell back to the latest year. Here the reports world's parishes get
a later year, 2025, with other shares, so a map of the wrong year cannot pass; every expected share is
computed from the stored counts (non-Western background = immigrants + descendants from non-Western
countries, over everyone; Statistics Denmark's definitions).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from mangfold.web.reports.population import PopulationSection, population_section
from mangfold.web.reports.profile import build_profile
from mangfold.web.statistics.models import Count
from tests.reports.reports_world import ATTRIBUTION_DA, FOCUS, ReportsWorld, build_reports_world

pytestmark = pytest.mark.django_db
BASE = ("danish", "imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern")
NON_WESTERN = ("imm_nonwestern", "desc_nonwestern")


@pytest.fixture
def rw(db: Any, settings: Any) -> ReportsWorld:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_reports_world()
    dataset = world.dataset
    assert dataset is not None
    later = []
    for row in Count.objects.filter(dataset=dataset, period="2024"):
        grown = row.n * (3 if row.group in NON_WESTERN else 1) if row.group != "total" else None
        later.append(Count(dataset=dataset, area=row.area, period="2025", group=row.group, n=grown))
    totals: dict[int, float] = {}
    for row in later:
        if row.group != "total" and row.n is not None:
            totals[row.area_id] = totals.get(row.area_id, 0.0) + row.n
    for row in later:
        if row.group == "total":
            row.n = totals[row.area_id]
    Count.objects.bulk_create(later)
    dataset.periods = [*dataset.periods, "2025"]
    dataset.save()
    return world


def shares(period: str) -> dict[str, float]:
    """Each small area's non-Western share (%) in ``period``, from the stored counts."""
    found: dict[str, dict[str, float]] = {}
    for code, group, n in Count.objects.filter(period=period, area__level="small_area").values_list(
        "area__code", "group", "n"
    ):
        found.setdefault(code, {})[group] = n
    return {
        code: round(100 * sum(g[x] for x in NON_WESTERN) / sum(g[x] for x in BASE), 2)
        for code, g in found.items()
    }


def drawn(section: PopulationSection) -> dict[str, float]:
    spec = section.charts["map"]
    return {f["properties"]["code"]: f["properties"]["value"] for f in spec["layer"][0]["data"]["values"]}


def section(rw: ReportsWorld, year: int | None) -> PopulationSection:
    with translation.override("da"):
        found = population_section(rw.focus, "da", year=year)
    assert found is not None
    return found


def test_the_map_of_a_round_shows_the_rounds_year(rw: ReportsWorld) -> None:
    assert shares("2024") != shares("2025")  # the years differ, so a map of the wrong one fails
    for year in (2023, 2024, 2025):
        found = section(rw, year)
        assert found.map_period == str(year)
        assert drawn(found) == shares(str(year))


def test_the_map_title_carries_the_year_and_the_source(rw: ReportsWorld) -> None:
    found = section(rw, 2024)
    title = found.charts["map"]["title"]
    assert title["text"] == "Indvandrere og efterkommere fra ikke-vestlige lande, 2024"
    assert " ".join(title["subtitle"]) == ATTRIBUTION_DA
    assert found.map_caption == title["text"]


def test_a_later_round_shows_the_nearest_earlier_year_and_says_so(rw: ReportsWorld) -> None:
    found = section(rw, 2026)
    assert drawn(found) == shares("2025")
    assert found.charts["map"]["title"]["text"] == (
        "Indvandrere og efterkommere fra ikke-vestlige lande, 2025, nærmeste tidligere år end rundens (2026)"
    )
    assert found.indices is not None and found.indices.period == "2025"
    with translation.override("en"):  # the section's language, whatever the active one
        assert found.indices_period == "2025, nærmeste tidligere år end rundens (2026)"
        assert found.map_caption.endswith("2025, nærmeste tidligere år end rundens (2026)")
    assert section(rw, 2025).indices_period == "2025"


def test_no_map_for_a_round_before_the_statistics(rw: ReportsWorld) -> None:
    found = section(rw, 2022)
    assert "map" not in found.charts and found.map_period == ""


def test_a_page_of_no_round_shows_the_latest_year(rw: ReportsWorld) -> None:
    found = section(rw, None)
    assert found.map_period == "2025" and drawn(found) == shares("2025")


def test_the_profile_page_labels_its_map_with_the_rounds_year(rw: ReportsWorld) -> None:
    with translation.override("da"):
        report = build_profile(rw.rounds["2024"], FOCUS, "da")
    assert report is not None and report.population is not None
    assert drawn(report.population) == shares("2024")
    page = Client().get(f"/da/reports/report-net/2024/{FOCUS}/").content.decode()
    label = re.search(r'id="chart-map"[^>]*aria-label="([^"]*)"', page)
    assert label is not None
    assert (
        label.group(1)
        == "Kort over Ærøskøbing efter område: Indvandrere og efterkommere fra ikke-vestlige lande, 2024"
    )
