"""The Django admin for network staff: translated, limited to their networks, validating uploads."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mangfold.index.xlsform import bundled_questionnaires
from mangfold.web.assessments.models import Assessment, QuestionnaireVersion, Round
from mangfold.web.network.models import City, Membership, Network

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world: Any) -> Client:
    client = Client()
    client.force_login(world.users["admin"])
    return client


def broken_workbook() -> bytes:
    """The bundled questionnaire with two mistakes: a choice without points and an unknown indicator."""
    book = openpyxl.load_workbook(bundled_questionnaires()[-1])
    choices, survey = book["choices"], book["survey"]
    header = [c.value for c in choices[1]]
    choices.cell(row=2, column=header.index("points") + 1, value="lots")
    header = [c.value for c in survey[1]]
    row = next(
        r for r in range(2, survey.max_row + 1) if survey.cell(r, header.index("name") + 1).value == "COM2"
    )
    survey.cell(row=row, column=header.index("indicator") + 1, value="no_such_indicator")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_admin_is_translated_and_shows_the_assessment_models_to_network_staff(staff: Client) -> None:
    body = staff.get("/da/admin/").content.decode()
    assert "Selvevalueringer" in body and "Spørgeskemaversioner" in body and "Runder" in body
    assert "Questionnaire versions" in staff.get("/en/admin/").content.decode()


def test_officials_without_staff_rights_are_kept_out(world: Any) -> None:
    client = Client()
    client.force_login(world.users["coordinator"])
    assert client.get("/en/admin/assessments/assessment/").status_code == 302


def test_staff_see_only_their_networks_assessments(world: Any, staff: Client) -> None:
    other = Network.objects.create(slug="other", name="Other network")
    city = City.objects.create(slug="city-c", name="Cby", country="NO")
    Membership.objects.create(network=other, city=city)
    round_ = Round.objects.create(network=other, slug="2026", name="Other 2026")
    Assessment.objects.create(round=round_, city=city)
    body = staff.get("/en/admin/assessments/assessment/").content.decode()
    assert "Aby" in body and "Cby" not in body
    assert staff.get(f"/en/admin/assessments/round/{round_.pk}/change/").status_code == 302  # not theirs


def test_an_invalid_workbook_is_refused_with_every_problem_by_sheet_row_and_column(staff: Client) -> None:
    upload = SimpleUploadedFile("broken.xlsx", broken_workbook())
    response = staff.post("/en/admin/assessments/questionnaireversion/add/", {"upload": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert "sheet &#x27;choices&#x27;, row 2, column &#x27;points&#x27;" in body
    assert "sheet &#x27;survey&#x27;" in body and "column &#x27;indicator&#x27;" in body
    assert "no_such_indicator" in body
    assert QuestionnaireVersion.objects.count() == 1  # only the test world's


@pytest.mark.slow
def test_a_valid_workbook_is_stored_as_a_new_version(world: Any, staff: Client) -> None:
    data = bundled_questionnaires()[-1].read_bytes()
    QuestionnaireVersion.objects.all().update(version="older")
    response = staff.post(
        "/en/admin/assessments/questionnaireversion/add/", {"upload": SimpleUploadedFile("q.xlsx", data)}
    )
    assert response.status_code == 302
    stored = QuestionnaireVersion.objects.exclude(version="older").get()
    assert (
        stored.form_id == "mangfold"
        and bytes(stored.workbook) == data
        and stored.uploaded_by == world.users["admin"]
    )
    again = staff.post(
        "/en/admin/assessments/questionnaireversion/add/", {"upload": SimpleUploadedFile("q.xlsx", data)}
    )
    assert "exists already" in again.content.decode()


def test_published_results_are_imported_in_the_admin(world: Any, staff: Client, tmp_path: Path) -> None:
    csv = "network,round,city,overall,source\ntest-network,2014,city-a,70,Annual report 2014\n"
    response = staff.post(
        "/en/admin/assessments/assessment/import-legacy/", {"file": SimpleUploadedFile("r.csv", csv.encode())}
    )
    assert response.status_code == 302
    assert Assessment.objects.get(round__slug="2014").source == "Annual report 2014"
    bad = staff.post(
        "/en/admin/assessments/assessment/import-legacy/",
        {
            "file": SimpleUploadedFile(
                "r.csv", b"network,round,city,overall,source\ntest-network,2014,city-a,x,y\n"
            )
        },
    )
    assert "row 2, column &#x27;overall&#x27;: not a number" in bad.content.decode()
    assert "Import published results" in staff.get("/en/admin/assessments/assessment/").content.decode()


def test_answers_history_and_files_are_read_only_in_the_admin(world: Any, staff: Client) -> None:
    body = staff.get("/en/admin/assessments/answer/").content.decode()
    assert "COM1" in body and "Add answer" not in body
    attachment = f"/en/admin/assessments/attachment/{world.paths['attachment_a']}/change/"
    page = staff.get(attachment).content.decode()
    assert "/en/assessments/test-network/2026/city/city-a/files/" in page


def test_a_rounds_questionnaire_is_fixed_once_answers_exist_and_sources_only_on_imports(
    world: Any, staff: Client
) -> None:
    round_ = Round.objects.get(network=world.network, slug="2026")
    page = staff.get(f"/en/admin/assessments/round/{round_.pk}/change/").content.decode()
    assert 'name="questionnaire"' not in page
    draft = Assessment.objects.get(round=round_, city=world.city_a)
    page = staff.get(f"/en/admin/assessments/assessment/{draft.pk}/change/").content.decode()
    assert 'name="source"' not in page
    empty = Round.objects.create(network=world.network, slug="2030", name="Round 2030")
    assert (
        'name="questionnaire"'
        in staff.get(f"/en/admin/assessments/round/{empty.pk}/change/").content.decode()
    )
