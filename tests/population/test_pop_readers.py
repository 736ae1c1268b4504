"""CSV and Excel readers: long and wide layouts, detection, and precise refusals."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import openpyxl
import pytest

from mangfold.population import Missing, PopulationFileError
from mangfold.population.readers import read, read_csv, read_excel
from mangfold.population.readers.tabular import rows_from_csv
from mangfold.population.schemes import dst_origin, ew_ethnicity_2011

LONG = """area,period,group,n
7002,2008,Persons of Danish origin,3025
7002,2008,Immigrants from western countries,436
7002,2008,Immigrants from non-western countries,166
7002,2008,Descendants from western countries,28
7002,2008,Descendants from non-western countries,..
"""

WIDE = """parish,year,Personer med dansk oprindelse,Indvandrere fra vestlige lande,Indvandrere fra ikke-vestlige lande,Efterkommere fra vestlige lande,Efterkommere fra ikke-vestlige lande
7002,2008,3025,436,166,28,..
7003,2008,1000,500,100,10,5
"""  # noqa: E501


def test_long_csv_with_usual_column_names_is_detected() -> None:
    result = read_csv(LONG.encode(), scheme=dst_origin(), name="long.csv")
    c = result.counts
    assert len(c) == 5 and c.value("7002", 2008, "imm_nonwestern") == 166
    assert c.reason("7002", 2008, "desc_nonwestern") is Missing.CONFIDENTIAL
    assert [a.code for a in result.areas] == ["7002"]


def test_long_csv_with_columns_named_by_the_caller() -> None:
    text = LONG.replace("area,period,group,n", "sted,aar,hvem,hvor_mange")
    c = read_csv(
        text.encode(), scheme=dst_origin(), area="sted", period="aar", group="hvem", n="hvor_mange"
    ).counts
    assert c.value("7002", 2008, "danish") == 3025


def test_wide_csv_reads_a_column_per_group() -> None:
    c = read_csv(WIDE.encode(), scheme=dst_origin(), name="wide.csv").counts
    assert len(c) == 10
    assert c.value("7003", 2008, "desc_nonwestern") == 5
    assert math.isnan(c.value("7002", 2008, "desc_nonwestern"))


def test_wide_csv_without_a_period_column_takes_the_given_period() -> None:
    text = "LSOA,WhiteBrit,Bangladeshi\nE01,10.5,3\nE02,7,0\n"
    c = read_csv(text.encode(), scheme=ew_ethnicity_2011(), default_period=2011).counts
    assert c.value("E01", 2011, "white_british") == 10.5  # non-integer counts are kept
    assert set(c.group) == {"white_british", "bangladeshi"}


def test_names_and_parents_build_the_area_hierarchy() -> None:
    text = "code,name,kommune,year,group,n\ns1,Vor Frue,101,2020,danish,5\ns2,Holmen,101,2020,danish,7\n"
    result = read_csv(text.encode(), scheme=dst_origin(), area="code", area_name="name", parent="kommune")
    assert result.areas["s1"].name == "Vor Frue"
    assert result.areas.ancestor("s2", "municipality") == "101"
    assert result.counts.aggregate("municipality").value("101", 2020, "danish") == 12


def test_semicolon_files_with_decimal_commas_are_detected() -> None:
    text = "area;period;group;n\nx;2020;danish;1,5\n"
    assert read_csv(text.encode(), scheme=dst_origin()).counts.value("x", 2020, "danish") == 1.5


def test_a_wrong_delimiter_gets_a_clear_message() -> None:
    text = LONG.replace(",", ";")
    with pytest.raises(PopulationFileError) as err:
        read_csv(text.encode(), delimiter=",", scheme=dst_origin(), name="semi.csv")
    assert str(err.value) == (
        "semi.csv, row 1: the file seems to be separated by ';', not ',': the header has no ',' but 3 × ';'"
    )


def test_a_single_column_header_is_refused() -> None:
    with pytest.raises(PopulationFileError, match="no delimiter"):
        read_csv(b"just one column\n1\n", name="one.csv")


def test_every_problem_of_a_file_is_listed_with_row_and_column() -> None:
    text = LONG + (
        "7002,2008,Persons of Danish origin,99\n"  # row 7: duplicate of row 2
        "7003,2008,Persons of Danish origin,-5\n"  # row 8: negative
        "7003,2008,Immigrants from western countries,many\n"  # row 9: not a number
        "7003,2008,Martians,3\n"  # row 10: outside the scheme
        "7003,2008,Venusians,3\n"  # row 11: outside the scheme
    )
    with pytest.raises(PopulationFileError) as err:
        read_csv(text.encode(), scheme=dst_origin(), name="bad.csv")
    problems = err.value.problems
    assert [(p.row, p.column) for p in problems] == [
        (7, None),
        (8, "n"),
        (9, "n"),
        (10, "group"),
        (11, "group"),
    ]
    messages = [p.message for p in problems]
    assert "also in row 2" in messages[0]
    assert messages[1] == "negative count: -5"
    assert messages[2] == "not a number: 'many'"
    assert "'Martians' matches no group of scheme 'dst_origin'" in messages[3]
    assert str(err.value).startswith("5 problems in bad.csv:")


def test_a_wide_column_outside_the_scheme_is_named() -> None:
    text = WIDE.replace("Efterkommere fra vestlige lande", "Efterkommere (uoplyst)")
    with pytest.raises(PopulationFileError) as err:
        read_csv(text.encode(), scheme=dst_origin())
    (problem,) = err.value.problems
    assert problem.column == "Efterkommere (uoplyst)" and problem.row == 1


def test_missing_columns_are_reported_together() -> None:
    with pytest.raises(PopulationFileError) as err:
        read_csv(b"x,y\n1,2\n", scheme=dst_origin(), layout="long", name="cols.csv")
    text = str(err.value)
    assert "no area column" in text and "no period column" in text and "no group column" in text


def test_gzip_and_non_utf8_files(tmp_path: Path) -> None:
    path = tmp_path / "long.csv.gz"
    path.write_bytes(gzip.compress(LONG.encode()))
    assert len(read(path, scheme=dst_origin()).counts) == 5
    latin = LONG.replace("7002", "Østerbro").encode("cp1252")
    with pytest.raises(PopulationFileError, match="not UTF-8; pass its encoding"):
        read_csv(latin, scheme=dst_origin())
    assert read_csv(latin, encoding="cp1252", scheme=dst_origin()).areas["Østerbro"].code == "Østerbro"


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Befolkning"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_excel_wide_and_long_sheets(tmp_path: Path) -> None:
    header = WIDE.splitlines()[0].split(",")
    wide = _xlsx(
        tmp_path / "wide.xlsx",
        [header, [7002, 2008, 3025, 436, 166, 28, ".."], [7003, 2008, 1000, 500, 100, 10, 5.5]],
    )
    c = read_excel(wide, scheme=dst_origin(), sheet="Befolkning").counts
    assert c.value("7003", 2008, "desc_nonwestern") == 5.5 and c.value("7002", 2008, "danish") == 3025
    assert c.reason("7002", 2008, "desc_nonwestern") is Missing.CONFIDENTIAL
    long = _xlsx(tmp_path / "long.xlsx", [r.split(",") for r in LONG.splitlines()])
    assert len(read(long, scheme=dst_origin()).counts) == 5


def test_excel_problems_name_sheet_rows(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "bad.xlsx",
        [["area", "period", "group", "n"], ["a", 2020, "danish", -1], ["a", 2020, "danish", 1]],
    )
    with pytest.raises(PopulationFileError) as err:
        read_excel(path, scheme=dst_origin())
    assert [p.row for p in err.value.problems] == [2, 3]
    with pytest.raises(PopulationFileError, match="no sheet 'Nope'"):
        read_excel(path, sheet="Nope")
    with pytest.raises(PopulationFileError, match=r"not a readable \.xlsx"):
        read_excel(b"PK\x03\x04 not really a workbook", name="broken.xlsx")


def test_unknown_suffix_is_refused() -> None:
    with pytest.raises(PopulationFileError, match="unknown kind of file"):
        read(b"", name="data.sav")


def test_repeated_texts_of_a_csv_column_are_one_string_and_blank_rows_are_skipped() -> None:
    text = "area,period,group,n\n" + "".join(
        f"a{i},2020,Persons of Danish origin,{i}\n\n" for i in range(5000)
    )
    header, rows = rows_from_csv(text.encode(), name="many.csv")
    assert header == ["area", "period", "group", "n"] and len(rows) == 5000
    assert all(r[1] is rows[0][1] and r[2] is rows[0][2] for r in rows)
    assert [r[0] for r in rows[:2]] == ["a0", "a1"] and rows[4999][3] == "4999"
