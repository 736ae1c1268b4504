"""Barometer uploads: an oversized file is refused by its size before it is read, in the page's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from mangfold.web.barometer.models import CityBarometer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MB = 2**20


def posted(client_for: Callable[[str], Any], path: str, data: dict[str, Any], lang: str = "da") -> Any:
    client = client_for("coordinator")
    client.get(f"/{lang}/barometer/cities/city-a/manage/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    return client.post(f"/{lang}/barometer/cities/city-a/manage/{path}/", data, HTTP_X_CSRFTOKEN=token)


def test_a_values_file_over_the_sites_limit_is_refused_by_its_size_in_danish(
    world: Any, settings: Any, client_for: Callable[[str], Any]
) -> None:
    settings.MANGFOLD_MAX_UPLOAD_BYTES = 1 * MB
    rows = b"indicator,year,value\n" + b"employment,2019,57\n" * (MB // 19 + 1)
    big = SimpleUploadedFile("v.csv", rows)
    response = posted(client_for, "values", {"values": big, "source": "Aby"})
    assert response.status_code == 400
    assert "Filen er større end 1 MB." in response.content.decode()
    assert CityBarometer.objects.get(city=world.city_a).values.count() == 2


def test_a_definition_workbook_over_the_limit_is_refused_by_its_size_in_english(
    world: Any, settings: Any, client_for: Callable[[str], Any]
) -> None:
    settings.MANGFOLD_MAX_UPLOAD_BYTES = 2 * MB
    big = SimpleUploadedFile("b.xlsx", b"PK" + b"\0" * (2 * MB), content_type=XLSX)
    response = posted(client_for, "definition", {"workbook": big}, lang="en")
    assert response.status_code == 400
    assert "The file is larger than 2 MB." in response.content.decode()
    assert CityBarometer.objects.get(city=world.city_a).definition["title_da"] == "Barometer"


def test_the_barometers_own_limit_applies_below_the_sites(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    big = SimpleUploadedFile("b.xlsx", b"\0" * (5 * MB + 1), content_type=XLSX)
    response = posted(client_for, "definition", {"workbook": big})
    assert response.status_code == 400
    assert "Filen er større end 5 MB." in response.content.decode()
