"""manage.py import_legacy_results FILE.csv: published scores without answers, with their source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mangfold.web.assessments.legacy import LegacyImportError, import_legacy


class Command(BaseCommand):
    help = (
        "Import published overall and indicator scores (without answers) from a CSV file: columns "
        "network, round, city, overall, source [, source_url, note, round_name, extended, INDICATOR…]."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            content = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: {error}") from error
        try:
            imported = import_legacy(content, filename=path.name)
        except LegacyImportError as error:
            lines = "\n".join(f"  {path.name}, {problem}" for problem in error.problems)
            raise CommandError(f"{len(error.problems)} problem(s), nothing imported:\n{lines}") from error
        for assessment in imported:
            self.stdout.write(f"{assessment.round} – {assessment.city}: {assessment.overall:g}")
        self.stdout.write(self.style.SUCCESS(f"{len(imported)} result(s) imported from {path.name}."))
