"""A city's statistics page from the shipped KMSTA001 data: every year's shares and indices, the map, the
choices, the city figures other apps use, and the dataset and area pages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from mangfold.data import data_path
from mangfold.population.indices import city_indices
from mangfold.population.readers import read_kmsta001
from mangfold.web.network.models import City
from mangfold.web.statistics.demo import load_statistics_demo
from mangfold.web.statistics.models import Area, Dataset
from mangfold.web.statistics.services import city_figures
from mangfold.web.statistics.storing import delete_dataset

pytestmark = pytest.mark.django_db

YEARS = [str(y) for y in range(2008, 2021)]


@pytest.fixture(scope="module")
def _loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The shipped KMSTA001 data, loaded once for the module (committed) and removed after it."""
    with django_db_blocker.unblock():
        City.objects.create(slug="copenhagen", name="København", country="DK")
        load_statistics_demo(["kmsta001"])
    yield
    with django_db_blocker.unblock():
        for dataset in Dataset.objects.all():
            delete_dataset(dataset)
        City.objects.filter(slug="copenhagen").delete()


@pytest.fixture
def copenhagen(_loaded: None, db: Any) -> City:
    return City.objects.get(slug="copenhagen")


@pytest.fixture(scope="module")
def core_figures() -> dict[str, Any]:
    """The core's own figures for København, read straight from the shipped file (no database)."""
    counts = read_kmsta001(
        data_path("kmsta001", "KMSTA001_capital_region_parishes_2008_2020_long.csv.gz")
    ).counts
    return {year: city_indices(counts, "København", year) for year in YEARS}


def cells(html: str, table: str) -> dict[str, list[str]]:
    """Rows of a table by their period: the text of each cell after the row header."""
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr data-period="([^"]+)">(.*?)</tr>', body, re.S)
    return {
        period: [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for period, row in rows
    }


def header(html: str, table: str) -> list[str]:
    head = html.split(f'id="{table}"', 1)[1].split("</thead>", 1)[0]
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]


def number(text: str) -> float:
    return float(text.replace("%", "").replace(",", "").strip())


def test_the_copenhagen_page_shows_every_year_with_shares_and_dissimilarity(
    copenhagen: City, core_figures: dict[str, Any]
) -> None:
    html = Client().get("/en/statistics/cities/copenhagen/").content.decode()
    over_time, indices = cells(html, "table-over-time"), cells(html, "table-indices")
    columns = header(html, "table-over-time")
    background = columns.index("Persons with immigrant background") - 1  # less the year's header
    nonwestern = columns.index("Immigrants and descendants from non-western countries") - 1
    assert list(over_time) == YEARS and list(indices) == YEARS
    for year in YEARS:
        core = core_figures[year]
        assert number(over_time[year][background]) == pytest.approx(
            100 * core.immigrant_background_share, abs=0.05
        )
        assert number(over_time[year][nonwestern]) == pytest.approx(100 * core.nonwestern_share, abs=0.05)
        assert number(indices[year][1]) == pytest.approx(core.dissimilarity, abs=0.0005)
        assert number(indices[year][2]) == pytest.approx(core.isolation, abs=0.0005)
        assert number(indices[year][3]) == pytest.approx(core.theil, abs=0.0005)
        assert int(indices[year][0]) == core.areas
    assert number(indices["2008"][1]) == pytest.approx(0.322, abs=0.001)  # docs/methodology/population.md §6
    assert number(indices["2020"][1]) == pytest.approx(0.249, abs=0.001)
    assert "Source: Statistics Denmark, table KMSTA001; parish boundaries DAGI." in html
    assert "Boundaries: Københavns Kommune (CC BY 4.0)." in html


def test_the_danish_page_writes_danish_numbers_and_the_danish_attribution(copenhagen: City) -> None:
    html = Client().get("/da/statistics/cities/copenhagen/").content.decode()
    assert "0,322" in cells(html, "table-indices")["2008"]
    assert "Kilde: Danmarks Statistik, tabel KMSTA001; sognegrænser DAGI." in html


