"""Background tasks of the reports (django-tasks; the worker: ``mangfold worker``).

:func:`run` is the body of :func:`make_report`: it makes the file of one
:class:`~mangfold.web.reports.models.ReportFile` through :func:`mangfold.web.reports.rendering.make`,
reporting its progress on the row.
"""

from __future__ import annotations

import logging
import time

from django.utils import timezone
from django_tasks import task

from mangfold.web.reports.models import ReportFile
from mangfold.web.reports.rendering import make

log = logging.getLogger(__name__)


@task()
def make_report(file_id: int) -> str:
    """Make the report file ``file_id`` (a :class:`~mangfold.web.reports.models.ReportFile`); its status."""
    return run(file_id)


def run(file_id: int) -> str:
    """Make the file of ReportFile ``file_id`` (the background task's body); its final status."""
    report_file = ReportFile.objects.defer("content").select_related("round__network", "city").get(pk=file_id)
    started = time.perf_counter()
    ReportFile.objects.filter(pk=file_id).update(status=ReportFile.Status.RUNNING, started_at=timezone.now())

    def progress(percent: int, step: str) -> None:
        ReportFile.objects.filter(pk=file_id).update(progress=percent, step=step)

    try:
        content = make(
            report_file.kind,
            report_file.fmt,
            report_file.round,
            report_file.city.slug,
            report_file.language,
            progress,
        )
        if content is None:
            raise LookupError("the city has no published result in this round")
    except Exception as error:
        log.exception("report file %s failed", file_id)
        ReportFile.objects.filter(pk=file_id).update(
            status=ReportFile.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        return ReportFile.Status.FAILED
    ReportFile.objects.filter(pk=file_id).update(
        status=ReportFile.Status.DONE,
        progress=100,
        step="done",
        content=content,
        size=len(content),
        finished_at=timezone.now(),
        seconds=time.perf_counter() - started,
    )
    stale = ReportFile.objects.filter(
        kind=report_file.kind,
        fmt=report_file.fmt,
        city=report_file.city,
        round=report_file.round,
        language=report_file.language,
        status__in=[ReportFile.Status.DONE, ReportFile.Status.FAILED],
    ).exclude(pk=file_id)
    stale.delete()
    return ReportFile.Status.DONE
