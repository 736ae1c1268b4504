"""The content security policy in a real browser: every chart still draws, and no page breaks a rule.

Chromium reports each refused script, style or eval as a ``securitypolicyviolation`` event; the pages
below (a round's results with its chart, a statistics page with a map, the answer form with autosave, the
Django admin) must raise none.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import PASSWORD, World
from tests.web.results_world import build_results_world

pytestmark = pytest.mark.django_db(transaction=True)

LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page that keeps the policy (the suite's other pages bypass it for wait_for_function)."""
    context = browser.new_context(locale="da-DK", base_url=live_server.url)
    strict = context.new_page()
    strict.add_init_script(LISTEN)
    yield strict
    context.close()


def violations(page: Any) -> list[str]:
    return list(page.evaluate("window.__violations"))


def every_chart_drawn(page: Any) -> None:
    """Wait until every chart is drawn or failed (polled from here: wait_for_function needs eval)."""
    count = "document.querySelectorAll('figure.chart%s').length"
    for _ in range(200):
        charts, finished = page.evaluate(
            f"[{count % ''}, {count % '[data-drawn]'} + {count % '[data-error]'}]"
        )
        if charts and finished == charts:
            return
        page.wait_for_timeout(100)
    raise AssertionError("the charts were not drawn within 20 s")


def test_the_round_overview_draws_its_chart_under_the_policy(page: Any, db: Any) -> None:
    build_results_world(populations={"cederby": 1_234_567})
    response = page.goto("/da/results/results-net/2024/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    every_chart_drawn(page)
    assert page.locator("figure.chart svg").count() >= 1
    assert page.locator("figure.chart[data-error]").count() == 0
    assert violations(page) == []


def test_a_statistics_page_draws_its_chart_and_map_under_the_policy(page: Any, world: World) -> None:
    page.goto("/en/statistics/cities/city-a/")
    every_chart_drawn(page)
    assert violations(page) == []


def test_the_answer_form_saves_and_the_admin_opens_under_the_policy(page: Any, world: World) -> None:
    from mangfold.web.assessments.models import Answer

    page.goto("/en/accounts/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/me/")
    page.goto("/en/assessments/test-network/2026/city/city-a/answers/commitment/")
    evidence = page.locator("textarea[name='ev-COM1']")
    evidence.fill("Saved by autosave under the policy")
    for _ in range(100):  # autosave posts after half a second
        if Answer.objects.filter(evidence="Saved by autosave under the policy").exists():
            break
        page.wait_for_timeout(100)
    assert Answer.objects.filter(evidence="Saved by autosave under the policy").exists()
    assert violations(page) == []
    page.context.clear_cookies()
    page.goto("/en/accounts/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/me/")
    for path in ("/en/admin/", "/en/admin/assessments/round/", "/en/admin/assessments/round/add/"):
        page.goto(path)
        assert violations(page) == [], path
