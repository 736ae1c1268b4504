"""Telling the files of an import apart and checking them, in the core (no database, no Django): the
layouts told by their headers, the scheme names, the voting-area pair, boundaries matched to areas."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest

from mangfold.data import data_path
from mangfold.i18n import language
from mangfold.population.boundaries import read_geometries
from mangfold.population.detect import InputFile, header_of, layout_of, read_counts, within_municipality
from mangfold.population.errors import PopulationFileError
from mangfold.population.import_check import check_import
from mangfold.population.schemes import SCHEME_ALIASES, scheme_name

COUNTS = "area,period,group,n\nA1,2020,danish,90\nA1,2020,imm_western,10\nA2,2020,danish,50\n"


def square(x: float) -> list[list[list[float]]]:
    return [[[x, 55.6], [x + 0.01, 55.6], [x + 0.01, 55.61], [x, 55.61], [x, 55.6]]]


def boundaries(codes: list[str]) -> InputFile:
    features = [
        {
            "type": "Feature",
            "properties": {"kode": code, "navn": f"Område {code}"},
            "geometry": {"type": "Polygon", "coordinates": square(12.5 + i / 100)},
        }
        for i, code in enumerate(codes)
    ]
    return InputFile("b.geojson", json.dumps({"type": "FeatureCollection", "features": features}).encode())


@pytest.mark.parametrize(
    ("header", "scheme", "layout"),
    [
        (["ValgstedId", "KommuneKode"], None, "voting_areas_2024"),
        (["SOGN", "HERKOMST", "TID", "INDHOLD"], "dst_origin", "kmsta001"),
        (["SOGN", "HERKOMST", "TID", "INDHOLD"], "ew_ethnicity_2011", "general"),
        (["LSOA", "LAD", "White British"], "ew_ethnicity_2011", "mlid"),
        (["OA", "LAD", "Persons"], None, "mlid"),
        (["area", "period", "group", "n"], "dst_origin", "general"),
    ],
)
def test_the_layout_is_told_by_the_header(header: list[str], scheme: str | None, layout: str) -> None:
    assert layout_of(header, scheme) == layout


def test_named_dimensions_leave_only_the_voting_area_pair_to_be_told() -> None:
    assert layout_of(["SOGN", "HERKOMST", "TID", "INDHOLD"], "dst_origin", named_dimensions=True) == "general"
    assert layout_of(["ValgstedId"], None, named_dimensions=True) == "voting_areas_2024"


def test_the_header_of_a_gzipped_csv_is_read_and_other_files_have_none() -> None:
    packed = InputFile("k.csv.gz", gzip.compress(b'"SOGN";"HERKOMST";"TID";"INDHOLD"\n1;2;3;4\n'))
    assert header_of(packed) == ["SOGN", "HERKOMST", "TID", "INDHOLD"]
    assert header_of(InputFile("k.px", b"STUB=...")) == []


def test_short_scheme_names_name_the_built_in_schemes_and_an_unknown_name_is_refused_in_words() -> None:
    assert {alias: scheme_name(alias) for alias in SCHEME_ALIASES} == {
        "dst": "dst_origin",
        "dk_regions": "dst_regions_2024",
        "dk_citizenship": "dst_citizenship_2024",
        "ew_census": "ew_ethnicity_2011",
    }
    assert scheme_name("dst_origin") == "dst_origin"
    with pytest.raises(KeyError, match="no scheme 'klingon'; known: dst, dk_regions"):
        scheme_name("klingon")
    with language("da"), pytest.raises(KeyError, match="ingen inddeling 'klingon'; kendte: dst"):
        scheme_name("klingon")


def test_two_files_are_one_too_many_unless_they_are_the_voting_area_pair() -> None:
    files = [InputFile("a.csv", COUNTS.encode()), InputFile("b.csv", COUNTS.encode())]
    with pytest.raises(PopulationFileError, match=r"one file at a time.*\(got 2\)"):
        read_counts(files, "dst")
    with language("da"), pytest.raises(PopulationFileError, match=r"én fil ad gangen.*\(fik 2\)"):
        read_counts(files, "dst")


def test_the_voting_area_pair_is_read_whichever_comes_first_and_a_pair_of_origin_tables_is_refused() -> None:
    origin, citizenship = sorted(data_path("dk_election2024").glob("*.csv.gz"))
    pair = [InputFile(p.name, path=str(p)) for p in (citizenship, origin)]
    result = read_counts(pair, "dk_regions", municipality_names={"101": "København"})
    assert (
        result.areas["101"].name == "København" and "2020" in result.counts.periods
    )  # the tables' population: 1 January 2020
    twice = [InputFile(p.name, path=str(p)) for p in (origin, origin)]
    with pytest.raises(PopulationFileError, match="cannot tell the citizenship table"):
        read_counts(twice, "dk_regions")


def test_small_areas_without_a_parent_are_put_inside_the_citys_municipality() -> None:
    result = within_municipality(read_counts([InputFile("a.csv", COUNTS.encode())], "dst"), "Aby", "Aby")
    assert result.areas["A1"].parent == "Aby" and result.areas["Aby"].level == "municipality"


def test_the_check_reads_counts_and_boundaries_and_lists_what_has_no_partner() -> None:
    files = [InputFile("a.csv", COUNTS.encode())]
    checked = check_import(files, "dst", boundaries=boundaries(["A1", "Z9"]))
    assert checked.scheme == "dst_origin"
    assert checked.sha256 == hashlib.sha256(COUNTS.encode()).hexdigest()
    assert checked.geometries is not None and checked.geometries.key == "kode"
    assert set(checked.geometries.geometry) == {"A1"} and checked.geometries.names == {"A1": "Område A1"}
    assert checked.lacking == ("A2",) and checked.geometries.without_area == ("Z9",)


def test_boundaries_that_match_no_area_are_refused_naming_the_key_in_the_core_language() -> None:
    with pytest.raises(
        PopulationFileError, match=r"no boundary matches an area of the counts \(key 'navn'\)"
    ):
        read_geometries(boundaries(["A1"]), ["A1"], key="navn")
    with language("da"), pytest.raises(PopulationFileError, match="ingen grænse passer til et område"):
        read_geometries(boundaries(["A1"]), ["A1"], key="navn")


def test_an_unknown_scheme_is_a_problem_of_the_import() -> None:
    with pytest.raises(PopulationFileError, match="no scheme 'klingon'"):
        check_import([InputFile("a.csv", COUNTS.encode())], "klingon")
