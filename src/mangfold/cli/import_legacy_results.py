"""``mangfold import-legacy-results FILE.csv``: published scores without answers, with their source."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mangfold.cli._common import refuse, setup_django, terminal_output


def register(app: typer.Typer) -> None:
    @app.command("import-legacy-results")
    def import_legacy_results_command(
        file: Annotated[
            Path,
            typer.Argument(
                dir_okay=False,
                help="CSV with the columns network, round, city, overall, source [, source_url, note, "
                "round_name, extended, INDICATOR…].",
            ),
        ],
    ) -> None:
        """Import published overall and indicator scores (without answers) into the platform.

        One transaction: every problem is listed with its row and column, and nothing is imported.
        """
        setup_django("importing results needs mangfold[web]")
        from mangfold.web.core.operations import OperationError, import_legacy_results

        try:
            import_legacy_results(terminal_output(), file)
        except OperationError as error:
            refuse(error)
