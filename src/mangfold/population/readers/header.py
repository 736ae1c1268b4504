"""Finding the columns of a table of counts in its header, by the caller's names or usual ones.

Columns are named by the caller or found by usual names (area: ``area``, ``sogn``, ``område`` …;
period: ``period``, ``year``, ``tid`` …; group: ``group``, ``herkomst`` …; count: ``n``, ``count``,
``indhold`` …), compared after :func:`~mangfold.population.labels.normalise_label`. Every column that
is missing is reported at once, on row 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.labels import normalise_label
from mangfold.population.readers.common import AREA_NAMES, GROUP_NAMES, N_NAMES, PERIOD_NAMES

__all__ = ["Columns", "find_column", "locate_columns"]

T = TypeVar("T")


@dataclass(frozen=True)
class Columns(Generic[T]):
    """The columns of a table by role: as the caller names them (``Columns[str | None]``) or as found
    in the header (``Columns[int | None]``, positions; ``None`` where there is none)."""

    area: T
    period: T
    group: T
    n: T
    name: T
    parent: T


def find_column(header: Sequence[str], wanted: str | None, names: Sequence[str]) -> int | None:
    """The position of column ``wanted`` in ``header``, or, when none is wanted, of the first column
    with one of the usual ``names``; ``None`` when there is no such column."""
    norm = [normalise_label(h) for h in header]
    if wanted is not None:
        key = normalise_label(wanted)
        return norm.index(key) if key in norm else None
    keys = {normalise_label(n) for n in names}
    return next((i for i, h in enumerate(norm) if h in keys), None)


def locate_columns(
    header: Sequence[str],
    asked: Columns[str | None],
    *,
    layout: str,
    default_period: str | int | None,
    file: str,
) -> tuple[Columns[int | None], str]:
    """The columns' positions and the layout (``"auto"`` is long when a group and a count column are
    found, else wide).

    Refused, every problem at once: a column the caller names that is not there; no area column; no
    period column when no period is given for every row; a long table without a group or a count column.
    """
    found = Columns(
        area=find_column(header, asked.area, AREA_NAMES),
        period=find_column(header, asked.period, PERIOD_NAMES),
        group=find_column(header, asked.group, GROUP_NAMES),
        n=find_column(header, asked.n, N_NAMES),
        name=find_column(header, asked.name, ()) if asked.name else None,
        parent=find_column(header, asked.parent, ()) if asked.parent else None,
    )
    problems: list[Problem] = []
    columns = ", ".join(header)
    for wanted, idx, message in (
        (asked.area, found.area, _("no area column {name!r} (columns: {columns})")),
        (asked.period, found.period, _("no period column {name!r} (columns: {columns})")),
        (asked.group, found.group, _("no group column {name!r} (columns: {columns})")),
        (asked.n, found.n, _("no count column {name!r} (columns: {columns})")),
        (asked.name, found.name, _("no area name column {name!r} (columns: {columns})")),
        (asked.parent, found.parent, _("no parent column {name!r} (columns: {columns})")),
    ):
        if wanted is not None and idx is None:
            problems.append(Problem(message.format(name=wanted, columns=columns), file, 1))
    if found.area is None and asked.area is None:
        if len(header) == 1:
            problems.append(Problem(_("the header has a single column: is the delimiter wrong?"), file, 1))
        else:
            text = _("no area column (columns: {columns}); name it")
            problems.append(Problem(text.format(columns=columns), file, 1))
    if found.period is None and default_period is None and asked.period is None:
        text = _("no period column (columns: {columns}); name it or pass the period")
        problems.append(Problem(text.format(columns=columns), file, 1))
    if layout == "auto":
        layout = "long" if found.group is not None and found.n is not None else "wide"
    if layout == "long":
        for idx, wanted, message in (
            (found.group, asked.group, _("no group column (columns: {columns})")),
            (found.n, asked.n, _("no count column (columns: {columns})")),
        ):
            if idx is None and wanted is None:
                problems.append(Problem(message.format(columns=columns), file, 1))
    if problems:
        raise PopulationFileError(problems, file=file)
    return found, layout
