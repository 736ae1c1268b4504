"""Errors of the policy index: a refused workbook and refused answers, each with every problem found."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mangfold.i18n import gettext as _

__all__ = ["AnswerError", "AnswerProblem", "Problem", "QuestionnaireError"]


@dataclass(frozen=True)
class Problem:
    """One problem in a questionnaire workbook.

    ``row`` is the row number as Excel shows it (the header is row 1), ``column`` the column's header
    (e.g. ``points``) and ``letter`` its Excel letter when the column exists. ``row`` and ``column``
    are None for a problem with a whole sheet or workbook. ``message`` is in the language that was
    active when the problem was found, ``where`` in the one active when it is read (:mod:`mangfold.i18n`).
    """

    sheet: str
    row: int | None
    column: str | None
    message: str
    letter: str = ""

    @property
    def where(self) -> str:
        """``sheet 'choices', row 7, column 'points' (E)``: where the problem is."""
        parts = [_("sheet {sheet!r}").format(sheet=self.sheet) if self.sheet else _("workbook")]
        if self.row is not None:
            parts.append(_("row {row}").format(row=self.row))
        if self.column and self.letter:
            parts.append(_("column {column!r} ({letter})").format(column=self.column, letter=self.letter))
        elif self.column:
            parts.append(_("column {column!r}").format(column=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class QuestionnaireError(ValueError):
    """A workbook that is not a valid questionnaire, with every problem found (not only the first)."""

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        head = f"{source}: " if source else ""
        count = len(self.problems)
        total = _("{count} problem") if count == 1 else _("{count} problems")
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{head}{total.format(count=count)}\n{lines}")


@dataclass(frozen=True)
class AnswerProblem:
    """One problem with a city's answers, naming the question and, when read from a file, where."""

    question: str | None
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None

    @property
    def where(self) -> str:
        """``answers.csv, row 4, column 'value'``: where the problem is (empty when not from a file)."""
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(_("row {row}").format(row=self.row))
        if self.column:
            parts.append(_("column {column!r}").format(column=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        head = f"{self.where}: " if self.where else ""
        return f"{head}{self.question + ': ' if self.question else ''}{self.message}"


class AnswerError(ValueError):
    """Answers that cannot be scored, with every problem found."""

    def __init__(self, problems: Iterable[AnswerProblem]) -> None:
        self.problems: tuple[AnswerProblem, ...] = tuple(problems)
        count = len(self.problems)
        if count == 1:
            total = _("{count} problem with the answers")
        else:
            total = _("{count} problems with the answers")
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{total.format(count=count)}\n{lines}")
