"""Danish and English from the start: URL prefixes, the browser-language redirect, the switcher."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_root_redirects_to_danish_by_default() -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/da/"


def test_root_redirects_by_the_browsers_language() -> None:
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"


def test_an_unsupported_browser_language_falls_back_to_danish() -> None:
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response["Location"] == "/da/"


def test_home_page_says_what_mangfold_is_in_danish() -> None:
    body = Client().get("/da/").content.decode()
    assert '<html lang="da">' in body
    assert "Inkluderende byer, målt åbent" in body
    assert "Politikindeks" in body


def test_home_page_says_what_mangfold_is_in_english() -> None:
    body = Client().get("/en/").content.decode()
    assert '<html lang="en">' in body
    assert "Inclusive cities, measured openly" in body
    assert "Policy index" in body


def test_language_switcher_links_to_the_same_page_in_the_other_language() -> None:
    body = Client().get("/da/accessibility/").content.decode()
    assert 'href="/en/accessibility/" hreflang="en"' in body
    assert 'aria-current="true" lang="da"' in body


def test_accessibility_statement_names_the_standard() -> None:
    body = Client().get("/da/accessibility/").content.decode()
    assert "WCAG" in body
    assert "Tilgængelighedserklæring" in body


def test_languages_come_from_configuration_not_code(settings: object) -> None:
    from django.conf import settings as django_settings

    assert [code for code, _ in django_settings.LANGUAGES] == ["da", "en"]
    assert django_settings.LANGUAGE_CODE == "da"
