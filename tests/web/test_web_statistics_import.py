"""Importing statistics by upload: every format through the core readers, all or nothing, every problem
named by file, row and column, the database unchanged after a refusal (on SQLite and PostgreSQL)."""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from mangfold.population.detect import InputFile
from mangfold.web.statistics import storing
from mangfold.web.statistics.importing import ImportOptions, import_files
from mangfold.web.statistics.models import Area, CityArea, Count, Dataset, Outline
from tests.conftest import STATISTICS_CSV

pytestmark = pytest.mark.django_db

TOKEN = "statisticsuploadtoken0123456789a"  # 32 characters, the form of a CSRF secret
URL = "/en/statistics/cities/city-a/upload/"


def square(x: float, y: float) -> list[list[list[float]]]:
    return [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]


GEOJSON = json.dumps(
    {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"kode": code, "navn": name},
                "geometry": {"type": "Polygon", "coordinates": square(x, 55.6)},
            }
            for code, name, x in [("A1", "Nordby", 12.50), ("A2", "Sydby", 12.51)]
        ],
    }
)
BROKEN_TOPOJSON = json.dumps(
    {
        "type": "Topology",
        "arcs": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
        "objects": {
            "areas": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "properties": {"kode": "A1"}},
                    {"type": "Polygon", "arcs": [[5]], "properties": {"kode": "A2"}},
                ],
            }
        },
    }
)
PX_HEAD = """CHARSET="ANSI";
LANGUAGE="da";
MATRIX="TEST01";
TITLE="Befolkning efter område, herkomst og tid";
CONTENTS="Befolkning";
UNITS="personer";
STUB="område","herkomst";
HEADING="tid";
VALUES("område")="A1","A2";
VALUES("herkomst")="Personer med dansk oprindelse","Indvandrere fra vestlige lande",
"Indvandrere fra ikke-vestlige lande","Efterkommere fra vestlige lande",
"Efterkommere fra ikke-vestlige lande";
VALUES("tid")="2019","2020";
TIMEVAL("tid")=TLIST(A1),"2019","2020";
DATA=
900 880 30 35 60 70 10 10 40 45
500 480 20 25 300 320 5 5 150 160"""


def snapshot() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Dataset, Area, Count, CityArea, Outline))


def post(client: Any, data: dict[str, Any], files: dict[str, tuple[str, bytes]]) -> Any:
    client.cookies["csrftoken"] = TOKEN
    payload = {"scheme": "dst_origin", "name": "Aby upload", "source": "Aby statistics office", **data}
    payload.update({field: SimpleUploadedFile(name, content) for field, (name, content) in files.items()})
    return client.post(URL, payload, HTTP_X_CSRFTOKEN=TOKEN)


def problems_of(response: Any) -> list[list[str]]:
    """The rows of the problems table: file, row, column, problem."""
    html = response.content.decode()
    table = html.split('id="import-problems"', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tbody>", 1)[1].split("</tr>")[:-1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in rows
    ]


def test_a_coordinator_uploads_counts_with_boundaries(world: Any, client_for: Callable[[str], Any]) -> None:
    before = snapshot()
    response = post(
        client_for("coordinator"),
        {},
        {"file": ("aby.csv", STATISTICS_CSV.encode()), "boundaries": ("aby.geojson", GEOJSON.encode())},
    )
    assert response.status_code == 302
    dataset = Dataset.objects.get(name="Aby upload")
    assert response["Location"] == f"/en/statistics/cities/city-a/?dataset={dataset.pk}"
    assert (dataset.city, dataset.uploaded_by, dataset.rows) == (world.city_a, world.users["coordinator"], 20)
    assert dataset.periods == ["2019", "2020"]
    area = dataset.areas.get(code="A1")
    assert area.name == "Nordby"  # from the boundaries' properties
    assert json.loads(area.geometry)["type"] == "Polygon"
    assert area.municipality.city_links.get().city == world.city_a
    assert snapshot()[2] == before[2] + 20
    assert Count.objects.get(area=area, period="2020", group="imm_nonwestern").n == 70


def workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for line in STATISTICS_CSV.strip().splitlines():
        cells = line.split(",")
        sheet.append([int(c) if c.isdigit() else c for c in cells])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def jsonstat() -> bytes:
    values = [900, 30, 60, 10, 40, 500, 20, 300, 5, 150]
    return json.dumps(
        {
            "version": "2.0",
            "class": "dataset",
            "id": ["område", "herkomst", "tid"],
            "size": [2, 5, 1],
            "role": {"time": ["tid"], "geo": ["område"]},
            "dimension": {
                "område": {"category": {"index": ["A1", "A2"]}},
                "herkomst": {
                    "category": {
                        "index": [
                            "danish",
                            "imm_western",
                            "imm_nonwestern",
                            "desc_western",
                            "desc_nonwestern",
                        ]
                    }
                },
                "tid": {"category": {"index": ["2019"]}},
            },
            "value": values,
        }
    ).encode()


@pytest.mark.parametrize(
    ("name", "content", "rows"),
    [
        ("aby.xlsx", workbook(), 20),
        ("aby.px", PX_HEAD.encode("cp1252") + b";\n", 20),
        ("aby.json", jsonstat(), 10),
        ("aby.csv.gz", gzip.compress(STATISTICS_CSV.encode()), 20),
    ],
)
def test_excel_pc_axis_json_stat_and_gzip_are_read_by_the_core_readers(
    world: Any, client_for: Callable[[str], Any], name: str, content: bytes, rows: int
) -> None:
    response = post(client_for("admin"), {}, {"file": (name, content)})
    assert response.status_code == 302, problems_of(response)
    assert Dataset.objects.get(name="Aby upload").rows == rows


