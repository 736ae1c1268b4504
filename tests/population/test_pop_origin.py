"""Statistics Denmark's origin rules: the scalar rule, its NumPy and SQL versions, the Western list."""

from __future__ import annotations

import itertools

import duckdb
import numpy as np
import pandas as pd
import pytest

from mangfold.population.origin import (
    WESTERN,
    WESTERN_COUNTRIES,
    Origin,
    classify,
    classify_arrays,
    country_code,
    is_western,
    origin_country,
    origin_group,
    origin_sql_case,
)

COLUMNS = [
    "birth_country",
    "citizenship",
    "mother_birth_country",
    "mother_citizenship",
    "father_birth_country",
    "father_citizenship",
]


# --- the definitions of domain.md §4, case by case ------------------------------------------


def test_a_parent_who_is_a_danish_born_danish_citizen_makes_danish_origin_wherever_born() -> None:
    assert classify("TR", "TR", "DK", "DK", "TR", "TR") is Origin.DANISH
    assert classify("DK", "SE", "SY", "SY", "DK", "DK") is Origin.DANISH


def test_born_abroad_without_such_a_parent_is_an_immigrant() -> None:
    assert classify("DE", "DK", "DE", "DE", "DK", "DE") is Origin.IMMIGRANT  # father DK-born, not a citizen
    assert classify("IQ", "DK", "DK", "IQ", None, None) is Origin.IMMIGRANT


def test_born_in_denmark_without_such_a_parent_is_a_descendant() -> None:
    # Danish-born parents who both kept a foreign citizenship: their children are descendants.
    assert classify("DK", "TR", "DK", "TR", "DK", "TR") is Origin.DESCENDANT
    assert classify("DK", "DK", "PK", "PK", None, None) is Origin.DESCENDANT  # own citizenship irrelevant


def test_no_known_parent_born_abroad_is_an_immigrant_whatever_the_citizenship() -> None:
    assert classify("SO", "SO") is Origin.IMMIGRANT
    assert classify("SO", "DK") is Origin.IMMIGRANT
    assert classify(None, "DK") is Origin.IMMIGRANT  # unknown birthplace counts as abroad


def test_no_known_parent_born_in_denmark_depends_on_citizenship() -> None:
    assert classify("DK", "VN") is Origin.DESCENDANT
    assert classify("DK", "DK") is Origin.DANISH
    assert classify("DNK", " dnk ") is Origin.DANISH  # alpha-3, case and spaces


def test_country_of_origin_follows_the_mother_then_the_father_then_the_person() -> None:
    assert origin_country("DK", "DK", "PK", "PK", "SE", "SE") == "PK"
    assert origin_country("DK", "DK", "DK", "TR", None, None) == "TR"  # DK-born mother: citizenship
    assert origin_country("DE", "DE", None, None, "US", "US") == "US"
    assert origin_country("IR", "IR") == "IR"  # immigrant, no parents: birth country
    assert origin_country("DK", "IR") == "IR"  # descendant, no parents: citizenship


def test_origin_groups_split_by_western_origin() -> None:
    assert origin_group("US", "US") == "imm_western"
    assert origin_group("SY", "SY") == "imm_nonwestern"
    assert origin_group("DK", "DK", "NO", "NO", "NO", "NO") == "desc_western"
    assert origin_group("DK", "DK", "DK", "SO", None, None) == "desc_nonwestern"
    assert origin_group("DK", "DK") == "danish"
    assert origin_group("DK", None) == "desc_nonwestern"  # unknown country is non-Western


# --- the Western list ---------------------------------------------------------------------

EU27 = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()  # noqa: SIM905
OTHERS = "AD IS LI MC NO SM CH GB VA CA US AU NZ".split()  # noqa: SIM905


def test_the_western_list_is_the_eu_and_the_thirteen_others() -> None:
    assert sorted(c.alpha2 for c in WESTERN_COUNTRIES) == sorted(EU27 + OTHERS)
    assert len({c.alpha3 for c in WESTERN_COUNTRIES}) == 40
    assert all(
        len(c.alpha2) == 2 and len(c.alpha3) == 3 and c.name_da and c.name_en for c in WESTERN_COUNTRIES
    )


@pytest.mark.parametrize(
    "country",
    ["GB", "gbr", "UK", "Storbritannien", "United Kingdom", "Grækenland", "EL", "Vatikanstaten", "USA",
     "New Zealand", "Schweiz", "Tjekkiet", "Czechia", "Holland"],
)  # fmt: skip
def test_western_countries_by_code_or_name(country: str) -> None:
    assert is_western(country)


@pytest.mark.parametrize("country", ["TR", "TUR", "Tyrkiet", "RU", "UA", "JP", "IL", "", None, "XX"])
def test_other_countries_and_unknown_are_not_western(country: str | None) -> None:
    assert not is_western(country)


def test_country_code_normalises_names_and_codes() -> None:
    assert country_code("Tyskland") == country_code("deu") == country_code("Germany") == "DE"
    assert country_code("tr") == "TR" and country_code("  ") is None
    assert "DNK" in WESTERN and "UK" in WESTERN


# --- the three implementations agree ------------------------------------------------------

# Unknown (None, ""), Denmark (alpha-2, alpha-3 in lower case), Western (spaces), non-Western.
VALUES = [None, "", "DK", "dnk", " se ", "TUR"]


@pytest.fixture(scope="module")
def grid() -> pd.DataFrame:
    rows = list(itertools.product(VALUES, repeat=6))  # 6**6 = 46,656 people
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.fixture(scope="module")
def expected(grid: pd.DataFrame) -> list[str]:
    return [origin_group(*row) for row in grid.itertuples(index=False)]


def test_numpy_rule_equals_the_scalar_rule_on_an_exhaustive_grid(
    grid: pd.DataFrame, expected: list[str]
) -> None:
    got = classify_arrays(*(grid[c] for c in COLUMNS))
    assert got.tolist() == expected
    assert set(expected) == {"danish", "imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern"}


def test_sql_case_equals_the_scalar_rule_on_an_exhaustive_grid(
    grid: pd.DataFrame, expected: list[str]
) -> None:
    frame = grid.assign(row_id=np.arange(len(grid)))
    con = duckdb.connect()
    con.register("people", frame)
    got = con.execute(f"SELECT {origin_sql_case()} AS g FROM people ORDER BY row_id").fetchall()  # noqa: S608
    assert [g for (g,) in got] == expected


def test_sql_case_takes_other_column_names_and_refuses_expressions() -> None:
    sql = origin_sql_case("p.bc", "p.cit", "m_bc", "m_cit", "f_bc", "f_cit")
    con = duckdb.connect()
    con.execute("CREATE TABLE p AS SELECT 'DK' bc, 'DK' cit, NULL m_bc, NULL m_cit, NULL f_bc, NULL f_cit")
    assert con.execute(f"SELECT {sql} FROM p").fetchone() == ("danish",)  # noqa: S608
    with pytest.raises(ValueError, match="plain column name"):
        origin_sql_case("x); DROP TABLE p; --")


def test_arrays_must_have_equal_lengths() -> None:
    with pytest.raises(ValueError, match="equal lengths"):
        classify_arrays(["DK"], ["DK"], [None], [None], [None], [None, None])
