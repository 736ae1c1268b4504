"""Microdata → origin counts with DuckDB: the rule against the pure-Python rule, parents by id, files."""

from __future__ import annotations

import gzip
import itertools
import random
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from mangfold.population.errors import PopulationFileError
from mangfold.population.microdata import ORIGIN_GROUPS, Engine, PersonColumns, origin_counts
from mangfold.population.model import Missing
from mangfold.population.origin import origin_group
from mangfold.population.schemes import dst_origin

PARENT_COUNTRIES = (
    "mother_birth_country",
    "mother_citizenship",
    "father_birth_country",
    "father_citizenship",
)
SMALL = Engine(memory_limit="256MB", threads=1)


def _write(path: Path, rows: list[dict[str, Any]], schema: pa.Schema | None = None) -> Path:
    table = pa.Table.from_pylist(rows, schema=schema)
    if path.suffix == ".parquet":
        pq.write_table(table, path)
    else:
        pacsv.write_csv(table, path)
    return path


def _groups(counts: Any) -> dict[tuple[str, str], str]:
    """(area, period) → the one group with a person, for files of one person per area."""
    out = {}
    for area, period, group, n in zip(counts.area, counts.period, counts.group, counts.n, strict=True):
        if n:
            assert n == 1 and (area, period) not in out
            out[(area, period)] = group
    return out


# Every combination of own and parents' values over codes that exercise the rule: unknown (None and
# ""), Denmark written three ways, a Western and a non-Western country.
VALUES = [None, "", "DK", " dnk", "SE", "TR"]


def test_duckdb_classifies_every_case_exactly_as_the_python_rule(tmp_path: Path) -> None:
    rows = []
    for i, six in enumerate(itertools.product(VALUES, repeat=6)):
        rows.append(
            {"id": i, "year": 2024, "area": f"a{i}", "birth_country": six[0], "citizenship": six[1]}
            | dict(zip(PARENT_COUNTRIES, six[2:], strict=True))
        )
    counts = origin_counts(_write(tmp_path / "grid.parquet", rows), engine=SMALL)
    got = _groups(counts)
    assert len(got) == len(rows) == 6**6
    expected = {
        (r["area"], "2024"): origin_group(
            r["birth_country"], r["citizenship"], *(r[c] for c in PARENT_COUNTRIES)
        )
        for r in rows
    }
    assert got == expected
    assert set(got.values()) == set(ORIGIN_GROUPS)


def test_the_counts_carry_the_origin_scheme_and_zeros_for_absent_groups(tmp_path: Path) -> None:
    rows = [
        {"id": 1, "year": 2023, "area": "101", "birth_country": "DK", "citizenship": "DK"},
        {"id": 2, "year": 2023, "area": "101", "birth_country": "TR", "citizenship": "TR"},
        {"id": 3, "year": 2023, "area": "147", "birth_country": "SE", "citizenship": "SE"},
    ]
    rows = [r | dict.fromkeys(PARENT_COUNTRIES) for r in rows]
    counts = origin_counts(_write(tmp_path / "p.parquet", rows), engine=SMALL)
    assert counts.scheme == dst_origin()
    assert tuple(g.code for g in dst_origin().base) == ORIGIN_GROUPS
    assert len(counts) == 2 * 5 and counts.periods == ("2023",)
    assert counts.value("101", 2023, "danish") == 1
    assert counts.value("101", 2023, "imm_nonwestern") == 1
    assert counts.value("101", 2023, "desc_western") == 0
    assert counts.value("147", 2023, "imm_western") == 1
    assert (counts.missing == Missing.NONE).all()


def _person(pid: int, area: str, born: str | None, cit: str | None, **kw: Any) -> dict[str, Any]:
    return {"id": pid, "year": 2024, "area": area, "birth_country": born, "citizenship": cit} | {
        "mother_id": kw.get("mother"),
        "father_id": kw.get("father"),
    }


