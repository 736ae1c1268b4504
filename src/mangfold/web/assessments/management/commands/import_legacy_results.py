"""``manage.py import_legacy_results FILE.csv``: an alias of ``mangfold import-legacy-results``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mangfold.web.core.management.aliases import run_operation
from mangfold.web.core.operations import import_legacy_results


class Command(BaseCommand):
    help = (
        "Import published overall and indicator scores (without answers) from a CSV file: columns "
        "network, round, city, overall, source [, source_url, note, round_name, extended, INDICATOR…]; "
        "`mangfold import-legacy-results`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        run_operation(self, import_legacy_results, options["file"])
