"""Rounds in the product: a network administrator creates, edits, invites, archives and deletes a round."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from mangfold.index.xlsform import bundled_questionnaires
from mangfold.web.assessments.models import Assessment, QuestionnaireVersion, Round
from mangfold.web.network.models import City, Membership

pytestmark = pytest.mark.django_db

NEW = "/da/assessments/new/"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def fields(world: Any, **extra: Any) -> dict[str, Any]:
    return {
        "network": world.network.pk,
        "name": "Runde 2027",
        "name_en": "Round 2027",
        "slug": "2027",
        "description": "Spørgeskemaet om byens politik.",
        "description_en": "The questionnaire on the city's policies.",
        "deadline": "2027-03-31",
        "embargo_until": "",
        **extra,
    }


def workbook(change: Callable[[Any], None] | None = None) -> SimpleUploadedFile:
    book = openpyxl.load_workbook(bundled_questionnaires()[-1])
    if change is not None:
        change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("questionnaire.xlsx", buffer.getvalue())


def test_the_rounds_page_links_the_new_round_form_for_network_administrators_only(
    world: Any, as_role: Any
) -> None:
    assert 'href="/da/assessments/new/"' in as_role("admin").get("/da/assessments/").content.decode()
    assert (
        'href="/da/assessments/new/"' not in as_role("coordinator").get("/da/assessments/").content.decode()
    )
    page = as_role("admin").get(NEW).content.decode()
    assert 'name="questionnaire"' in page and 'name="deadline"' in page and 'name="name_en"' in page


def test_a_round_is_created_with_a_stored_version_and_shown_in_each_language(
    world: Any, as_role: Any
) -> None:
    version = QuestionnaireVersion.objects.get()
    response = as_role("admin").post(NEW, fields(world, questionnaire=version.pk))
    assert response.status_code == 302 and response["Location"] == "/da/assessments/test-network/2027/"
    round_ = Round.objects.get(slug="2027")
    assert round_.questionnaire == version and str(round_.deadline) == "2027-03-31"
    danish = as_role("viewer").get("/da/assessments/test-network/2027/").content.decode()
    english = as_role("viewer").get("/en/assessments/test-network/2027/").content.decode()
    assert (
        "Runde 2027" in danish and "Spørgeskemaet om byens politik." in danish and "Round 2027" not in danish
    )
    assert "Round 2027" in english and "The questionnaire on the city" in english


def test_a_round_needs_a_questionnaire(world: Any, as_role: Any) -> None:
    response = as_role("admin").post(NEW, fields(world))
    assert response.status_code == 400
    assert "Vælg en version af spørgeskemaet, eller læs en projektmappe ind." in response.content.decode()
    assert not Round.objects.filter(slug="2027").exists()


def test_a_bad_workbook_lists_every_problem_with_sheet_row_and_column_and_stores_nothing(
    world: Any, as_role: Any
) -> None:
    def break_it(book: Any) -> None:
        survey = book["survey"]
        survey.cell(row=3, column=1, value="select_one no_such_list")
        survey.cell(row=5, column=1, value="select_one another_missing_list")

    versions = QuestionnaireVersion.objects.count()
    response = as_role("admin").post(NEW, {**fields(world), "workbook": workbook(break_it)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "ark &#x27;survey&#x27;, række 3, kolonne &#x27;type&#x27; (A)" in page and "no_such_list" in page
    assert "række 5" in page and "another_missing_list" in page
    assert QuestionnaireVersion.objects.count() == versions and not Round.objects.filter(slug="2027").exists()


def test_an_uploaded_workbook_becomes_the_rounds_questionnaire_version(world: Any, as_role: Any) -> None:
    response = as_role("admin").post(NEW, {**fields(world), "workbook": workbook()})
    assert response.status_code == 302
    round_ = Round.objects.get(slug="2027")
    assert round_.questionnaire is not None and round_.questionnaire.filename == "questionnaire.xlsx"
    assert round_.questionnaire.uploaded_by == world.users["admin"]


def test_editing_keeps_the_questionnaire_of_a_round_with_answers(world: Any, as_role: Any) -> None:
    round_ = Round.objects.get(slug="2026")
    other = QuestionnaireVersion.objects.create(
        form_id="other", version="1", title="Other", filename="o.xlsx", workbook=b"", sha256="0" * 64
    )
    data = fields(world, slug="2026", name="Runde 2026", questionnaire=other.pk)
    response = as_role("admin").post("/da/assessments/test-network/2026/edit/", data)
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.name == "Runde 2026" and round_.questionnaire_id != other.pk


def test_inviting_opens_an_assessment_for_each_chosen_city_and_tells_its_officials(
    world: Any, as_role: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = IMMEDIATE
    city_c = City.objects.create(slug="city-c", name="Cby", country="DK")
    Membership.objects.create(network=world.network, city=city_c)
    version = QuestionnaireVersion.objects.get()
    as_role("admin").post(NEW, fields(world, questionnaire=version.pk))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_role("admin").post(
            "/da/assessments/test-network/2027/invite/", {"city": ["city-a", "city-b"]}
        )
    assert response.status_code == 302
    invited = Assessment.objects.filter(round__slug="2027").order_by("city__name")
    assert [a.city.slug for a in invited] == ["city-a", "city-b"] and {a.state for a in invited} == {"draft"}
    told = sorted(tuple(m.to) for m in mail.outbox)
    assert told == [("coordinator@example.org", "editor@example.org"), ("official_b@example.org",)]
    assert "Runde 2027" in mail.outbox[0].body and "Round 2027" in mail.outbox[0].body


def test_a_round_with_answers_cannot_be_deleted_but_an_empty_one_can(world: Any, as_role: Any) -> None:
    admin = as_role("admin")
    assert admin.post("/da/assessments/test-network/2026/delete/").status_code == 400
    assert Round.objects.filter(slug="2026").exists()
    version = QuestionnaireVersion.objects.get()
    admin.post(NEW, fields(world, questionnaire=version.pk))
    admin.post("/da/assessments/test-network/2027/invite/")
    assert "slettes endeligt" in admin.get("/da/assessments/test-network/2027/delete/").content.decode()
    assert admin.post("/da/assessments/test-network/2027/delete/").status_code == 302
    assert not Round.objects.filter(slug="2027").exists()
    assert not Assessment.objects.filter(round__slug="2027").exists()


def test_an_archived_round_takes_no_new_assessments_and_can_be_opened_again(world: Any, as_role: Any) -> None:
    Assessment.objects.filter(round__slug="2026", city=world.city_a).delete()
    as_role("admin").post("/da/assessments/test-network/2026/archive/")
    assert Round.objects.get(slug="2026").archived_at is not None
    assert (
        as_role("coordinator").post("/da/assessments/test-network/2026/city/city-a/start/").status_code == 403
    )
    as_role("admin").post("/da/assessments/test-network/2026/archive/")
    assert Round.objects.get(slug="2026").archived_at is None
    assert (
        as_role("coordinator").post("/da/assessments/test-network/2026/city/city-a/start/").status_code == 302
    )
