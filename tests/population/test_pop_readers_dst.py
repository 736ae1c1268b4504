"""Statistics Denmark's layouts: KMSTA001 long CSV and the 2024 voting-area tables (project copies)."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from mangfold.population import PopulationFileError
from mangfold.population.readers import ReadResult, read_kmsta001, read_voting_areas_2024

DATA = Path(__file__).resolve().parents[2] / "src" / "mangfold" / "data"
KMSTA001 = DATA / "kmsta001" / "KMSTA001_capital_region_parishes_2008_2020_long.csv.gz"
ELECTION = DATA / "dk_election2024"
ORIGIN = ELECTION / "Indvandrere_og_efterkommere_fordelt_efter_oprin___.csv.gz"
CITIZENSHIP = ELECTION / "Antal_personer_opgjort_efter_statsborgerskab_kn___.csv.gz"


@pytest.fixture(scope="module")
def kmsta001() -> ReadResult:
    return read_kmsta001(KMSTA001)


def test_kmsta001_parishes_municipalities_and_years(kmsta001: ReadResult) -> None:
    areas = kmsta001.areas
    assert len(areas.at_level("small_area")) == 127
    assert len(areas.at_level("municipality")) == 17
    assert areas["7002"].name == "Helligånds" and areas["7002"].parent == "København"
    assert len(kmsta001.counts.select(within="København").area_codes) == 56
    assert kmsta001.counts.periods == tuple(str(y) for y in range(2008, 2021))
    assert kmsta001.counts.value("7002", 2008, "danish") == 3025  # the first row of the file


def test_kmsta001_parishes_without_population_are_absent(kmsta001: ReadResult) -> None:
    absent = kmsta001.counts.absent_periods()
    assert absent["7002"] == ()
    assert "2008" in absent["9174"] and "2020" not in absent["9174"]  # Vor Frue: merged, then reported
    assert kmsta001.counts.pivot(2008).areas.count("9174") == 0


def _kmsta_text(rows: list[str]) -> bytes:
    return ('"SOGN","HERKOMST","TID","INDHOLD"\n' + "\n".join(rows) + "\n").encode()


def test_kmsta001_problems_are_listed_with_rows() -> None:
    rows = [
        '"7002 Helligånds (København Municipality)","Persons of Danish origin",2008,3025',
        '"Helligånds København","Persons of Danish origin",2008,3025',
        '"7002 Helligånds (København Municipality)","Persons of Martian origin",2008,3',
        '"7002 Helligånds (København Municipality)","Persons of Danish origin",2008,3026',
        '"7003 Holmens (København Municipality)","Persons of Danish origin",20x8,1',
    ]
    with pytest.raises(PopulationFileError) as err:
        read_kmsta001(_kmsta_text(rows), name="k.csv")
    assert sorted(p.row or 0 for p in err.value.problems) == [3, 4, 5, 6]
    assert any("Martian" in p.message for p in err.value.problems)


def test_kmsta001_in_danish_uses_kommune() -> None:
    rows = ['"7002 Helligånds (København Kommune)","Personer med dansk oprindelse",2020,4']
    result = read_kmsta001(_kmsta_text(rows))
    assert result.areas["7002"].parent == "København" and result.counts.value("7002", 2020, "danish") == 4


@pytest.fixture(scope="module")
def voting() -> ReadResult:
    return read_voting_areas_2024(ORIGIN, CITIZENSHIP, municipalities={"101": "København"})


def test_voting_areas_danish_origin_is_total_minus_the_regions(voting: ReadResult) -> None:
    c = voting.counts
    assert len(c.area_codes) == 1298 and len(c.groups) == 12
    national = c.with_derived().aggregate("country")
    share = national.value("DK", 2020, "immigrant_background") / national.value("DK", 2020, "total")
    assert share == pytest.approx(0.1386, abs=5e-4)  # 13.9 % (SOURCES.md)
    assert voting.areas["101"].name == "København"
    assert voting.areas.ancestor("101001", "municipality") == "101"
    # 98 municipalities and Christiansø (code 411), which belongs to none
    codes = {a.code for a in voting.areas.at_level("municipality")}
    assert len(codes) == 99 and "411" in codes


def test_voting_area_sums_match_an_independent_column_sum(voting: ReadResult) -> None:
    import pandas as pd

    origin = pd.read_csv(ORIGIN)
    row = origin[origin.ValgstedId == 101001].iloc[0]
    africa = sum(v for k, v in row.items() if k.endswith("_08. Afrika"))
    assert voting.counts.value("101001", 2020, "africa") == pytest.approx(africa)
    citizens = pd.read_csv(CITIZENSHIP)
    total = citizens[citizens.ValgstedId == 101001].iloc[0, 1:].sum()
    region_sum = sum(v for k, v in row.items() if k != "ValgstedId")
    assert voting.counts.value("101001", 2020, "danish") == pytest.approx(total - region_sum)


def test_voting_areas_with_no_population_are_absent(voting: ReadResult) -> None:
    absent = [a for a, periods in voting.counts.absent_periods().items() if periods]
    assert len(absent) == 14
    m = voting.counts.pivot(2020)
    assert len(m.areas) == 1298 - 14 and m.values.shape == (1284, 12)
    assert np.all(m.values.sum(axis=1) > 0)


def _small_tables(tmp_path: Path, extra: float) -> tuple[Path, Path]:
    o_head = (
        "ValgstedId,T_Mænd 0-4 år_02. Nordiske lande,T_Kvinder 0-4 år_02. Nordiske lande,"
        "T_Mænd 0-4 år_08. Afrika"
    )
    c_head = "ValgstedId,T_Mænd 0-4 år_01. Danmark,T_Mænd 0-4 år_02. Nordiske lande"
    o = tmp_path / "o.csv"
    c = tmp_path / "c.csv"
    o.write_text(f"{o_head}\n101001,1.5,2,{extra}\n147001,0,0,0\n", encoding="utf-8")
    c.write_bytes(gzip.compress(f"{c_head}\n101001,10,3.5\n147001,4,0\n".encode()))
    return o, c


def test_small_voting_area_tables(tmp_path: Path) -> None:
    o, c = _small_tables(tmp_path, 1)
    counts = read_voting_areas_2024(o, c).counts
    assert counts.value("101001", 2020, "nordic") == 3.5
    assert counts.value("101001", 2020, "danish") == pytest.approx(13.5 - 4.5)
    assert counts.value("147001", 2020, "danish") == 4
    o, c = _small_tables(tmp_path, 100)
    with pytest.raises(
        PopulationFileError, match=r"voting area 101001: origin regions sum to 103.5, more than"
    ):
        read_voting_areas_2024(o, c)
