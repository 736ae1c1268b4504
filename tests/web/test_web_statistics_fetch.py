"""The statistics page's "Fetch from Statistics Denmark": FOLK1C and KMSTA001 for a city, stored with
their provenance, shown on the city's page, and refreshed on schedule by the worker.

Against the stand-in StatBank of tests/sources/standin.py (the services' layouts, INVENTED counts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from mangfold.sources.statbank import TableInfo
from mangfold.web.network.models import City
from mangfold.web.statistics.fetching import municipality_code, parishes_of
from mangfold.web.statistics.models import Count, Dataset, FetchedSource
from mangfold.web.statistics.tasks import refresh_fetched_statistics, refresh_source, schedule
from tests.conftest import World
from tests.sources.standin import KMSTA001, StandIn, serve

pytestmark = pytest.mark.django_db

TOKEN = "statisticsfetchtoken0123456789ab"  # 32 characters, the form of a CSRF secret
URL = "/da/statistics/cities/city-a/fetch/"


@pytest.fixture
def standin(monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    with serve() as state:
        monkeypatch.setenv("MANGFOLD_STATBANK_URL", state.statbank)
        monkeypatch.setattr("mangfold.sources.statbank.time.sleep", lambda seconds: None)
        yield state


@pytest.fixture
def coordinator(world: World, client_for: Callable[[str], Client]) -> Client:
    world.city_a.municipality_code = "101"
    world.city_a.save()
    client = client_for("coordinator")
    client.cookies["csrftoken"] = TOKEN
    return client


def post(client: Client, data: dict[str, Any]) -> Any:
    return client.post(URL, data, HTTP_X_CSRFTOKEN=TOKEN)


def test_the_page_offers_both_tables_with_the_citys_municipality_code(coordinator: Client) -> None:
    page = coordinator.get(URL).content.decode()
    assert "Kommunekode: 101" in page
    assert "FOLK1C" in page and "KMSTA001" in page
    assert "Hentning efter fast plan er slået fra" in page  # MANGFOLD_STATISTICS_REFRESH_HOURS is 0


def test_the_city_page_links_to_the_fetch_for_those_who_may_import(
    world: World, client_for: Callable[[str], Client]
) -> None:
    assert (
        "Hent fra Danmarks Statistik"
        in client_for("coordinator").get("/da/statistics/cities/city-a/").content.decode()
    )
    assert (
        "Hent fra Danmarks Statistik"
        not in client_for("viewer").get("/da/statistics/cities/city-a/").content.decode()
    )


def test_fetching_folk1c_stores_the_counts_and_the_city_page_shows_them_with_their_provenance(
    world: World, coordinator: Client, standin: StandIn
) -> None:
    response = post(coordinator, {"table": "FOLK1C"})
    assert response.status_code == 302, response.content.decode()[:2000]
    dataset = Dataset.objects.get(name="FOLK1C Aby")
    assert (dataset.scheme, dataset.periods, dataset.city) == (
        "dst_origin",
        ["2023K4", "2024K1"],
        world.city_a,
    )
    assert dict(Count.objects.filter(dataset=dataset, period="2024K1").values_list("group", "n")) == {
        "total": 660_647,
        "danish": 477_210,
        "immigrants": 141_532,
        "descendants": 41_905,
    }
    body = standin.data_bodies()[0]
    assert body["variables"] == [
        {"code": "OMRÅDE", "values": ["101"]},
        {"code": "HERKOMST", "values": ["*"]},
        {"code": "Tid", "values": ["*"]},
    ]
    page = coordinator.get(response["Location"]).content.decode()
    assert "Statistics Denmark (StatBank)" in page and "FOLK1C" in page
    assert "OMRÅDE = 101; HERKOMST = TOT, 1, 3, 4; Tid = 2023K4, 2024K1" in page
    assert "2024-05-10T08:00:00" in page  # the table's last update, as the service gave it
    assert "Kilde: Danmarks Statistik, Statistikbanken, tabel FOLK1C" in page
    assert "660.647" in page  # København's population 2024K1 (its "I alt"), in Danish digits
    about = coordinator.get(f"/da/statistics/datasets/{dataset.pk}/").content.decode()
    assert "Tabellen senest opdateret af tjenesten" in about and "2024-05-10T08:00:00" in about


def test_fetching_kmsta001_takes_the_parishes_of_the_municipality(
    coordinator: Client, standin: StandIn
) -> None:
    response = post(coordinator, {"table": "KMSTA001"})
    assert response.status_code == 302, response.content.decode()[:2000]
    dataset = Dataset.objects.get(name="KMSTA001 Aby")
    assert standin.data_bodies()[0]["variables"][0] == {"code": "SOGN", "values": ["7002", "7003"]}
    parishes = sorted(dataset.areas.filter(level="small_area").values_list("code", flat=True))
    assert parishes == ["7002", "7003"]
    assert (
        Count.objects.get(dataset=dataset, area__code="7003", period="2024", group="imm_nonwestern").n == 140
    )


def test_a_service_that_does_not_answer_is_shown_and_changes_nothing(
    coordinator: Client, standin: StandIn
) -> None:
    standin.fail_next = 99
    before = Dataset.objects.count()
    response = post(coordinator, {"table": "FOLK1C"})
    assert response.status_code == 400
    assert "tjenesten svarer ikke" in response.content.decode()  # FetchError in the page's language
    assert Dataset.objects.count() == before and not FetchedSource.objects.exists()


def test_an_editor_may_not_fetch(world: World, client_for: Callable[[str], Client], standin: StandIn) -> None:
    client = client_for("editor")
    client.cookies["csrftoken"] = TOKEN
    assert post(client, {"table": "FOLK1C"}).status_code == 403
    assert standin.requests == []


def test_a_second_fetch_replaces_the_first_and_keeps_its_refresh_mark(
    coordinator: Client, standin: StandIn
) -> None:
    post(coordinator, {"table": "FOLK1C", "refresh": "on"})
    first = FetchedSource.objects.get()
    post(coordinator, {"table": "FOLK1C"})
    second = FetchedSource.objects.get()
    assert second.pk != first.pk and second.refresh
    assert Dataset.objects.filter(name="FOLK1C Aby").count() == 1


def test_the_municipality_code_comes_from_the_citys_name_when_the_field_is_empty(world: World) -> None:
    assert municipality_code(City(slug="k", name="København", country="DK")) == "101"
    assert municipality_code(City(slug="k", name="Aarhus", country="DK")) == "751"
    assert municipality_code(City(slug="m", name="Malmö", country="SE")) is None


def test_parishes_are_told_by_their_municipality_in_danish_and_english() -> None:
    info = TableInfo.from_json(KMSTA001)
    assert parishes_of(info, "København") == ["7002", "7003"]
    assert parishes_of(info, "Høje-Taastrup") == ["7150"]
    english = TableInfo.from_json(
        {
            **KMSTA001,
            "variables": [
                {"id": "SOGN", "values": [{"id": "7002", "text": "7002 Helligånds (København Municipality)"}]}
            ],
        }
    )
    assert parishes_of(english, "København") == ["7002"]


def test_scheduled_refresh_is_off_by_default(world: World) -> None:
    assert schedule() is False


@override_settings(MANGFOLD_STATISTICS_REFRESH_HOURS=24)
def test_the_worker_fetches_a_marked_source_again_once_it_is_due(
    coordinator: Client, standin: StandIn
) -> None:
    post(coordinator, {"table": "FOLK1C", "refresh": "on"})
    source = FetchedSource.objects.get()
    FetchedSource.objects.filter(pk=source.pk).update(fetched_at=timezone.now() - dt.timedelta(hours=25))
    old_dataset = source.dataset_id
    assert refresh_fetched_statistics.call() == 1
    fresh = FetchedSource.objects.get()
    assert fresh.dataset_id != old_dataset and fresh.refresh
    assert timezone.now() - fresh.fetched_at < dt.timedelta(minutes=5)
    assert refresh_fetched_statistics.call() == 0  # not due again for 24 hours


@override_settings(MANGFOLD_STATISTICS_REFRESH_HOURS=24)
def test_a_failed_refresh_keeps_the_data_and_records_the_services_message(
    coordinator: Client, standin: StandIn
) -> None:
    post(coordinator, {"table": "FOLK1C", "refresh": "on"})
    source = FetchedSource.objects.get()
    standin.fail_next = 99
    assert refresh_source(source) is False
    kept = FetchedSource.objects.get()
    assert kept.dataset_id == source.dataset_id and "HTTP 503" in kept.last_error
    assert "Seneste genhentning mislykkedes" in coordinator.get(URL).content.decode()
