"""Report files: finding the current one and queueing the background task that makes one.

A file is found by its cache key (:func:`mangfold.web.reports.keys.report_key`); the task that makes it
is :func:`mangfold.web.reports.tasks.make_report`, whose body renders through
:mod:`mangfold.web.reports.rendering`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import IntegrityError, transaction
from django.utils import timezone

from mangfold.web.assessments.models import Round
from mangfold.web.network.models import City
from mangfold.web.reports.keys import report_key
from mangfold.web.reports.models import ReportFile
from mangfold.web.reports.tasks import make_report

STALLED_AFTER = datetime.timedelta(minutes=10)
"""A file still "being made" this long after the worker started it is made again when asked for."""


def current_file(
    kind: str, fmt: str, round_: Round, city: City, lang: str, *, data: Mapping[str, Any] | None = None
) -> ReportFile | None:
    """The file made (or being made) for the current data, if any (its content not loaded)."""
    key = report_key(kind, fmt, round_, city, lang, data=data)
    return ReportFile.objects.defer("content").filter(key=key).first()


def stalled(report: ReportFile) -> bool:
    """A file the worker started more than :data:`STALLED_AFTER` ago and never finished (the worker died)."""
    started = report.started_at
    running = report.status == ReportFile.Status.RUNNING
    return running and started is not None and timezone.now() - started > STALLED_AFTER


def start(
    kind: str,
    fmt: str,
    round_: Round,
    city: City,
    lang: str,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> ReportFile:
    """The current file, or a new one queued for the worker; a failed or stalled one is queued again."""
    key = report_key(kind, fmt, round_, city, lang)
    found = ReportFile.objects.defer("content").filter(key=key).first()
    if found is not None and found.status != ReportFile.Status.FAILED and not stalled(found):
        return found
    requested_by = user if isinstance(user, User) else None
    if found is not None:
        found.status, found.progress, found.step, found.error = ReportFile.Status.QUEUED, 0, "", ""
        found.task_id, found.started_at = "", None
        found.save(update_fields=["status", "progress", "step", "error", "task_id", "started_at"])
        report = found
    else:
        try:
            with transaction.atomic():
                report = ReportFile.objects.create(
                    key=key,
                    kind=kind,
                    fmt=fmt,
                    city=city,
                    round=round_,
                    language=lang,
                    requested_by=requested_by,
                )
        except IntegrityError:  # requested twice at the same moment: the other request queued it
            return ReportFile.objects.defer("content").get(key=key)
    result = make_report.enqueue(report.pk)
    ReportFile.objects.filter(pk=report.pk, task_id="").update(task_id=str(result.id)[:64])
    report.refresh_from_db(fields=["status", "progress", "step", "error", "task_id", "size", "finished_at"])
    return report
