"""Background tasks (django-tasks; the worker is ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from mangfold.web.assessments.reminders import DEFAULT_DAYS, send_reminders


@task()
def send_reminders_task(days: list[int] | None = None) -> int:
    """Send today's deadline reminders; the number sent."""
    return len(send_reminders(days=days if days is not None else DEFAULT_DAYS))
