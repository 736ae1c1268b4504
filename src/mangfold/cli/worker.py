"""``mangfold worker``: the background worker of the web platform (reports, long computations).

At start, when the scheduled refresh of fetched statistics is on (``MANGFOLD_STATISTICS_REFRESH_HOURS``
> 0), its first run is queued (:func:`mangfold.web.statistics.tasks.schedule`: one waiting run at a time,
so restarting the worker queues nothing new); each run queues the next.
"""

from __future__ import annotations

import typer

from mangfold.cli._common import setup_django


def register(app: typer.Typer) -> None:
    @app.command("worker")
    def worker(
        interval: float = typer.Option(1.0, help="Seconds between polls of the task queue."),
    ) -> None:
        """Run the background worker of the web platform (needs mangfold's web extra)."""
        setup_django("the worker needs mangfold[web]")
        from django.core.management import call_command

        from mangfold.web.statistics.tasks import refresh_hours, schedule

        if refresh_hours() > 0 and schedule():
            typer.echo(f"Fetched statistics are refreshed every {refresh_hours()} hours; next run queued.")
        call_command("db_worker", interval=interval)
