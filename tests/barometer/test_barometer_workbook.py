"""The definition workbook and the values CSV: round trips and errors that name sheet, row and column."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from mangfold.barometer.model import Barometer, BarometerError, Direction, Goal, Indicator, Kind, Rule
from mangfold.barometer.workbook import from_data, read_values_csv, read_workbook, to_data, write_workbook
from mangfold.i18n import language

BAROMETER = Barometer(
    "Integrationsbarometer",
    "Integration barometer",
    goals=(
        Goal(
            "work",
            "Flere i job",
            "More in work",
            ("employment", "gap"),
            "Beskæftigelsesudvalget",
            ("business",),
        ),
    ),
    indicators=(
        Indicator("employment", "Beskæftigelse", "Employment", "%", Direction.HIGHER, 2012, target=65.0),
        Indicator(
            "gap",
            "Gab",
            "Gap",
            "percentage points",
            Direction.LOWER,
            2012,
            kind=Kind.GAP,
            groups=("danish", "nonwestern"),
            decimals=1,
            rule=Rule.STATISTICAL,
        ),
    ),
    version="2",
)


def test_a_written_workbook_reads_back_as_the_same_barometer() -> None:
    assert read_workbook(write_workbook(BAROMETER)) == BAROMETER


def test_the_plain_data_form_reads_back_as_the_same_barometer() -> None:
    assert from_data(to_data(BAROMETER)) == BAROMETER


def edited(sheet: str, cell: str, value: object) -> bytes:
    book = load_workbook(io.BytesIO(write_workbook(BAROMETER)))
    book[sheet][cell] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_unknown_direction_is_named_by_sheet_row_and_column() -> None:
    with pytest.raises(
        BarometerError, match=r"sheet 'indicators', row 3, column 'direction': 'up' is not one of"
    ):
        read_workbook(edited("indicators", "F3", "up"))


def test_a_base_year_that_is_not_a_year_is_named_in_danish() -> None:
    with (
        language("da"),
        pytest.raises(BarometerError, match=r"ark 'indicators', række 2, kolonne 'base_year'"),
    ):
        read_workbook(edited("indicators", "G2", "i fjor"))


def test_an_indicator_of_an_unknown_goal_is_refused() -> None:
    with pytest.raises(BarometerError, match=r"row 2, column 'goal': the goal 'jobs' is not on the sheet"):
        read_workbook(edited("indicators", "B2", "jobs"))


def test_a_gap_without_two_groups_is_refused_with_its_row() -> None:
    with pytest.raises(
        BarometerError, match=r"sheet 'indicators', row 3: indicator 'gap': a gap names two groups"
    ):
        read_workbook(edited("indicators", "K3", "danish"))


def test_a_file_that_is_not_a_workbook_is_refused() -> None:
    with pytest.raises(BarometerError, match=r"not an \.xlsx workbook"):
        read_workbook(b"indicator,year\n")


def test_values_are_read_from_a_semicolon_csv_with_decimal_commas() -> None:
    text = "indicator;year;value;group;successes;total\ngap;2012;30,5;;;\ngap;2012;60;danish;600;1000\n"
    values = read_values_csv(text, default_source="Danmarks Statistik")
    assert [(v.indicator, v.year, v.value, v.group, v.total, v.source) for v in values] == [
        ("gap", 2012, 30.5, "", None, "Danmarks Statistik"),
        ("gap", 2012, 60.0, "danish", 1000, "Danmarks Statistik"),
    ]


def test_a_bad_value_in_the_csv_is_named_by_row_and_column() -> None:
    with pytest.raises(BarometerError, match=r"values.csv, row 3, column 'value': 'n/a' is not a number"):
        read_values_csv("indicator,year,value\ngap,2012,3\ngap,2013,n/a\n")


def test_counts_above_their_total_are_refused_with_the_row() -> None:
    with pytest.raises(BarometerError, match=r"values.csv, row 2: .*successes ≤ total"):
        read_values_csv("indicator,year,value,successes,total\ngap,2012,3,12,10\n")


def test_a_definition_error_from_the_model_is_given_in_danish_with_its_row() -> None:
    with language("da"), pytest.raises(BarometerError, match=r"ark 'indicators', række 3: .*to grupper"):
        read_workbook(edited("indicators", "K3", "danish"))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("gap,20120,3,,", r"row 2: gap: the year 20120 is not 1900–2100"),
        ("gap,2012,3,1,3000000000", r"row 2: gap 2012: a count above 2000000000"),
        ("gap,2012,3,,," + "x" * 301, r"row 2: gap 2012: the source is longer than 300 characters"),
    ],
)
def test_values_the_database_could_not_hold_are_refused_with_their_row(row: str, message: str) -> None:
    with pytest.raises(BarometerError, match=message):
        read_values_csv("indicator,year,value,successes,total,source\n" + row + "\n")


def test_a_csv_without_the_required_columns_is_named() -> None:
    with pytest.raises(BarometerError, match=r"values.csv: the column 'indicator' is missing"):
        read_values_csv("just some text without separators\n")
    with pytest.raises(BarometerError, match=r"the column 'indicator' is missing"):
        read_values_csv("")


def test_a_row_with_more_cells_than_the_header_is_read_without_the_extra_cells() -> None:
    (value,) = read_values_csv("indicator,year,value\ngap,2012,3,surplus,cells\n")
    assert (value.indicator, value.year, value.value) == ("gap", 2012, 3.0)
