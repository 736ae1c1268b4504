"""Readers for two Statistics Denmark layouts: StatBank's KMSTA001 long CSV and the 2024
voting-area tables of the election database.

**KMSTA001** (population by parish and origin, yearly): columns ``SOGN`` ("7002 Helligånds
(København Municipality)": parish code, name, municipality), ``HERKOMST`` (the five origin
groups, English or Danish labels), ``TID`` (year) and ``INDHOLD`` (persons). The parish code
is the leading number, the municipality the text matched by ``\\((.*) Municipality\\)`` (or
``\\((.*) Kommune\\)`` in Danish). Areas: country ``DK`` → municipality (its name is its code)
→ parish.

**Voting areas 2024** (valgdatabase.dst.dk): one row per ``ValgstedId``; the origin table has
a column per sex × age band × origin region (``…_Kvinder 0-4 år_02. Nordiske lande``) for
immigrants and descendants together; the citizenship table a column per sex × age × 12
citizenship groups, whose sum is the total population. Counts are summed over sex and age;
Danish origin = total − the 11 regions. The municipality code is ``ValgstedId // 1000``
(the number of the voting area within it is the last three digits).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

import numpy as np

from mangfold.i18n import gettext as _
from mangfold.population.counts import Counts
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.labels import map_labels
from mangfold.population.model import Area, AreaHierarchy
from mangfold.population.readers.common import ReadResult, Source, parse_cell, source_name
from mangfold.population.readers.tabular import rows_from_csv
from mangfold.population.schemes import dst_origin, dst_regions_2024

__all__ = ["read_kmsta001", "read_voting_areas_2024"]

_SOGN = re.compile(r"^\s*(\d+)\s+(.*?)\s*\((.*) (?:Municipality|Kommune)\)\s*$")
_TOLERANCE = 1e-6


def read_kmsta001(source: Source, *, name: str | None = None) -> ReadResult:
    """Read the KMSTA001 long CSV (``SOGN, HERKOMST, TID, INDHOLD``) into the DST origin scheme."""
    file = source_name(source, name)
    header, rows = rows_from_csv(source, name=file)
    need = ["SOGN", "HERKOMST", "TID", "INDHOLD"]
    upper = [h.upper() for h in header]
    missing = [c for c in need if c not in upper]
    if missing:
        raise PopulationFileError(
            Problem(
                _("missing column(s) {missing} (columns: {columns})").format(
                    missing=", ".join(missing), columns=", ".join(header)
                ),
                file,
                1,
            )
        )
    i_s, i_h, i_t, i_n = (upper.index(c) for c in need)
    scheme = dst_origin()
    labels = map_labels([r[i_h] for r in rows if len(r) > i_h], scheme, strict=False)
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for r, row in enumerate(rows, start=2):
        if len(row) > i_h:
            first.setdefault(row[i_h], r)
    for lab in labels.unmapped:
        message = _("label {label!r} matches no origin group").format(label=lab)
        problems.append(Problem(message, file, first[lab], "HERKOMST"))
    a, p, g, v, m = [], [], [], [], []
    areas: dict[str, Area] = {"DK": Area("DK", "Danmark", "country")}
    seen: dict[tuple[str, str, str], int] = {}
    for r, row in enumerate(rows, start=2):
        if len(row) != len(header):
            message = _("{cells} cells but the header has {width}").format(cells=len(row), width=len(header))
            problems.append(Problem(message, file, r))
            continue
        match = _SOGN.match(row[i_s])
        if not match:
            message = _("not 'code name (… Municipality)': {value!r}").format(value=row[i_s])
            problems.append(Problem(message, file, r, header[i_s]))
            continue
        code, pname, muni = match.groups()
        year = row[i_t].strip()
        if not re.fullmatch(r"\d{4}", year):
            problems.append(Problem(_("not a year: {value!r}").format(value=year), file, r, header[i_t]))
            continue
        parsed = parse_cell(row[i_n])
        if isinstance(parsed, str):
            problems.append(Problem(parsed, file, r, header[i_n]))
            continue
        group = labels.mapping.get(row[i_h])
        if group is None:
            continue
        if (code, year, group) in seen:
            problems.append(
                Problem(
                    _("duplicate parish, year and group: also row {row}").format(row=seen[code, year, group]),
                    file,
                    r,
                )
            )
            continue
        seen[code, year, group] = r
        areas.setdefault(muni, Area(muni, muni, "municipality", "DK"))
        old = areas.setdefault(code, Area(code, pname, "small_area", muni))
        if old.parent != muni:
            message = _("parish {code} is in {first} and in {second}")
            problems.append(Problem(message.format(code=code, first=old.parent, second=muni), file, r))
        a.append(code)
        p.append(year)
        g.append(group)
        v.append(parsed[0])
        m.append(int(parsed[1]))
    if problems:
        raise PopulationFileError(problems, file=file)
    hierarchy = AreaHierarchy.of(areas.values())
    counts = Counts.from_arrays(a, p, g, v, m, scheme=scheme, areas=hierarchy)
    return ReadResult(counts, hierarchy, {"format": "kmsta001", "table": "KMSTA001"})


def _sum_columns(
    source: Source, file: str, what: str
) -> tuple[list[str], dict[str, np.ndarray[Any, np.dtype[np.float64]]]]:
    """Area ids and, per group label (the last ``_`` part of a header), the row sums."""
    header, rows = rows_from_csv(source, name=file, delimiter=",")
    if not header or header[0] != "ValgstedId":
        raise PopulationFileError(
            Problem(_("the first column must be ValgstedId ({table})").format(table=what), file, 1)
        )
    groups: dict[str, list[int]] = {}
    for j, h in enumerate(header[1:], start=1):
        parts = h.split("_")
        if len(parts) < 3:
            raise PopulationFileError(
                Problem(_("column {name!r} is not 'table_sex age_group'").format(name=h), file, 1)
            )
        groups.setdefault(parts[-1], []).append(j)
    problems: list[Problem] = []
    ids = [row[0].strip() if row else "" for row in rows]
    try:  # fast path: a clean table
        values = np.array([row[1:] for row in rows], dtype=np.float64)
        clean = values.shape == (len(rows), len(header) - 1) and bool(
            np.isfinite(values).all() and (values >= 0).all()
        )
    except ValueError:
        clean = False
    if clean:
        values = np.column_stack([np.zeros(len(rows)), values])
    else:
        values = np.zeros((len(rows), len(header)))
        for i, row in enumerate(rows):
            r = i + 2
            if len(row) != len(header):
                message = _("{cells} cells but the header has {width}")
                problems.append(Problem(message.format(cells=len(row), width=len(header)), file, r))
                continue
            for j in range(1, len(header)):
                parsed = parse_cell(row[j])
                if isinstance(parsed, str) or parsed[1].is_missing:
                    msg = parsed if isinstance(parsed, str) else _("a missing value (none are expected)")
                    problems.append(Problem(msg, file, r, header[j]))
                else:
                    values[i, j] = parsed[0]
            if len(problems) > 200:
                break
    for i, x in enumerate(ids):
        if not x.isdigit():
            message = _("not a voting-area id: {value!r}").format(value=x)
            problems.append(Problem(message, file, i + 2, "ValgstedId"))
    dup = {x for x, k in Counter(ids).items() if x and k > 1}
    for x in sorted(dup):
        problems.append(Problem(_("voting area {area} appears more than once").format(area=x), file))
    if problems:
        raise PopulationFileError(problems, file=file)
    return ids, {label: values[:, cols].sum(axis=1) for label, cols in groups.items()}


VOTING_AREAS_2024_POPULATION = "2020"
"""The date of the 2024 voting-area tables' population: 1 January 2020 (the tables carry none; their
municipal sums equal Statistics Denmark's KMSTA001 of that day, e.g. Glostrup 23,128 and 4,890
immigrants and descendants; see the data's ATTRIBUTION.md)."""


