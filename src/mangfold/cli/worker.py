"""``mangfold worker``: the background worker of the web platform (reports, long computations)."""

from __future__ import annotations

import os

import typer


def register(app: typer.Typer) -> None:
    @app.command("worker")
    def worker(
        interval: float = typer.Option(1.0, help="Seconds between polls of the task queue."),
    ) -> None:
        """Run the background worker of the web platform (needs mangfold's web extra)."""
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangfold.web.settings")
        try:
            import django
            from django.core.management import call_command
        except ImportError as error:  # pragma: no cover - depends on the installation
            raise typer.BadParameter("the worker needs mangfold[web]") from error
        django.setup()
        call_command("db_worker", interval=interval)
