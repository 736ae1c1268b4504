"""Person-level microdata → counts by (area, year, origin group), with DuckDB, in bounded memory.

A file of persons (Parquet, or CSV, ``.gz`` or not), one row per person and year:

=====================  ========================================================================
``id``                 the person's identifier (any type; unique within a year)
``year``               the year the row describes (becomes the period)
``area``               the area of residence (code)
``birth_country``      ISO 3166 alpha-2 or alpha-3 code (DK / DNK for Denmark), empty if unknown
``citizenship``        likewise
and either
``mother_id``,         the parents' ids, referring to other persons of the file (empty: unknown)
``father_id``
or
``mother_birth_country``, ``mother_citizenship``, ``father_birth_country``,
``father_citizenship`` the parents' countries directly (empty: unknown)
=====================  ========================================================================

Each person is classified by Statistics Denmark's rules (Danish origin / immigrant / descendant ×
Western / non-Western, including the rules for persons with no known parent) with the SQL expression
:func:`mangfold.population.origin.origin_sql_case`, the same rule as the pure-Python
:func:`~mangfold.population.origin.origin_group`, and counted per area, year and group.

**Parents by id.** A parent is looked up as their own row of the file: the latest row of that parent
in a year up to and including the person's year (an *as-of* join), so a parent who died or left keeps
the birth country and citizenship of their last row. A parent id with no such row (the parent is not
in the file) counts as an unknown parent. Give the parents' countries directly when the file holds
only the living residents.

**Bounded memory.** Nothing is loaded into Python: DuckDB streams the file with a ``memory_limit``
(default 1 GB) and spills joins and aggregations to a temporary directory; only the aggregate (areas ×
years × 5 groups) comes back.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from mangfold.i18n import gettext as _
from mangfold.population.counts import Counts
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.model import Missing
from mangfold.population.origin import origin_sql_case
from mangfold.population.schemes import dst_origin

__all__ = ["ORIGIN_GROUPS", "Engine", "PersonColumns", "origin_counts", "origin_counts_sql"]

#: The base groups of the ``dst_origin`` scheme, in scheme order.
ORIGIN_GROUPS: tuple[str, ...] = (
    "danish",
    "imm_western",
    "imm_nonwestern",
    "desc_western",
    "desc_nonwestern",
)

_PARENT_IDS = ("mother_id", "father_id")
_PARENT_COUNTRIES = (
    "mother_birth_country",
    "mother_citizenship",
    "father_birth_country",
    "father_citizenship",
)


@dataclass(frozen=True)
class PersonColumns:
    """The names of the columns in the persons file (defaults as in the module docstring)."""

    id: str = "id"
    year: str = "year"
    area: str = "area"
    birth_country: str = "birth_country"
    citizenship: str = "citizenship"
    mother_id: str = "mother_id"
    father_id: str = "father_id"
    mother_birth_country: str = "mother_birth_country"
    mother_citizenship: str = "mother_citizenship"
    father_birth_country: str = "father_birth_country"
    father_citizenship: str = "father_citizenship"


@dataclass(frozen=True)
class Engine:
    """DuckDB settings: memory limit, threads (``None``: DuckDB's default, all cores) and the directory
    that joins and aggregations spill to (``None``: a fresh temporary directory, removed after)."""

    memory_limit: str = "1GB"
    threads: int | None = None
    temp_directory: str | None = None


def _quote(name: str) -> str:
    """An SQL identifier, double-quoted (column names come from users' files)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    """An SQL string literal, single-quoted."""
    return "'" + text.replace("'", "''") + "'"


def _sql(template: str, **parts: str) -> str:
    """Fill an SQL template. Every part is a :func:`_quote`-d identifier, a :func:`_literal`, or SQL
    built here from those, so no text of a file or a caller reaches the query unquoted."""
    return template.format(**parts)


def _reader(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".parquet"):
        return f"read_parquet({_literal(str(path))})"
    if name.endswith((".csv", ".csv.gz", ".tsv", ".tsv.gz", ".txt", ".txt.gz")):
        return f"read_csv({_literal(str(path))}, header = true)"
    raise PopulationFileError(
        _("persons must be a Parquet (.parquet) or CSV (.csv, .csv.gz) file"), file=str(path)
    )


def _mode(columns: Sequence[str], cols: PersonColumns, parents: str, source: str) -> str:
    have = set(columns)
    required = [cols.id, cols.year, cols.area, cols.birth_country, cols.citizenship]
    by_id = [getattr(cols, f) for f in _PARENT_IDS]
    by_country = [getattr(cols, f) for f in _PARENT_COUNTRIES]
    if parents == "auto":
        parents = "ids" if set(by_id) <= have else "countries"
    if parents not in {"ids", "countries"}:
        raise ValueError(f"parents must be 'auto', 'ids' or 'countries', got {parents!r}")
    needed = required + (by_id if parents == "ids" else by_country)
    missing = [c for c in needed if c not in have]
    if missing:
        problems = [Problem(_("missing column"), source, column=c) for c in missing]
        problems.append(
            Problem(
                _(
                    "a persons file needs id, year, area, birth_country, citizenship and either "
                    "mother_id and father_id or the parents' birth countries and citizenships; "
                    "found: {columns}"
                ).format(columns=", ".join(columns)),
                source,
            )
        )
        raise PopulationFileError(problems, file=source)
    return parents


COUNTRY_TYPE = "mangfold_country"


def country_type_sql(source: str, cols: PersonColumns, name: str = COUNTRY_TYPE) -> str:
    """``CREATE TYPE name AS ENUM`` of the birth countries and citizenships of a file.

    Parents' countries travel through the joins as this 1–2-byte enum instead of as strings, which
    roughly halves the memory of the join's hash tables.
    """
    return _sql(
        "CREATE TYPE {name} AS ENUM (SELECT v FROM ("
        "SELECT DISTINCT CAST({bc} AS VARCHAR) AS v FROM {source} UNION "
        "SELECT DISTINCT CAST({cit} AS VARCHAR) AS v FROM {source}"
        ") WHERE v IS NOT NULL ORDER BY v)",
        name=_quote(name),
        bc=_quote(cols.birth_country),
        cit=_quote(cols.citizenship),
        source=source,
    )


def _country(column: str, country_type: str | None) -> str:
    text = f"CAST({_quote(column)} AS VARCHAR)"
    return f"CAST({text} AS {_quote(country_type)})" if country_type else text


_IDS = """
    SELECT p.area, p.year, p.bc, p.cit, m.bc AS mbc, m.cit AS mcit, f.bc AS fbc, f.cit AS fcit,
           count(*) AS n
    FROM (SELECT {year} AS year, {area} AS area, {bc} AS bc, {cit} AS cit,
                 {mother_id} AS mother_id, {father_id} AS father_id FROM {source}) AS p
    {join} (SELECT {id} AS pid, {year} AS year, {pbc} AS bc, {pcit} AS cit FROM {source}) AS m
        ON m.pid = p.mother_id {year_m}
    {join} (SELECT {id} AS pid, {year} AS year, {pbc} AS bc, {pcit} AS cit FROM {source}) AS f
        ON f.pid = p.father_id {year_f}
    GROUP BY ALL"""

_COUNTRIES = """
    SELECT {area} AS area, {year} AS year, {bc} AS bc, {cit} AS cit, {mbc} AS mbc, {mcit} AS mcit,
           {fbc} AS fbc, {fcit} AS fcit, count(*) AS n
    FROM {source}
    GROUP BY ALL"""

_COUNTED = """
    WITH counted AS (
        SELECT CAST(area AS VARCHAR) AS area, CAST(year AS VARCHAR) AS year, {case} AS grp,
               sum(n) AS n
        FROM ({combos}) AS c
        GROUP BY ALL
    ),
    places AS (SELECT DISTINCT area, year FROM counted),
    grps(grp, pos) AS (VALUES {groups})
    SELECT places.area, places.year, grps.grp, CAST(coalesce(counted.n, 0) AS BIGINT) AS n
    FROM places CROSS JOIN grps
    LEFT JOIN counted USING (area, year, grp)
    ORDER BY places.year, places.area, grps.pos"""


def origin_counts_sql(
    source: str,
    cols: PersonColumns,
    parents: str,
    groups: Sequence[str] = ORIGIN_GROUPS,
    *,
    one_year: bool = False,
    country_type: str | None = None,
) -> str:
    """The DuckDB query that classifies and counts; ``source`` is a table expression
    (``read_parquet('…')``). Returns rows (area VARCHAR, year VARCHAR, grp VARCHAR, n BIGINT), with
    a 0 for every group of every (area, year) that has persons, ordered by year, area and group.

    Persons are first counted per area, year and distinct combination of the six country values, and
    :func:`~mangfold.population.origin.origin_sql_case` is evaluated once per combination (the rule
    depends on nothing else), then the combinations are summed per group. ``one_year=True`` (the file
    holds a single year) joins parents on their id alone instead of the as-of join on (id, year ≤),
    the same rows on such a file and about twice as fast. ``country_type`` names an enum type made by
    :func:`country_type_sql` for the parents' countries (plain VARCHAR when ``None``).
    """
    q = {f.name: _quote(getattr(cols, f.name)) for f in fields(cols)}
    own = {
        "source": source,
        "area": q["area"],
        "year": q["year"],
        "bc": _country(cols.birth_country, None),
        "cit": _country(cols.citizenship, None),
    }
    if parents == "ids":
        combos = _sql(
            _IDS,
            **own,
            id=q["id"],
            mother_id=q["mother_id"],
            father_id=q["father_id"],
            pbc=_country(cols.birth_country, country_type),
            pcit=_country(cols.citizenship, country_type),
            join="LEFT JOIN" if one_year else "ASOF LEFT JOIN",
            year_m="" if one_year else "AND m.year <= p.year",
            year_f="" if one_year else "AND f.year <= p.year",
        )
    else:
        combos = _sql(
            _COUNTRIES,
            **own,
            mbc=_country(cols.mother_birth_country, None),
            mcit=_country(cols.mother_citizenship, None),
            fbc=_country(cols.father_birth_country, None),
            fcit=_country(cols.father_citizenship, None),
        )
    return _sql(
        _COUNTED,
        case=origin_sql_case("bc", "cit", "mbc", "mcit", "fbc", "fcit"),
        combos=combos,
        groups=", ".join(f"({_literal(g)}, {i})" for i, g in enumerate(groups)),
    )


def _connect(engine: Engine, spill: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = {_literal(engine.memory_limit)}")
    con.execute(f"SET temp_directory = {_literal(spill)}")
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    if engine.threads is not None:
        con.execute(f"SET threads = {int(engine.threads)}")
    return con


def _one_year(con: duckdb.DuckDBPyConnection, reader: str, cols: PersonColumns) -> bool:
    """Does the file hold at most one year?"""
    query = _sql("SELECT count(DISTINCT {year}) FROM {source}", year=_quote(cols.year), source=reader)
    row = con.execute(query).fetchone()
    return row is not None and int(row[0]) <= 1


def origin_counts(
    path: str | Path,
    *,
    columns: PersonColumns | None = None,
    parents: str = "auto",
    engine: Engine | None = None,
) -> Counts:
    """Classify the persons of a Parquet or CSV file by origin and count them per area and year.

    ``parents``: ``"ids"`` (parents looked up by ``mother_id`` / ``father_id``), ``"countries"``
    (the parents' countries are columns) or ``"auto"`` (ids when those columns exist). Returns
    :class:`Counts` with the ``dst_origin`` scheme: periods are the years, groups the five base groups
    (``danish``, ``imm_western``, ``imm_nonwestern``, ``desc_western``, ``desc_nonwestern``), with 0
    for a group that an (area, year) lacks. Apply :func:`mangfold.population.suppress.suppress` before
    publishing. Raises :class:`PopulationFileError` naming the file for a missing file or column, or
    rows without an area or year.
    """
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise PopulationFileError(_("no such file"), file=source)
    cols = columns or PersonColumns()
    engine = engine or Engine()
    reader = _reader(path)
    with tempfile.TemporaryDirectory(prefix="mangfold-duckdb-") as scratch:
        con = _connect(engine, engine.temp_directory or scratch)
        try:
            described = con.execute(_sql("DESCRIBE SELECT * FROM {source}", source=reader))
            names = [r[0] for r in described.fetchall()]
            mode = _mode(names, cols, parents, source)
            one_year, country_type = False, None
            if mode == "ids":
                one_year = _one_year(con, reader, cols)
                con.execute(country_type_sql(reader, cols))
                country_type = COUNTRY_TYPE
            query = origin_counts_sql(reader, cols, mode, one_year=one_year, country_type=country_type)
            rows = con.execute(query).fetchnumpy()
        except duckdb.Error as exc:
            raise PopulationFileError(
                _("cannot read persons: {error}").format(error=exc), file=source
            ) from None
        finally:
            con.close()
    return _to_counts(rows, source)


def _to_counts(rows: dict[str, Any], source: str) -> Counts:
    area, year = rows["area"], rows["year"]
    problems = []
    lacking = {"area": _("some persons have no area"), "year": _("some persons have no year")}
    for name, values in (("area", area), ("year", year)):
        mask = np.ma.getmaskarray(values) if isinstance(values, np.ma.MaskedArray) else None
        empty = [v is None for v in np.asarray(values, dtype=object)]
        if (mask is not None and mask.any()) or any(empty):
            problems.append(Problem(lacking[name], source, column=name))
    if problems:
        raise PopulationFileError(problems, file=source)
    n = np.asarray(rows["n"], dtype=np.float64)
    return Counts.from_arrays(
        np.asarray(area, dtype=object),
        np.asarray(year, dtype=object),
        np.asarray(rows["grp"], dtype=object),
        n,
        np.full(len(n), Missing.NONE, dtype=np.uint8),
        scheme=dst_origin(),
    )
