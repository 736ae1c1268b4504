"""Password reset through Django's views with our templates, in Danish and English.

The page queues the mail for the worker; :func:`deliver` runs the queued tasks as ``db_worker`` would.
"""

from __future__ import annotations

import re
import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mangfold.web.accounts import reset
from mangfold.web.accounts.models import PasswordResetRequest
from tests.conftest import World

SITE = "https://mangfold.example.org"
NEW_PASSWORD = "Syv-Graa-Maager-ved-Havnen-3"


def deliver() -> int:
    """Run every queued reset task, as the worker would; the number run."""
    queued = list(DBTaskResult.objects.filter(task_path__endswith="send_password_reset_task"))
    for row in queued:
        result = reset.send_password_reset_task.get_result(str(row.id))
        result.task.call(*result.args, **result.kwargs)
    DBTaskResult.objects.filter(id__in=[row.id for row in queued]).delete()
    return len(queued)


def ask(address: str, language: str = "en", **extra: Any) -> Any:
    return Client(**extra).post(f"/{language}/accounts/password-reset/", {"email": address})


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
    assert mail.outbox == [] and deliver() == 1  # sent by the worker, not by the page
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
    ask("VIEWER@example.org")
    deliver()
    (message,) = mail.outbox
    assert message.subject == "Reset your mangfold password"
    assert "Your username is viewer." in message.body
    assert "/en/accounts/reset/" in message.body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(world: World) -> None:
    response = ask("nobody@example.org")
    assert response["Location"] == "/en/accounts/password-reset/sent/"
    assert deliver() == 1
    assert mail.outbox == []


def test_the_page_does_the_same_work_for_known_and_unknown_addresses(world: World) -> None:
    # No look-up of the address in the request: the same queries, none of them on the users.
    statements = []
    for address in ("editor@example.org", "nobody@example.org"):
        with CaptureQueriesContext(connection) as queries:
            response = ask(address)
        assert response.status_code == 302
        statements.append([re.sub(r"'[^']*'|\b\d+\b", "?", q["sql"]) for q in queries.captured_queries])
    assert statements[0] == statements[1]
    assert not any("auth_user" in sql for sql in statements[0])


def test_mails_to_one_address_are_limited(world: World, settings: Any) -> None:
    settings.MANGFOLD_RESET_MAX_PER_ADDRESS = 2
    for n in range(4):
        response = ask("Editor@Example.org " if n % 2 else "editor@example.org", REMOTE_ADDR=f"10.0.0.{n}")
        assert response["Location"] == "/en/accounts/password-reset/sent/"  # the same answer
    assert deliver() == 2
    assert len(mail.outbox) == 2
    assert PasswordResetRequest.objects.count() == 2  # refused requests are not recorded
    ask("viewer@example.org", REMOTE_ADDR="10.0.0.9")  # another address is not limited
    assert deliver() == 1


def test_requests_from_one_ip_address_are_limited(world: World, settings: Any) -> None:
    settings.MANGFOLD_RESET_MAX_PER_IP = 3
    for n in range(5):
        ask(f"someone{n}@example.org", REMOTE_ADDR="192.0.2.7")
    assert deliver() == 3
    ask("someone9@example.org", REMOTE_ADDR="192.0.2.8")
    assert deliver() == 1


def test_the_limit_lifts_when_the_window_has_passed(world: World, settings: Any) -> None:
    settings.MANGFOLD_RESET_MAX_PER_ADDRESS = 1
    ask("editor@example.org")
    ask("editor@example.org")
    assert deliver() == 1
    PasswordResetRequest.objects.update(at=timezone.now() - timedelta(minutes=61))
    ask("editor@example.org")
    assert deliver() == 1
    assert PasswordResetRequest.objects.count() == 1  # the old row was pruned


def test_addresses_are_stored_only_as_a_keyed_digest(world: World) -> None:
    ask("editor@example.org")
    row = PasswordResetRequest.objects.get()
    assert "editor" not in row.address_digest and len(row.address_digest) == 64
    assert row.address_digest == reset.address_digest(" EDITOR@example.org")


@pytest.mark.parametrize("address", ["", "not an address", "a@b@c"])
def test_a_malformed_address_is_shown_again_and_queues_nothing(db: Any, address: str) -> None:
    response = ask(address)
    assert response.status_code == 200
    assert deliver() == 0 and PasswordResetRequest.objects.count() == 0


def test_the_log_in_page_links_to_the_reset(db: Any) -> None:
    body = Client().get("/da/accounts/login/").content.decode()
    assert 'href="/da/accounts/password-reset/"' in body
    assert "Glemt din adgangskode?" in body


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_one_address_queue_at_most_the_limit(
    transactional_db: Any, settings: Any
) -> None:
    from tests.web.test_web_accounts_throttle import _simultaneously  # waits out SQLite's table locks

    settings.MANGFOLD_RESET_MAX_PER_ADDRESS = 3
    settings.MANGFOLD_RESET_MAX_PER_IP = 100
    addresses = iter(range(20))
    lock = threading.Lock()

    def request() -> bool:
        with lock:
            n = next(addresses)
        return reset.request_mail("editor@example.org", f"10.0.1.{n}", "en")

    queued = _simultaneously(20, request)
    assert not [q for q in queued if isinstance(q, Exception)], queued
    assert 1 <= queued.count(True) <= 3
    assert PasswordResetRequest.objects.count() == queued.count(True)  # a refused request leaves no row
    assert DBTaskResult.objects.count() == queued.count(True)
