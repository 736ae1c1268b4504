"""``manage.py send_reminders``: an alias of ``mangfold send-reminders``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mangfold.web.core.management.aliases import run_operation
from mangfold.web.core.operations import OperationError, parse_date, parse_days, send_reminders


class Command(BaseCommand):
    help = (
        "Send deadline reminders to cities that have not submitted (run daily, e.g. from cron); "
        "`mangfold send-reminders`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            help="Days before the deadline on which to remind, comma-separated (default: 14,7,1,0).",
        )
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--enqueue", action="store_true", help="Queue the task for the worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            days = None if options["days"] is None else parse_days(options["days"])
            today = parse_date(options["date"])
        except OperationError as error:
            raise CommandError(str(error)) from error
        run_operation(self, send_reminders, days, today, enqueue=options["enqueue"])
