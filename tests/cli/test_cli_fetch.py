"""``mangfold fetch`` against stand-ins speaking the StatBank and PxWeb APIs (tests/sources/standin.py).

The counts are the stand-in's, INVENTED for the tests; the layouts are the services'.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from mangfold.cli import app
from mangfold.web.network.models import City
from mangfold.web.statistics.models import CityArea, Count, Dataset, FetchedSource
from tests.sources.standin import StandIn, serve

ACCEPTANCE = ["--select", "OMRÅDE=101", "--select", "HERKOMST=*", "--select", "Tid=2024K1"]


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with serve() as state:
        yield state


def fetch(state: StandIn, *args: str) -> Any:
    env = {"COLUMNS": "200", "MANGFOLD_STATBANK_URL": state.statbank}
    return CliRunner().invoke(app, ["fetch", *args], env=env)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_dry_run_prints_copenhagens_counts_by_origin_group_as_csv(standin: StandIn) -> None:
    result = fetch(standin, "statbank", "FOLK1C", *ACCEPTANCE, "--dry-run")
    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert [(r["area"], r["period"], r["group"], r["count"]) for r in table] == [
        ("København", "2024K1", "I alt", "660647"),
        ("København", "2024K1", "Personer med dansk oprindelse", "477210"),
        ("København", "2024K1", "Indvandrere", "141532"),
        ("København", "2024K1", "Efterkommere", "41905"),
    ]  # FOLK1C has no Western split: the scheme cannot derive the total, so "I alt" stays as its total
    assert [r["group_code"] for r in table] == ["total", "danish", "immigrants", "descendants"]
    assert "FOLK1C" in result.stderr and "scheme dst_origin" in result.stderr
    assert "FOLK1C" not in result.stdout.splitlines()[0]


def test_a_dry_run_needs_no_database_and_writes_nothing(standin: StandIn) -> None:
    # No django_db mark: any query would fail the test.
    result = fetch(standin, "statbank", "FOLK1C", *ACCEPTANCE, "--dry-run")
    assert result.exit_code == 0, result.output


def test_outside_a_scheme_every_category_is_kept_as_the_table_names_it(standin: StandIn) -> None:
    result = fetch(
        standin,
        "statbank",
        "FOLK1C",
        "-s",
        "OMRÅDE=101",
        "-s",
        "KØN=*",
        "-s",
        "Tid=2024K1",
        "--group",
        "KØN",
        "--dry-run",
    )
    assert result.exit_code == 0, result.output
    assert [(r["group"], r["count"]) for r in rows(result.stdout)] == [
        ("I alt", "660647"),
        ("Mænd", str(round(660_647 * 0.49))),
        ("Kvinder", str(round(660_647 * 0.51))),
    ]


def test_an_unknown_value_is_reported_with_the_tables_values_and_exit_status_1(standin: StandIn) -> None:
    result = fetch(standin, "statbank", "FOLK1C", "-s", "OMRÅDE=999", "-s", "Tid=2024K1", "--dry-run")
    assert result.exit_code == 1
    assert "unknown value" in result.stderr and "'999'" in result.stderr and "000, 101, 147" in result.stderr
    assert result.stdout == ""


def test_an_unknown_table_is_reported_with_statbanks_message(standin: StandIn) -> None:
    result = fetch(standin, "statbank", "NOSUCH", "-s", "Tid=2024K1", "--dry-run")
    assert result.exit_code == 1 and "Tabel findes ikke: NOSUCH" in result.stderr


def test_a_selection_without_values_is_refused_before_anything_is_asked(standin: StandIn) -> None:
    result = fetch(standin, "statbank", "FOLK1C", "-s", "OMRÅDE", "--dry-run")
    assert result.exit_code == 2 and "VARIABLE=VALUE" in result.output
    assert standin.requests == []


def test_a_pxweb_table_is_fetched_once_its_group_dimension_is_named(standin: StandIn) -> None:
    result = fetch(
        standin,
        "pxweb",
        standin.pxweb_table,
        "-s",
        "Region=0301",
        "-s",
        "ContentsCode=Personer1",
        "-s",
        "Tid=2024",
        "--group",
        "InnvandrKat",
        "--dry-run",
    )
    assert result.exit_code == 0, result.output
    assert [(r["area"], r["group"], r["count"]) for r in rows(result.stdout)] == [
        ("Oslo", "Innvandrere", "183000"),
        ("Oslo", "Norskfødte med innvandrerforeldre", "50100"),
    ]


@pytest.mark.django_db
def test_with_city_the_fetch_is_imported_with_its_provenance(standin: StandIn) -> None:
    city = City.objects.create(slug="copenhagen", name="København", country="DK", municipality_code="101")
    result = fetch(standin, "statbank", "FOLK1C", *ACCEPTANCE, "--city", "copenhagen")
    assert result.exit_code == 0, result.output
    dataset = Dataset.objects.get(name="FOLK1C København")
    assert (dataset.scheme, dataset.rows, dataset.periods) == ("dst_origin", 4, ["2024K1"])
    assert dict(Count.objects.filter(dataset=dataset).values_list("group", "n")) == {
        "total": 660_647,
        "danish": 477_210,
        "immigrants": 141_532,
        "descendants": 41_905,
    }
    assert CityArea.objects.get(city=city).area.code == "101"
    source = FetchedSource.objects.get(dataset=dataset)
    assert (source.table, source.table_updated, source.city) == ("FOLK1C", "2024-05-10T08:00:00", city)
    assert source.selection_pairs == [
        ("OMRÅDE", ["101"]),
        ("HERKOMST", ["TOT", "1", "3", "4"]),
        ("Tid", ["2024K1"]),
    ]
    assert source.plan["base_url"] is None and source.plan["table"] == "FOLK1C"
    assert "Danmarks Statistik" in dataset.attribution_da


@pytest.mark.django_db
def test_a_failed_fetch_writes_nothing(standin: StandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr("mangfold.sources.statbank.time.sleep", waits.append)
    City.objects.create(slug="copenhagen", name="København", country="DK", municipality_code="101")
    standin.fail_next = 99
    result = fetch(standin, "statbank", "FOLK1C", *ACCEPTANCE, "--city", "copenhagen")
    assert result.exit_code == 1 and "does not answer" in result.stderr
    assert (Dataset.objects.count(), FetchedSource.objects.count()) == (0, 0)
    assert waits == [1.0, 2.0, 4.0]  # three more tries after growing waits, then the error


@pytest.mark.django_db
def test_a_city_that_does_not_exist_is_refused_before_the_service_is_asked(standin: StandIn) -> None:
    result = fetch(standin, "statbank", "FOLK1C", *ACCEPTANCE, "--city", "atlantis")
    assert result.exit_code == 2 and "atlantis" in result.output
    assert standin.requests == []


@pytest.mark.django_db
def test_refresh_does_nothing_while_scheduled_fetching_is_off(standin: StandIn) -> None:
    result = CliRunner().invoke(app, ["fetch", "refresh"])
    assert result.exit_code == 0 and "off" in result.output
    assert standin.requests == []


@pytest.mark.django_db
def test_refresh_fetches_a_due_source_again(standin: StandIn, settings: Any) -> None:
    City.objects.create(slug="copenhagen", name="København", country="DK", municipality_code="101")
    assert fetch(standin, "statbank", "FOLK1C", *ACCEPTANCE, "--city", "copenhagen").exit_code == 0
    FetchedSource.objects.update(refresh=True, fetched_at=timezone.now() - dt.timedelta(days=2))
    settings.MANGFOLD_STATISTICS_REFRESH_HOURS = 24
    before = len(standin.requests)
    result = fetch(standin, "refresh")
    assert result.exit_code == 0, result.output
    assert "FOLK1C for København: fetched" in result.stdout
    assert len(standin.requests) == before + 2  # tableinfo and data, with the stored selection
    assert [v["code"] for v in standin.requests[-1].body["variables"]] == ["OMRÅDE", "HERKOMST", "Tid"]
    assert standin.requests[-1].body["variables"][0] == {"code": "OMRÅDE", "values": ["101"]}
    refreshed = FetchedSource.objects.get()
    assert timezone.now() - refreshed.fetched_at < dt.timedelta(minutes=5)
    assert [name for name, _ in refreshed.selection_pairs] == ["OMRÅDE", "HERKOMST", "Tid"]


@pytest.mark.django_db
def test_a_fetch_of_another_municipality_is_not_linked_to_the_city(standin: StandIn) -> None:
    City.objects.create(slug="copenhagen", name="København", country="DK", municipality_code="101")
    result = fetch(
        standin,
        "statbank",
        "FOLK1C",
        "-s",
        "OMRÅDE=147",
        "-s",
        "HERKOMST=*",
        "-s",
        "Tid=2024K1",
        "--city",
        "copenhagen",
    )
    assert result.exit_code == 1 and "no area 101" in result.stderr and "147" in result.stderr
    assert not Dataset.objects.exists()
