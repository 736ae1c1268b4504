"""The one-page review reads a fixed number of queries, however many evidence files the answers carry."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mangfold.web.assessments.answer_display import sections
from mangfold.web.assessments.models import Answer, Assessment, Attachment
from mangfold.web.assessments.scores import questionnaire_for

pytestmark = pytest.mark.django_db

REVIEW = "/da/assessments/test-network/2025/city/city-a/review/"


def answer_with_files(world: Any, files: int, questions: int | None = None) -> None:
    """Answer the first ``questions`` (all: None) of the first indicator with ``files`` evidence files
    each."""
    assessment = Assessment.objects.get(round__slug="2025", city=world.city_a)
    for question in sections(questionnaire_for(assessment))[0].questions[:questions]:
        answer, _ = Answer.objects.get_or_create(
            assessment=assessment, question=question.code, defaults={"value": {"text": "x"}}
        )
        for i in range(answer.attachments.count(), files):
            name = f"evidence-{i}.txt"
            Attachment.objects.create(answer=answer, file=ContentFile(b"x", name=name), name=name)


def queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(REVIEW)
    assert response.status_code == 200
    return len(captured)


def test_the_review_reads_as_many_queries_for_many_files_as_for_one(world: Any) -> None:
    client = Client()
    client.force_login(world.users["admin"])
    answer_with_files(world, 1, questions=1)
    client.get(REVIEW)  # the questionnaire is parsed once per process: not counted
    one = queries(client)
    answer_with_files(world, 4)
    page = client.get(REVIEW).content.decode()
    assert page.count("evidence-3") >= 1  # the new files are listed …
    assert queries(client) == one  # … without a query per file
