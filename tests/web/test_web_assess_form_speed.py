"""The answer form and autosave cost a fixed number of queries, whatever a section holds, and what the form
builds ahead of the template (addresses, sections, comments with their users) is what it built before."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch

from mangfold.index.answers import parse_answers
from mangfold.index.scoring import score
from mangfold.web.assessments.answer_display import section_of, sections
from mangfold.web.assessments.models import Answer, Assessment, Attachment, QuestionComment
from mangfold.web.assessments.review import comments_by_question
from mangfold.web.assessments.scores import live_scorecard, questionnaire_for
from mangfold.web.assessments.views_form import urls_by_code

pytestmark = pytest.mark.django_db

BASE = "/en/assessments/test-network/2026/city/city-a"


def draft(world: Any) -> Assessment:
    return Assessment.objects.select_related("round__network", "city").get(
        round__slug="2026", city=world.city_a
    )


def queries(client: Client, method: str, path: str, **data: Any) -> tuple[int, Any]:
    client.get(f"{BASE}/answers/commitment/")  # the questionnaire is parsed once per process: not counted
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(path, **data)
    return len(captured), response


def fill_commitment(world: Any, comments: bool = False) -> None:
    """Answer every question of the first indicator with two evidence files each and, if asked, two review
    comments each (one of them answered)."""
    assessment = draft(world)
    for question in sections(questionnaire_for(assessment))[0].questions:
        answer, _ = Answer.objects.get_or_create(
            assessment=assessment,
            question=question.code,
            defaults={"value": {"text": "x"}, "version": 1, "updated_by": world.users["editor"]},
        )
        for name in ("a.txt", "b.txt"):
            Attachment.objects.create(answer=answer, file=ContentFile(b"x", name=name), name=name)
        if comments:
            admin, editor = world.users["admin"], world.users["editor"]
            QuestionComment.objects.create(
                assessment=assessment, question=question.code, text="Why?", by=admin
            )
            QuestionComment.objects.create(
                assessment=assessment,
                question=question.code,
                text="And?",
                by=admin,
                reply="Because.",
                replied_by=editor,
            )


def test_the_form_costs_the_same_queries_whatever_the_section_holds(world: Any, as_role: Any) -> None:
    client = as_role("editor")
    empty, _ = queries(client, "get", f"{BASE}/answers/education/")  # nothing answered on this indicator
    fill_commitment(world)
    filled, page = queries(client, "get", f"{BASE}/answers/commitment/")
    assert page.status_code == 200 and page.content.decode().count("/files/") == 14 + 1  # + COM1's own
    assert filled == empty + 1  # the indicator's evidence files, in one query
    fill_commitment(world, comments=True)
    commented, page = queries(client, "get", f"{BASE}/answers/commitment/")
    assert page.content.decode().count('id="comment-') == 14
    assert commented == filled + 1  # who wrote and answered the comments, in one query


def test_autosave_costs_the_same_queries_with_or_without_evidence_files(world: Any, as_role: Any) -> None:
    fill_commitment(world)
    assessment = draft(world)
    Attachment.objects.filter(answer__question="COM2").delete()
    client = as_role("editor")

    def change(code: str) -> tuple[int, Any]:
        version = Answer.objects.get(assessment=assessment, question=code).version
        data = {"question": code, f"ver-{code}": str(version), f"ev-{code}": "Changed."}
        return queries(client, "post", f"{BASE}/save/", data=data)

    without, response = change("COM2")
    assert response.json()["status"] == "saved" and "<li>" not in response.json()["attachments_html"]
    with_files, response = change("COM3")
    assert response.json()["status"] == "saved" and response.json()["attachments_html"].count("<li>") == 2
    assert with_files == without


def test_the_form_links_each_question_to_its_history_and_each_indicator_to_its_page(
    world: Any, as_role: Any
) -> None:
    assessment = draft(world)
    found = sections(questionnaire_for(assessment))
    body = as_role("viewer").get(f"{BASE}/answers/{found[1].code}/").content.decode()
    for question in found[1].questions:
        assert f'<a href="{assessment.url("history", question.code)}">' in body
    for section in found:
        assert f'<a href="{assessment.url("form", section.code)}"' in body
    assert f'<a href="{assessment.url("form", found[1].code)}" aria-current="page">' in body
    assert f'<a href="{assessment.url("form", found[0].code)}" rel="prev">' in body
    assert f'<a href="{assessment.url("form", found[2].code)}" rel="next">' in body


def test_addresses_by_code_are_the_reversed_ones(world: Any) -> None:
    assessment = draft(world)
    questionnaire = questionnaire_for(assessment)
    assert questionnaire is not None
    for name, codes in (
        ("form", [s.code for s in sections(questionnaire)]),
        ("history", [q.code for q in questionnaire.questions]),
    ):
        url = urls_by_code(assessment, name)
        assert [url(code) for code in codes] == [assessment.url(name, code) for code in codes]
    with pytest.raises(NoReverseMatch):  # as reverse(): a code that is no slug has no address
        urls_by_code(assessment, "history")("A B")


def test_the_section_of_a_question_is_the_one_listing_it(world: Any) -> None:
    questionnaire = questionnaire_for(draft(world))
    assert questionnaire is not None
    for section in sections(questionnaire):
        for question in section.questions:
            assert section_of(questionnaire, question) == section


def test_comments_come_with_who_wrote_and_answered_them(world: Any, django_assert_num_queries: Any) -> None:
    fill_commitment(world, comments=True)
    assessment = draft(world)
    with django_assert_num_queries(2):
        found = comments_by_question(assessment)
        people = {
            (c.by.username if c.by else None, c.replied_by.username if c.replied_by else None)
            for comments in found.values()
            for c in comments
        }
    assert people == {("admin", None), ("admin", "editor")}
    assert [c.text for c in found["COM1"]] == ["Why?", "And?"]
    QuestionComment.objects.all().delete()
    with django_assert_num_queries(1):
        assert comments_by_question(assessment) == {}


def test_the_live_scorecard_scores_the_answers_that_fit_the_questionnaire(world: Any) -> None:
    assessment = draft(world)
    stored = {
        "COM2": {"choices": ["funded"]},
        "COM3": {"choices": ["no-longer-a-choice"]},  # stored under an older questionnaire
        "OLD9": {"text": "a question that is gone"},
        "COM6": {"number": 40.0},
        "EDU1": {"na": True},
    }
    for code, value in stored.items():
        Answer.objects.create(assessment=assessment, question=code, value=value, version=1)
    questionnaire = questionnaire_for(assessment)
    assert questionnaire is not None
    fitting = {"COM1": ["yes"], "COM2": ["funded"], "COM6": 40.0, "EDU1": "na"}
    card = live_scorecard(assessment)
    assert card == score(questionnaire, parse_answers(questionnaire, fitting))
    assert card is not None and card.indicator("commitment").score is not None
