"""The questionnaire form: plain form saves, autosave, validation, evidence files, optimistic versioning."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mangfold.web.assessments.models import Answer, AnswerChange, Assessment

pytestmark = pytest.mark.django_db

BASE = "/en/assessments/test-network/2026/city/city-a"


def draft(world: Any) -> Assessment:
    return Assessment.objects.get(round__slug="2026", city=world.city_a)


def version_of(world: Any, code: str) -> int:
    answer = Answer.objects.filter(assessment=draft(world), question=code).first()
    return answer.version if answer else 0


def test_the_form_shows_scope_questions_help_choices_and_evidence_fields(as_role: Any) -> None:
    body = as_role("coordinator").get(f"{BASE}/answers/commitment/").content.decode()
    assert "Has the city council adopted a statement" in body  # question in the page's language
    assert 'name="a-COM1" id="a-COM1-1" value="yes" checked' in body  # the stored answer
    assert 'id="help-COM1"' in body and 'aria-describedby="help-COM1"' in body
    assert 'name="ev-COM1"' in body and 'name="ln-COM1"' in body and 'name="f-COM1"' in body
    assert 'name="ver-COM1" value="1"' in body
    assert 'enctype="multipart/form-data"' in body and "data-autosave=" in body
    assert "autosave.js" in body


def test_the_form_is_in_danish_on_danish_pages(as_role: Any) -> None:
    body = as_role("coordinator").get(f"{BASE.replace('/en/', '/da/')}/answers/commitment/").content.decode()
    assert "Har byrådet vedtaget en erklæring" in body
    assert '<html lang="da">' in body


def test_a_viewer_reads_the_answers_without_inputs_to_change_them(as_role: Any) -> None:
    body = as_role("viewer").get(f"{BASE}/answers/commitment/").content.decode()
    assert 'value="yes" checked disabled' in body
    assert "data-autosave" not in body and "autosave.js" not in body


def test_a_plain_form_post_saves_every_answer_of_the_indicator(world: Any, as_role: Any) -> None:
    data = {
        "ver-COM1": "1",
        "a-COM1": "no",
        "ev-COM1": "Council decision 12/2024",
        "ln-COM1": "https://example.org/decision\n\nhttps://example.org/minutes",
        "ver-COM2": "0",
        "a-COM2": "funded",
        "ver-COM6": "0",
        "a-COM6": "62,5",
    }
    response = as_role("editor").post(f"{BASE}/answers/commitment/", data)
    assert response.status_code == 302 and response["Location"].endswith("/answers/commitment/")
    answers = {a.question: a for a in draft(world).answers.all()}
    assert answers["COM1"].value == {"choices": ["no"]} and answers["COM1"].version == 2
    assert answers["COM1"].evidence == "Council decision 12/2024"
    assert answers["COM1"].links == "https://example.org/decision\nhttps://example.org/minutes"
    assert answers["COM2"].value == {"choices": ["funded"]}
    assert answers["COM6"].value == {"number": 62.5}
    assert answers["COM1"].updated_by == world.users["editor"]


def test_save_and_next_goes_to_the_next_indicator(as_role: Any) -> None:
    response = as_role("coordinator").post(f"{BASE}/answers/commitment/", {"ver-COM2": "0", "next": ""})
    assert response["Location"].endswith("/answers/education/")


def test_invalid_values_are_refused_with_messages_tied_to_their_fields(world: Any, as_role: Any) -> None:
    data = {
        "ver-COM6": "0",
        "a-COM6": "many",
        "ver-COM2": "0",
        "a-COM2": "funded",
        "ver-COM3": "0",
        "ln-COM3": "not a link",
    }
    response = as_role("coordinator").post(f"{BASE}/answers/commitment/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert (
        'id="err-COM6">Enter a number.' in body and 'aria-describedby="err-COM6" aria-invalid="true"' in body
    )
    assert 'value="many"' in body  # what was typed is kept
    assert "Line 1 is not a web address" in body and 'aria-describedby="lnerr-COM3"' in body
    assert 'class="error-summary" role="alert"' in body
    assert version_of(world, "COM6") == 0  # not saved
    assert version_of(world, "COM2") == 1  # the valid answer is saved


def test_not_applicable_is_offered_and_accepted_only_where_the_question_allows_it(
    world: Any, as_role: Any
) -> None:
    client = as_role("coordinator")
    body = client.get(f"{BASE}/answers/education/").content.decode()
    assert 'id="a-EDU2-na" value="__na__"' in body  # single choice: a radio button
    assert 'name="na-EDU1"' in body  # number: a checkbox
    client.post(
        f"{BASE}/answers/education/", {"ver-EDU1": "0", "na-EDU1": "1", "ver-EDU2": "0", "a-EDU2": "__na__"}
    )
    answers = {a.question: a.value for a in draft(world).answers.all()}
    assert answers["EDU1"] == {"na": True} and answers["EDU2"] == {"na": True}
    response = client.post(f"{BASE}/answers/commitment/", {"ver-COM2": "0", "a-COM2": "__na__"})
    assert response.status_code == 400 and version_of(world, "COM2") == 0


def test_multiple_choice_keeps_every_chosen_option(world: Any, as_role: Any) -> None:
    as_role("coordinator").post(
        f"{BASE}/answers/education/", {"ver-EDU5": "0", "a-EDU5": ["twinning", "parents"]}
    )
    assert Answer.objects.get(assessment=draft(world), question="EDU5").value == {
        "choices": ["twinning", "parents"]
    }


def test_autosave_saves_one_answer_and_returns_version_progress_and_live_scores(
    world: Any, as_role: Any
) -> None:
    response = as_role("coordinator").post(
        f"{BASE}/save/", {"question": "COM2", "ver-COM2": "0", "a-COM2": "evaluated"}
    )
    data = response.json()
    assert response.status_code == 200 and data["status"] == "saved" and data["version"] == 1
    assert data["progress"] == "2 of 7 answered"
    assert data["indicator_score"] == "33"  # COM1 yes (100) and COM2 evaluated (100) of 6 scored questions
    again = as_role("coordinator").post(
        f"{BASE}/save/", {"question": "COM2", "ver-COM2": "1", "a-COM2": "evaluated"}
    )
    assert again.json()["status"] == "unchanged" and version_of(world, "COM2") == 1


def test_autosave_reports_invalid_values_without_saving(world: Any, as_role: Any) -> None:
    response = as_role("coordinator").post(
        f"{BASE}/save/", {"question": "COM6", "ver-COM6": "0", "a-COM6": "x"}
    )
    assert response.status_code == 400 and response.json()["errors"] == {"value": "Enter a number."}
    assert version_of(world, "COM6") == 0


def test_a_stale_save_is_refused_naming_the_question_and_both_values(world: Any, as_role: Any) -> None:
    as_role("coordinator").post(f"{BASE}/save/", {"question": "COM1", "ver-COM1": "1", "a-COM1": "no"})
    response = as_role("editor").post(
        f"{BASE}/save/", {"question": "COM1", "ver-COM1": "1", "a-COM1": "yes", "ev-COM1": "Mine"}
    )
    data = response.json()
    assert response.status_code == 409 and data["status"] == "conflict"
    assert "COM1" in data["message"] and "Has the city council adopted" in data["message"]
    assert "coordinator changed this answer" in data["message"]
    assert "Their answer: “No”. Your answer: “Yes”." in data["message"]
    answer = Answer.objects.get(assessment=draft(world), question="COM1")
    assert answer.value == {"choices": ["no"]} and answer.version == 2  # nothing overwritten
    refused = answer.changes.get(kind=AnswerChange.Kind.REFUSED)
    assert (
        refused.by == world.users["editor"]
        and refused.new_value == {"choices": ["yes"]}
        and refused.new_evidence == "Mine"
    )
    history = as_role("viewer").get(f"{BASE}/history/COM1/").content.decode()
    assert "Refused: not saved" in history and 'class="refused"' in history
    assert "<td>No</td>" in history and "<td>Yes</td>" in history


def test_a_plain_form_post_with_a_stale_version_is_refused_with_a_message(world: Any, as_role: Any) -> None:
    as_role("coordinator").post(f"{BASE}/save/", {"question": "COM1", "ver-COM1": "1", "a-COM1": "no"})
    response = as_role("editor").post(
        f"{BASE}/answers/commitment/", {"ver-COM1": "1", "a-COM1": "yes"}, follow=True
    )
    body = response.content.decode()
    assert "Not saved: “COM1 Has the city council" in body and "Your answer: “Yes”" in body
    assert Answer.objects.get(assessment=draft(world), question="COM1").value == {"choices": ["no"]}


def test_an_untouched_question_of_a_stale_form_is_skipped_not_refused(world: Any, as_role: Any) -> None:
    as_role("coordinator").post(f"{BASE}/save/", {"question": "COM1", "ver-COM1": "1", "a-COM1": "no"})
    # the editor's page was loaded before: COM1 still shows "yes" (version 1); they only answer COM2
    response = as_role("editor").post(
        f"{BASE}/answers/commitment/",
        {
            "ver-COM1": "1",
            "a-COM1": "yes",
            "ev-COM1": "Private evidence of city A",
            "ver-COM2": "0",
            "a-COM2": "adopted",
        },
    )
    assert response.status_code == 302
    assert not AnswerChange.objects.filter(kind=AnswerChange.Kind.REFUSED).exists()
    answers = {a.question: a.value for a in draft(world).answers.all()}
    assert answers["COM1"] == {"choices": ["no"]} and answers["COM2"] == {"choices": ["adopted"]}


def test_every_change_is_kept_with_who_when_old_and_new(world: Any, as_role: Any) -> None:
    for value, role in (("funded", "coordinator"), ("evaluated", "editor")):
        version = version_of(world, "COM2")
        as_role(role).post(f"{BASE}/save/", {"question": "COM2", "ver-COM2": str(version), "a-COM2": value})
    changes = list(Answer.objects.get(assessment=draft(world), question="COM2").changes.order_by("pk"))
    assert [(c.old_value, c.new_value, c.by.username) for c in changes] == [
        ({}, {"choices": ["funded"]}, "coordinator"),
        ({"choices": ["funded"]}, {"choices": ["evaluated"]}, "editor"),
    ]
    assert all(c.at is not None for c in changes)
    body = as_role("coordinator").get(f"{BASE}/history/COM2/").content.decode()
    assert body.index("editor") < body.index("coordinator</td>")  # newest first


def test_evidence_files_are_uploaded_listed_downloaded_and_removed(world: Any, as_role: Any) -> None:
    client = as_role("coordinator")
    upload = SimpleUploadedFile("strategy.pdf", b"%PDF-1.4 strategy", content_type="application/pdf")
    response = client.post(f"{BASE}/save/", {"question": "COM2", "ver-COM2": "0", "f-COM2": upload})
    assert response.status_code == 200 and "strategy.pdf" in response.json()["attachments_html"]
    answer = Answer.objects.get(assessment=draft(world), question="COM2")
    attachment = answer.attachments.get()
    download = client.get(attachment.get_absolute_url())
    assert download.streaming  # streamed from storage, not read into memory whole
    assert b"".join(download.streaming_content) == b"%PDF-1.4 strategy"
    assert download["Content-Length"] == str(len(b"%PDF-1.4 strategy"))
    assert (
        download["Content-Disposition"] == 'attachment; filename="strategy.pdf"'
        and download["Content-Type"] == "application/pdf"
        and download["Cache-Control"] == "private, no-store"
    )
    client.post(
        f"{BASE}/answers/commitment/", {"ver-COM2": str(answer.version), "rm-COM2": str(attachment.pk)}
    )
    assert not answer.attachments.exists()
    kinds = list(answer.changes.values_list("kind", "file_name"))
    assert kinds == [("file_added", "strategy.pdf"), ("file_removed", "strategy.pdf")]


def test_nothing_can_be_saved_once_the_assessment_is_submitted(world: Any, as_role: Any) -> None:
    client = as_role("coordinator")
    client.post(f"{BASE}/submit/")
    assert draft(world).state == "submitted"
    assert (
        client.post(f"{BASE}/save/", {"question": "COM2", "ver-COM2": "0", "a-COM2": "funded"}).status_code
        == 403
    )
    assert (
        client.post(f"{BASE}/answers/commitment/", {"ver-COM2": "0", "a-COM2": "funded"}).status_code == 403
    )
    assert version_of(world, "COM2") == 0


def test_an_unknown_indicator_or_question_is_not_found(as_role: Any) -> None:
    client = as_role("coordinator")
    assert client.get(f"{BASE}/answers/no-such-indicator/").status_code == 404
    assert client.get(f"{BASE}/history/NOPE1/").status_code == 404
    assert client.post(f"{BASE}/save/", {"question": "NOPE1"}).status_code == 400


@pytest.fixture
def on_2026_2(world: Any) -> Assessment:
    """The draft's round switched to questionnaire 2026.2 (exclusive 'none', 'not measured')."""
    from mangfold.web.assessments.questionnaires import bundled_version

    assessment = draft(world)
    assessment.round.questionnaire = bundled_version("2026.2")
    assessment.round.save()
    return assessment


