"""``mangfold import``: the shipped files go in, a bad file is refused with its places and writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mangfold.cli import app
from mangfold.data import data_path
from mangfold.web.network.models import City
from mangfold.web.statistics.models import Area, CityArea, Count, Dataset

pytestmark = pytest.mark.django_db

KMSTA001 = data_path("kmsta001", "KMSTA001_capital_region_parishes_2008_2020_long.csv.gz")


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["import", *args], env={"COLUMNS": "200"})


def sizes() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Dataset, Area, Count, CityArea))


@pytest.fixture
def copenhagen(db: Any) -> City:
    return City.objects.create(slug="copenhagen", name="København", country="DK")


def test_kmsta001_is_imported_and_linked_to_the_city(copenhagen: City) -> None:
    result = run(str(KMSTA001), "--scheme", "dst", "--city", "copenhagen", "--dataset", "KMSTA001")
    assert result.exit_code == 0, result.output
    dataset = Dataset.objects.get(name="KMSTA001")
    assert (dataset.scheme, dataset.rows, dataset.periods[0], dataset.periods[-1]) == (
        "dst_origin",
        8255,
        "2008",
        "2020",
    )
    assert CityArea.objects.get(city=copenhagen).area.code == "København"
    assert "8255" in result.output and "copenhagen = København" in result.output


def test_the_voting_area_tables_are_imported_as_a_pair_with_municipality_names(copenhagen: City) -> None:
    folder = data_path("dk_election2024")
    files = [str(p) for p in sorted(folder.glob("*.csv.gz"))]
    result = run(*files, "--scheme", "dk_regions", "--city", "copenhagen", "--dataset", "Valg 2024")
    assert result.exit_code == 0, result.output
    link = CityArea.objects.get(city=copenhagen).area
    assert (link.code, link.name) == ("101", "København")


def test_a_bad_file_names_every_problem_and_writes_nothing(copenhagen: City, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("area,period,group,n\nA1,2020,danish,5\nA1,2020,imm_western,-3\nA2,2020,Martians,1\n")
    before = sizes()
    result = run(str(bad), "--scheme", "dst", "--city", "copenhagen")
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    lines = [line for line in result.output.splitlines() if "bad.csv" in line]
    assert any("│ 3 " in line and "│ n " in line and "negative count: -3" in line for line in lines), (
        result.output
    )
    assert any("│ 4 " in line and "│ group " in line and "'Martians'" in line for line in lines), (
        result.output
    )
    assert sizes() == before


def test_a_name_in_use_needs_replace(copenhagen: City) -> None:
    assert run(str(KMSTA001), "--scheme", "dst", "--dataset", "K").exit_code == 0
    old = Dataset.objects.get(name="K").pk
    refused = run(str(KMSTA001), "--scheme", "dst", "--dataset", "K")
    assert refused.exit_code == 1 and "exists already" in refused.output
    assert run(str(KMSTA001), "--scheme", "dst", "--dataset", "K", "--replace").exit_code == 0
    assert Dataset.objects.get(name="K").pk != old


def test_an_unknown_city_or_scheme_is_refused(copenhagen: City) -> None:
    assert run(str(KMSTA001), "--scheme", "dst", "--city", "atlantis").exit_code == 2
    wrong = run(str(KMSTA001), "--scheme", "klingon")
    assert wrong.exit_code == 1 and "no scheme 'klingon'" in wrong.output
    assert sizes() == (0, 0, 0, 0)


def test_a_small_area_file_for_one_city_is_put_inside_it(copenhagen: City, tmp_path: Path) -> None:
    table = tmp_path / "sogne.csv"
    table.write_text("sogn;år;herkomst;antal\n7002;2020;Danish origin;10\n7003;2020;Danish origin;7\n")
    result = run(str(table), "--scheme", "dst", "--city", "copenhagen")
    assert result.exit_code == 0, result.output
    area = CityArea.objects.get(city=copenhagen).area
    assert (area.code, area.level) == ("København", "municipality")
    assert sorted(area.inside.exclude(pk=area.pk).values_list("code", flat=True)) == ["7002", "7003"]