CSV_HEAD = "area,period,group,n\n"
MALFORMED = {
    "wrong delimiter": (
        {"delimiter": ","},
        {"file": ("aby.csv", CSV_HEAD.replace(",", ";").encode() + b"A1;2020;danish;5\n")},
        ["aby.csv", "1", "–", "the file seems to be separated by ';', not ','"],
    ),
    "no delimiter at all": (
        {},
        {"file": ("aby.csv", b"area period group n\nA1 2020 danish 5\n")},
        ["aby.csv", "1", "–", "no delimiter"],
    ),
    "negative count": (
        {},
        {"file": ("aby.csv", (CSV_HEAD + "A1,2020,danish,5\nA1,2020,imm_western,-3\n").encode())},
        ["aby.csv", "3", "n", "negative count: -3"],
    ),
    "duplicate key": (
        {},
        {"file": ("aby.csv", (CSV_HEAD + "A1,2020,danish,5\nA2,2020,danish,6\nA1,2020,danish,7\n").encode())},
        ["aby.csv", "4", "–", "duplicate (area, period, group) ('A1', '2020', 'danish'): also in row 2"],
    ),
    "label outside the scheme": (
        {},
        {"file": ("aby.csv", (CSV_HEAD + "A1,2020,danish,5\nA1,2020,Martians,1\n").encode())},
        ["aby.csv", "3", "group", "label 'Martians' matches no group of scheme 'dst_origin'"],
    ),
    "truncated PX data": (
        {},
        {"file": ("aby.px", PX_HEAD.rsplit(" ", 2)[0].encode("cp1252") + b";\n")},
        ["aby.px", "–", "–", "DATA has 18 cells, expected 20"],
    ),
    "TopoJSON with broken arcs": (
        {},
        {
            "file": ("aby.csv", STATISTICS_CSV.encode()),
            "boundaries": ("aby.topojson", BROKEN_TOPOJSON.encode()),
        },
        [
            "aby.topojson",
            "–",
            "–",
            "geometry 1 (kode 'A2'): arc index 5 is out of range (the topology has 1 arcs)",
        ],
    ),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_upload_is_refused_with_its_place_and_nothing_is_written(
    world: Any, client_for: Callable[[str], Any], case: str
) -> None:
    data, files, (file, row, column, message) = MALFORMED[case]
    before = snapshot()
    response = post(client_for("coordinator"), data, files)
    assert response.status_code == 400
    found = problems_of(response)
    assert any(
        p[0] == file and p[1] == row and p[2] == column and message in p[3].replace("&#x27;", "'")
        for p in found
    ), found
    assert snapshot() == before


def test_every_problem_of_a_file_is_listed_at_once(world: Any, client_for: Callable[[str], Any]) -> None:
    bad = CSV_HEAD + "A1,2020,danish,-1\nA1,2020,bogus,2\nA2,2020,danish,x\nA2,2020,danish,3\n"
    response = post(client_for("coordinator"), {}, {"file": ("bad.csv", bad.encode())})
    rows = [(p[1], p[2]) for p in problems_of(response)]
    assert rows == [("2", "n"), ("3", "group"), ("4", "n"), ("5", "–")]  # row 5 repeats row 4's key


def test_a_database_failure_half_way_writes_nothing(world: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any) -> int:
        raise IntegrityError("simulated failure after the dataset and its areas")

    monkeypatch.setattr(storing, "_insert_counts", fail)
    before = snapshot()
    with pytest.raises(IntegrityError):
        import_files(
            [InputFile("aby.csv", STATISTICS_CSV.encode())],
            ImportOptions(scheme="dst", name="Half way", source="x"),
            city=world.city_a,
        )
    assert snapshot() == before


def test_a_name_in_use_is_refused_unless_the_city_replaces_its_own(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    client = client_for("coordinator")
    files = {"file": ("aby.csv", STATISTICS_CSV.encode())}
    first = post(client, {"name": "Aby by area"}, files)
    assert "exists already" in problems_of(first)[0][3]
    old = Dataset.objects.get(name="Aby by area").pk
    assert post(client, {"name": "Aby by area", "replace": "on"}, files).status_code == 302
    assert Dataset.objects.get(name="Aby by area").pk != old
    assert post(client_for("anonymous"), {}, files).status_code == 302  # sent to log in
    theirs = client_for("official_b")
    theirs.cookies["csrftoken"] = TOKEN
    payload = {"scheme": "dst_origin", "name": "Aby by area", "source": "x", "replace": "on"}
    payload["file"] = SimpleUploadedFile("b.csv", STATISTICS_CSV.encode())
    refused = theirs.post("/en/statistics/cities/city-b/upload/", payload, HTTP_X_CSRFTOKEN=TOKEN)
    assert "is not this city's" in problems_of(refused)[0][3].replace("&#x27;", "'")


@pytest.mark.parametrize("role", ["editor", "viewer", "official_b"])
def test_only_the_citys_coordinators_and_network_admins_may_upload(
    world: Any, client_for: Callable[[str], Any], role: str
) -> None:
    before = snapshot()
    response = post(client_for(role), {}, {"file": ("aby.csv", STATISTICS_CSV.encode())})
    assert response.status_code == 403
    assert snapshot() == before


def test_a_coordinator_deletes_the_citys_dataset(world: Any, client_for: Callable[[str], Any]) -> None:
    client = client_for("coordinator")
    client.cookies["csrftoken"] = TOKEN
    pk = world.paths["stats_dataset_a"]
    response = client.post(f"/en/statistics/datasets/{pk}/delete/", HTTP_X_CSRFTOKEN=TOKEN)
    assert response.status_code == 302
    assert snapshot() == (0, 0, 0, 0, 0)