def test_none_with_another_choice_is_refused_on_the_form_naming_the_option(
    world: Any, as_role: Any, on_2026_2: Assessment
) -> None:
    response = as_role("coordinator").post(
        f"{BASE}/save/", {"question": "PUB4", "ver-PUB4": "0", "a-PUB4": ["food", "none"]}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"value": "“None of these” cannot be combined with other options."}
    assert version_of(world, "PUB4") == 0
    ok = as_role("coordinator").post(
        f"{BASE}/save/", {"question": "PUB4", "ver-PUB4": "0", "a-PUB4": ["none"]}
    )
    assert ok.status_code == 200 and version_of(world, "PUB4") == 1


def test_not_measured_is_offered_and_saved_only_where_the_question_allows_it(
    world: Any, as_role: Any, on_2026_2: Assessment
) -> None:
    client = as_role("coordinator")
    body = client.get(f"{BASE}/answers/welcoming/").content.decode()
    assert 'name="nm-WEL5"' in body and 'name="nm-WEL1"' not in body
    client.post(f"{BASE}/save/", {"question": "WEL5", "ver-WEL5": "0", "nm-WEL5": "1"})
    assert Answer.objects.get(assessment=on_2026_2, question="WEL5").value == {"nm": True}
    refused = client.post(f"{BASE}/save/", {"question": "WEL1", "ver-WEL1": "0", "nm-WEL1": "1"})
    assert refused.status_code == 400 and version_of(world, "WEL1") == 0


def test_the_scorecard_shows_the_coverage_of_an_indicator_with_a_not_measured_answer(
    world: Any, as_role: Any, on_2026_2: Assessment
) -> None:
    client = as_role("coordinator")
    client.post(f"{BASE}/save/", {"question": "WEL5", "ver-WEL5": "0", "nm-WEL5": "1"})
    body = client.get(f"{BASE}/scorecard/").content.decode()
    # welcoming: WEL1–WEL5 scored, WEL5 not measured: 4 of 5 weights count
    assert "Coverage 80 %: questions answered “not measured”" in body
    assert "not measured: left out of the mean" in body
    danish = client.get(BASE.replace("/en/", "/da/") + "/scorecard/").content.decode()
    assert "Dækning 80 %" in danish
