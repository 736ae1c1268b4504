"""One import, from files to database, shared by the upload form and ``mangfold import``.

Reading happens first and entirely, in the core (:func:`mangfold.population.import_check.check_import`):
a file with any problem is refused with every problem listed (file, row, column, message) before a
single row is written. Writing (:mod:`.storing`) is one transaction. So a failed import changes nothing.
:func:`import_checked` writes files the core has checked (the command line checks them before it starts
Django); :func:`import_files` does both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mangfold.population.boundaries import Geometries
from mangfold.population.detect import InputFile, within_municipality
from mangfold.population.import_check import CheckedImport, check_import, small_area_codes
from mangfold.web.core.i18n import ngettext
from mangfold.web.network.models import City
from mangfold.web.statistics.models import Dataset
from mangfold.web.statistics.storing import CityLink, DatasetInfo, store

__all__ = ["ImportOptions", "Imported", "check_files", "import_checked", "import_files", "notes_of"]


@dataclass(frozen=True)
class ImportOptions:
    """How to read the files and what to call the dataset."""

    scheme: str
    name: str
    source: str
    delimiter: str | None = None
    period: str | None = None
    parent_column: str | None = None
    boundaries: InputFile | None = None
    boundaries_key: str | None = None
    replace: bool = False
    attribution_en: str = ""
    attribution_da: str = ""
    reader: Mapping[str, Any] = field(default_factory=dict)
    """Options for the core's reader of a general PC-Axis or JSON-stat table: ``area``, ``period``,
    ``group`` (dimension names), ``select`` (dimension → categories), ``period_value``."""


@dataclass(frozen=True)
class Imported:
    """The stored dataset, how many areas (below municipality level) it has, and what the user should
    know (areas without boundaries …)."""

    dataset: Dataset
    areas: int
    notes: tuple[str, ...] = field(default_factory=tuple)


def check_files(files: Sequence[InputFile], options: ImportOptions) -> CheckedImport:
    """The core's check of ``files`` with ``options`` (no database)."""
    return check_import(
        files,
        options.scheme,
        delimiter=options.delimiter,
        period=options.period,
        parent_column=options.parent_column,
        reader_options=options.reader,
        boundaries=options.boundaries,
        boundaries_key=options.boundaries_key,
    )


def notes_of(checked: CheckedImport) -> list[str]:
    """What the user should know of checked files, in the language of the core's messages: the readers'
    warnings, areas without a boundary, boundaries without an area."""
    notes = list(checked.warnings)
    if checked.lacking:
        note = ngettext(
            "%(count)d area has no boundary, e.g. %(codes)s",
            "%(count)d areas have no boundary, e.g. %(codes)s",
            len(checked.lacking),
        )
        notes.append(note % {"count": len(checked.lacking), "codes": ", ".join(checked.lacking[:5])})
    unmatched = checked.geometries.without_area if checked.geometries else ()
    if unmatched:
        note = ngettext(
            "%(count)d boundary matches no area of the counts",
            "%(count)d boundaries match no area of the counts",
            len(unmatched),
        )
        notes.append(note % {"count": len(unmatched)})
    return notes


def import_files(
    files: Sequence[InputFile],
    options: ImportOptions,
    *,
    city: City | None = None,
    links: Sequence[CityLink] = (),
    user: Any = None,
) -> Imported:
    """Read ``files`` and store them as one dataset; :class:`PopulationFileError` if anything is wrong.

    ``city``: the upload is that city's (its areas without a parent are put inside the city, and the
    city is linked). ``links``: further cities to link (the command's ``--city``).
    """
    checked = check_files(files, options)
    return import_checked(checked, files, options, city=city, links=links, user=user)


def import_checked(
    checked: CheckedImport,
    files: Sequence[InputFile],
    options: ImportOptions,
    *,
    city: City | None = None,
    links: Sequence[CityLink] = (),
    user: Any = None,
) -> Imported:
    """Store files the core has checked as one dataset (one transaction; :class:`PopulationFileError`
    and nothing written when a link or the name cannot be honoured)."""
    result = checked.result
    home = city or (links[0].city if len(links) == 1 else None)
    if home is not None and not result.areas.at_level("municipality"):
        code = city.name if city is not None else (links[0].code or home.name)
        result = within_municipality(result, code, home.name)
    geometries: Geometries | None = checked.geometries
    all_links = [*links, *([CityLink(city)] if city is not None else [])]
    dataset = store(
        result,
        DatasetInfo(
            name=options.name,
            scheme=checked.scheme or options.scheme,
            source=options.source,
            file_name=", ".join(f.name for f in files),
            sha256=checked.sha256,
            attribution_en=options.attribution_en,
            attribution_da=options.attribution_da,
            city=city,
            uploaded_by=user,
        ),
        geometries=geometries,
        links=all_links,
        replace=options.replace,
    )
    return Imported(dataset, len(small_area_codes(result)), tuple(notes_of(checked)))
