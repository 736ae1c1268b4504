"""``mangfold version``."""

from __future__ import annotations

import typer

from mangfold import __version__


def register(app: typer.Typer) -> None:
    @app.command("version")
    def version() -> None:
        """Print mangfold's version."""
        typer.echo(__version__)
