"""No edit is silently lost: two officials editing the same practice, the second save is refused and told."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mangfold.web.practices.models import Practice

pytestmark = pytest.mark.django_db

TOKEN = "securityconcurrencytoken01234567"


def post(client: Any, path: str, data: dict[str, Any]) -> Any:
    client.cookies["csrftoken"] = TOKEN
    return client.post(path, data, HTTP_X_CSRFTOKEN=TOKEN)


def loaded_form(client: Any, path: str) -> dict[str, Any]:
    """The edit form's values as the page loaded them (what a browser would post back unchanged)."""
    form = client.get(path).context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {key: ("" if value is None else value) for key, value in data.items()}


def test_the_second_of_two_concurrent_edits_is_refused_not_overwriting(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    path = f"/en/practices/{world.paths['practice_a_draft']}/edit/"
    editor, coordinator = client_for("editor"), client_for("coordinator")
    first, second = loaded_form(editor, path), loaded_form(coordinator, path)
    assert post(editor, path, {**first, "purpose": "The editor's purpose."}).status_code == 302
    response = post(coordinator, path, {**second, "purpose": "The coordinator's purpose."})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone saved this practice while you were editing it" in body
    assert "The coordinator&#x27;s purpose." in body  # their text stays in the form to merge
    assert Practice.objects.get(pk=world.paths["practice_a_draft"]).purpose == "The editor's purpose."
    again = response.context["form"]["loaded"].value()
    merged = {**second, "loaded": again, "purpose": "Both purposes."}
    assert post(coordinator, path, merged).status_code == 302
    assert Practice.objects.get(pk=world.paths["practice_a_draft"]).purpose == "Both purposes."


def test_a_save_without_the_loaded_version_is_refused(world: Any, client_for: Callable[[str], Any]) -> None:
    path = f"/en/practices/{world.paths['practice_a_draft']}/edit/"
    data = loaded_form(client_for("editor"), path)
    del data["loaded"]
    response = post(client_for("editor"), path, {**data, "purpose": "Forged."})
    assert response.status_code == 200
    assert Practice.objects.get(pk=world.paths["practice_a_draft"]).purpose != "Forged."


def test_the_danish_page_says_so_in_danish(world: Any, client_for: Callable[[str], Any]) -> None:
    path = f"/da/practices/{world.paths['practice_a_draft']}/edit/"
    data = loaded_form(client_for("editor"), path)
    Practice.objects.get(pk=world.paths["practice_a_draft"]).save()  # someone saves meanwhile
    body = post(client_for("editor"), path, data).content.decode()
    assert "Nogen har gemt denne praksis, mens du redigerede den" in body
