"""Two-factor authentication: required of network administrators and coordinators when MANGFOLD_REQUIRE_2FA
is on (log-in → code step with a real TOTP code), set-up with a key and QR code, backup codes, opting in.

``verified_client_for`` is the test world's ``client_for`` with a session django-otp has verified: what a
test needs for privileged users once MANGFOLD_REQUIRE_2FA is on.
"""

from __future__ import annotations

from binascii import unhexlify
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mangfold.web.accounts import two_factor
from tests.conftest import PASSWORD, World


@pytest.fixture
def require_2fa(settings: Any) -> None:
    settings.MANGFOLD_REQUIRE_2FA = True


@pytest.fixture
def verified_client_for(world: World, client_for: Callable[[str], Any]) -> Callable[[str], Any]:
    """``client_for(role)`` whose session passed the second factor (a confirmed TOTP device)."""

    def make(role: str) -> Any:
        client = client_for(role)
        if role != "anonymous":
            device = TOTPDevice.objects.create(user=world.users[role], name="test", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return make


def log_in(client: Client, username: str, next_url: str = "") -> Any:
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/en/accounts/login/", data)


def post_from_page(client: Client, page: str, path: str) -> Any:
    """A POST with the CSRF token the page set (``client_for`` clients enforce CSRF)."""
    client.get(page)
    return client.post(path, HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)


def device_for(world: World, role: str) -> TOTPDevice:
    return TOTPDevice.objects.create(user=world.users[role], name="phone", confirmed=True)


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


# --- off (development, `make run`, the test world) ----------------------------------------------------


def test_with_the_setting_off_a_password_is_enough(world: World) -> None:
    client = Client()
    response = log_in(client, "admin")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/me/"
    assert client.get("/en/accounts/me/").status_code == 200
    assert client.get("/en/admin/").status_code == 200


def test_the_demo_network_admin_logs_in_with_a_password(db: Any, settings: Any) -> None:
    """`make run` prints demo logins and its smoke test logs in with the password alone."""
    from mangfold.web.core.demo import load_demo

    assert settings.MANGFOLD_REQUIRE_2FA is False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
    load_demo("mangfold-demo")
    client = Client()
    response = client.post("/da/accounts/login/", {"username": "netadmin", "password": "mangfold-demo"})
    assert response["Location"] == "/da/accounts/me/"
    assert client.get("/da/accounts/me/").status_code == 200


def test_the_demo_users_can_try_the_password_reset(db: Any, settings: Any) -> None:
    """Demo users have addresses on the reserved example.org domain, so the reset mail can be tried."""
    from django.core import mail

    from mangfold.web.accounts import reset
    from mangfold.web.core.demo import load_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
    load_demo("mangfold-demo")
    assert reset.send_password_reset_task.call("redaktoer@example.org", "da") == 1
    (message,) = mail.outbox
    assert message.to == ["redaktoer@example.org"] and "redaktoer" in message.body


# --- on: who must use it -----------------------------------------------------------------------------


def test_who_must_use_two_factor(world: World, require_2fa: None) -> None:
    required = {role: two_factor.is_required(user) for role, user in world.users.items()}
    assert required == {
        "admin": True,
        "coordinator": True,
        "editor": False,
        "viewer": False,
        "official_b": True,
    }


@pytest.mark.parametrize("role", ["admin", "coordinator", "official_b"])
def test_a_privileged_user_without_a_device_is_sent_to_set_up(
    world: World, require_2fa: None, role: str
) -> None:
    client = Client()
    response = log_in(client, role, next_url="/en/accounts/me/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/two-factor/?next=%2Fen%2Faccounts%2Fme%2F"
    for path in ("/en/accounts/me/", "/en/admin/", "/en/accounts/cities/city-a/officials/"):
        held = client.get(path)
        assert held.status_code == 302
        assert held["Location"].startswith("/en/accounts/two-factor/?next=")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "otpauth://totp/mangfold%3A" in page.content.decode()


def test_editors_and_viewers_need_no_second_factor(world: World, require_2fa: None) -> None:
    client = Client()
    assert log_in(client, "editor")["Location"] == "/en/accounts/me/"
    assert client.get("/en/accounts/me/").status_code == 200


def test_log_in_then_a_real_totp_code(world: World, require_2fa: None) -> None:
    device = device_for(world, "coordinator")
    client = Client()
    response = log_in(client, "coordinator", next_url="/en/accounts/cities/city-a/officials/")
    assert response["Location"] == (
        "/en/accounts/two-factor/verify/?next=%2Fen%2Faccounts%2Fcities%2Fcity-a%2Fofficials%2F"
    )
    assert client.get("/en/accounts/me/")["Location"].startswith("/en/accounts/two-factor/verify/")
    verified = client.post(response["Location"], {"token": code(device)})
    assert verified.status_code == 302
    assert verified["Location"] == "/en/accounts/cities/city-a/officials/"
    assert client.get("/en/accounts/cities/city-a/officials/").status_code == 200


def test_a_wrong_code_is_refused(world: World, require_2fa: None, settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after a wrong code in this test
    device = device_for(world, "admin")
    client = Client()
    log_in(client, "admin")
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post("/en/accounts/two-factor/verify/", {"token": wrong})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert client.get("/en/admin/").status_code == 302
    assert client.post("/en/accounts/two-factor/verify/", {"token": code(device)}).status_code == 302
    assert client.get("/en/admin/").status_code == 200


def test_a_code_cannot_be_used_twice(world: World, require_2fa: None) -> None:
    device = device_for(world, "admin")
    token = code(device)
    first = Client()
    log_in(first, "admin")
    assert first.post("/en/accounts/two-factor/verify/", {"token": token}).status_code == 302
    second = Client()
    log_in(second, "admin")
    assert second.post("/en/accounts/two-factor/verify/", {"token": token}).status_code == 200


def test_the_next_address_must_be_on_this_site(world: World, require_2fa: None) -> None:
    device = device_for(world, "admin")
    client = Client()
    log_in(client, "admin")
    data = {"token": code(device), "next": "https://evil.example/"}
    assert client.post("/en/accounts/two-factor/verify/", data)["Location"] == "/en/accounts/me/"


def test_the_verified_client_fixture_passes_the_gate(
    world: World, require_2fa: None, verified_client_for: Any
) -> None:
    assert verified_client_for("admin").get("/en/admin/").status_code == 200
    assert verified_client_for("coordinator").get("/en/accounts/cities/city-a/officials/").status_code == 200
    assert Client().get("/en/accounts/me/").status_code == 302


def test_the_plain_test_client_of_a_coordinator_is_held_when_the_setting_is_on(
    world: World, require_2fa: None, client_for: Callable[[str], Any]
) -> None:
    assert client_for("coordinator").get("/en/accounts/me/").status_code == 302
    assert client_for("editor").get("/en/accounts/me/").status_code == 200


# --- set-up ------------------------------------------------------------------------------------------


def test_set_up_with_the_key_then_backup_codes(world: World, require_2fa: None) -> None:
    client = Client()
    log_in(client, "coordinator")
    page = client.get("/en/accounts/two-factor/?next=/en/accounts/me/")
    body = page.content.decode()
    key = client.session[two_factor.SETUP_KEY]
    assert two_factor.grouped_secret(key) in body
    assert 'autocomplete="one-time-code"' in body
    assert not TOTPDevice.objects.exists()  # nothing stored before the code proves the app has the key
    token = f"{totp(unhexlify(key)):06d}"
    done = client.post("/en/accounts/two-factor/", {"token": token, "next": "/en/accounts/me/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == two_factor.BACKUP_CODES
    assert all(code_ in done.content.decode() for code_ in codes)
    assert TOTPDevice.objects.get(user=world.users["coordinator"]).confirmed
    assert client.get("/en/accounts/me/").status_code == 200  # this session is verified
    # next time: password, then a backup code (each works once)
    again = Client()
    assert log_in(again, "coordinator")["Location"].startswith("/en/accounts/two-factor/verify/")
    assert again.post("/en/accounts/two-factor/verify/", {"token": codes[0].upper()}).status_code == 302
    assert StaticToken.objects.filter(token=codes[0]).count() == 0
    reuse = Client()
    log_in(reuse, "coordinator")
    assert reuse.post("/en/accounts/two-factor/verify/", {"token": codes[0]}).status_code == 200


def test_the_qr_code_is_an_inline_svg(world: World) -> None:
    pytest.importorskip("segno")
    client = Client()
    client.force_login(world.users["editor"])
    body = client.get("/en/accounts/two-factor/").content.decode()
    assert "<svg" in body
    assert "QR code for your authenticator app" in body


def test_a_wrong_set_up_code_stores_nothing(world: World) -> None:
    client = Client()
    client.force_login(world.users["editor"])
    client.get("/en/accounts/two-factor/")
    key = client.session[two_factor.SETUP_KEY]
    wrong = f"{(totp(unhexlify(key)) + 1) % 1_000_000:06d}"
    response = client.post("/en/accounts/two-factor/", {"token": wrong})
    assert response.status_code == 200
    assert not TOTPDevice.objects.exists()


def test_a_session_that_owes_a_code_cannot_add_a_device(world: World, require_2fa: None) -> None:
    device_for(world, "admin")
    client = Client()
    log_in(client, "admin")
    response = client.get("/en/accounts/two-factor/")
    assert response["Location"].startswith("/en/accounts/two-factor/verify/")
    assert client.post("/en/accounts/two-factor/backup-codes/").status_code == 302


# --- opting in, backup codes, switching off --------------------------------------------------------


def test_an_editor_who_opted_in_is_asked_for_the_code_even_with_the_setting_off(world: World) -> None:
    device = device_for(world, "editor")
    client = Client()
    assert log_in(client, "editor")["Location"].startswith("/en/accounts/two-factor/verify/")
    assert client.get("/en/accounts/me/").status_code == 302
    client.post("/en/accounts/two-factor/verify/", {"token": code(device)})
    assert client.get("/en/accounts/me/").status_code == 200


def test_an_editor_may_switch_it_off_but_a_coordinator_may_not(
    world: World, require_2fa: None, verified_client_for: Any
) -> None:
    editor = verified_client_for("editor")
    assert "Turn off" in editor.get("/en/accounts/two-factor/").content.decode()
    assert (
        post_from_page(editor, "/en/accounts/two-factor/", "/en/accounts/two-factor/disable/").status_code
        == 302
    )
    assert not TOTPDevice.objects.filter(user=world.users["editor"]).exists()
    coordinator = verified_client_for("coordinator")
    response = post_from_page(coordinator, "/en/accounts/two-factor/", "/en/accounts/two-factor/disable/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=world.users["coordinator"]).exists()


def test_new_backup_codes_replace_the_old_ones(world: World, verified_client_for: Any) -> None:
    client = verified_client_for("viewer")
    page, path = "/en/accounts/two-factor/", "/en/accounts/two-factor/backup-codes/"
    first = post_from_page(client, page, path).context["codes"]
    second = post_from_page(client, page, path).context["codes"]
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert stored == set(second)
    assert not stored & set(first)
    assert "10 backup codes left" in client.get("/en/accounts/two-factor/").content.decode()


def test_backup_codes_need_a_verified_session(world: World) -> None:
    device_for(world, "viewer")
    client = Client()
    client.force_login(world.users["viewer"])
    session = client.session
    session[two_factor.PENDING_KEY] = False  # even a session that skipped the code step
    session.save()
    assert client.post("/en/accounts/two-factor/backup-codes/").status_code == 403
