"""Open-data exports parse back (csv, openpyxl, json) with the right numbers, labels and licence."""

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


def read_csv(content: bytes) -> tuple[str, list[dict[str, str]]]:
    text = content.decode("utf-8-sig")
    first, rest = text.split("\r\n", 1)
    return first, list(csv.DictReader(io.StringIO(rest, newline="")))


def test_csv_in_english_has_the_licence_line_and_the_numbers(rw: ResultsWorld) -> None:
    response = download("csv")
    assert response["Content-Type"].startswith("text/csv")
    licence, rows = read_csv(response.content)
    assert (
        licence.startswith("# ")
        and "CC BY 4.0" in licence
        and "creativecommons.org/licenses/by/4.0" in licence
    )
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


def test_csv_labels_follow_the_language(rw: ResultsWorld) -> None:
    licence, rows = read_csv(download("csv", "da").content)
    assert "åbne data" in licence and "CC BY 4.0" in licence
    assert {"Placering", "By", "Samlet score", "Forpligtelse", "Uddannelse", "Sprog"} <= set(rows[0])
    assert rows[0]["By"] == "Ankeby" and rows[0]["Samlet score"] == "80.0"


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
    assert read_csv(download("csv", round_slug="2025").content)[1] == []


def test_an_unknown_format_is_not_found(rw: ResultsWorld) -> None:
    assert Client().get(PATH.format(lang="en", round="2024", fmt="pdf")).status_code == 404
