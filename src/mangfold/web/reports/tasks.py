"""Background tasks of the reports (django-tasks; the worker: ``manage.py db_worker``)."""

from __future__ import annotations

from django_tasks import task

from mangfold.web.reports.generate import run


@task()
def make_report(file_id: int) -> str:
    """Make the report file ``file_id`` (a :class:`~mangfold.web.reports.models.ReportFile`); its status."""
    return run(file_id)
