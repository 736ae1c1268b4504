"""The form without JavaScript, and two officials editing the same answer at once."""

from __future__ import annotations

from typing import Any

import pytest

from mangfold.web.assessments.models import Answer, Assessment
from mangfold.web.assessments.questionnaires import questionnaire_of
from tests.browser.conftest import screenshot, serious_violations
from tests.browser.test_browser_assess_flow import A, log_in, ready, saved

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_without_javascript_the_form_saves_and_submits(world: Any, browser: Any, live_server: Any) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url, locale="da-DK")
    page = context.new_page()
    log_in(page, "coordinator")
    danish = A.replace("/en/", "/da/")
    page.goto(f"{danish}answers/commitment/")
    page.check("#a-COM1-2")
    page.locator("#q-COM2 summary").click()  # <details> open without JavaScript
    page.fill("#ev-COM2", "Handlingsplan 2025–2028")
    page.check("#a-COM2-3")
    page.fill("#a-COM6", "55")
    page.get_by_role("button", name="Gem svar").click()
    page.wait_for_url(f"**{danish}answers/commitment/")
    assert "Dine svar er gemt." in page.locator(".messages").inner_text()
    page.reload()
    assert page.locator("#a-COM1-2").is_checked() and page.locator("#a-COM2-3").is_checked()
    assert page.locator("#a-COM6").input_value() == "55"
    assert page.locator("#ev-COM2").input_value() == "Handlingsplan 2025–2028"
    page.fill("#a-COM6", "mange")
    page.get_by_role("button", name="Gem og gå til næste indikator").click()
    assert "Skriv et tal." in page.locator(".error-summary").inner_text()
    assert page.locator("#a-COM6").get_attribute("aria-invalid") == "true"
    screenshot(page, "assess-form-nojs-error")
    page.goto(danish)
    page.get_by_role("link", name="Indsend til gennemgang …").click()
    page.get_by_role("button", name="Ja, indsend til gennemgang").click()  # the confirmation, without JS
    page.wait_for_url(f"**{danish}")
    assert "indsendt" in page.locator(".state").inner_text()
    assessment = Assessment.objects.get(round__slug="2026", city=world.city_a)
    assert assessment.state == "submitted"
    assert Answer.objects.get(assessment=assessment, question="COM6").value == {"number": 55.0}
    context.close()


def test_the_form_works_with_the_keyboard_alone(world: Any, page: Any) -> None:
    log_in(page, "editor")
    page.goto(f"{A}answers/commitment/")
    ready(page)
    page.focus("#a-COM3-1")
    page.keyboard.press("ArrowDown")  # radio buttons: the arrow keys choose
    assert page.locator("#a-COM3-2").is_checked()
    saved(page, "COM3")
    page.keyboard.press("Tab")  # on to the evidence: <details> opens with Enter
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("Organisation chart 2025")
    saved(page, "COM3")
    answer = Answer.objects.get(
        assessment__round__slug="2026", assessment__city=world.city_a, question="COM3"
    )
    assert answer.value == {"choices": ["without_mandate"]} and answer.evidence == "Organisation chart 2025"


def test_the_form_with_errors_has_no_serious_accessibility_violations(world: Any, page: Any) -> None:
    log_in(page, "editor")
    page.goto(f"{A}answers/commitment/")
    ready(page)
    page.fill("#a-COM6", "many")
    page.locator("#q-COM3 summary").click()
    page.fill("#ln-COM3", "not a link")
    page.get_by_role("button", name="Save answers").click()
    page.locator(".error-summary").wait_for()
    assert page.locator("#err-COM6").inner_text() == "Enter a number."
    assert page.locator("#ln-COM3").get_attribute("aria-describedby") == "lnerr-COM3"
    assert serious_violations(page) == []


def test_a_second_save_of_the_same_answer_is_refused_and_both_values_are_kept(
    world: Any, browser: Any, live_server: Any
) -> None:
    pages = []
    for username in ("coordinator", "editor"):
        page = browser.new_context(base_url=live_server.url).new_page()
        log_in(page, username)
        page.goto(f"{A}answers/commitment/")
        ready(page)
        pages.append(page)
    first, second = pages
    first.check("#a-COM2-4")  # funded
    saved(first, "COM2")
    second.check("#a-COM2-5")  # evaluated, on a page loaded before the first save
    alert = second.locator("#q-COM2 .conflict-message")
    alert.wait_for()
    second.wait_for_function("document.querySelector('#q-COM2 .conflict-message').textContent.length > 0")
    message = alert.inner_text()
    assessment = Assessment.objects.get(round__slug="2026", city=world.city_a)
    question = questionnaire_of(assessment.round.questionnaire).question("COM2")
    funded, evaluated = (question.choice(name).label.get("en") for name in ("funded", "evaluated"))
    assert "COM2" in message and "coordinator changed this answer" in message
    assert f"Their answer: “{funded}”" in message and f"Your answer: “{evaluated}”" in message
    assert alert.get_attribute("role") == "alert"
    screenshot(second, "assess-conflict")
    assert Answer.objects.get(assessment=assessment, question="COM2").value == {"choices": ["funded"]}
    second.goto(f"{A}history/COM2/")
    rows = second.locator("table.history tbody tr")
    assert "Refused: not saved" in rows.nth(0).inner_text()
    assert funded in rows.nth(0).inner_text() and evaluated in rows.nth(0).inner_text()
    assert "coordinator" in rows.nth(1).inner_text() and funded in rows.nth(1).inner_text()
    screenshot(second, "assess-history")
    for page in pages:
        page.context.close()
