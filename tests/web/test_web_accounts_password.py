"""Password reset through Django's views with our templates, in Danish and English."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client

from tests.conftest import World

SITE = "https://mangfold.example.org"
NEW_PASSWORD = "Syv-Graa-Maager-ved-Havnen-3"


def reset_link(message: Any) -> str:
    match = re.search(rf"{re.escape(SITE)}(/\S+/accounts/reset/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_reset_mail_in_danish_and_the_whole_flow(world: World, settings: Any) -> None:
    settings.SITE_URL = SITE
    client = Client()
    response = client.post("/da/accounts/password-reset/", {"email": "editor@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/da/accounts/password-reset/sent/"
    assert "Tjek din e-mail" in client.get(response["Location"]).content.decode()
    (message,) = mail.outbox
    assert message.to == ["editor@example.org"]
    assert message.subject == "Nulstil din adgangskode til mangfold"
    assert "Dit brugernavn er editor." in message.body
    link = reset_link(message)
    assert link.startswith("/da/accounts/reset/")
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Vælg en ny adgangskode" in form_page.content.decode()
    set_password = form_page.redirect_chain[-1][0]
    weak = client.post(set_password, {"new_password1": "password", "new_password2": "password"})
    assert weak.status_code == 200
    done = client.post(set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/da/accounts/reset/done/"
    assert Client().login(username="editor", password=NEW_PASSWORD)
    assert client.get(link).status_code == 200
    assert "Linket virker ikke" in client.get(link, follow=True).content.decode()


def test_the_reset_mail_in_english(world: World) -> None:
    Client().post("/en/accounts/password-reset/", {"email": "VIEWER@example.org"})
    (message,) = mail.outbox
    assert message.subject == "Reset your mangfold password"
    assert "Your username is viewer." in message.body
    assert "/en/accounts/reset/" in message.body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(world: World) -> None:
    response = Client().post("/en/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/en/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_the_log_in_page_links_to_the_reset(db: Any) -> None:
    body = Client().get("/da/accounts/login/").content.decode()
    assert 'href="/da/accounts/password-reset/"' in body
    assert "Glemt din adgangskode?" in body
