"""One import, from files to database, shared by the upload form and ``mangfold import``.

Reading happens first and entirely (:mod:`.reading`, the core's readers): a file with any problem is
refused with every problem listed (file, row, column, message) before a single row is written. Writing
(:mod:`.storing`) is one transaction. So a failed import changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mangfold.data import data_path
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.web.core.i18n import gettext as _
from mangfold.web.core.i18n import ngettext
from mangfold.web.network.models import City
from mangfold.web.statistics.models import Dataset
from mangfold.web.statistics.reading import (
    Geometries,
    InputFile,
    read_counts,
    read_geometries,
    scheme_name,
    within_municipality,
)
from mangfold.web.statistics.storing import CityLink, DatasetInfo, store

__all__ = ["ImportOptions", "Imported", "import_files", "municipality_names"]


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


def municipality_names() -> dict[str, str]:
    """Danish municipality codes → names, from the shipped voting-area table (``valgsteds.csv``)."""
    import csv

    with data_path("dk_election2024", "valgsteds.csv").open(encoding="utf-8") as handle:
        return {row["KommuneKode"]: row["KommuneNavn"] for row in csv.DictReader(handle)}


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
    try:
        key = scheme_name(options.scheme)
    except KeyError as error:
        raise PopulationFileError(str(error.args[0])) from None
    names = municipality_names() if key == "dst_regions_2024" else None
    result = read_counts(
        files,
        key,
        delimiter=options.delimiter or None,
        period=options.period or None,
        parent_column=options.parent_column,
        municipality_names=names,
        reader_options=options.reader,
    )
    home = city or (links[0].city if len(links) == 1 else None)
    if home is not None and not result.areas.at_level("municipality"):
        code = city.name if city is not None else (links[0].code or home.name)
        result = within_municipality(result, code, home.name)
    notes: list[str] = [str(w) for w in result.metadata.get("warnings") or ()]
    geometries: Geometries | None = None
    if options.boundaries is not None:
        codes = [a.code for a in result.areas if a.level not in ("country", "municipality")]
        geometries = read_geometries(options.boundaries, codes, key=options.boundaries_key or None)
        lacking = [c for c in codes if c not in geometries.geometry]
        if not geometries.geometry:
            raise PopulationFileError(
                Problem(
                    _("no boundary matches an area of the counts (key %(key)s)")
                    % {"key": repr(geometries.key)}
                ),
                file=options.boundaries.name,
            )
        if lacking:
            note = ngettext(
                "%(count)d area has no boundary, e.g. %(codes)s",
                "%(count)d areas have no boundary, e.g. %(codes)s",
                len(lacking),
            )
            notes.append(note % {"count": len(lacking), "codes": ", ".join(lacking[:5])})
        if geometries.without_area:
            count = len(geometries.without_area)
            note = ngettext(
                "%(count)d boundary matches no area of the counts",
                "%(count)d boundaries match no area of the counts",
                count,
            )
            notes.append(note % {"count": count})
    digest = hashlib.sha256()
    for f in files:
        for chunk in f.chunks():
            digest.update(chunk)
    all_links = [*links, *([CityLink(city)] if city is not None else [])]
    dataset = store(
        result,
        DatasetInfo(
            name=options.name,
            scheme=key,
            source=options.source,
            file_name=", ".join(f.name for f in files),
            sha256=digest.hexdigest(),
            attribution_en=options.attribution_en,
            attribution_da=options.attribution_da,
            city=city,
            uploaded_by=user,
        ),
        geometries=geometries,
        links=all_links,
        replace=options.replace,
    )
    small = [a for a in result.areas if a.level not in ("country", "municipality")]
    return Imported(dataset, len(small), tuple(notes))
