"""Background tasks (django-tasks; the worker is ``manage.py db_worker``)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from mangfold.web.assessments.models import Assessment, Transition
from mangfold.web.assessments.notices import send_notice
from mangfold.web.assessments.reminders import DEFAULT_DAYS, send_reminders


@task()
def send_reminders_task(days: list[int] | None = None) -> int:
    """Send today's deadline reminders; the number sent."""
    return len(send_reminders(days=days if days is not None else DEFAULT_DAYS))


@task()
def notify_task(assessment_id: int, event: str, transition_id: int | None = None) -> int:
    """E-mail the people told of ``event`` on the assessment (:mod:`~mangfold.web.assessments.notices`)."""
    assessment = Assessment.objects.select_related("round__network", "city").filter(pk=assessment_id).first()
    if assessment is None:
        return 0
    transition = (
        Transition.objects.select_related("by").filter(pk=transition_id).first() if transition_id else None
    )
    return send_notice(assessment, event, transition)


def queue_notice(assessment: Assessment, event: str, transition: Transition | None = None) -> None:
    """Have the worker send the notice of ``event`` once the current transaction is committed."""
    pk, transition_pk = assessment.pk, transition.pk if transition else None
    transaction.on_commit(lambda: notify_task.enqueue(pk, event, transition_pk))
