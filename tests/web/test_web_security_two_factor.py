"""Two-factor authentication cannot be skipped by a session that began before its user became privileged."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from mangfold.web.accounts.middleware import OPEN_WHILE_PENDING
from mangfold.web.accounts.models import CityRole, NetworkRole
from tests.conftest import PASSWORD, World
from tests.web.test_web_permissions import ROWS, resolve

pytestmark = pytest.mark.django_db
TOKEN = "securitytwofactortoken0123456789"


@pytest.fixture
def require_2fa(settings: Any) -> None:
    settings.MANGFOLD_REQUIRE_2FA = True


def logged_in(username: str) -> Client:
    client = Client()
    response = client.post("/en/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_viewer_made_coordinator_is_held_at_the_next_request(world: World, require_2fa: None) -> None:
    client = logged_in("viewer")
    assert client.get("/en/accounts/me/").status_code == 200
    CityRole.objects.filter(user=world.users["viewer"]).update(role=CityRole.Role.COORDINATOR)
    response = client.get("/en/accounts/cities/city-a/officials/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/two-factor/?next=")


def test_an_editor_made_network_admin_is_held_too(world: World, require_2fa: None) -> None:
    client = logged_in("editor")
    assert client.get("/en/accounts/me/").status_code == 200
    NetworkRole.objects.create(user=world.users["editor"], network=world.network)
    assert client.get("/en/accounts/me/").status_code == 302


def test_a_viewer_who_stays_a_viewer_needs_no_code(world: World, require_2fa: None) -> None:
    client = logged_in("viewer")
    for _ in range(2):
        assert client.get("/en/accounts/me/").status_code == 200


def test_with_the_setting_off_a_promotion_asks_nothing(world: World) -> None:
    client = logged_in("viewer")
    CityRole.objects.filter(user=world.users["viewer"]).update(role=CityRole.Role.COORDINATOR)
    assert client.get("/en/accounts/cities/city-a/officials/").status_code == 200


def test_a_session_that_owes_the_code_reaches_no_page_but_the_code_step(
    world: World, require_2fa: None
) -> None:
    client = logged_in("coordinator")
    client.cookies["csrftoken"] = TOKEN
    for row in ROWS:
        if row.name in OPEN_WHILE_PENDING:
            continue
        path = resolve(row.path, world)
        post = row.method == "POST"
        response = client.post(path, {}, HTTP_X_CSRFTOKEN=TOKEN) if post else client.get(path)
        assert response.status_code == 302, f"{row.method} {path}: {response.status_code}"
        assert "/accounts/two-factor/" in response["Location"], f"{row.method} {path}"
