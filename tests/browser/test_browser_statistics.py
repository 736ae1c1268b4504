"""Statistics in a real browser: a coordinator uploads a CSV with boundaries and sees the chart and the
map drawn as SVG (a mark for every year, a path for every area); a bad file is listed; axe-core is clean."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import screenshot, serious_violations
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)

YEARS = ["2018", "2019", "2020"]
AREAS = [f"S{i}" for i in range(1, 7)]
GROUPS = ["danish", "imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern"]


def log_in(page: Any, username: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url("**/en/accounts/me/")


def files(folder: Path) -> tuple[Path, Path]:
    """Six small areas in a 3 × 2 grid over three years, and their boundaries."""
    lines = ["område,år,herkomst,antal"]
    for i, area in enumerate(AREAS):
        for j, year in enumerate(YEARS):
            for k, group in enumerate(GROUPS):
                lines.append(f"{area},{year},{group},{(900 if k == 0 else 40 + 60 * i * (k % 2)) + 5 * j}")
    counts = folder / "aby.csv"
    counts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    features = []
    for i, area in enumerate(AREAS):
        x, y = 12.50 + 0.01 * (i % 3), 55.60 + 0.01 * (i // 3)
        ring = [[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]
        geometry = {"type": "Polygon", "coordinates": [ring]}
        features.append({"type": "Feature", "properties": {"code": area}, "geometry": geometry})
    boundaries = folder / "aby.geojson"
    boundaries.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return counts, boundaries


def test_a_coordinator_uploads_a_csv_and_sees_the_chart_and_the_map(
    page: Any, world: World, tmp_path: Path
) -> None:
    counts, boundaries = files(tmp_path)
    log_in(page, "coordinator")
    page.goto("/en/statistics/cities/city-a/upload/")
    assert serious_violations(page) == []
    page.get_by_label("Counts file").set_input_files(str(counts))
    page.get_by_label("Groups in the file").select_option("dst_origin")
    page.get_by_label("Name of the dataset").fill("Aby small areas")
    page.get_by_label("Source").fill("Aby statistics office")
    page.get_by_label("Boundaries (optional)").set_input_files(str(boundaries))
    page.get_by_role("button", name="Import").click()
    page.wait_for_url("**/en/statistics/cities/city-a/?dataset=*")
    assert "Imported Aby small areas: 90 counts" in page.locator("main").inner_text()
    for chart in ("chart-over-time", "chart-map", "chart-indices"):
        page.wait_for_selector(f"figure#{chart}[data-drawn='true']", timeout=20_000)
    points = page.locator("#chart-over-time svg path[aria-roledescription='point']")
    series = len(page.locator("#table-over-time thead th.num").all()) - 2  # less population and areas
    assert points.count() == len(YEARS) * series
    labels = [points.nth(i).get_attribute("aria-label") for i in range(points.count())]
    for year in YEARS:
        assert sum(f"Year: {year};" in label for label in labels) == series
    shapes = page.locator("#chart-map svg path[aria-roledescription='geoshape']")
    assert shapes.count() == len(AREAS)
    names = {shapes.nth(i).get_attribute("aria-label").split("Area: ")[1] for i in range(len(AREAS))}
    assert names == set(AREAS)
    indices = page.locator("#chart-indices svg path[aria-roledescription='point']")
    assert indices.count() == 3 * len(YEARS)
    screenshot(page, "statistics-city-en")
    assert serious_violations(page) == []


def test_a_bad_file_is_refused_with_its_rows_listed(page: Any, world: World, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("area,period,group,n\nA1,2020,danish,-4\nA1,2020,Martians,3\n", encoding="utf-8")
    log_in(page, "admin")
    page.goto("/en/statistics/cities/city-a/upload/")
    page.get_by_label("Counts file").set_input_files(str(bad))
    page.get_by_label("Name of the dataset").fill("Bad")
    page.get_by_label("Source").fill("Nobody")
    page.get_by_role("button", name="Import").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    text = alert.inner_text()
    assert "2 problems" in text and "negative count: -4" in text and "'Martians'" in text
    assert serious_violations(page) == []


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_city_page_has_no_serious_accessibility_violations(page: Any, world: World, lang: str) -> None:
    page.goto(f"/{lang}/statistics/cities/city-a/")
    page.wait_for_selector("figure#chart-over-time[data-drawn='true']", timeout=20_000)
    screenshot(page, f"statistics-city-a-{lang}")
    assert serious_violations(page) == []


def test_the_copenhagen_demo_page_draws_every_year_and_every_parish(page: Any, world: World) -> None:
    from mangfold.web.network.models import City
    from mangfold.web.statistics.demo import load_statistics_demo

    City.objects.create(slug="copenhagen", name="København", country="DK")
    load_statistics_demo(["kmsta001"])
    page.goto("/da/statistics/cities/copenhagen/")
    for chart in ("chart-over-time", "chart-map", "chart-indices"):
        page.wait_for_selector(f"figure#{chart}[data-drawn='true']", timeout=20_000)
    labels = page.locator("#chart-over-time svg path[aria-roledescription='point']").evaluate_all(
        "marks => marks.map(m => m.getAttribute('aria-label'))"
    )
    for year in range(2008, 2021):
        assert sum(f"År: {year};" in label for label in labels) == 5  # the five origin series
    shapes = page.locator("#chart-map svg path[aria-roledescription='geoshape']")
    assert shapes.count() == 56 + 10  # København's parishes and the outlines of its 10 bydele
    assert "0,322" in page.locator("#table-indices").inner_text()
    screenshot(page, "statistics-copenhagen-da")
    assert serious_violations(page) == []
