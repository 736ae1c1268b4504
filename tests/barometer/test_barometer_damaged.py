"""Damaged barometer files (the fuzz campaign's crash signatures, each crafted by hand) and numbers that are
not ASCII digits: each is refused as a BarometerError naming the sheet or file, the row and the column."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest
from openpyxl import load_workbook

from mangfold.barometer.model import BarometerError, Value
from mangfold.barometer.workbook import read_values_csv, read_workbook, write_values_csv, write_workbook
from mangfold.i18n import language
from mangfold.index.workbook.sheets import MAX_ROWS
from tests.barometer.test_barometer_workbook import BAROMETER, edited

SETTINGS, INDICATORS = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml"


def rezip(part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The written barometer workbook with one part of the archive changed."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(write_workbook(BAROMETER))) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info.filename, change(body) if info.filename == part else body)
    return out.getvalue()


def refusal(data: bytes) -> str:
    with pytest.raises(BarometerError) as caught:
        read_workbook(data)
    return str(caught.value)


def test_a_truncated_sheet_is_refused_naming_the_sheet_and_row_where_the_xml_ends() -> None:
    message = refusal(rezip(INDICATORS, lambda xml: xml[: xml.index(b'<row r="3"') + 40]))
    assert message.startswith("sheet 'indicators', row 3: cannot read the row: ParseError")


def test_a_number_cell_that_holds_no_number_is_refused_naming_its_row() -> None:
    def comma(xml: bytes) -> bytes:
        return re.sub(rb'<c r="G2"[^>]*>.*?</c>', b'<c r="G2" t="n"><v>,</v></c>', xml)

    message = refusal(rezip(INDICATORS, comma))
    assert message.startswith("sheet 'indicators', row 2: cannot read the row: ValueError")


def test_a_page_margin_that_is_no_number_is_refused_naming_the_sheet() -> None:
    message = refusal(rezip(SETTINGS, lambda xml: xml.replace(b'bottom="1"', b'bottom="1et>"')))
    assert message.startswith("sheet 'settings', row 3: cannot read the row: TypeError")


def test_a_damaged_sheet_is_refused_in_danish() -> None:
    with language("da"):
        message = refusal(rezip(INDICATORS, lambda xml: xml[: len(xml) // 2]))
    assert message.startswith("ark 'indicators', række")


@pytest.mark.parametrize("year", ["2_012", "٢٠١٢", "２０１２", "2.012e3", "inf", "nan", "2012.5"])
def test_a_base_year_that_is_not_ascii_digits_is_refused_by_sheet_row_and_column(year: str) -> None:
    assert refusal(edited("indicators", "G2", year)) == (
        f"sheet 'indicators', row 2, column 'base_year': {year!r} is not a whole number"
    )


@pytest.mark.parametrize("target", ["6_5", "٦٥", "inf", "-inf", "nan", "1e400"])
def test_a_target_that_is_not_ascii_digits_is_refused(target: str) -> None:
    assert refusal(edited("indicators", "N2", target)) == (
        f"sheet 'indicators', row 2, column 'target': {target!r} is not a number"
    )


def test_a_target_with_a_decimal_comma_and_a_minus_is_read() -> None:
    assert read_workbook(edited("indicators", "N2", "-2,5")).indicators[0].target == -2.5


def test_a_csv_field_past_the_field_limit_is_refused_naming_the_file_and_row() -> None:
    text = "indicator,year,value\nemployment,2019,57\nemployment,2020," + "5" * 140_000 + "\n"
    with pytest.raises(BarometerError) as caught:
        read_values_csv(text, name="v.csv")
    assert str(caught.value) == "v.csv, row 3: not readable as CSV (field larger than field limit (131072))"


def test_a_csv_field_past_the_field_limit_is_refused_in_danish() -> None:
    text = 'indicator,year,value\nemployment,2019,"' + "5" * 200_000 + '"\n'
    with language("da"), pytest.raises(BarometerError) as caught:
        read_values_csv(text, name="v.csv")
    assert str(caught.value) == (
        "v.csv, række 2: kan ikke læses som CSV (field larger than field limit (131072))"
    )


def test_a_carriage_return_inside_a_row_is_read_as_a_line_end() -> None:
    values = read_values_csv("indicator,year,value\r\nemployment,2019,57\remployment,2020,58\n")
    assert [(v.year, v.value) for v in values] == [(2019, 57.0), (2020, 58.0)]


@pytest.mark.parametrize(
    ("column", "cell"),
    [("year", "2_019"), ("year", "٢٠١٩"), ("successes", "１２"), ("total", "1e3"), ("value", "nan")],
)
def test_values_that_are_not_ascii_digits_are_refused_naming_row_and_column(column: str, cell: str) -> None:
    row = {"year": "2019", "value": "57", "successes": "", "total": ""} | {column: cell}
    text = "indicator,year,value,successes,total\nemployment,{year},{value},{successes},{total}\n"
    with pytest.raises(BarometerError, match=rf"^v\.csv, row 2, column '{column}': "):
        read_values_csv(text.format(**row), name="v.csv")


def test_a_cell_far_down_a_sheet_is_refused_by_the_sheet_readers_limit_before_loading() -> None:
    book = load_workbook(io.BytesIO(write_workbook(BAROMETER)))
    book["goals"]["A1048576"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    assert refusal(buffer.getvalue()) == (
        f"sheet 'goals': the sheet reaches row 1048576; at most {MAX_ROWS} rows of a sheet are read"
    )


def test_a_base_year_cell_holding_a_four_hundred_digit_number_is_refused() -> None:
    def huge(xml: bytes) -> bytes:
        return re.sub(rb'<c r="G2"[^>]*>.*?</c>', b'<c r="G2" t="n"><v>' + b"9" * 400 + b"</v></c>", xml)

    assert refusal(rezip(INDICATORS, huge)) == (
        f"sheet 'indicators', row 2, column 'base_year': {'9' * 400!r} is not a whole number"
    )


def test_written_values_read_back_the_same_however_small_or_large() -> None:
    values = [
        Value("employment", 2019, 0.00001234, successes=1, total=81_000),
        Value("employment", 2020, 123456789012.5),
        Value("gap", 2020, -7.25, group="nonwestern"),
    ]
    text = write_values_csv(values)
    assert "e-" not in text and "e+" not in text
    assert read_values_csv(text) == values
