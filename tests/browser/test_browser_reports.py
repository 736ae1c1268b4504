"""The reports in a real browser: the profile draws its charts; a file's progress is polled until it is ready.

The profile page draws every chart from its Vega-Lite specification and axe-core finds nothing serious on
it or on the briefing form. A coordinator asks for the briefing as Word: with no worker running the page
shows the file queued; the worker's job then runs (as ``db_worker`` would) and the page's script, polling
the state, shows the download link without a reload.
"""

from __future__ import annotations

from typing import Any

import pytest

from mangfold.web.accounts.models import CityRole
from mangfold.web.reports import tasks
from mangfold.web.reports.models import ReportFile
from tests.browser.conftest import screenshot, serious_violations
from tests.reports.reports_world import FOCUS, build_reports_world

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
BASE = f"/da/reports/report-net/2024/{FOCUS}/"
PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture
def reports_world(transactional_db: Any, settings: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.contrib.auth import get_user_model

    rw = build_reports_world()
    user = get_user_model().objects.create_user("koordinator", password=PASSWORD)
    CityRole.objects.create(user=user, city=rw.focus, role=CityRole.Role.COORDINATOR)
    return rw


def log_in(page: Any) -> None:
    page.goto("/da/accounts/login/")
    page.fill("#id_username", "koordinator")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/accounts/me/**")


def test_the_profile_page_draws_its_charts(reports_world: Any, page: Any) -> None:
    page.goto(BASE)
    page.locator("#chart-ranking[data-drawn=true] svg").wait_for()
    page.locator("#chart-indicator-education[data-drawn=true] svg").wait_for()
    assert page.locator("figure.chart[data-error]").count() == 0
    assert page.locator("h1").inner_text().replace("\n", " ") == "Byprofil Ærøskøbing"
    screenshot(page, "reports-profile")
    assert serious_violations(page) == []


def test_the_progress_is_polled_until_the_file_is_ready(reports_world: Any, page: Any) -> None:
    log_in(page)
    page.goto(BASE + "briefing/")
    assert serious_violations(page) == []
    word = page.locator(".report-file", has_text="Udvalgsindstilling (Word)")
    word.get_by_role("button", name="Lav filen").click()
    page.wait_for_url(f"**{BASE}briefing/docx/")
    assert page.locator("progress").count() == 1
    assert page.get_by_role("link", name="Opdater siden for at se, hvor langt den er").is_visible()
    assert not page.get_by_role("link", name="Hent").is_visible()
    screenshot(page, "reports-file-queued")
    queued = ReportFile.objects.get(fmt="docx")
    assert tasks.run(queued.pk) == ReportFile.Status.DONE  # what the worker's task does
    download = page.get_by_role("link", name="Hent")
    download.wait_for(state="visible", timeout=15_000)
    assert page.locator("progress").evaluate("bar => bar.value") == 100
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename == f"mangfold-briefing-{FOCUS}-2024-da.docx"
