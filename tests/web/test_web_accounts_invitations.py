"""Inviting officials by e-mail, one by one or from a CSV file; accepting, expiry, reuse, refusals."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.utils import timezone

from mangfold.web.accounts.models import CityRole, Invitation, NetworkRole
from tests.conftest import World

SITE = "http://127.0.0.1:8000"
NEW_PASSWORD = "Tre-blaa-Cykler-i-Regnen-9"


def logged_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def invite(client: Client, city: str, email: str, role: str, lang: str = "da", name: str = "") -> Any:
    data = {"email": email, "role": role, "name": name}
    return client.post(f"/{lang}/accounts/cities/{city}/invite/", data)


def upload(client: Client, city: str, content: bytes, lang: str = "en") -> Any:
    file = SimpleUploadedFile("people.csv", content, content_type="text/csv")
    return client.post(f"/{lang}/accounts/cities/{city}/invite/csv/", {"file": file})


def link_in(message: Any) -> str:
    match = re.search(rf"{re.escape(SITE)}(/\S+/accounts/invitations/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Any) -> int:
        raise ConnectionRefusedError("the mail server is down")


# --- one person through the form -------------------------------------------------------------------


def test_a_coordinator_invites_an_editor_and_the_mail_is_in_danish(world: World, settings: Any) -> None:
    settings.SITE_URL = SITE
    response = invite(logged_in(world, "coordinator"), "city-a", "Anna@Example.DK", "editor", name="Anna")
    assert response.status_code == 302
    assert response["Location"] == "/da/accounts/cities/city-a/officials/"
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.city, invitation.language) == (
        "anna@example.dk",
        "editor",
        world.city_a,
        "da",
    )
    assert invitation.invited_by == world.users["coordinator"]
    (message,) = mail.outbox
    assert message.to == ["anna@example.dk"]
    assert message.reply_to == ["coordinator@example.org"]
    assert message.subject == "Invitation til mangfold: redaktør i Aby"
    assert "Kære Anna" in message.body
    assert link_in(message).startswith("/da/accounts/invitations/")


def test_an_english_inviter_sends_the_mail_in_english(world: World) -> None:
    invite(logged_in(world, "admin"), "city-b", "bo@example.se", "viewer", lang="en")
    (message,) = mail.outbox
    assert message.subject == "Invitation to mangfold: viewer in Bby"
    assert "admin invites you to take part in mangfold as viewer for Bby" in message.body
    assert link_in(message).startswith("/en/accounts/invitations/")


def test_the_officials_page_lists_roles_and_pending_invitations(world: World) -> None:
    client = logged_in(world, "coordinator")
    invite(client, "city-a", "new@example.dk", "viewer")
    body = client.get("/en/accounts/cities/city-a/officials/").content.decode()
    assert "new@example.dk" in body
    assert "editor@example.org" in body


def test_a_new_person_accepts_with_a_password_of_their_own(world: World) -> None:
    invite(logged_in(world, "coordinator"), "city-a", "anna@example.dk", "editor", name="Anna Hansen")
    link = link_in(mail.outbox[0])
    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200
    assert "anna@example.dk" in page.content.decode()
    weak = visitor.post(link, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    assert "errorlist" in weak.content.decode()
    assert not get_user_model().objects.filter(username="anna@example.dk").exists()
    response = visitor.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/da/accounts/me/"
    user = get_user_model().objects.get(username="anna@example.dk")
    assert (user.email, user.first_name) == ("anna@example.dk", "Anna Hansen")
    assert user.check_password(NEW_PASSWORD)
    assert CityRole.objects.get(user=user).role == CityRole.Role.EDITOR
    assert visitor.get("/da/accounts/me/").status_code == 200  # logged in
    assert Client().login(username="Anna@example.dk", password=NEW_PASSWORD)


def test_a_link_works_once(world: World) -> None:
    invite(logged_in(world, "coordinator"), "city-a", "anna@example.dk", "viewer")
    link = link_in(mail.outbox[0])
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert Client().post(link, data).status_code == 302
    again = Client().post(link, data)
    assert again.status_code == 410
    assert "already" in Client().get(link.replace("/da/", "/en/")).content.decode()
    assert CityRole.objects.filter(user__username="anna@example.dk").count() == 1


def test_an_expired_link_is_refused(world: World) -> None:
    invite(logged_in(world, "coordinator"), "city-a", "anna@example.dk", "viewer", lang="en")
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    link = link_in(mail.outbox[0])
    response = Client().post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not get_user_model().objects.filter(username="anna@example.dk").exists()


def test_the_link_lives_as_long_as_configured(world: World, settings: Any) -> None:
    settings.MANGFOLD_INVITATION_DAYS = 3
    invite(logged_in(world, "coordinator"), "city-a", "anna@example.dk", "viewer")
    lifetime = Invitation.objects.get().expires_at - timezone.now()
    assert timedelta(days=3) - timedelta(minutes=1) < lifetime <= timedelta(days=3)


def test_a_forged_or_mangled_link_is_not_found(world: World) -> None:
    invite(logged_in(world, "coordinator"), "city-a", "anna@example.dk", "viewer")
    link = link_in(mail.outbox[0])
    assert Client().get(link[:-3] + "xx/").status_code == 404
    assert Client().get("/da/accounts/invitations/MQ:1tAbCd:forged/").status_code == 404


def test_a_new_invitation_replaces_the_unanswered_one(world: World) -> None:
    client = logged_in(world, "coordinator")
    invite(client, "city-a", "anna@example.dk", "viewer")
    invite(client, "city-a", "anna@example.dk", "editor")
    first, second = (link_in(message) for message in mail.outbox)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    assert Invitation.objects.get().role == "editor"


def test_an_existing_user_gets_the_role_added(world: World) -> None:
    invite(logged_in(world, "coordinator"), "city-a", "OFFICIAL_B@example.org", "viewer", lang="en")
    link = link_in(mail.outbox[0])
    official = world.users["official_b"]
    client = Client()
    client.force_login(official)
    page = client.get(link)
    assert "official_b" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/me/"
    roles = dict(CityRole.objects.filter(user=official).values_list("city__slug", "role"))
    assert roles == {"city-a": "viewer", "city-b": "coordinator"}
    assert get_user_model().objects.filter(email__iexact="official_b@example.org").count() == 1
    assert Invitation.objects.get().accepted_by == official


# --- refusals ---------------------------------------------------------------------------------------


def test_a_coordinator_cannot_invite_to_another_city(world: World, client_for: Callable[[str], Any]) -> None:
    response = invite(logged_in(world, "coordinator"), "city-b", "x@example.dk", "viewer")
    assert response.status_code == 403
    assert (
        upload(logged_in(world, "coordinator"), "city-b", b"email,role\nx@example.dk,viewer\n").status_code
        == 403
    )
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["editor", "viewer", "official_b"])
def test_only_those_who_manage_officials_may_invite(world: World, role: str) -> None:
    assert invite(logged_in(world, role), "city-a", "x@example.dk", "viewer").status_code == 403
    assert not Invitation.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(world: World) -> None:
    response = invite(Client(), "city-a", "x@example.dk", "viewer")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_csrf_token_is_required(world: World, client_for: Callable[[str], Any]) -> None:
    response = invite(client_for("coordinator"), "city-a", "x@example.dk", "viewer")
    assert response.status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", ["admin", "network administrator", "superuser"])
def test_nobody_is_invited_as_network_administrator(world: World, role: str) -> None:
    response = invite(logged_in(world, "coordinator"), "city-a", "x@example.dk", role, lang="en")
    assert response.status_code == 200
    assert 'id="id_role_error"' in response.content.decode()
    assert not Invitation.objects.exists()
    assert NetworkRole.objects.count() == 1


def test_a_bad_address_is_named_on_the_form(world: World) -> None:
    response = invite(logged_in(world, "coordinator"), "city-a", "not-an-address", "viewer", lang="en")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'aria-describedby="id_email_error"' in body or 'id="id_email_error"' in body
    assert not Invitation.objects.exists()


# --- many people from a CSV file ----------------------------------------------------------------------


def test_a_csv_file_invites_everyone_in_it(world: World) -> None:
    content = "\ufeffE-mail;Rolle;Navn\r\nanna@example.dk;redaktør;Anna\r\n;;\r\nole@example.dk;Læser;\r\n"
    response = upload(logged_in(world, "coordinator"), "city-a", content.encode("utf-8"), lang="da")
    assert response.status_code == 302
    invited = dict(Invitation.objects.values_list("email", "role"))
    assert invited == {"anna@example.dk": "editor", "ole@example.dk": "viewer"}
    assert sorted(message.to[0] for message in mail.outbox) == ["anna@example.dk", "ole@example.dk"]
    assert all(message.subject.startswith("Invitation til mangfold") for message in mail.outbox)


def test_an_excel_file_in_windows_1252_is_read(world: World) -> None:
    content = "email;role;name\nsoeren@example.dk;viewer;Søren Åberg\n".encode("cp1252")
    assert upload(logged_in(world, "admin"), "city-a", content).status_code == 302
    assert Invitation.objects.get().name == "Søren Åberg"


def test_bad_rows_are_named_by_row_and_column_and_nobody_is_invited(world: World) -> None:
    content = (
        b"email,role,name\n"
        b"good@example.dk,editor,Good\n"
        b"not-an-address,viewer,\n"
        b"boss@example.dk,admin,\n"
        b"good@example.dk,viewer,\n"
    )
    response = upload(logged_in(world, "coordinator"), "city-a", content)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Row 3, column “email”: “not-an-address” is not an e-mail address" in body
    assert "Row 4, column “role”: “admin” is not a city role" in body
    assert "Row 5, column “email”: good@example.dk is already in row 2" in body
    assert 'aria-describedby="id_file_helptext id_file_error"' in body
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_missing_column_is_named(world: World) -> None:
    response = upload(logged_in(world, "coordinator"), "city-a", b"mail address,name\nx@example.dk,X\n")
    assert "Row 1, column “email”: the column is missing" in response.content.decode()
    assert "Row 1, column “role”: the column is missing" in response.content.decode()


def test_a_failing_mail_server_undoes_every_invitation(world: World, settings: Any) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    content = b"email,role\na@example.dk,editor\nb@example.dk,viewer\n"
    response = upload(logged_in(world, "coordinator"), "city-a", content)
    assert response.status_code == 200
    assert "nobody was invited" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_network_administrator_invites_to_any_city_of_the_network(world: World) -> None:
    assert (
        upload(logged_in(world, "admin"), "city-b", b"email,role\nx@example.se,coordinator\n").status_code
        == 302
    )
    assert Invitation.objects.get().city == world.city_b
