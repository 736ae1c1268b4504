"""Forged and harmless requests, for every URL of docs/permissions.md: a POST without the CSRF token is
refused (403) whoever sends it, and no GET changes anything stored, whoever asks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps

from tests.conftest import ROLES
from tests.web.test_web_permissions import ROWS, resolve

pytestmark = pytest.mark.django_db

APPS = ("accounts", "network", "assessments", "practices", "results", "statistics", "reports")
POSTS = sorted({row.path for row in ROWS if row.method == "POST"})
GETS = sorted({row.path for row in ROWS if row.method == "GET" and not row.name.startswith("admin:")})


def stored() -> dict[str, list[dict[str, Any]]]:
    """Every row of every model of mangfold's apps."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for label in APPS
        for model in apps.get_app_config(label).get_models()
    }


@pytest.mark.parametrize("path", POSTS)
def test_a_post_without_the_csrf_token_is_refused(
    path: str, world: Any, client_for: Callable[[str], Any]
) -> None:
    before = stored()
    for role in ROLES:
        response = client_for(role).post(resolve(path, world), {"publish": "1", "comment": "forged"})
        assert response.status_code == 403, f"POST {path} as {role}: {response.status_code}"
        assert b"CSRF" in response.content
    assert stored() == before


@pytest.mark.slow
def test_no_get_changes_anything_stored(world: Any, client_for: Callable[[str], Any]) -> None:
    before = stored()
    for role in ROLES:
        client = client_for(role)
        for path in GETS:
            for response in (
                client.get(resolve(path, world)),
                client.get(resolve(path, world) + "?redraft=1&format=json"),
            ):
                if response.streaming:  # read to its end, so the test client closes the file
                    b"".join(response.streaming_content)
    assert stored() == before
