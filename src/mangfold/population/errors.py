"""Errors raised by mangfold.population: every problem in a file at once, never a traceback.

A reader collects all the problems it finds (file, row, column, message) before it raises,
so that a user can fix a file in one pass. ``str(error)`` is the message to show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mangfold.i18n import gettext as _

__all__ = ["PopulationError", "PopulationFileError", "Problem", "UnmappedLabelsError"]

#: How many problems ``str(PopulationFileError)`` lists before it summarises the rest.
MAX_LISTED = 50


class PopulationError(ValueError):
    """Base class of the errors of mangfold.population."""


@dataclass(frozen=True)
class Problem:
    """One problem in a file: where (file, 1-based row, column, place) and what (message).

    ``row`` counts lines of the file as a user sees them in an editor or spreadsheet (the
    header is row 1); ``None`` when the problem is not tied to a row (or column). ``place``
    names a place that is not a row or column, as the user finds it: a PC-Axis keyword
    (``VALUES("sogn")``), a JSON path (``dimension.SOGN.category.index``) or a workbook's
    sheet and cell (``Ark1!B7``).
    """

    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    place: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.place:
            where.append(self.place)
        if self.row is not None:
            where.append(_("row {number}").format(number=self.row))
        if self.column is not None:
            where.append(_("column {name!r}").format(name=self.column))
        return f"{', '.join(where)}: {self.message}" if where else self.message


class PopulationFileError(PopulationError):
    """A file that cannot be read as population counts; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Problem] | Problem | str, file: str | None = None):
        if isinstance(problems, str):
            problems = [Problem(problems, file=file)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(
            p if p.file or file is None else Problem(p.message, file, p.row, p.column, p.place)
            for p in problems
        )
        self.file = file
        super().__init__(self._text())

    def _text(self) -> str:
        n = len(self.problems)
        if n == 1:
            return str(self.problems[0])
        if self.file:
            head = _("{count} problems in {file}:").format(count=n, file=self.file)
        else:
            head = _("{count} problems:").format(count=n)
        lines = [f"- {p}" for p in self.problems[:MAX_LISTED]]
        if n > MAX_LISTED:
            lines.append("- " + _("… and {count} more").format(count=n - MAX_LISTED))
        return "\n".join([head, *lines])

    @property
    def rows(self) -> tuple[int | None, ...]:
        """The rows of the problems, in order (``None`` for problems without a row)."""
        return tuple(p.row for p in self.problems)


class UnmappedLabelsError(PopulationError):
    """Labels of a file that match no group of a scheme (all of them, in file order)."""

    def __init__(self, labels: Iterable[str], scheme: str, file: str | None = None):
        self.labels: tuple[str, ...] = tuple(labels)
        self.scheme = scheme
        self.file = file
        listed = ", ".join(repr(x) for x in self.labels)
        where = f"{file}: " if file else ""
        text = _("{count} label(s) match no group of scheme {scheme!r}: {labels}").format(
            count=len(self.labels), scheme=scheme, labels=listed
        )
        super().__init__(f"{where}{text}")
