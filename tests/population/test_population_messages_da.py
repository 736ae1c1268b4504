"""The readers' messages in Danish: real malformed files give Danish text inside ``language("da")``
(and with ``MANGFOLD_LANGUAGE=da``) that names the file, row and column, and today's English outside."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from mangfold.i18n import language
from mangfold.population import PopulationFileError, UnmappedLabelsError
from mangfold.population.geojson import parse_geojson
from mangfold.population.labels import map_labels
from mangfold.population.microdata import origin_counts
from mangfold.population.readers import read, read_csv, read_excel, read_jsonstat, read_kmsta001, read_px
from mangfold.population.schemes import dst_origin
from mangfold.population.topojson import parse_topojson

CSV = """area,period,group,n
7002,2008,Persons of Danish origin,3025
7002,2008,Immigrants from western countries,abc
7002,2008,Martians,4
"""

PX = """CHARSET="ANSI";
STUB="sogn";
HEADING="herkomst";
VALUES("sogn")="7002","7003";
VALUES("herkomst")="danish";
DATA=
1 x
;
"""

KMSTA001 = (
    '"SOGN","HERKOMST","TID","INDHOLD"\n'
    '"7002 Helligånds (København Municipality)","Persons of Danish origin","20x8","3025"\n'
)

JSONSTAT = {
    "version": "2.0",
    "class": "dataset",
    "id": ["area"],
    "size": [2],
    "dimension": {"area": {"category": {"index": ["7002", "7003"]}}},
    "value": [1, 2, 3],
}

TOPOLOGY = {
    "type": "Topology",
    "arcs": [[[0, 0], [1, 1]]],
    "objects": {
        "sogne": {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "arcs": [[5]], "id": "7002"}],
        }
    },
}


def error_of(read_file: Callable[[], Any]) -> PopulationFileError | UnmappedLabelsError:
    with pytest.raises((PopulationFileError, UnmappedLabelsError)) as caught:
        read_file()
    return caught.value


def workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Befolkning"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# (how to read the malformed file, the English text today, the Danish text)
CASES: dict[str, tuple[Callable[[], Any], str, str]] = {
    "csv: a bad count and a label outside the scheme": (
        lambda: read_csv(CSV.encode(), scheme=dst_origin(), name="bad.csv"),
        "2 problems in bad.csv:\n"
        "- bad.csv, row 3, column 'n': not a number: 'abc'\n"
        "- bad.csv, row 4, column 'group': label 'Martians' matches no group of scheme 'dst_origin'",
        "2 problemer i bad.csv:\n"
        "- bad.csv, række 3, kolonne 'n': ikke et tal: 'abc'\n"
        "- bad.csv, række 4, kolonne 'group': betegnelsen 'Martians' passer ikke til nogen gruppe i "
        "inddelingen 'dst_origin'",
    ),
    "csv: missing columns": (
        lambda: read_csv(b"x,y\n1,2\n", scheme=dst_origin(), layout="long", name="cols.csv"),
        "4 problems in cols.csv:\n"
        "- cols.csv, row 1: no area column (columns: x, y); name it\n"
        "- cols.csv, row 1: no period column (columns: x, y); name it or pass the period\n"
        "- cols.csv, row 1: no group column (columns: x, y)\n"
        "- cols.csv, row 1: no count column (columns: x, y)",
        "4 problemer i cols.csv:\n"
        "- cols.csv, række 1: ingen områdekolonne (kolonner: x, y); angiv den\n"
        "- cols.csv, række 1: ingen periodekolonne (kolonner: x, y); angiv kolonnen eller perioden\n"
        "- cols.csv, række 1: ingen gruppekolonne (kolonner: x, y)\n"
        "- cols.csv, række 1: ingen antalskolonne (kolonner: x, y)",
    ),
    "csv: the wrong delimiter": (
        lambda: read_csv(b"area;period;group;n\n7002;2008;danish;5\n", delimiter=",", name="semi.csv"),
        "semi.csv, row 1: the file seems to be separated by ';', not ',': the header has no ',' but 3 × ';'",
        "semi.csv, række 1: filen ser ud til at være adskilt med ';', ikke ',': overskriftsrækken har "
        "intet ',', men 3 × ';'",
    ),
    "px: a cell that is no number": (
        lambda: read_px(PX.encode("cp1252"), name="bad.px", period_value=2008),
        "bad.px, row 7: cell 2: not a number: 'x'",
        "bad.px, række 7: celle 2: ikke et tal: 'x'",
    ),
    "px: a malformed keyword": (
        lambda: read_px(b'STUB="sogn";\nVALUES("sogn"="7002";\nDATA=1;\n', name="syntax.px"),
        "syntax.px, row 2: VALUES: the subkey in (...) is malformed",
        "syntax.px, række 2: VALUES: undernøglen i (...) har forkert form",
    ),
    "px: a dimension without VALUES": (
        lambda: read_px(b'STUB="sogn";\nHEADING="tid";\nVALUES("sogn")="7002";\nDATA=1;\n', name="v.px"),
        "v.px: no VALUES for dimension 'tid'",
        "v.px: ingen VALUES for dimensionen 'tid'",
    ),
    "mapping: an unmapped label": (
        lambda: map_labels(["Persons of Danish origin", "Martians"], dst_origin(), file="labels.csv"),
        "labels.csv: 1 label(s) match no group of scheme 'dst_origin': 'Martians'",
        "labels.csv: 1 betegnelse(r) passer ikke til nogen gruppe i inddelingen 'dst_origin': 'Martians'",
    ),
    "json-stat: the wrong number of values": (
        lambda: read_jsonstat(json.dumps(JSONSTAT).encode(), name="cube.json"),
        "cube.json: 'value' has 3 cells, expected 2 (product of 'size')",
        "cube.json: 'value' har 3 celler, forventede 2 (produktet af 'size')",
    ),
    "json-stat: broken JSON": (
        lambda: read_jsonstat(b'{\n"value": ]', name="broken.json"),
        "broken.json, row 2: not valid JSON: Expecting value",
        "broken.json, række 2: ikke gyldig JSON: Expecting value",
    ),
    "kmsta001: a year that is no year": (
        lambda: read_kmsta001(KMSTA001.encode(), name="kmsta001.csv"),
        "kmsta001.csv, row 2, column 'TID': not a year: '20x8'",
        "kmsta001.csv, række 2, kolonne 'TID': ikke et årstal: '20x8'",
    ),
    "excel: a sheet that is not there": (
        lambda: read_excel(workbook(), sheet="Ark2", name="book.xlsx"),
        "book.xlsx: no sheet 'Ark2' (sheets: Befolkning)",
        "book.xlsx: intet ark 'Ark2' (ark: Befolkning)",
    ),
    "read: an unknown kind of file": (
        lambda: read(b"x", name="notes.doc"),
        "notes.doc: unknown kind of file; expected one of .csv, .json, .jsonstat, .px, .tsv, .txt, .xlsx",
        "notes.doc: ukendt filtype; forventede en af .csv, .json, .jsonstat, .px, .tsv, .txt, .xlsx",
    ),
    "geojson: a feature without geometry": (
        lambda: parse_geojson(
            {"type": "FeatureCollection", "features": [{"type": "Feature"}]}, source="b.geojson"
        ),
        "b.geojson: feature 0: has no 'geometry' member",
        "b.geojson: objekt 0: mangler medlemmet 'geometry'",
    ),
    "topojson: an arc index out of range": (
        lambda: parse_topojson(TOPOLOGY, source="s.topojson"),
        "s.topojson: object 'sogne', geometry 0 (id '7002'): arc index 5 is out of range "
        "(the topology has 1 arcs)",
        "s.topojson: objektet 'sogne', geometri 0 (id '7002'): bueindeks 5 er uden for intervallet "
        "(topologien har 1 buer)",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_malformed_file_is_described_in_danish_inside_a_danish_block(case: str) -> None:
    read_file, _, danish = CASES[case]
    with language("da"):
        error = error_of(read_file)
    assert str(error) == danish


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_same_file_is_described_in_english_as_before_outside_the_block(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MANGFOLD_LANGUAGE", raising=False)
    read_file, english, _ = CASES[case]
    assert str(error_of(read_file)) == english
    with language("da"), language("en"):
        assert str(error_of(read_file)) == english


def test_each_problem_keeps_its_place_and_carries_a_danish_message() -> None:
    with language("da"):
        error = error_of(lambda: read_csv(CSV.encode(), scheme=dst_origin(), name="bad.csv"))
    assert isinstance(error, PopulationFileError)
    assert [(p.file, p.row, p.column) for p in error.problems] == [
        ("bad.csv", 3, "n"),
        ("bad.csv", 4, "group"),
    ]
    assert [p.message for p in error.problems] == [
        "ikke et tal: 'abc'",
        "betegnelsen 'Martians' passer ikke til nogen gruppe i inddelingen 'dst_origin'",
    ]


def test_the_command_line_language_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANGFOLD_LANGUAGE", "da")
    error = error_of(lambda: read_px(PX.encode("cp1252"), name="bad.px", period_value=2008))
    assert str(error) == "bad.px, række 7: celle 2: ikke et tal: 'x'"


def test_a_long_list_of_problems_is_summarised_in_danish() -> None:
    rows = "".join(f"A{i},2020,danish,x{i}\n" for i in range(53))
    with language("da"):
        error = error_of(lambda: read_csv(("area,period,group,n\n" + rows).encode(), name="many.csv"))
    lines = str(error).splitlines()
    assert lines[0] == "53 problemer i many.csv:"
    assert lines[1] == "- many.csv, række 2, kolonne 'n': ikke et tal: 'x0'"
    assert lines[-1] == "- … og 3 til"


def test_a_persons_file_without_its_columns_is_described_in_danish(tmp_path: Path) -> None:
    path = tmp_path / "persons.csv"
    path.write_text("id,year,area\n1,2020,A1\n", encoding="utf-8")
    with language("da"):
        error = error_of(lambda: origin_counts(path, parents="countries"))
    assert isinstance(error, PopulationFileError)
    missing = [p for p in error.problems if p.column is not None]
    assert [p.column for p in missing][:2] == ["birth_country", "citizenship"]
    assert {p.message for p in missing} == {"kolonnen mangler"}
    assert f"{len(error.problems)} problemer i {path}:" in str(error)
    assert f"- {path}, kolonne 'birth_country': kolonnen mangler" in str(error)