def chart(html: str, chart_id: str) -> dict[str, Any]:
    found = re.search(
        rf'<figure class="chart" id="{chart_id}".*?<script type="application/json">(.*?)</script>', html, re.S
    )
    assert found is not None, chart_id
    spec: dict[str, Any] = json.loads(found.group(1))
    return spec


def test_the_map_has_every_parish_and_the_ten_bydele_and_the_chart_every_year(copenhagen: City) -> None:
    html = Client().get("/en/statistics/cities/copenhagen/").content.decode()
    layers = chart(html, "chart-map")["layer"]
    parishes = Area.objects.filter(municipality__code="København", level="small_area").exclude(geometry="")
    assert len(layers[0]["data"]["values"]) == parishes.count() == 56
    assert len(layers[1]["data"]["values"]) == 10
    valued = [f for f in layers[0]["data"]["values"] if f["properties"]["value"] is not None]
    assert len(valued) == 56  # all 56 parishes have people in 2020
    points = chart(html, "chart-over-time")["data"]["values"]
    assert sorted({p["period"] for p in points}) == YEARS


def test_choosing_a_year_and_groups(copenhagen: City, core_figures: dict[str, Any]) -> None:
    query = "?period=2008&map_group=immigrants&group=immigrant_background&reference=danish"
    html = Client().get(f"/en/statistics/cities/copenhagen/{query}").content.decode()
    rows = html.split('id="table-by-area"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")
    assert rows == core_figures["2008"].areas == 50
    assert "Segregation: Persons with immigrant background against Persons of Danish origin" in html
    counts = read_kmsta001(
        data_path("kmsta001", "KMSTA001_capital_region_parishes_2008_2020_long.csv.gz")
    ).counts
    expected = city_indices(counts, "København", "2012", group="immigrant_background", reference="danish")
    assert number(cells(html, "table-indices")["2012"][1]) == pytest.approx(
        expected.dissimilarity, abs=0.0005
    )


def test_the_same_group_twice_is_refused_and_the_default_shown(copenhagen: City) -> None:
    html = Client().get("/en/statistics/cities/copenhagen/?group=danish&reference=danish").content.decode()
    assert "Choose two different groups." in html
    assert 'aria-invalid="true"' in html
    assert "Immigrants and descendants from non-western countries against Persons of Danish origin" in html


def test_city_figures_come_from_the_statistics_and_else_from_the_city(copenhagen: City) -> None:
    counts = read_kmsta001(
        data_path("kmsta001", "KMSTA001_capital_region_parishes_2008_2020_long.csv.gz")
    ).counts
    core = city_indices(counts, "København", "2020")
    inside = counts.select(within="København", period="2020")
    immigrants = inside.select(group=["imm_western", "imm_nonwestern"]).n.sum()
    figures = city_figures(copenhagen)
    assert figures.population.value == pytest.approx(core.population)
    assert figures.immigrant_background_share.value == pytest.approx(100 * core.immigrant_background_share)
    assert figures.foreign_born_share.value == pytest.approx(100 * immigrants / core.population)
    assert (figures.population.year, figures.population.source) == (
        2020,
        "Statistics Denmark, table KMSTA001",
    )
    assert figures.foreign_born_share.from_statistics
    entered = {"population": 709_037, "population_year": 2023, "population_source": "SSB"}
    entered |= {"foreign_born_share": 28.0, "foreign_born_year": 2023, "foreign_born_source": "SSB"}
    oslo = City.objects.create(slug="oslo", name="Oslo", country="NO", **entered)
    fallback = city_figures(oslo)
    assert (fallback.population.value, fallback.population.year, fallback.population.source) == (
        709_037,
        2023,
        "SSB",
    )
    assert fallback.foreign_born_share.value == 28.0 and not fallback.foreign_born_share.from_statistics
    assert fallback.immigrant_background_share.value is None


def test_a_city_without_statistics_shows_its_entered_figures(copenhagen: City) -> None:
    City.objects.create(slug="oslo", name="Oslo", country="NO", population=709_037, population_year=2023)
    html = Client().get("/en/statistics/cities/oslo/").content.decode()
    assert "No statistics by area are imported for Oslo yet." in html
    assert "709,037 (2023)" in html


def test_every_municipality_of_a_dataset_has_its_page(copenhagen: City) -> None:
    dataset = Dataset.objects.get()
    html = Client().get(f"/en/statistics/datasets/{dataset.pk}/").content.decode()
    assert html.count('href="/en/statistics/areas/') == 17  # the Capital Region's municipalities
    frederiksberg = Area.objects.get(dataset=dataset, code="Frederiksberg")
    page = Client().get(f"/en/statistics/areas/{frederiksberg.pk}/")
    assert page.status_code == 200
    assert "Population statistics: Frederiksberg" in page.content.decode()
    parish = Area.objects.filter(dataset=dataset, level="small_area").first()
    assert parish is not None
    assert Client().get(f"/en/statistics/areas/{parish.pk}/").status_code == 404


def page_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_sum_over_the_datasets_areas_is_never_called_the_citys_population(copenhagen: City) -> None:
    html = Client().get("/da/statistics/cities/copenhagen/").content.decode()
    text = page_text(html)
    assert "Indbyggertal 2020" not in text
    assert "Indbyggere i datasættets områder, 2020 628.809" in text
    assert "ikke kommunens officielle indbyggertal" in text
    assert header(html, "table-over-time")[1] == "Indbyggere i områderne"
    assert header(html, "table-over-time")[-1] == "Områder (af 56)"
    assert cells(html, "table-over-time")["2008"][-1] == "50"  # 50 of the 56 parishes had residents


def test_the_coverage_is_against_the_citys_own_total_of_the_same_year(copenhagen: City) -> None:
    City.objects.filter(pk=copenhagen.pk).update(population=548_443, population_year=2011)
    html = Client().get("/da/statistics/cities/copenhagen/").content.decode()
    row = html.split('<tr data-period="2011">', 1)[1].split("</tr>", 1)[0]
    assert "459.420 af de 548.443 indbyggere i kommunens tal for samme år (83,8" in row
    assert "548.443" not in html.split('<tr data-period="2012">', 1)[1].split("</tr>", 1)[0]


def test_the_dissimilarity_figure_names_its_two_groups_and_year(copenhagen: City) -> None:
    text = page_text(Client().get("/da/statistics/cities/copenhagen/").content.decode())
    assert (
        "Dissimilaritetsindeks (D) for indvandrere og efterkommere fra ikke-vestlige lande over for personer "
        "med dansk oprindelse, 2020 0,249" in text
    )
    query = "?group=immigrant_background&reference=danish"
    english = page_text(Client().get(f"/en/statistics/cities/copenhagen/{query}").content.decode())
    assert (
        "Dissimilarity (D) of persons with immigrant background against persons of Danish origin, 2020"
        in (english)
    )


def test_the_map_shows_the_year_asked_for_or_none(copenhagen: City) -> None:
    html = Client().get("/en/statistics/cities/copenhagen/?period=2011").content.decode()  # group left out
    assert "By area, 2011" in html
    body = html.split('id="table-by-area"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert body.count("<tr>") == 51  # the parishes with residents in 2011, not 2020's 56
    refused = Client().get("/en/statistics/cities/copenhagen/?period=1999&map_group=immigrants")
    body = refused.content.decode()
    assert "This dataset has no such year or group" in body
    assert 'id="chart-map"' not in body and 'id="table-by-area"' not in body
    assert "By area, 2020" not in body
    unknown_group = Client().get("/en/statistics/cities/copenhagen/?period=2011&map_group=nobody")
    assert 'id="chart-map"' not in unknown_group.content.decode()


def test_a_city_without_statistics_gives_its_entered_sources_in_the_pages_language(copenhagen: City) -> None:
    City.objects.create(
        slug="aby",
        name="Aby",
        country="DK",
        population=50_000,
        population_year=2019,
        population_source="Statistics Denmark, FOLK1A",
        population_source_da="Danmarks Statistik, FOLK1A",
    )
    assert (
        "50.000 (2019, Danmarks Statistik, FOLK1A)"
        in Client().get("/da/statistics/cities/aby/").content.decode()
    )
    assert (
        "50,000 (2019, Statistics Denmark, FOLK1A)"
        in Client().get("/en/statistics/cities/aby/").content.decode()
    )
