"""manage.py import_questionnaire FILE.xlsx: validate a questionnaire workbook and store it as a version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mangfold.index.errors import QuestionnaireError
from mangfold.web.assessments.questionnaires import create_version


class Command(BaseCommand):
    help = (
        "Validate a questionnaire workbook (XLSForm with mangfold's columns) and store it as a new version."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            version = create_version(path.read_bytes(), path.name)
        except OSError as error:
            raise CommandError(f"{path}: {error}") from error
        except QuestionnaireError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(f"{len(error.problems)} problem(s):\n{lines}") from error
        self.stdout.write(self.style.SUCCESS(f"Stored {version}."))
