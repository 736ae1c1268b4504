"""manage.py send_reminders: e-mail the cities that have not submitted before a round's deadline."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mangfold.web.assessments.reminders import DEFAULT_DAYS, send_reminders


class Command(BaseCommand):
    help = "Send deadline reminders to cities that have not submitted (run daily, e.g. from cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            default=",".join(map(str, DEFAULT_DAYS)),
            help="Days before the deadline on which to remind, comma-separated (default: %(default)s).",
        )
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker (manage.py db_worker)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = [int(d) for d in options["days"].split(",") if d.strip()]
        if options["enqueue"]:
            from mangfold.web.assessments.tasks import send_reminders_task

            result = send_reminders_task.enqueue(days)
            self.stdout.write(f"Queued reminder task {result.id}.")
            return
        today = datetime.date.fromisoformat(options["date"]) if options["date"] else None
        sent = send_reminders(today, days)
        for reminder in sent:
            self.stdout.write(f"{reminder.round} – {reminder.city}: {reminder.recipients}")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} reminder(s) sent."))
