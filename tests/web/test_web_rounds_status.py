"""The status page of a report file being made refreshes itself, with JavaScript and without."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PROFILE_PDF = "/da/reports/test-network/2026/city-b/profile/pdf/"
REFRESH = '<noscript><meta http-equiv="refresh" content="5"></noscript>'


def test_a_file_being_made_refreshes_its_page_and_keeps_its_json_status(world: Any) -> None:
    client = Client()
    assert REFRESH not in client.get(PROFILE_PDF).content.decode()  # nothing being made: no refresh
    assert client.post(PROFILE_PDF).status_code == 302  # queued for the worker (not running in tests)
    page = client.get(PROFILE_PDF).content.decode()
    assert REFRESH in page and "reports/progress.js" in page and 'data-state="queued"' in page
    status = client.get(PROFILE_PDF, {"format": "json"}).json()
    assert status["done"] is False and status["failed"] is False and status["download"] is None
