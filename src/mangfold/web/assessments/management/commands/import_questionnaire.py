"""``manage.py import_questionnaire FILE.xlsx``: an alias of ``mangfold import-questionnaire``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mangfold.web.core.management.aliases import run_operation
from mangfold.web.core.operations import import_questionnaire


class Command(BaseCommand):
    help = (
        "Validate a questionnaire workbook (XLSForm with mangfold's columns) and store it as a new version; "
        "`mangfold import-questionnaire`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        run_operation(self, import_questionnaire, options["file"])