def test_parents_are_found_by_id_in_the_same_file(tmp_path: Path) -> None:
    rows = [
        _person(1, "x1", "DK", "DK"),  # no known parents, born here, Danish citizen → Danish
        _person(2, "x2", "TR", "TR"),  # immigrant
        _person(3, "x3", "TR", "DK"),  # naturalised immigrant, born abroad
        _person(10, "a", "DK", "TR", mother=2),  # born here of an immigrant → descendant
        _person(11, "b", "US", "US", mother=1, father=2),  # born abroad, Danish mother → Danish
        _person(12, "c", "DK", "DK", mother=3, father=2),  # Danish citizen, foreign parents → desc
        _person(13, "d", "DE", "DE", mother=999),  # parent not in the file → unknown → immigrant
        _person(14, "e", "DK", "DK", mother=999),  # unknown parent, born here, Danish → Danish
        _person(15, "f", "DK", "DE", father=999),  # unknown parent, foreign citizen → desc, West
        _person(16, "g", "DK", "SE", mother=3),  # mother naturalised, born TR → non-Western
    ]
    counts = origin_counts(_write(tmp_path / "fam.parquet", rows), engine=SMALL)
    got = {a: g for (a, _), g in _groups(counts).items()}
    assert got == {
        "x1": "danish",
        "x2": "imm_nonwestern",
        "x3": "imm_nonwestern",
        "a": "desc_nonwestern",
        "b": "danish",
        "c": "desc_nonwestern",
        "d": "imm_western",
        "e": "danish",
        "f": "desc_western",
        "g": "desc_nonwestern",
    }


COUNTRIES = ["DK", "DK", "DK", "SE", "DE", "TR", "SY", None]


def _random_people(seed: int, years: tuple[int, ...]) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows = []
    for pid in range(1, 301):
        born = rng.choice(COUNTRIES)
        for year in years:
            if rng.random() < 0.2:  # absent this year (not yet arrived, died, emigrated)
                continue
            rows.append(
                {
                    "id": pid,
                    "year": year,
                    "area": rng.choice("ABC"),
                    "birth_country": born,
                    "citizenship": rng.choice(COUNTRIES),  # may change from year to year
                    "mother_id": rng.choice([None, rng.randint(1, 330)]),
                    "father_id": rng.choice([None, rng.randint(1, 330)]),
                }
            )
    return rows


