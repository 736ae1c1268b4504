"""The 403, 404 and 500 pages in the site's layout and the page's language; the favicon."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views import defaults

from tests.conftest import World

pytestmark = pytest.mark.django_db


def in_layout(body: str) -> bool:
    return 'class="site-header"' in body and 'class="site-footer"' in body and "mangfold/site.css" in body


@pytest.mark.parametrize(("lang", "heading"), [("da", "Siden blev ikke fundet"), ("en", "Page not found")])
def test_a_missing_page_is_the_sites_own_404_in_the_pages_language(lang: str, heading: str, db: Any) -> None:
    response = Client().get(f"/{lang}/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert in_layout(body) and f'<h1 id="error-heading">{heading}</h1>' in body
    assert f'<html lang="{lang}">' in body


@pytest.mark.parametrize(("lang", "heading"), [("da", "Adgang nægtet"), ("en", "Access denied")])
def test_a_refused_page_is_the_sites_own_403(
    lang: str, heading: str, world: World, client_for: Callable[[str], Any]
) -> None:
    # An editor may not invite officials (docs/permissions.md): 403.
    response = client_for("editor").get(f"/{lang}/accounts/cities/city-a/invite/")
    body = response.content.decode()
    assert response.status_code == 403
    assert in_layout(body) and heading in body
    assert f"/{lang}/accounts/me/" in body  # the signed-in user's own cities


def test_the_403_page_offers_the_users_own_cities_or_the_log_in(db: Any) -> None:
    request = RequestFactory().get("/en/somewhere/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override("en"):
        body = defaults.permission_denied(request, PermissionError()).content.decode()
    assert in_layout(body) and "Access denied" in body and "/en/accounts/login/" in body


@pytest.mark.parametrize(("lang", "heading"), [("da", "Der opstod en fejl"), ("en", "Something went wrong")])
def test_a_server_error_is_the_sites_own_500_without_a_request_context(
    lang: str, heading: str, db: Any
) -> None:
    with translation.override(lang):
        response = defaults.server_error(RequestFactory().get(f"/{lang}/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert in_layout(body) and heading in body


def test_every_page_names_the_favicon_and_it_is_served(db: Any) -> None:
    body = Client().get("/en/").content.decode()
    assert '<link rel="icon" href="/static/mangfold/favicon.svg" type="image/svg+xml">' in body
    from django.contrib.staticfiles import finders

    found = finders.find("mangfold/favicon.svg")
    assert found is not None
    with open(found, encoding="utf-8") as handle:
        assert handle.read().startswith("<svg")