def read_voting_areas_2024(
    origin: Source,
    citizenship: Source,
    *,
    municipalities: Mapping[str, str] | None = None,
    period: str = VOTING_AREAS_2024_POPULATION,
) -> ReadResult:
    """Danish origin and the 11 origin regions per voting area, from the two 2024 tables (the voting
    areas of the 2024 election; the population of ``period``, by default 1 January 2020).

    ``municipalities`` maps municipality codes (``"101"``) to names. Areas whose total is 0
    are absent. Raises :class:`PopulationFileError` if the tables' areas differ, a region
    column is unknown, or the regions exceed the total population of an area.
    """
    f_o, f_c = source_name(origin, None), source_name(citizenship, None)
    ids, regions = _sum_columns(origin, f_o, _("origin table"))
    ids_c, cit = _sum_columns(citizenship, f_c, _("citizenship table"))
    scheme = dst_regions_2024()
    problems: list[Problem] = []
    if set(ids) != set(ids_c):
        only = sorted(set(ids) ^ set(ids_c))[:10]
        message = _("the two tables cover different voting areas, e.g. {areas}").format(areas=only)
        problems.append(Problem(message, f_o))
    labels = map_labels(list(regions), scheme, strict=False)
    for lab in labels.unmapped:
        problems.append(Problem(_("origin group {label!r} matches no region").format(label=lab), f_o, 1))
    if problems:
        raise PopulationFileError(problems)
    order = {x: i for i, x in enumerate(ids_c)}
    idx = np.array([order[x] for x in ids])
    total = sum(cit.values(), np.zeros(len(ids_c)))[idx]
    background = sum(regions.values(), np.zeros(len(ids)))
    danish = total - background
    bad = np.flatnonzero(danish < -_TOLERANCE)
    if len(bad):
        raise PopulationFileError(
            [
                Problem(
                    _(
                        "voting area {area}: origin regions sum to {regions:g}, "
                        "more than the population {total:g}"
                    ).format(area=ids[i], regions=background[i], total=total[i]),
                    f_o,
                    int(i) + 2,
                )
                for i in bad[:20]
            ]
        )
    danish = np.clip(danish, 0.0, None)
    codes = ["danish", *(labels.mapping[lab] for lab in regions)]
    columns = [danish, *regions.values()]
    n = np.column_stack(columns).ravel()
    area = np.repeat(np.array(ids, dtype=object), len(codes))
    group = np.tile(np.array(codes, dtype=object), len(ids))
    names = dict(municipalities or {})
    areas = [Area("DK", "Danmark", "country")]
    for code in dict.fromkeys(str(int(x) // 1000) for x in ids):
        areas.append(Area(code, names.get(code, code), "municipality", "DK"))
    areas += [Area(x, x, "small_area", str(int(x) // 1000)) for x in ids]
    hierarchy = AreaHierarchy.of(areas)
    counts = Counts.from_arrays(area, [period] * len(n), group, n, scheme=scheme, areas=hierarchy)
    return ReadResult(counts, hierarchy, {"format": "dst-voting-areas-2024"})
