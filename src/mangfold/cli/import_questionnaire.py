"""``mangfold import-questionnaire FILE.xlsx``: a questionnaire workbook validated and stored as a version."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mangfold.cli._common import refuse, setup_django, terminal_output


def register(app: typer.Typer) -> None:
    @app.command("import-questionnaire")
    def import_questionnaire_command(
        file: Annotated[
            Path, typer.Argument(dir_okay=False, help="The workbook (XLSForm with mangfold's columns).")
        ],
    ) -> None:
        """Validate a questionnaire workbook and store it in the platform as a new version.

        Every problem is listed with its sheet, row and column, and nothing is stored;
        `mangfold questionnaire validate` checks a workbook without a database.
        """
        setup_django("importing a questionnaire needs mangfold[web]")
        from mangfold.web.core.operations import OperationError, import_questionnaire

        try:
            import_questionnaire(terminal_output(), file)
        except OperationError as error:
            refuse(error)
