"""``mangfold worker`` queues the scheduled refresh of fetched statistics when it is on, and only then;
a restart does not queue a second run."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from typer.testing import CliRunner

from mangfold.cli import app
from mangfold.web.statistics.tasks import refresh_fetched_statistics

pytestmark = pytest.mark.django_db


@pytest.fixture
def polls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The worker's polling loop, recorded instead of run."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(
        "django.core.management.call_command", lambda name, **options: calls.append({name: options})
    )
    return calls


def queued() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=refresh_fetched_statistics.module_path, status="READY"))


def test_with_the_refresh_off_the_worker_queues_nothing(polls: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["worker", "--interval", "2"])
    assert result.exit_code == 0, result.output
    assert polls == [{"db_worker": {"interval": 2.0}}]
    assert queued() == []


@override_settings(MANGFOLD_STATISTICS_REFRESH_HOURS=6)
def test_with_the_refresh_on_the_worker_queues_the_first_run_once(polls: list[dict[str, Any]]) -> None:
    before = timezone.now()
    result = CliRunner().invoke(app, ["worker"])
    assert result.exit_code == 0, result.output
    assert "every 6 hours" in result.output
    (run,) = queued()
    assert run.run_after is not None
    assert dt.timedelta(hours=6) <= run.run_after - before < dt.timedelta(hours=6, minutes=5)
    again = CliRunner().invoke(app, ["worker"])  # a restart
    assert again.exit_code == 0 and len(queued()) == 1
    assert len(polls) == 2
