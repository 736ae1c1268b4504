"""``mangfold worker``: the background worker of the web platform (reports, long computations)."""

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

        call_command("db_worker", interval=interval)
