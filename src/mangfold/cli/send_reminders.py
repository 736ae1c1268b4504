"""``mangfold send-reminders``: e-mail the cities that have not submitted before a round's deadline."""

from __future__ import annotations

from typing import Annotated

import typer

from mangfold.cli._common import refuse, setup_django, terminal_output

DEFAULT_DAYS_HELP = "14,7,1,0"
"""The reminders' own days (:data:`mangfold.web.assessments.reminders.DEFAULT_DAYS`), for the help text."""


def register(app: typer.Typer) -> None:
    @app.command("send-reminders")
    def send_reminders_command(
        days: Annotated[
            str | None,
            typer.Option(
                help="Days before the deadline on which to remind, comma-separated "
                f"(default: {DEFAULT_DAYS_HELP})."
            ),
        ] = None,
        date: Annotated[str | None, typer.Option(help="Act as if today were this date (YYYY-MM-DD).")] = None,
        enqueue: Annotated[
            bool, typer.Option("--enqueue", help="Queue the task for the worker (`mangfold worker`).")
        ] = False,
    ) -> None:
        """Send deadline reminders to the cities that have not submitted (run daily, e.g. from cron).

        At most one a day per city and round.
        """
        setup_django("reminders need mangfold[web]")
        from mangfold.web.core.operations import OperationError, parse_date, parse_days, send_reminders

        try:
            chosen = None if days is None else parse_days(days)
            send_reminders(terminal_output(), chosen, parse_date(date), enqueue=enqueue)
        except OperationError as error:
            refuse(error)
