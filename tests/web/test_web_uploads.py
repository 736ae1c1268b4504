"""Uploads are streamed to disk as they arrive; past the limit nothing more is stored and the form says the
file is too large (in Danish or English), never a 500."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from mangfold.web.core.uploads import LimitedUploadHandler
from mangfold.web.statistics import views as statistics_views
from mangfold.web.statistics.models import Dataset
from tests.conftest import STATISTICS_CSV

pytestmark = pytest.mark.django_db

TOKEN = "uploadlimittoken0123456789abcdef"  # 32 characters, the form of a CSRF secret
LIMIT = 2**20


def _received(chunks: list[bytes]) -> Any:
    handler = LimitedUploadHandler()
    handler.new_file("file", "big.csv", "text/csv", None)
    start = 0
    for chunk in chunks:
        assert handler.receive_data_chunk(chunk, start) is None  # no other handler keeps a copy
        start += len(chunk)
    return handler.file_complete(start)


@override_settings(MANGFOLD_MAX_UPLOAD_BYTES=LIMIT)
def test_a_file_within_the_limit_is_streamed_to_a_temporary_file() -> None:
    upload = _received([b"a" * 65536] * 16)
    assert upload.size == LIMIT and not upload.too_large
    with open(upload.temporary_file_path(), "rb") as handle:
        assert handle.read() == b"a" * LIMIT


@override_settings(MANGFOLD_MAX_UPLOAD_BYTES=LIMIT)
def test_past_the_limit_nothing_is_kept_and_the_size_is_what_was_sent() -> None:
    upload = _received([b"a" * 65536] * 17)
    assert upload.too_large and upload.size == LIMIT + 65536
    assert upload.read() == b""
    with open(upload.temporary_file_path(), "rb") as handle:
        assert handle.read() == b""


def _upload(client: Client, content: bytes, language: str) -> Any:
    client.cookies["csrftoken"] = TOKEN
    payload = {
        "scheme": "dst_origin",
        "name": "Aby upload",
        "source": "Aby statistics office",
        "file": SimpleUploadedFile("big.csv", content),
    }
    return client.post(f"/{language}/statistics/cities/city-a/upload/", payload, HTTP_X_CSRFTOKEN=TOKEN)


@override_settings(MANGFOLD_MAX_UPLOAD_BYTES=LIMIT)
@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The file is larger than 1 MB."), ("da", "Filen er større end 1 MB.")],
)
def test_a_counts_file_past_the_limit_is_refused_on_the_form_in_the_pages_language(
    world: Any, client_for: Callable[[str], Any], language: str, message: str
) -> None:
    too_big = STATISTICS_CSV.encode() + b"A1,2020,danish,1\n" * (LIMIT // 16)
    before = Dataset.objects.count()
    response = _upload(client_for("coordinator"), too_big, language)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Dataset.objects.count() == before


@override_settings(MANGFOLD_MAX_UPLOAD_BYTES=LIMIT)
def test_a_counts_file_within_the_limit_is_read_from_its_temporary_file(
    world: Any, client_for: Callable[[str], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []
    original = statistics_views._input

    def spy(upload: Any) -> Any:
        seen.append(original(upload))
        return seen[-1]

    monkeypatch.setattr(statistics_views, "_input", spy)
    response = _upload(client_for("coordinator"), STATISTICS_CSV.encode(), "en")
    assert response.status_code == 302
    assert [(f.data, bool(f.path)) for f in seen] == [(b"", True)]
    assert Dataset.objects.filter(name="Aby upload").count() == 1


@override_settings(MANGFOLD_MAX_UPLOAD_BYTES=LIMIT)
def test_a_questionnaire_past_the_limit_is_refused_in_the_admin(world: Any) -> None:
    client = Client()
    client.force_login(world.users["admin"])
    upload = SimpleUploadedFile("q.xlsx", b"PK\x03\x04" + b"\x00" * (LIMIT + 1))
    response = client.post("/da/admin/assessments/questionnaireversion/add/", {"upload": upload})
    assert response.status_code == 200
    assert "Filen er større end 1 MB." in response.content.decode()


def test_a_results_file_past_its_limit_is_refused_in_the_admin(world: Any) -> None:
    client = Client()
    client.force_login(world.users["admin"])
    content = io.BytesIO(b"network,round,city,overall,source\n" + b"x" * (5 * 2**20))
    response = client.post(
        "/en/admin/assessments/assessment/import-legacy/",
        {"file": SimpleUploadedFile("r.csv", content.read())},
    )
    assert response.status_code == 200
    assert "The file is larger than 5 MB." in response.content.decode()
