"""Write a read file to the database in one transaction: a dataset, its areas, its counts, its links.

Atomic: everything happens inside ``transaction.atomic()``, so a failure anywhere (a conflict, a city
that matches no area of the file, a database error) leaves the database as it was. Areas and counts go in
by bulk statements (PostgreSQL ``COPY``, elsewhere ``executemany``): about 500,000 counts take seconds,
not minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import F

from mangfold.population.boundaries import Geometries
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.labels import normalise_label
from mangfold.population.model import AreaHierarchy
from mangfold.population.readers import ReadResult
from mangfold.web.core.i18n import gettext as _
from mangfold.web.core.i18n import ngettext
from mangfold.web.network.models import City
from mangfold.web.statistics.models import Area, CityArea, Count, Dataset, Outline

__all__ = ["CityLink", "DatasetInfo", "delete_dataset", "find_municipality", "store"]


@dataclass(frozen=True)
class CityLink:
    """Link ``city`` to the municipality-level area ``code`` of the file (``None``: match its name)."""

    city: City
    code: str | None = None


@dataclass(frozen=True)
class DatasetInfo:
    """What a dataset is: its name, scheme and source, and who imported it."""

    name: str
    scheme: str
    source: str
    file_name: str
    sha256: str = ""
    name_en: str = ""
    attribution_en: str = ""
    attribution_da: str = ""
    city: City | None = None
    uploaded_by: Any = None
    use_for_figures: bool = True


def find_municipality(areas: AreaHierarchy, city: City, code: str | None = None) -> str:
    """The code of the municipality-level area of ``areas`` that is ``city``.

    ``code`` names it; otherwise the area whose code or name equals the city's name or short name
    (compared case- and space-insensitively), or the only municipality of the file.
    """
    municipalities = areas.at_level("municipality")
    if code is not None:
        if code in areas and areas[code].level == "municipality":
            return code
        raise PopulationFileError(
            _("the file has no municipality with the code %(code)s") % {"code": repr(code)}
        )
    wanted = {normalise_label(city.name), normalise_label(city.slug)}
    hits = [a.code for a in municipalities if {normalise_label(a.code), normalise_label(a.name)} & wanted]
    if len(hits) == 1:
        return hits[0]
    if len(municipalities) == 1:
        return municipalities[0].code
    shown = ", ".join(f"{a.code} ({a.name})" for a in municipalities[:12])
    more = " …" if len(municipalities) > 12 else ""
    message = ngettext(
        "none of the file's %(count)d municipality is %(city)s: %(municipalities)s; "
        "name the municipality code for the city",
        "none of the file's %(count)d municipalities is %(city)s: %(municipalities)s; "
        "name the municipality code for the city",
        len(municipalities),
    )
    raise PopulationFileError(
        message % {"count": len(municipalities), "city": city.name, "municipalities": shown + more}
    )


def _insert(model: Any, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Bulk insert plain rows into a model's table (``COPY`` on PostgreSQL)."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(rows))  # noqa: S608


def _insert_areas(dataset: Dataset, areas: AreaHierarchy, geometries: Geometries | None) -> dict[str, int]:
    """Insert the areas level by level (parents first); the database id of each code."""
    ids: dict[str, int] = {}
    shapes = geometries.geometry if geometries else {}
    names = geometries.names if geometries else {}
    columns = ["dataset_id", "code", "name", "level", "parent_id", "municipality_id", "geometry"]
    for level in areas.levels:
        batch = areas.at_level(level)
        if not batch:
            continue
        rows = []
        for a in batch:
            municipality = areas.ancestor(a.code, "municipality") if level != "municipality" else None
            name = a.name if a.name and a.name != a.code else names.get(a.code, a.name)
            rows.append(
                (
                    dataset.pk,
                    a.code,
                    name[:200],
                    level,
                    ids.get(a.parent) if a.parent else None,
                    ids.get(municipality) if municipality else None,
                    shapes.get(a.code, ""),
                )
            )
        _insert(Area, columns, rows)
        ids.update(Area.objects.filter(dataset=dataset, level=level).values_list("code", "pk"))
    Area.objects.filter(dataset=dataset, level="municipality").update(municipality_id=F("pk"))
    return ids


def _insert_counts(dataset: Dataset, result: ReadResult, ids: Mapping[str, int]) -> int:
    counts = result.counts
    area_ids = [ids[a] for a in counts.area.tolist()]
    values = [None if np.isnan(v) else v for v in counts.n.tolist()]
    rows = zip(
        [dataset.pk] * len(counts),
        area_ids,
        counts.period.tolist(),
        counts.group.tolist(),
        values,
        counts.missing.tolist(),
        strict=True,
    )
    _insert(Count, ["dataset_id", "area_id", "period", "group", "n", "missing"], rows)
    return len(counts)


def delete_dataset(dataset: Dataset) -> None:
    """Delete a dataset and everything in it with a few bulk statements."""
    with transaction.atomic():
        Count.objects.filter(dataset=dataset).delete()
        CityArea.objects.filter(area__dataset=dataset).delete()
        Outline.objects.filter(dataset=dataset).delete()
        Area.objects.filter(dataset=dataset).update(parent=None, municipality=None)
        Area.objects.filter(dataset=dataset).delete()
        dataset.delete()


def store(
    result: ReadResult,
    info: DatasetInfo,
    *,
    geometries: Geometries | None = None,
    links: Sequence[CityLink] = (),
    outlines: Mapping[str, Sequence[tuple[str, str, str]]] | None = None,
    replace: bool = False,
) -> Dataset:
    """Write the dataset in one transaction; raises :class:`PopulationFileError` and writes nothing
    when a link or the name cannot be honoured. ``outlines`` maps a municipality code to
    (code, name, geometry) outlines drawn over its map. ``replace`` replaces a dataset of the same name."""
    problems: list[Problem] = []
    codes: dict[int, tuple[City, str]] = {}
    for link in links:
        try:
            codes[link.city.pk] = (link.city, find_municipality(result.areas, link.city, link.code))
        except PopulationFileError as error:
            problems.extend(error.problems)
    for code in outlines or {}:
        if code not in result.areas:
            message = _("outlines for %(code)s, which is not an area of the file") % {"code": repr(code)}
            problems.append(Problem(message))
    with transaction.atomic():
        old = Dataset.objects.filter(name=info.name).first()
        if old is not None and not replace:
            message = _("a dataset named %(name)s exists already; choose another name")
            problems.append(Problem(message % {"name": repr(info.name)}))
        elif old is not None and info.city is not None and old.city_id != info.city.pk:
            message = _("the dataset named %(name)s is not this city's; choose another name")
            problems.append(Problem(message % {"name": repr(info.name)}))
        if problems:
            raise PopulationFileError(problems, file=info.file_name)
        if old is not None:
            delete_dataset(old)
        dataset = Dataset.objects.create(
            name=info.name,
            name_en=info.name_en,
            scheme=info.scheme,
            source=info.source,
            attribution_en=info.attribution_en,
            attribution_da=info.attribution_da,
            file_name=info.file_name[:255],
            sha256=info.sha256,
            city=info.city,
            uploaded_by=info.uploaded_by,
            periods=list(result.counts.periods),
            use_for_figures=info.use_for_figures,
        )
        ids = _insert_areas(dataset, result.areas, geometries)
        dataset.rows = _insert_counts(dataset, result, ids)
        dataset.save(update_fields=["rows"])
        for city, code in codes.values():
            CityArea.objects.get_or_create(city=city, area_id=ids[code])
        for code, items in (outlines or {}).items():
            Outline.objects.bulk_create(
                Outline(dataset=dataset, municipality_id=ids[code], code=c, name=n, geometry=g)
                for c, n, g in items
            )
    return dataset
