"""The practice workflow: an edit of a published practice is a revision that stays private until a
network administrator publishes it; every revision is kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mangfold.web.practices.models import Practice, PracticeRevision

pytestmark = pytest.mark.django_db

TOKEN = "practicesworkflowtoken0123456789"


def post(client: Any, path: str, data: dict[str, Any]) -> Any:
    client.cookies["csrftoken"] = TOKEN
    return client.post(path, data, HTTP_X_CSRFTOKEN=TOKEN)


def form_values(client: Any, path: str) -> dict[str, Any]:
    form = client.get(path).context["form"]
    values = {name: form[name].value() for name in form.fields}
    return {key: ("" if value is None else value) for key, value in values.items()}


def test_an_editors_change_to_a_published_practice_is_not_public_until_published_again(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    pk = world.paths["practice_a_published"]
    path = f"/da/practices/{pk}/edit/"
    editor, anonymous, admin = client_for("editor"), client_for("anonymous"), client_for("admin")
    data = {**form_values(editor, path), "purpose": "Velkomstvenner for nye borgere.", "budget": "40.000 kr."}
    response = post(editor, path, data)
    assert response.status_code == 302
    practice = Practice.objects.get(pk=pk)
    assert practice.purpose == "Bring residents together." and practice.is_published
    public = anonymous.get(f"/da/practices/{pk}/").content.decode()
    assert "Velkomstvenner" not in public and "Bring residents together." in public
    assert "Velkomstvenner" not in anonymous.get("/da/practices/", {"q": "velkomst"}).content.decode()
    own_view = editor.get(f"/da/practices/{pk}/").content.decode()
    assert "Revision 1 afventer offentliggørelse" in own_view and "Velkomstvenner" in own_view
    assert "Velkomstvenner" in form_values(editor, path)["purpose"]  # the editor continues from it

    assert post(editor, f"/da/practices/{pk}/publish/", {"publish": "1"}).status_code == 403
    assert post(admin, f"/da/practices/{pk}/publish/", {"publish": "1"}).status_code == 302
    practice.refresh_from_db()
    assert practice.purpose == "Velkomstvenner for nye borgere." and practice.budget == "40.000 kr."
    assert "Velkomstvenner" in anonymous.get(f"/da/practices/{pk}/").content.decode()
    assert "1 praksis" in anonymous.get("/da/practices/", {"q": "velkomst"}).content.decode()
    revision = practice.revisions.get()
    assert revision.status == PracticeRevision.Status.PUBLISHED
    assert (revision.created_by, revision.published_by) == (world.users["editor"], world.users["admin"])


def test_every_revision_is_kept_and_only_the_newest_pending_one_is_published(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    pk = world.paths["practice_a_published"]
    path = f"/en/practices/{pk}/edit/"
    editor, coordinator = client_for("editor"), client_for("coordinator")
    assert post(editor, path, {**form_values(editor, path), "purpose": "First edit."}).status_code == 302
    assert post(coordinator, path, {**form_values(coordinator, path), "title": "Second"}).status_code == 302
    assert post(client_for("admin"), f"/en/practices/{pk}/publish/", {"publish": "1"}).status_code == 302
    practice = Practice.objects.get(pk=pk)
    assert (practice.title, practice.purpose) == ("Second", "First edit.")  # the second built on the first
    statuses = list(practice.revisions.order_by("number").values_list("number", "status"))
    assert statuses == [(1, "superseded"), (2, "published")]


def test_an_edit_from_a_stale_form_is_refused_instead_of_replacing_a_pending_revision(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    pk = world.paths["practice_a_published"]
    path = f"/en/practices/{pk}/edit/"
    editor, coordinator = client_for("editor"), client_for("coordinator")
    first, second = form_values(editor, path), form_values(coordinator, path)
    assert post(editor, path, {**first, "purpose": "Editor's."}).status_code == 302
    response = post(coordinator, path, {**second, "purpose": "Coordinator's."})
    assert response.status_code == 200
    assert "Someone saved this practice while you were editing it" in response.content.decode()
    assert Practice.objects.get(pk=pk).revisions.count() == 1


def test_a_draft_is_edited_in_place_and_its_edits_are_kept_as_revisions(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    pk = world.paths["practice_a_draft"]
    path = f"/en/practices/{pk}/edit/"
    editor = client_for("editor")
    assert (
        post(editor, path, {**form_values(editor, path), "summary_en": "A short summary."}).status_code == 302
    )
    practice = Practice.objects.get(pk=pk)
    assert practice.summary_en == "A short summary." and not practice.is_published
    assert list(practice.revisions.values_list("status", flat=True)) == ["draft"]


def test_withdrawing_and_editing_again_drops_the_older_pending_revision(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    pk = world.paths["practice_a_published"]
    path = f"/en/practices/{pk}/edit/"
    editor, admin = client_for("editor"), client_for("admin")
    post(editor, path, {**form_values(editor, path), "purpose": "Pending."})
    post(admin, f"/en/practices/{pk}/publish/", {"publish": "0"})
    post(editor, path, {**form_values(editor, path), "purpose": "Draft edit."})
    post(admin, f"/en/practices/{pk}/publish/", {"publish": "1"})
    practice = Practice.objects.get(pk=pk)
    assert practice.purpose == "Draft edit." and practice.is_published
    assert list(practice.revisions.order_by("number").values_list("status", flat=True)) == [
        "superseded",
        "draft",
    ]


def test_the_submission_form_follows_the_networks_template(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    form = client_for("editor").get("/da/practices/new/").context["form"]
    for name in ("purpose", "rationale", "process", "results", "budget", "period_start", "period_end"):
        assert name in form.fields
    for name in ("contact", "links", "indicators", "language", "title_da", "title_en", "summary_da"):
        assert name in form.fields
