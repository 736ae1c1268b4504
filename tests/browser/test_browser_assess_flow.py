"""The self-assessment in a real browser: autosave through reloads and closed tabs, review, publication.

A coordinator answers three indicators without pressing save, reloads, closes the tab and comes back,
submits; the network administrator returns the assessment with a comment (the coordinator's e-mail is in
the outbox), the coordinator corrects and resubmits, the administrator approves and publishes; the public
results page shows the score and no evidence. axe-core finds nothing serious on the form or the results.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from mangfold.web.assessments.models import Answer, Assessment
from tests.browser.conftest import screenshot, serious_violations
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ROUND = "/en/assessments/test-network/2026/"
A = f"{ROUND}city/city-a/"


def log_in(page: Any, username: str) -> None:
    page.goto("/en/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/accounts/me/**")


def wait_until(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the server")
        time.sleep(0.1)


def answer(code: str) -> Answer | None:
    return Answer.objects.filter(
        assessment__round__slug="2026", assessment__city__slug="city-a", question=code
    ).first()


def saved(page: Any, code: str) -> None:
    page.locator(f"#q-{code} .save-state.ok").wait_for()


def ready(page: Any) -> None:
    """Wait until autosave listens (a person cannot type before; a test can)."""
    page.locator("form[data-autosave-ready]").wait_for(state="attached")


def test_a_coordinator_answers_submits_and_the_network_reviews_and_publishes(
    world: Any, page: Any, browser: Any, live_server: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Assessment.objects.filter(round__slug="2026", city=world.city_a).delete()
    log_in(page, "coordinator")
    page.goto(ROUND)
    page.get_by_role("button", name="Start the assessment of Aby").click()
    page.wait_for_url(f"**{A}")
    page.get_by_role("link", name="Commitment", exact=True).click()
    ready(page)

    # indicator 1: a radio button and evidence typed; nothing is pressed but the link to the next page
    page.check("#a-COM1-1")
    saved(page, "COM1")
    page.locator("#q-COM1 summary").click()
    page.locator("#ev-COM1").press_sequentially("Council decision 2024/17")
    screenshot(page, "assess-form-commitment")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Education", exact=True).click()
    ready(page)

    # indicator 2: a number and two checkboxes
    page.locator("#a-EDU1").press_sequentially("35")
    page.check("#a-EDU5-2")
    page.check("#a-EDU5-4")
    saved(page, "EDU5")
    page.get_by_role("link", name="Neighbourhoods", exact=True).click()
    ready(page)

    # indicator 3: a radio button and a number, then reload
    page.check("#a-NEI2-2")
    page.locator("#a-NEI1").press_sequentially("12")
    saved(page, "NEI1")
    page.reload()
    ready(page)
    assert page.locator("#a-NEI1").input_value() == "12"
    assert page.locator("#a-NEI2-2").is_checked()
    assert page.locator("#section-progress").inner_text() == "2 of 6 answered"

    # evidence typed, then the tab is closed at once: the answer is sent as the page goes
    page.locator("#q-NEI2 summary").click()
    page.locator("#ev-NEI2").press_sequentially("Housing survey 2025")
    page.close()
    wait_until(lambda: (found := answer("NEI2")) is not None and found.evidence == "Housing survey 2025")
    page = page.context.new_page()
    page.goto(f"{A}answers/neighbourhoods/")
    assert page.locator("#ev-NEI2").input_value() == "Housing survey 2025"
    page.goto(f"{A}answers/commitment/")
    assert page.locator("#a-COM1-1").is_checked()
    assert page.locator("#ev-COM1").input_value() == "Council decision 2024/17"
    page.goto(f"{A}answers/education/")
    assert page.locator("#a-EDU1").input_value() == "35"
    assert page.locator("#a-EDU5-2").is_checked() and page.locator("#a-EDU5-4").is_checked()

    page.goto(A)
    page.get_by_role("link", name="Submit for review…").click()
    page.get_by_role("button", name="Yes, submit for review").click()
    page.wait_for_url(f"**{A}")
    assert "submitted" in page.locator(".state").inner_text()

    # the network administrator returns it with a comment; the coordinator is e-mailed
    admin = browser.new_context(base_url=live_server.url).new_page()
    log_in(admin, "admin")
    admin.goto(f"{A}return/")
    mail.outbox.clear()
    admin.fill("#id_comment", "COM2: add the action plan.")
    admin.get_by_role("button", name="Yes, send it back").click()
    admin.wait_for_url(f"**{A}")
    wait_until(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == ["admin@example.org", "coordinator@example.org"]
    assert "COM2: add the action plan." in mail.outbox[0].body

    # the coordinator corrects and resubmits
    page.goto(A)
    assert "COM2: add the action plan." in page.locator(".returned").inner_text()
    screenshot(page, "assess-returned")
    page.goto(f"{A}answers/commitment/")
    ready(page)
    page.check("#a-COM2-4")
    saved(page, "COM2")
    page.goto(f"{A}submit/")
    page.get_by_role("button", name="Yes, submit for review").click()
    page.wait_for_url(f"**{A}")

    admin.goto(f"{A}approve/")
    admin.get_by_role("button", name="Yes, approve").click()
    admin.wait_for_url(f"**{A}")
    admin.get_by_role("link", name="Publish…").click()
    admin.get_by_role("button", name="Yes, publish").click()
    admin.wait_for_url(f"**{A}")
    assert "published" in admin.locator(".state").inner_text()

    # the public results: the score, never the evidence
    public = browser.new_context(base_url=live_server.url).new_page()
    public.goto(f"{ROUND}results/")
    overall = Assessment.objects.get(round__slug="2026", city=world.city_a).overall
    row = public.locator("tr", has_text="Aby").first
    assert row.locator("td.num").first.inner_text() == str(round(overall))
    content = public.content()
    assert "Council decision" not in content and "Housing survey" not in content
    screenshot(public, "assess-results")
    assert serious_violations(public) == []
    public.goto(f"{A}scorecard/")
    assert "Housing survey" not in public.content()
    admin.context.close()
    public.context.close()
