"""Scheduled refresh of fetched statistics, run by the worker (django-tasks).

Off by default: ``MANGFOLD_STATISTICS_REFRESH_HOURS`` = 0. With N > 0 hours, every fetched source marked
*refresh* whose last fetch is N hours old or more is fetched again with the same request (its stored
:class:`~mangfold.sources.plan.FetchPlan`) and replaces its dataset in one transaction; a failure is kept
on the source (``last_error``) and the old data stay. After a run the task puts itself in the queue
again, N hours later (one pending run at a time). The first run is queued when a user marks a fetch for
refresh, or by ``mangfold fetch refresh``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from mangfold.population.errors import PopulationFileError
from mangfold.sources.errors import FetchError
from mangfold.sources.plan import FetchPlan, run
from mangfold.web.env import env_int
from mangfold.web.statistics.fetching import store_fetch
from mangfold.web.statistics.models import FetchedSource

__all__ = ["due_sources", "refresh_fetched_statistics", "refresh_hours", "refresh_source", "schedule"]


def refresh_hours() -> int:
    """Hours between refreshes (the setting, else the environment variable); 0, the default, is never."""
    value = getattr(settings, "MANGFOLD_STATISTICS_REFRESH_HOURS", None)
    return int(value) if value is not None else env_int("MANGFOLD_STATISTICS_REFRESH_HOURS", 0)


def due_sources(now: datetime | None = None) -> list[FetchedSource]:
    hours = refresh_hours()
    if hours <= 0:
        return []
    cutoff = (now or timezone.now()) - timedelta(hours=hours)
    return list(
        FetchedSource.objects.filter(refresh=True, fetched_at__lte=cutoff).select_related("dataset", "city")
    )


def refresh_source(source: FetchedSource) -> bool:
    """Fetch ``source`` again and replace its dataset; False (and ``last_error`` set) on failure."""
    plan = FetchPlan.from_json(source.plan)
    try:
        fetched, converted = run(plan)
        store_fetch(
            plan,
            fetched,
            converted,
            city=source.city,
            name=source.dataset.name,
            replace=True,
            refresh=True,
            uploaded_for_city=source.dataset.city_id is not None,
        )
    except (FetchError, PopulationFileError) as error:
        FetchedSource.objects.filter(pk=source.pk).update(last_error=str(error)[:2000])
        return False
    return True


def schedule(now: datetime | None = None) -> bool:
    """Queue the next run ``refresh_hours()`` from now, unless refreshing is off, the task backend
    cannot defer, or a run is already waiting."""
    hours = refresh_hours()
    if hours <= 0 or not default_task_backend.supports_defer:
        return False
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend
        pass
    else:
        path = refresh_fetched_statistics.module_path
        if DBTaskResult.objects.filter(task_path=path, status="READY").exists():
            return False
    when = (now or timezone.now()) + timedelta(hours=hours)
    refresh_fetched_statistics.using(run_after=when).enqueue()
    return True


@task()
def refresh_fetched_statistics() -> int:
    """Refresh every due source; queue the next run. The number refreshed."""
    done = sum(refresh_source(source) for source in due_sources())
    schedule()
    return done
