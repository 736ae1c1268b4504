"""The reading half of an import: read, tell and check every file before anything is written.

:func:`check_import` reads the counts (:func:`mangfold.population.detect.read_counts`), the boundaries
if any (:func:`mangfold.population.boundaries.read_geometries`) and the files' SHA-256, and raises one
:class:`~mangfold.population.errors.PopulationFileError` listing every problem (file, row, column,
message). What it returns can be written as it is (the web's ``statistics.importing``), so an import
needs a database only to write, and a file with any problem writes nothing. Pure: no Django.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mangfold.population.boundaries import Geometries, read_geometries
from mangfold.population.detect import InputFile, municipality_names, read_counts
from mangfold.population.errors import PopulationFileError
from mangfold.population.readers import ReadResult
from mangfold.population.schemes import scheme_name

__all__ = ["CheckedImport", "check_import", "small_area_codes"]


@dataclass(frozen=True)
class CheckedImport:
    """Files read and checked: the scheme's full name, the counts and areas, the matched boundaries,
    the files' SHA-256, the readers' warnings and the areas without a boundary."""

    scheme: str | None
    result: ReadResult
    sha256: str
    geometries: Geometries | None = None
    warnings: tuple[str, ...] = ()
    lacking: tuple[str, ...] = field(default_factory=tuple)


def small_area_codes(result: ReadResult) -> list[str]:
    """The codes of the areas below municipality level (those a map draws)."""
    return [a.code for a in result.areas if a.level not in ("country", "municipality")]


def check_import(
    files: Sequence[InputFile],
    scheme: str | None,
    *,
    delimiter: str | None = None,
    period: str | None = None,
    parent_column: str | None = None,
    reader_options: Mapping[str, Any] | None = None,
    boundaries: InputFile | None = None,
    boundaries_key: str | None = None,
) -> CheckedImport:
    """Read ``files`` in the built-in ``scheme`` (a name or short name; ``None``: the groups as named)
    and ``boundaries``; :class:`PopulationFileError` with every problem, else what to write."""
    try:
        key = scheme_name(scheme) if scheme else None
    except KeyError as error:
        raise PopulationFileError(str(error.args[0])) from None
    result = read_counts(
        files,
        key,
        delimiter=delimiter or None,
        period=period or None,
        parent_column=parent_column,
        municipality_names=municipality_names() if key == "dst_regions_2024" else None,
        reader_options=reader_options,
    )
    geometries: Geometries | None = None
    lacking: tuple[str, ...] = ()
    if boundaries is not None:
        codes = small_area_codes(result)
        geometries = read_geometries(boundaries, codes, key=boundaries_key or None)
        lacking = tuple(geometries.lacking(codes))
    digest = hashlib.sha256()
    for f in files:
        for chunk in f.chunks():
            digest.update(chunk)
    warnings = tuple(str(w) for w in result.metadata.get("warnings") or ())
    return CheckedImport(key, result, digest.hexdigest(), geometries, warnings, lacking)
