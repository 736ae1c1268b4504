"""Readers: files → :class:`~mangfold.population.counts.Counts` plus the areas they name.

Each reader returns a :class:`ReadResult` (counts, areas, metadata) or raises
:class:`~mangfold.population.errors.PopulationFileError` listing every problem it found
(file, row, column, message). :func:`read` picks a reader from the file name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError
from mangfold.population.readers.common import MAX_BYTES, MAX_CELLS, ReadResult, Source, source_name
from mangfold.population.readers.cube import Dimension, Selection, plan_cube
from mangfold.population.readers.dst import read_kmsta001, read_voting_areas_2024
from mangfold.population.readers.excel import read_excel
from mangfold.population.readers.jsonstat import read_jsonstat
from mangfold.population.readers.px import parse_px, read_px
from mangfold.population.readers.tabular import read_csv, read_rows

__all__ = [
    "MAX_BYTES",
    "MAX_CELLS",
    "Dimension",
    "ReadResult",
    "Selection",
    "parse_px",
    "plan_cube",
    "read",
    "read_csv",
    "read_excel",
    "read_jsonstat",
    "read_kmsta001",
    "read_px",
    "read_rows",
    "read_voting_areas_2024",
]

_BY_SUFFIX: dict[str, Callable[..., ReadResult]] = {
    ".csv": read_csv,
    ".txt": read_csv,
    ".tsv": read_csv,
    ".xlsx": read_excel,
    ".px": read_px,
    ".json": read_jsonstat,
    ".jsonstat": read_jsonstat,
}


def read(source: Source, *, name: str | None = None, **options: Any) -> ReadResult:
    """Read a CSV, Excel, PC-Axis or JSON-stat file chosen by its suffix (``.gz`` allowed).

    ``options`` go to the reader: for PC-Axis and JSON-stat ``area``, ``period``, ``group``
    (dimension names), ``select`` (dimension → categories), ``period_value``, ``scheme``
    (optional), ``max_bytes``, ``max_cells``; see :func:`read_px`.
    """
    file = source_name(source, name)
    suffixes = [s.lower() for s in Path(file).suffixes if s.lower() != ".gz"]
    reader = _BY_SUFFIX.get(suffixes[-1] if suffixes else "")
    if reader is None:
        raise PopulationFileError(
            _("unknown kind of file; expected one of {suffixes}").format(
                suffixes=", ".join(sorted(_BY_SUFFIX))
            ),
            file=file,
        )
    result: ReadResult = reader(source, name=file, **options)
    return result
