"""The barometer page in a real browser: the trend charts are drawn and the page passes axe."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import screenshot, serious_violations


def test_an_anonymous_visitor_sees_eksempelbys_barometer_with_drawn_charts(page: Any, db: Any) -> None:
    from mangfold.web.barometer.demo import load_barometer_demo
    from mangfold.web.network.models import City

    City.objects.create(
        slug="eksempelby", name="Eksempelby (opdigtet eksempel)", country="DK", is_example=True
    )
    load_barometer_demo()
    page.goto("/da/network/cities/eksempelby/")
    page.get_by_role("link", name="Resultatbarometer: mål, basisår og status").click()
    page.wait_for_selector("figure#chart-employment_rate[data-drawn='true']", timeout=20_000)
    points = page.locator("#chart-employment_rate svg path[aria-roledescription='point']")
    assert points.count() == 5  # 2014–2018
    assert "Basisår 2014" in (page.locator("#chart-employment_rate svg").text_content() or "")
    assert page.get_by_role("columnheader", name="Basisår", exact=True).count() == 1
    screenshot(page, "barometer-eksempelby")
    assert serious_violations(page) == []
