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


# General PC-Axis tables, written here in the layout of Statistics Norway's and Statistics Finland's
# PxWeb files (keywords as in the PC-Axis file format of Statistics Sweden, 2013); the counts are INVENTED.
NORWAY_PX = """CHARSET="ANSI";
AXIS-VERSION="2013";
LANGUAGE="no";
MATRIX="09817";
SUBJECT-CODE="be";
SUBJECT-AREA="Befolkning";
TITLE="Innvandrere etter region, innvandringskategori, statistikkvariabel og tidsrom";
CONTENTS="Innvandrere";
UNITS="personer";
STUB="region","innvandringskategori";
HEADING="statistikkvariabel","tidsrom";
VALUES("region")="Oslo","Bergen";
CODES("region")="0301","4601";
VALUES("innvandringskategori")="Innvandrere","Norskfødte med innvandrerforeldre";
CODES("innvandringskategori")="B","C";
VALUES("statistikkvariabel")="Personer","Nettoinnvandring";
CODES("statistikkvariabel")="Personer1","Netto";
VALUES("tidsrom")="2023","2024";
DATA=
180000 183000 -1200 950
49000 50100 300 -20
45000 45500 -80 120
9800 9900 10 -5;
"""

FINLAND_PX = """CHARSET="ANSI";
AXIS-VERSION="2013";
LANGUAGE="fi";
LANGUAGES="fi","sv","en";
MATRIX="11rv";
SUBJECT-CODE="vaerak";
SUBJECT-AREA="Väestörakenne";
SUBJECT-AREA[sv]="Befolkningsstruktur";
SUBJECT-AREA[en]="Population structure";
TITLE="Väestö alueen, syntyperän ja vuoden mukaan";
TITLE[sv]="Befolkning efter område, härkomst och år";
TITLE[en]="Population by area, origin and year";
CONTENTS="Väestö";
CONTENTS[sv]="Befolkning";
CONTENTS[en]="Population";
UNITS="lukumäärä";
UNITS[sv]="antal";
UNITS[en]="number";
STUB="Alue","Syntyperä";
STUB[sv]="Område","Härkomst";
STUB[en]="Area","Origin";
HEADING="Vuosi";
HEADING[sv]="Kalenderår";
HEADING[en]="Calendar year";
VALUES("Alue")="Helsinki","Espoo";
VALUES[sv]("Område")="Helsingfors","Esbo";
VALUES[en]("Area")="Helsinki","Espoo";
CODES("Alue")="091","049";
CODES[sv]("Område")="091","049";
CODES[en]("Area")="091","049";
VALUES("Syntyperä")="Suomalaistaustaiset","Ulkomaalaistaustaiset";
VALUES[sv]("Härkomst")="Med finländsk bakgrund","Med utländsk bakgrund";
VALUES[en]("Origin")="Finnish background","Foreign background";
CODES("Syntyperä")="1","2";
CODES[sv]("Härkomst")="1","2";
CODES[en]("Origin")="1","2";
VALUES("Vuosi")="2022","2023";
VALUES[sv]("Kalenderår")="2022","2023";
VALUES[en]("Calendar year")="2022","2023";
DATA=
510000 512000
160000 165000
250000 251000
60000 63000;
"""


def dry(*args: str) -> Any:
    return CliRunner().invoke(app, ["import", *args, "--dry-run"], env={"COLUMNS": "200"})


def csv_rows(text: str) -> list[tuple[str, ...]]:
    import csv
    import io

    return [(r["area"], r["period"], r["group"], r["count"]) for r in csv.DictReader(io.StringIO(text))]


def test_a_table_with_a_content_variable_imports_once_its_dimensions_are_named(tmp_path: Path) -> None:
    table = tmp_path / "09817.px"
    table.write_text(NORWAY_PX, encoding="cp1252")
    result = dry(
        str(table),
        "--area",
        "region",
        "--period",
        "tidsrom",
        "--group",
        "innvandringskategori",
        "--select",
        "statistikkvariabel=Personer1",
    )
    assert result.exit_code == 0, result.output
    # The net figures (negative) of the other content do not stop the import: the selection comes first.
    assert csv_rows(result.stdout) == [
        ("Oslo", "2023", "Innvandrere", "180000"),
        ("Oslo", "2023", "Norskfødte med innvandrerforeldre", "49000"),
        ("Oslo", "2024", "Innvandrere", "183000"),
        ("Oslo", "2024", "Norskfødte med innvandrerforeldre", "50100"),
        ("Bergen", "2023", "Innvandrere", "45000"),
        ("Bergen", "2023", "Norskfødte med innvandrerforeldre", "9800"),
        ("Bergen", "2024", "Innvandrere", "45500"),
        ("Bergen", "2024", "Norskfødte med innvandrerforeldre", "9900"),
    ]
    assert "nothing was written" in result.stderr


def test_without_the_selection_the_content_variable_is_named_as_the_problem(tmp_path: Path) -> None:
    table = tmp_path / "09817.px"
    table.write_text(NORWAY_PX, encoding="cp1252")
    result = dry(str(table), "--area", "region", "--period", "tidsrom", "--group", "innvandringskategori")
    assert result.exit_code == 1
    assert "statistikkvariabel" in result.output and "nothing was written" in result.output


def test_a_three_language_table_is_named_in_any_of_its_languages_and_printed_in_its_first(
    tmp_path: Path,
) -> None:
    table = tmp_path / "11rv.px"
    table.write_text(FINLAND_PX, encoding="cp1252")
    result = dry(str(table), "--area", "Område", "--period", "Calendar year", "--group", "Härkomst")
    assert result.exit_code == 0, result.output
    assert csv_rows(result.stdout)[:2] == [
        ("Helsinki", "2022", "Suomalaistaustaiset", "510000"),
        ("Helsinki", "2022", "Ulkomaalaistaustaiset", "160000"),
    ]
    assert len(csv_rows(result.stdout)) == 8


def test_a_general_table_without_a_scheme_is_not_written_to_the_platform(tmp_path: Path) -> None:
    table = tmp_path / "11rv.px"
    table.write_text(FINLAND_PX, encoding="cp1252")
    result = run(str(table), "--area", "Alue", "--period", "Vuosi", "--group", "Syntyperä")
    assert result.exit_code == 2 and "--scheme" in result.output
    assert sizes() == (0, 0, 0, 0)


def test_period_value_gives_a_file_without_a_period_its_period(copenhagen: City, tmp_path: Path) -> None:
    table = tmp_path / "sogne.csv"
    table.write_text("sogn;herkomst;antal\n7002;Danish origin;10\n7003;Danish origin;7\n")
    result = run(str(table), "--scheme", "dst", "--city", "copenhagen", "--period-value", "2024")
    assert result.exit_code == 0, result.output
    assert Dataset.objects.get().periods == ["2024"]


def test_a_dry_run_of_a_shipped_file_prints_it_in_its_scheme_and_writes_nothing() -> None:
    result = dry(str(KMSTA001), "--scheme", "dst")
    assert result.exit_code == 0, result.output
    rows = csv_rows(result.stdout)
    assert len(rows) == 8255 and rows[0][2] == "danish"  # the shipped file has no group labels of its own
    assert sizes() == (0, 0, 0, 0)
