"""Review in the product: the queue, the one-page review, comments per question, confirmations, notices,
and the city's start page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail

from mangfold.web.assessments.models import Answer, Assessment, QuestionComment, Transition

pytestmark = pytest.mark.django_db

A26 = "/da/assessments/test-network/2026/city/city-a"
A25 = "/da/assessments/test-network/2025/city/city-a"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def submitted(world: Any) -> Assessment:
    return Assessment.objects.get(round__slug="2025", city=world.city_a)


def test_the_queue_lists_submitted_assessments_longest_waiting_first(world: Any, as_role: Any) -> None:
    b26 = Assessment.objects.get(round__slug="2026", city=world.city_b)
    Assessment.objects.filter(pk=b26.pk).update(state="submitted")
    Transition.objects.create(
        assessment=b26,
        from_state="draft",
        to_state="submitted",
        at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    page = as_role("admin").get("/da/assessments/review/").content.decode()
    first, second = (
        page.index(f"{'/da/assessments/test-network/2026/city/city-b/review/'}"),
        page.index(f"{A25}/review/"),
    )
    assert first < second  # Bby has waited since 2020
    assert "/da/assessments/test-network/2025/city/city-b/publish/" in page  # approved: waits to be published
    assert as_role("coordinator").get("/da/assessments/review/").status_code == 403


def test_the_review_page_shows_the_chosen_answer_legibly_with_its_evidence(world: Any, as_role: Any) -> None:
    page = as_role("admin").get(f"{A25}/review/").content.decode()
    assert '<li class="chosen"><strong>✓ Ja</strong>' in page
    assert "Private evidence of city A" in page and "minutes.txt" in page
    assert "disabled" not in page.split('id="q-COM1"')[1].split("</article>")[0]
    assert 'id="comment-COM2"' in page  # the reviewer may comment on every question


def test_comments_on_two_questions_go_back_with_the_assessment_and_are_shown_beside_them(
    world: Any, as_role: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = IMMEDIATE
    admin = as_role("admin")
    admin.post(f"{A25}/review/comments/", {"question": "COM1", "text": "Link the council decision."})
    admin.post(f"{A25}/review/comments/", {"question": "EDU1", "text": "Give this year's count."})
    confirm = admin.get(f"{A25}/return/").content.decode()
    assert "Link the council decision." in confirm and "Give this year" in confirm
    assert "admin, coordinator" in confirm  # who is told, named before anything happens
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(f"{A25}/return/", {"comment": ""}).status_code == 302  # comments are enough
    assessment = submitted(world)
    assert assessment.state == "returned"
    assert mail.outbox[0].to == ["admin@example.org", "coordinator@example.org"]
    assert mail.outbox[0].body.count("COM1: Link the council decision.") == 2  # Danish and English
    form = as_role("editor").get(f"{A25}/answers/commitment/").content.decode()
    question = form.split('id="q-COM1"')[1].split("</fieldset>")[0]
    assert "Link the council decision." in question and 'name="reply"' in question
    assert "Give this year" not in form  # EDU1 is on its own indicator's page


def test_the_city_replies_to_a_comment_and_the_reply_stays_in_the_answers_history(
    world: Any, as_role: Any
) -> None:
    assessment = submitted(world)
    comment = QuestionComment.objects.create(
        assessment=assessment, question="COM1", text="Link it.", by=world.users["admin"]
    )
    as_role("admin").post(f"{A25}/return/", {"comment": ""})
    response = as_role("editor").post(
        f"{A25}/review/comments/{comment.pk}/reply/",
        {"reply": "Linked the decision of 3 May.", "next": f"{A25}/answers/commitment/"},
    )
    assert response.status_code == 302 and response["Location"] == f"{A25}/answers/commitment/"
    comment.refresh_from_db()
    assert comment.closed_at is not None and comment.replied_by == world.users["editor"]
    history = as_role("viewer").get(f"{A25}/history/COM1/").content.decode()
    assert "Link it." in history and "Linked the decision of 3 May." in history


def test_a_reply_may_not_lead_to_another_site(world: Any, as_role: Any) -> None:
    assessment = submitted(world)
    comment = QuestionComment.objects.create(assessment=assessment, question="COM1", text="Link it.")
    as_role("admin").post(f"{A25}/return/", {"comment": "See COM1."})
    response = as_role("editor").post(
        f"{A25}/review/comments/{comment.pk}/reply/", {"reply": "Done", "next": "https://evil.example/"}
    )
    assert response["Location"] == f"{A25}/"


def test_only_reviewers_comment_and_only_while_the_assessment_is_submitted(world: Any, as_role: Any) -> None:
    assert (
        as_role("coordinator").post(f"{A25}/review/comments/", {"question": "COM1", "text": "x"}).status_code
        == 403
    )
    assert (
        as_role("admin").post(f"{A26}/review/comments/", {"question": "COM1", "text": "x"}).status_code == 403
    )
    assert not QuestionComment.objects.exists()


def test_submitting_asks_for_confirmation_first_and_says_what_is_left(
    world: Any, as_role: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = IMMEDIATE
    coordinator = as_role("coordinator")
    page = coordinator.get(f"{A26}/submit/").content.decode()
    assessment = Assessment.objects.get(round__slug="2026", city=world.city_a)
    assert assessment.state == "draft"  # the page changes nothing
    assert "Hvad der sker" in page and "Hvem der får besked" in page and "admin, coordinator" in page
    assert "spørgsmål er ikke besvaret" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert coordinator.post(f"{A26}/submit/").status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == "submitted"
    assert mail.outbox[0].to == ["admin@example.org", "coordinator@example.org"]
    assert "/da/assessments/test-network/2026/city/city-a/review/" in mail.outbox[0].body


def test_an_editor_is_told_that_the_coordinator_submits(world: Any, as_role: Any) -> None:
    page = as_role("editor").get(f"{A26}/").content.decode()
    assert "Kun kommunens koordinator indsender selvevalueringen til gennemgang: coordinator." in page
    assert f"{A26}/submit/" not in page


def test_the_city_start_page_says_what_is_left_and_where_to_go(world: Any, as_role: Any) -> None:
    assessment = Assessment.objects.get(round__slug="2026", city=world.city_a)
    Answer.objects.create(assessment=assessment, question="COM2", value={"choices": ["funded"]})
    QuestionComment.objects.create(assessment=assessment, question="COM2", text="Which budget?")
    page = as_role("editor").get("/da/accounts/cities/city-a/").content.decode()
    section = page.split("Round 2026")[1].split("</section>")[0]
    assert "1 svar uden dokumentation" in section and "(COM2)" in section  # COM1 has evidence, COM2 none
    assert "1 ubesvaret kommentar fra gennemgangen" in section
    assert f"{A26}/answers/" in section and f"{A26}/scorecard/" in section
    assert "Kommunens koordinator indsender selvevalueringerne til gennemgang: coordinator." in page
    assert as_role("official_b").get("/da/accounts/cities/city-a/").status_code == 403


def test_after_publishing_the_start_page_leads_to_the_public_result_and_the_report_files(
    world: Any, as_role: Any
) -> None:
    page = as_role("official_b").get("/da/accounts/cities/city-b/").content.decode()
    section = page.split("Round 2026")[1].split("</section>")[0]
    assert "/da/results/test-network/2026/city/city-b/" in section
    assert "/da/reports/test-network/2026/city-b/profile/pdf/" in section
    assert "/da/reports/test-network/2026/city-b/briefing/docx/" in section
    assert "Hvad der mangler" not in section


def test_my_cities_lead_to_each_citys_start_page(world: Any, as_role: Any) -> None:
    assert 'href="/da/accounts/cities/city-a/"' in as_role("viewer").get("/da/accounts/me/").content.decode()


def test_a_network_administrator_finds_the_queue_and_a_new_round_on_my_cities(
    world: Any, as_role: Any
) -> None:
    page = as_role("admin").get("/da/accounts/me/").content.decode()
    assert 'href="/da/assessments/review/"' in page and 'href="/da/assessments/new/"' in page
    assert (
        'href="/da/assessments/review/"'
        not in as_role("coordinator").get("/da/accounts/me/").content.decode()
    )


def test_a_stored_script_address_is_never_a_link_on_the_review_page(world: Any, as_role: Any) -> None:
    Answer.objects.filter(assessment=submitted(world), question="COM1").update(
        links="https://example.org/decision\njavascript:alert(1)"
    )
    page = as_role("admin").get(f"{A25}/review/").content.decode()
    assert 'href="https://example.org/decision"' in page
    assert 'href="javascript' not in page and "<li>javascript:alert(1)</li>" in page
