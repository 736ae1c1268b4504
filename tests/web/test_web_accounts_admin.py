"""Django's admin for accounts, in Danish: invitations, failed log-ins, users with their roles."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import mail
from django.test import Client
from django.utils import timezone

from mangfold.web.accounts.models import Invitation, LoginFailure
from tests.conftest import World


def admin_client(world: World) -> Client:
    client = Client()
    client.force_login(world.users["admin"])
    world.users["admin"].is_superuser = True
    world.users["admin"].save()
    return client


def make_invitation(world: World, **fields: Any) -> Invitation:
    defaults = {
        "email": "anna@example.dk",
        "city": world.city_a,
        "role": "editor",
        "language": "en",
        "key": "k" * 32,
        "expires_at": timezone.now() + timedelta(days=1),
    }
    return Invitation.objects.create(**{**defaults, **fields})


def test_the_account_models_are_in_the_danish_admin(world: World) -> None:
    make_invitation(world)
    LoginFailure.objects.create(username="editor", ip="10.0.0.1", at=timezone.now())
    client = admin_client(world)
    index = client.get("/da/admin/").content.decode()
    assert "Konti og roller" in index
    assert "Invitationer" in index
    assert "Mislykkede logins" in index
    assert "anna@example.dk" in client.get("/da/admin/accounts/invitation/").content.decode()
    assert "10.0.0.1" in client.get("/da/admin/accounts/loginfailure/").content.decode()


def test_a_user_page_shows_the_roles(world: World) -> None:
    coordinator = world.users["coordinator"]
    body = admin_client(world).get(f"/da/admin/auth/user/{coordinator.pk}/change/").content.decode()
    assert "Roller i byer" in body
    assert "Aby" in body


def test_invitations_can_be_sent_again_with_a_new_link(world: World) -> None:
    old = make_invitation(world, expires_at=timezone.now() - timedelta(days=1))
    data = {"action": "send_again", "_selected_action": [old.pk]}
    response = admin_client(world).post("/da/admin/accounts/invitation/", data)
    assert response.status_code == 302
    (fresh,) = Invitation.objects.all()
    assert fresh.pk != old.pk
    assert fresh.expires_at > timezone.now()
    assert [message.to for message in mail.outbox] == [["anna@example.dk"]]
    assert mail.outbox[0].subject == "Invitation to mangfold: editor in Aby"