def _with_parent_countries(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The as-of rule written plainly: a parent's latest row in a year up to the person's year."""
    by_person: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        by_person.setdefault(r["id"], []).append(r)
    out = []
    for r in rows:
        extra: dict[str, Any] = {}
        for parent in ("mother", "father"):
            earlier = [p for p in by_person.get(r[f"{parent}_id"], []) if p["year"] <= r["year"]]
            latest = max(earlier, key=lambda p: p["year"]) if earlier else {}
            extra[f"{parent}_birth_country"] = latest.get("birth_country")
            extra[f"{parent}_citizenship"] = latest.get("citizenship")
        out.append({k: v for k, v in r.items() if not k.endswith("_id") or k == "id"} | extra)
    return out


SCHEMA_IDS = pa.schema(
    [
        ("id", pa.int64()),
        ("year", pa.int64()),
        ("area", pa.string()),
        ("birth_country", pa.string()),
        ("citizenship", pa.string()),
        ("mother_id", pa.int64()),
        ("father_id", pa.int64()),
    ]
)


@pytest.mark.parametrize("years", [(2024,), (2020, 2021, 2022)])
def test_parents_by_id_give_the_same_counts_as_parents_by_country(
    tmp_path: Path, years: tuple[int, ...]
) -> None:
    rows = _random_people(len(years), years)
    by_id = origin_counts(_write(tmp_path / "ids.parquet", rows, SCHEMA_IDS), engine=SMALL)
    flat = _with_parent_countries(rows)
    by_country = origin_counts(_write(tmp_path / "countries.parquet", flat), engine=SMALL)
    assert by_id.to_pandas().equals(by_country.to_pandas())
    assert by_id.n.sum() == len(rows)
    assert by_id.periods == tuple(str(y) for y in years)


def test_csv_and_gzipped_csv_read_like_parquet(tmp_path: Path) -> None:
    rows = _random_people(7, (2024,))
    parquet = origin_counts(_write(tmp_path / "p.parquet", rows, SCHEMA_IDS), engine=SMALL)
    csv = _write(tmp_path / "p.csv", rows, SCHEMA_IDS)
    packed = tmp_path / "p.csv.gz"
    packed.write_bytes(gzip.compress(csv.read_bytes()))
    for path in (csv, packed):
        assert origin_counts(path, engine=SMALL).to_pandas().equals(parquet.to_pandas())


def test_other_column_names_are_mapped(tmp_path: Path) -> None:
    rows = [
        {"pnr": 1, "aar": 2024, "sogn": "7002", "foedeland": "DK", "statsb": "DK", "mor": None},
        {"pnr": 2, "aar": 2024, "sogn": "7002", "foedeland": "DK", "statsb": "SY", "mor": 3},
        {"pnr": 3, "aar": 2024, "sogn": "7003", "foedeland": "SY", "statsb": "SY", "mor": None},
    ]
    for r in rows:
        r["far"] = None
    cols = PersonColumns(
        id="pnr",
        year="aar",
        area="sogn",
        birth_country="foedeland",
        citizenship="statsb",
        mother_id="mor",
        father_id="far",
    )
    text, number = pa.string(), pa.int64()
    names = ["pnr", "aar", "sogn", "foedeland", "statsb", "mor", "far"]
    types = [number, number, text, text, text, number, number]
    schema = pa.schema(list(zip(names, types, strict=True)))
    counts = origin_counts(_write(tmp_path / "dk.parquet", rows, schema), columns=cols, engine=SMALL)
    assert counts.value("7002", 2024, "desc_nonwestern") == 1
    assert counts.value("7002", 2024, "danish") == 1
    assert counts.value("7003", 2024, "imm_nonwestern") == 1


def test_a_file_without_the_needed_columns_lists_them(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.parquet", [{"id": 1, "year": 2024, "birth_country": "DK"}])
    with pytest.raises(PopulationFileError) as caught:
        origin_counts(path, engine=SMALL)
    missing = [p.column for p in caught.value.problems if p.column]
    assert missing == [
        "area",
        "citizenship",
        "mother_birth_country",
        "mother_citizenship",
        "father_birth_country",
        "father_citizenship",
    ]
    assert "bad.parquet" in str(caught.value)


def test_persons_without_area_are_refused(tmp_path: Path) -> None:
    rows = [_person(1, "a", "DK", "DK"), _person(2, None, "DK", "DK")]  # type: ignore[arg-type]
    with pytest.raises(PopulationFileError, match="some persons have no area"):
        origin_counts(_write(tmp_path / "p.parquet", rows, SCHEMA_IDS), engine=SMALL)


def test_missing_files_and_unknown_formats_are_population_file_errors(tmp_path: Path) -> None:
    with pytest.raises(PopulationFileError, match="no such file"):
        origin_counts(tmp_path / "nowhere.parquet")
    other = tmp_path / "persons.xlsx"
    other.write_bytes(b"PK")
    with pytest.raises(PopulationFileError, match="Parquet"):
        origin_counts(other)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(PopulationFileError, match=r"broken\.parquet"):
        origin_counts(broken)


def test_a_small_memory_limit_gives_the_same_counts(tmp_path: Path) -> None:
    n = 400_000
    ids = pa.array(range(1, n + 1), pa.int64())
    mothers = pa.array([(i * 7919) % n + 1 if i % 3 else None for i in range(n)], pa.int64())
    fathers = pa.array([(i * 104729) % n + 1 if i % 4 else None for i in range(n)], pa.int64())
    countries = pa.array([COUNTRIES[i % 7] for i in range(n)])
    table = pa.table(
        {
            "id": ids,
            "year": pa.array([2024] * n, pa.int64()),
            "area": pa.array([f"a{i % 97}" for i in range(n)]),
            "birth_country": countries,
            "citizenship": pa.array([COUNTRIES[(i // 7) % 7] for i in range(n)]),
            "mother_id": mothers,
            "father_id": fathers,
        }
    )
    path = tmp_path / "many.parquet"
    pq.write_table(table, path)
    spill = tmp_path / "spill"
    small = origin_counts(path, engine=Engine(memory_limit="64MB", threads=1, temp_directory=str(spill)))
    roomy = origin_counts(path, engine=Engine(memory_limit="2GB"))
    assert small.to_pandas().equals(roomy.to_pandas())
    assert small.n.sum() == n
