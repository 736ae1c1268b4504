"""The home page in a real browser: both languages, the switcher by keyboard, no serious axe violations."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import screenshot, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_browser_lands_on_the_danish_home_page(page: Any) -> None:
    page.goto("/")
    assert page.url.endswith("/da/")
    assert page.locator("h1").inner_text() == "Inkluderende byer, målt åbent"
    screenshot(page, "home-da")


def test_the_language_switcher_works_with_the_keyboard(page: Any) -> None:
    page.goto("/da/")
    link = page.get_by_role("link", name="English")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/")
    assert page.locator("h1").inner_text() == "Inclusive cities, measured openly"
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_skip_link_is_the_first_stop_of_the_keyboard(page: Any) -> None:
    page.goto("/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"


@pytest.mark.parametrize("path", ["/da/", "/en/", "/da/accessibility/"])
def test_no_serious_accessibility_violations(page: Any, path: str) -> None:
    page.goto(path)
    assert serious_violations(page) == []
