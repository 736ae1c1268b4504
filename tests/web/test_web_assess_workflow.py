"""The review workflow: states, who may move them, the record of every change, e-mail, official scores."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from mangfold.web.accounts import policy
from mangfold.web.accounts.policy import Action
from mangfold.web.assessments.models import Answer, Assessment
from mangfold.web.assessments.workflow import InvalidTransition, move

pytestmark = pytest.mark.django_db

A = "/en/assessments/test-network/2026/city/city-a"


def get(world: Any, slug: str = "2026", city: str = "a") -> Assessment:
    return Assessment.objects.get(round__slug=slug, city=world.city_a if city == "a" else world.city_b)


def test_the_whole_cycle_is_recorded_with_who_when_and_comments(world: Any, as_role: Any) -> None:
    coordinator, admin = as_role("coordinator"), as_role("admin")
    assert coordinator.post(f"{A}/submit/").status_code == 302
    admin.post(f"{A}/return/", {"comment": "COM2 needs the budget decision as evidence."})
    assert get(world).state == "returned"
    coordinator.post(f"{A}/submit/")
    admin.post(f"{A}/approve/")
    admin.post(f"{A}/publish/")
    assessment = get(world)
    assert assessment.state == "published" and assessment.published_at is not None
    records = [(t.from_state, t.to_state, t.by.username) for t in assessment.transitions.all()]
    assert records == [
        ("draft", "submitted", "coordinator"),
        ("submitted", "returned", "admin"),
        ("returned", "submitted", "coordinator"),
        ("submitted", "approved", "admin"),
        ("approved", "published", "admin"),
    ]
    assert (
        assessment.transitions.get(to_state="returned").comment
        == "COM2 needs the budget decision as evidence."
    )
    body = as_role("viewer").get(f"{A}/").content.decode()
    assert "COM2 needs the budget decision" in body and "submitted → returned with comments" in body


def test_returning_emails_the_coordinators_with_the_comment_in_both_languages(
    world: Any, as_role: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    as_role("coordinator").post(f"{A}/submit/")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_role("admin").post(f"{A}/return/", {"comment": "Please add links for COM1."})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["admin@example.org", "coordinator@example.org"]  # the worker's notice
    assert "Aby" in message.subject and "Round 2026" in message.subject
    assert message.body.count("Please add links for COM1.") == 2  # Danish and English parts
    assert "/da/assessments/test-network/2026/city/city-a/" in message.body
    assert "/en/assessments/test-network/2026/city/city-a/" in message.body
    assert "returneret" in message.body.lower() or "sendt tilbage" in message.body.lower()


def test_a_return_needs_a_comment(world: Any, as_role: Any) -> None:
    as_role("coordinator").post(f"{A}/submit/")
    response = as_role("admin").post(f"{A}/return/", {"comment": "  "})
    assert response.status_code == 400 and 'id="comment-error"' in response.content.decode()
    assert get(world).state == "submitted"


def test_the_returned_assessment_can_be_corrected_and_resubmitted(world: Any, as_role: Any) -> None:
    coordinator = as_role("coordinator")
    coordinator.post(f"{A}/submit/")
    as_role("admin").post(f"{A}/return/", {"comment": "Fix COM2"})
    response = coordinator.post(f"{A}/save/", {"question": "COM2", "ver-COM2": "0", "a-COM2": "funded"})
    assert response.status_code == 200
    assert coordinator.post(f"{A}/submit/").status_code == 302
    assert get(world).state == "submitted"


def test_approval_fixes_the_official_scorecard_as_json(world: Any, as_role: Any) -> None:
    as_role("coordinator").post(f"{A}/submit/")
    as_role("admin").post(f"{A}/approve/")
    assessment = get(world)
    card = assessment.official_scorecard
    assert card["indicators"][0]["code"] == "commitment"
    com1 = card["indicators"][0]["questions"][0]
    assert com1["code"] == "COM1" and com1["points"] == 100 and "evidence" not in com1
    assert assessment.overall == pytest.approx(card["core_index"])
    # a later change to the stored answers (or the rules) never alters the official scores
    Answer.objects.filter(assessment=assessment).update(value={"choices": ["no"]})
    assessment.refresh_from_db()
    assert assessment.official_scorecard == card
    body = as_role("viewer").get(f"{A}/scorecard/").content.decode()
    assert "official scores, fixed when the assessment was approved" in body


def test_moves_that_the_state_does_not_allow_are_refused(world: Any) -> None:
    draft = get(world)
    with pytest.raises(InvalidTransition):
        move(draft, "approved", world.users["admin"])
    with pytest.raises(InvalidTransition):
        move(draft, "published", world.users["admin"])
    published = get(world, city="b")
    with pytest.raises(InvalidTransition):
        move(published, "submitted", world.users["official_b"])
    assert get(world).transitions.count() == 0


def test_the_policy_narrows_a_role_by_the_state(world: Any) -> None:
    users = world.users
    draft, submitted = get(world), get(world, "2025")
    assert policy.assessment_actions(users["coordinator"], draft) >= {Action.EDIT_ANSWERS, Action.SUBMIT}
    assert Action.SUBMIT not in policy.assessment_actions(users["editor"], draft)
    assert Action.EDIT_ANSWERS not in policy.assessment_actions(users["coordinator"], submitted)
    assert Action.REVIEW in policy.assessment_actions(users["admin"], submitted)
    assert Action.REVIEW not in policy.assessment_actions(users["admin"], draft)
    assert policy.assessment_actions(users["official_b"], draft) == frozenset()
    assert Action.PUBLISH in policy.assessment_actions(users["admin"], get(world, "2025", "b"))


def test_an_embargo_keeps_published_results_private_until_it_ends(world: Any, as_role: Any) -> None:
    published = get(world, city="b")
    round_ = published.round
    round_.embargo_until = timezone.now() + datetime.timedelta(days=3)
    round_.save()
    assert not get(world, city="b").is_public
    assert Client().get("/en/assessments/test-network/2026/city/city-b/").status_code == 302
    assert as_role("coordinator").get("/en/assessments/test-network/2026/city/city-b/").status_code == 404
    results = Client().get("/en/assessments/test-network/2026/results/").content.decode()
    assert "Bby" not in results and "under embargo until" in results
    assert published not in policy.visible_assessments(world.users["coordinator"])
    round_.embargo_until = timezone.now() - datetime.timedelta(minutes=1)
    round_.save()
    assert Client().get("/en/assessments/test-network/2026/city/city-b/").status_code == 200
    assert published in policy.visible_assessments(world.users["coordinator"])


def test_publishing_under_embargo_says_when_the_scores_become_public(world: Any, as_role: Any) -> None:
    approved = get(world, "2025", "b")
    approved.round.embargo_until = timezone.now() + datetime.timedelta(days=1)
    approved.round.save()
    response = as_role("admin").post("/en/assessments/test-network/2025/city/city-b/publish/", follow=True)
    assert "become public when the embargo ends" in response.content.decode()
    assert get(world, "2025", "b").state == "published"


def test_a_city_official_starts_the_assessment_from_the_round_page(world: Any, as_role: Any) -> None:
    get(world).delete()
    client = as_role("editor")
    page = client.get("/en/assessments/test-network/2026/").content.decode()
    assert "Start the assessment of Aby" in page
    response = client.post(f"{A}/start/")
    assert response.status_code == 302 and response["Location"] == f"{A}/"
    created = get(world)
    assert created.state == "draft" and created.transitions.get().by == world.users["editor"]
    assert client.post(f"{A}/start/").status_code == 302  # a second start opens the same one
    assert Assessment.objects.filter(round__slug="2026", city=world.city_a).count() == 1


def test_the_round_page_shows_each_user_what_they_may_see(world: Any, as_role: Any) -> None:
    admin_page = as_role("admin").get("/en/assessments/test-network/2026/").content.decode()
    assert "All cities of the network" in admin_page and "Aby" in admin_page and "Bby" in admin_page
    public_page = Client().get("/en/assessments/test-network/2026/").content.decode()
    assert "Bby" in public_page and "Aby" not in public_page


def test_the_assessments_page_lists_each_officials_own_assessments(world: Any, as_role: Any) -> None:
    page = as_role("viewer").get("/en/assessments/").content.decode()
    assert "Your assessments" in page and page.count('href="/en/assessments/test-network/') >= 2
    assert "/2026/city/city-a/" in page and "/2025/city/city-a/" in page and "/city/city-b/" not in page
    assert "Your assessments" not in Client().get("/en/assessments/").content.decode()
