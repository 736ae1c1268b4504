"""A whole round in the product, in Danish, with no Django admin page on the way; and every public page type
and the answer form at 390 px without a horizontal page scroll.

The network administrator creates a round and invites the cities → an editor answers → the coordinator
submits (confirming) → the administrator comments on two questions and sends it back → the city sees the
comments beside the questions, revises, replies and resubmits → approved → published → the public result
and the report files are reached from the city's start page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from mangfold.web.assessments.models import Assessment, QuestionComment
from tests.browser.conftest import screenshot, serious_violations
from tests.browser.test_browser_assess_flow import log_in, ready, saved
from tests.conftest import ROLES

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ROUND = "/da/assessments/test-network/2027/"
A = f"{ROUND}city/city-a/"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def person(browser: Any, live_server: Any, username: str, visited: list[str], width: int = 1280) -> Any:
    context = browser.new_context(
        locale="da-DK", base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    log_in(page, username)
    page.goto("/da/accounts/me/")
    return page


def confirm(page: Any, link: str, button: str, told: str) -> None:
    """Follow the link to a confirmation page, check what it says, confirm."""
    page.get_by_role("link", name=link).first.click()
    page.locator(".confirm").wait_for()  # the confirmation page has loaded (content() mid-navigation is "")
    assert "Hvad der sker" in page.content()
    assert told in page.locator(".confirm").inner_text()
    page.get_by_role("button", name=button).click()
    page.wait_for_url(f"**{A}")


def test_a_round_runs_from_set_up_to_published_reports_without_the_django_admin(
    world: Any, browser: Any, live_server: Any, settings: Any
) -> None:
    settings.TASKS = IMMEDIATE
    visited: list[str] = []

    # the network administrator sets up the round on one page and invites both cities
    admin = person(browser, live_server, "admin", visited)
    admin.goto("/da/assessments/")
    admin.get_by_role("link", name="Ny runde").click()
    admin.fill("#id_name", "Runde 2027")
    admin.fill("#id_name_en", "Round 2027")
    admin.fill("#id_slug", "2027")
    admin.fill("#id_description", "Kommunernes politik for mangfoldighed.")
    admin.fill("#id_description_en", "The cities' diversity policies.")
    admin.select_option("#id_questionnaire", index=1)
    admin.fill("#id_deadline", "2027-03-31")
    screenshot(admin, "round-new")
    admin.get_by_role("button", name="Opret runden").click()
    admin.wait_for_url(f"**{ROUND}")
    assert "Kommunernes politik for mangfoldighed." in admin.content()
    admin.get_by_role("button", name="Invitér de valgte kommuner").click()
    admin.wait_for_url(f"**{ROUND}")
    assert Assessment.objects.filter(round__slug="2027").count() == 2

    # an editor finds the round on the city's start page and answers; only the coordinator submits
    editor = person(browser, live_server, "editor", visited)
    editor.get_by_role("link", name="Aby", exact=True).click()
    editor.wait_for_url("**/accounts/cities/city-a/")
    assert (
        "Kommunens koordinator indsender selvevalueringerne til gennemgang: coordinator." in editor.content()
    )
    editor.locator("section", has_text="Runde 2027").get_by_role("link", name="Fortsæt besvarelsen").click()
    ready(editor)
    editor.check("#a-COM1-1")
    saved(editor, "COM1")
    editor.check("#a-COM2-2")
    saved(editor, "COM2")
    editor.goto(A)
    assert (
        "Kun kommunens koordinator indsender selvevalueringen til gennemgang: coordinator."
        in editor.content()
    )
    assert editor.get_by_role("link", name="Indsend til gennemgang …").count() == 0

    # the coordinator submits, confirming, and is told who will be told
    coordinator = person(browser, live_server, "coordinator", visited)
    coordinator.goto("/da/accounts/cities/city-a/")
    mine = coordinator.locator("section", has_text="Runde 2027")
    mine.get_by_role("link", name="Selvevalueringen: overblik og indsendelse").click()
    coordinator.get_by_role("link", name="Indsend til gennemgang …").click()
    assert serious_violations(coordinator) == []  # the confirmation page
    coordinator.go_back()
    confirm(coordinator, "Indsend til gennemgang …", "Ja, indsend til gennemgang", "admin, coordinator")
    assert "indsendt" in coordinator.locator(".state").inner_text()

    # the administrator reviews from the queue, comments on two questions and sends it back
    admin.goto("/da/assessments/")
    admin.get_by_role("link", name="Til gennemgang").click()
    admin.locator("tr", has_text="Aby").filter(has_text="Runde 2027").get_by_role("link").click()
    admin.wait_for_url(f"**{A}review/")
    assert admin.locator("#q-COM1 li.chosen").inner_text().startswith("✓")
    for code, text in (
        ("COM1", "Henvis til byrådets beslutning."),
        ("COM2", "Hvornår blev planen vedtaget?"),
    ):
        admin.fill(f"#comment-{code}", text)
        admin.get_by_role("button", name=f"Tilføj kommentaren {code}").click()
        admin.wait_for_url(f"**{A}review/**")
    screenshot(admin, "round-review")
    assert serious_violations(admin) == []
    admin.get_by_role("link", name="Send tilbage til kommunen …").first.click()
    assert "Henvis til byrådets beslutning." in admin.locator(".confirm").inner_text()
    admin.get_by_role("button", name="Ja, send den tilbage").click()
    admin.wait_for_url(f"**{A}")

    # the city sees the comments beside the questions, revises, replies and resubmits
    coordinator.goto("/da/accounts/cities/city-a/")
    mine = coordinator.locator("section", has_text="Runde 2027")
    assert "2 ubesvarede kommentarer fra gennemgangen" in mine.inner_text()
    assert serious_violations(coordinator) == []
    mine.get_by_role("link", name="Fortsæt besvarelsen").click()
    ready(coordinator)
    assert "Henvis til byrådets beslutning." in coordinator.locator("#q-COM1").inner_text()
    assert "Hvornår blev planen vedtaget?" in coordinator.locator("#q-COM2").inner_text()
    screenshot(coordinator, "round-comments-in-form")
    coordinator.locator("#q-COM1 summary").click()
    coordinator.locator("#ev-COM1").press_sequentially("Byrådets beslutning 2026/12")
    saved(coordinator, "COM1")
    for code, reply in (("COM1", "Beslutningen er tilføjet."), ("COM2", "Vedtaget i marts 2026.")):
        coordinator.locator(f"#q-{code} textarea[name=reply]").fill(reply)
        coordinator.get_by_role("button", name=f"Svar og markér som udført {code}").click()
        coordinator.wait_for_url("**/answers/commitment/**")
    assert not QuestionComment.objects.filter(closed_at__isnull=True).exists()
    coordinator.goto(A)
    confirm(coordinator, "Indsend til gennemgang …", "Ja, indsend til gennemgang", "admin")

    # approved and published from the review page, each confirmed
    admin.goto(f"{A}review/")
    confirm(admin, "Godkend …", "Ja, godkend", "coordinator")
    confirm(admin, "Offentliggør …", "Ja, offentliggør", "coordinator")
    assert Assessment.objects.get(round__slug="2027", city=world.city_a).state == "published"

    # the city's start page leads to the public result and the report files
    coordinator.goto("/da/accounts/cities/city-a/")
    section = coordinator.locator("section", has_text="Runde 2027")
    section.get_by_role("link", name="Kommunens offentlige resultat").click()
    coordinator.wait_for_url("**/da/results/test-network/2027/city/city-a/")
    assert coordinator.locator("h1").inner_text().startswith("Aby")
    coordinator.go_back()
    section.get_by_role("link", name="som PDF").first.click()
    coordinator.wait_for_url("**/da/reports/test-network/2027/city-a/profile/pdf/")
    assert (
        coordinator.get_by_role("button", name=re.compile("Lav filen|Prøv igen")).count()
        + coordinator.locator("a.button[download]").count()
        == 1
    )
    coordinator.goto("/da/accounts/cities/city-a/")
    coordinator.locator("section", has_text="Runde 2027").get_by_role("link", name="som Word").click()
    coordinator.wait_for_url("**/da/reports/test-network/2027/city-a/briefing/docx/")
    assert not [url for url in visited if "/admin/" in url]
    for page in (admin, editor, coordinator):
        page.context.close()


MATRIX = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
NOT_PAGES = (".csv", ".xlsx", ".json", ".pdf", "jsi18n", "/pdf/", "/docx/", "setlang", "{")


def public_pages() -> list[str]:
    """Every GET of the role matrix that an anonymous visitor gets with 200 (one per page type)."""
    paths = []
    for line in MATRIX.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 + len(ROLES) or cells[1] != "GET" or cells[-1] != "200":
            continue
        path = cells[2].replace("{lang}", "da")
        if not any(part in path for part in NOT_PAGES) and path not in paths:
            paths.append(path)
    return paths


def test_no_public_page_and_not_the_answer_form_is_wider_than_a_390_pixel_phone(
    world: Any, browser: Any, live_server: Any
) -> None:
    pages = public_pages()
    assert len(pages) >= 15
    context = browser.new_context(
        locale="da-DK", base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    wide = []
    for path in [*pages, "/da/assessments/test-network/2026/city/city-b/scorecard/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            wide.append(f"{path}: {width[0]} px")
    log_in(page, "editor")
    for path in (
        "/da/assessments/test-network/2026/city/city-a/answers/commitment/",
        "/da/accounts/cities/city-a/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            wide.append(f"{path}: {width[0]} px")
    form_top = page.goto("/da/assessments/test-network/2026/city/city-a/answers/commitment/")
    assert form_top is not None
    assert not page.locator("details.sections-toggle").evaluate("d => d.open")  # collapsed on a phone
    first_question = page.locator("fieldset.question").first.bounding_box()
    assert first_question is not None and first_question["y"] < 844 * 1.5
    screenshot(page, "form-390")
    context.close()
    assert wide == []
