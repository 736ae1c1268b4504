"""Web addresses typed one a line (evidence of an answer, links of a practice)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator


def link_lines(text: str) -> tuple[list[str], int | None]:
    """The non-empty lines of ``text``, stripped, and the number (from 1) of the first that is not an
    http or https address (the pages link them, so never ``javascript:``), or None when all are."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    validate = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(lines, start=1):
        try:
            validate(line)
        except ValidationError:
            return lines, number
    return lines, None
