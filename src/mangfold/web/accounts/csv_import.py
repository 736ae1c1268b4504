"""Read a CSV file of people to invite: columns ``email``, ``role`` and optionally ``name``.

Every problem is reported at once, each with the row (as a spreadsheet numbers it: the header is row 1)
and the column. The file may be UTF-8 (with or without a byte-order mark) or Windows-1252, as Excel
writes it; the separator may be a comma, a semicolon (Danish Excel) or a tab. Column names are matched
without regard to case, in English or Danish (``e-mail``, ``rolle``, ``navn``). A role is a city role's
code or its name in any of the interface languages (``coordinator``, ``koordinator``, …); a network
administrator cannot be invited. Blank rows are skipped; other columns are ignored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from mangfold.web.accounts.models import CityRole

MAX_ROWS = 1000
NAME_LENGTH = 150
EMAIL_LENGTH = 150
"""An invited address becomes the new account's username, which holds at most 150 characters."""
COLUMN_ALIASES = {
    "email": ("email", "e-mail", "e-mail address", "e-mail-adresse", "mail"),
    "role": ("role", "rolle"),
    "name": ("name", "navn"),
}


@dataclass(frozen=True)
class Invitee:
    email: str
    role: str
    name: str = ""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class ParsedFile:
    invitees: list[Invitee] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def delimiter(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def role_names() -> dict[str, str]:
    """Every accepted spelling of a city role (lower case) → its code."""
    names: dict[str, str] = {}
    for code, label in CityRole.Role.choices:
        names[code] = code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names[str(label).lower()] = code
    return names


def _columns(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        for column, aliases in COLUMN_ALIASES.items():
            if title.strip().lower() in aliases and column not in found:
                found[column] = index
    errors = [
        RowError(1, column, _("the column is missing (the first row must name the columns)"))
        for column in ("email", "role")
        if column not in found
    ]
    return found, errors


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _read_row(
    row: list[str], number: int, columns: dict[str, int], roles: dict[str, str], seen: dict[str, int]
) -> tuple[Invitee | None, list[RowError]]:
    errors = []
    email = _cell(row, columns["email"]).lower()
    try:
        validate_email(email)
    except ValidationError:
        message = _("“%(value)s” is not an e-mail address") % {"value": email} if email else _("is empty")
        errors.append(RowError(number, "email", message))
    else:
        if len(email) > EMAIL_LENGTH:
            errors.append(
                RowError(number, "email", _("is longer than %(n)d characters") % {"n": EMAIL_LENGTH})
            )
        if email in seen:
            message = _("%(email)s is already in row %(row)d") % {"email": email, "row": seen[email]}
            errors.append(RowError(number, "email", message))
        seen.setdefault(email, number)
    role_text = _cell(row, columns["role"])
    role = roles.get(role_text.lower())
    if role is None:
        message = _("“%(value)s” is not a city role: use coordinator, editor or viewer") % {
            "value": role_text
        }
        errors.append(RowError(number, "role", message if role_text else _("is empty")))
    name = _cell(row, columns.get("name"))
    if len(name) > NAME_LENGTH:
        errors.append(RowError(number, "name", _("is longer than %(n)d characters") % {"n": NAME_LENGTH}))
    if errors or role is None:
        return None, errors
    return Invitee(email=email, role=role, name=name), []


def parse_invitees(data: bytes) -> ParsedFile:
    """The invitees in the file, or (and then no invitee) every error found in it."""
    text = decode(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        return ParsedFile(errors=[RowError(1, "email", _("the file is empty"))])
    reader = csv.reader(io.StringIO(text), delimiter=delimiter(lines[0]))
    columns, errors = _columns(next(reader))
    if errors:
        return ParsedFile(errors=errors)
    roles = role_names()
    seen: dict[str, int] = {}
    invitees: list[Invitee] = []
    rows = 0
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            if rows > MAX_ROWS:
                message = _("a file may invite at most %(n)d people") % {"n": MAX_ROWS}
                errors.append(RowError(reader.line_num, "email", message))
                break
            invitee, row_errors = _read_row(row, reader.line_num, columns, roles, seen)
            errors.extend(row_errors)
            if invitee is not None:
                invitees.append(invitee)
    except csv.Error as error:
        errors.append(
            RowError(reader.line_num, "email", _("the file is not valid CSV (%(error)s)") % {"error": error})
        )
    if rows == 0 and not errors:
        errors.append(RowError(2, "email", _("the file has no one to invite")))
    return ParsedFile(invitees=[] if errors else invitees, errors=errors)
