"""Deadline reminders: who gets them, when, never twice a day; the command and the background task."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from mangfold.web.accounts.models import CityRole
from mangfold.web.assessments.models import Assessment, Reminder, Round
from mangfold.web.assessments.reminders import send_reminders

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 3, 31)


@pytest.fixture
def round_2026(world: Any) -> Round:
    round_ = Round.objects.get(network=world.network, slug="2026")
    round_.deadline = DEADLINE
    round_.save()
    return round_


def test_cities_that_have_not_submitted_are_reminded_on_the_chosen_days(
    world: Any, round_2026: Round
) -> None:
    mail.outbox.clear()
    assert send_reminders(DEADLINE - datetime.timedelta(days=8), days=(7,)) == []
    sent = send_reminders(DEADLINE - datetime.timedelta(days=7), days=(7,))
    # city A's draft is reminded, city B has published; the 2025 round has no deadline
    assert [(r.round.slug, r.city.slug) for r in sent] == [("2026", "city-a")]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["coordinator@example.org", "editor@example.org"]  # not the viewer
    assert "Aby" in message.subject
    assert "1 of" in message.body and "/da/assessments/test-network/2026/city/city-a/" in message.body
    assert "31. marts 2026" in message.body and "March 31, 2026" in message.body


def test_a_city_is_reminded_at_most_once_a_day(world: Any, round_2026: Round) -> None:
    day = DEADLINE - datetime.timedelta(days=1)
    assert len(send_reminders(day, days=(1,))) == 1
    assert send_reminders(day, days=(1,)) == []
    assert Reminder.objects.count() == 1


def test_a_city_without_an_assessment_is_reminded_to_start(world: Any, round_2026: Round) -> None:
    Assessment.objects.filter(round=round_2026, city=world.city_a).delete()
    mail.outbox.clear()
    send_reminders(DEADLINE, days=(0,))
    assert "has not been started" in mail.outbox[0].body
    assert "/en/assessments/test-network/2026/" in mail.outbox[0].body


def test_submitted_cities_and_cities_without_officials_get_nothing(world: Any, round_2026: Round) -> None:
    Assessment.objects.filter(round=round_2026, city=world.city_a).update(state="submitted")
    assert send_reminders(DEADLINE, days=(0,)) == []
    Assessment.objects.filter(round=round_2026, city=world.city_a).update(state="returned")
    CityRole.objects.filter(city=world.city_a).delete()
    assert send_reminders(DEADLINE, days=(0,)) == []


def test_the_command_sends_them(world: Any, round_2026: Round) -> None:
    out = StringIO()
    call_command("send_reminders", "--date", "2026-03-17", "--days", "14", stdout=out)
    assert "1 reminder(s) sent." in out.getvalue()


def test_the_command_can_queue_the_task_for_the_worker(world: Any, round_2026: Round, settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    out = StringIO()
    call_command("send_reminders", "--enqueue", "--days", "0", stdout=out)
    assert "Queued reminder task" in out.getvalue()
    task = DBTaskResult.objects.get()
    assert task.task_path == "mangfold.web.assessments.tasks.send_reminders_task"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from mangfold.web.assessments.tasks import send_reminders_task

    today = datetime.date.today()
    round_2026.deadline = today
    round_2026.save()
    result = send_reminders_task.enqueue([0])
    assert result.return_value == 1
