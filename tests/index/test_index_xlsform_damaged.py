"""Damaged and oversized questionnaire workbooks are refused as QuestionnaireError naming sheet and row,
never with a parser's own exception; text that looks like a formula is written back as text."""

from __future__ import annotations

import dataclasses
import gzip
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from mangfold.i18n import language
from mangfold.index.errors import Problem, QuestionnaireError
from mangfold.index.model import Choice, ChoiceList
from mangfold.index.workbook.sheets import MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES
from mangfold.index.xlsform import read_xlsform, write_xlsform
from tests.index.test_index_xlsform import VALID, write_book

SURVEY_XML = "xl/worksheets/sheet1.xml"


def rezip(path: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one entry of the archive at ``path`` (the others copied as they are)."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, change(data) if info.filename == member else data)
    return path


def refused(path: Path) -> Problem:
    """The one problem the reader refuses ``path`` with (any other exception fails the test)."""
    with pytest.raises(QuestionnaireError) as caught:
        read_xlsform(path, check_xlsform=False)
    (problem,) = caught.value.problems
    return problem


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_book(tmp_path / "book.xlsx", VALID)


def test_a_cell_in_the_last_row_is_refused_by_the_declared_dimension(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "survey"
    workbook.active["A1"] = "type"
    workbook.active["A1048576"] = "x"
    workbook.save(tmp_path / "far.xlsx")
    problem = refused(tmp_path / "far.xlsx")
    assert (problem.sheet, problem.row) == ("survey", None)
    assert problem.message == (f"the sheet reaches row 1048576; at most {MAX_ROWS} rows of a sheet are read")


def test_a_far_row_without_a_declared_dimension_is_refused_at_the_first_row_past_the_limit(
    book: Path,
) -> None:
    def far(xml: bytes) -> bytes:
        xml = re.sub(rb"<dimension[^>]*/>", b"", xml)
        return xml.replace(
            b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row></sheetData>'
        )

    problem = refused(rezip(book, SURVEY_XML, far))
    assert (problem.sheet, problem.row) == ("survey", MAX_ROWS + 1)


def test_a_cell_in_the_last_column_is_refused_naming_its_letter(book: Path) -> None:
    def wide(xml: bytes) -> bytes:
        xml = re.sub(rb"<dimension[^>]*/>", b"", xml)
        return xml.replace(b"</row>", b'<c r="XFD1" t="n"><v>1</v></c></row>', 1)

    problem = refused(rezip(book, SURVEY_XML, wide))
    assert (problem.sheet, problem.row) == ("survey", 1)
    assert problem.message == (
        f"the sheet reaches column XFD (16384); at most {MAX_COLUMNS} columns of a sheet are read"
    )


def test_the_limit_is_told_in_danish(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "survey"
    workbook.active["A20001"] = "x"
    workbook.save(tmp_path / "far.xlsx")
    with language("da"):
        problem = refused(tmp_path / "far.xlsx")
        assert str(problem) == (
            "ark 'survey': arket når til række 20001; der læses højst 10000 rækker fra et ark"
        )


def test_a_truncated_sheet_is_refused_naming_the_sheet(book: Path) -> None:
    problem = refused(rezip(book, SURVEY_XML, lambda xml: xml[: len(xml) // 2]))
    assert problem.sheet == "survey"
    assert problem.message.startswith("cannot read the row: ")


def _missing_string(xml: bytes) -> bytes:
    return xml.replace(
        b'<c r="A1" t="inlineStr"><is><t>type</t></is></c>', b'<c r="A1" t="s"><v>99999</v></c>'
    )


def test_a_shared_string_that_does_not_exist_is_refused_naming_sheet_and_row(book: Path) -> None:
    problem = refused(rezip(book, SURVEY_XML, _missing_string))
    assert (problem.sheet, problem.row) == ("survey", 1)
    assert "IndexError" in problem.message


def test_a_damaged_entry_in_the_archive_is_refused(book: Path) -> None:
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as archive:
        info = archive.getinfo(SURVEY_XML)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 10, start + 40):
        data[offset] ^= 0x55
    book.write_bytes(bytes(data))
    problem = refused(book)
    assert problem.sheet in ("", "survey")
    assert problem.message.startswith(("cannot read the workbook: ", "cannot read the row: "))


def test_a_gzip_header_followed_by_garbage_is_no_workbook(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(gzip.compress(b"not a workbook")[:12] + b"\x00garbage")
    problem = refused(path)
    assert problem.where == "workbook"
    assert problem.message.startswith("cannot read the workbook: not an .xlsx workbook")


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (MAX_UNPACKED_BYTES + 1))
    problem = refused(path)
    assert problem.message == "the workbook unpacks to 20.0 MB; at most 20 MB is read"


def test_a_choice_named_like_a_formula_is_written_as_text_and_read_back(tmp_path: Path) -> None:
    source = write_book(tmp_path / "book.xlsx", VALID)
    questionnaire = read_xlsform(source, check_xlsform=False)
    nasty = ("=1/0", "#DIV/0!")
    lists = [
        ChoiceList(
            cl.name,
            tuple(Choice(n, c.label, c.points, c.extra) for n, c in zip(nasty, cl.choices, strict=True)),
        )
        if cl.name == "level"
        else cl
        for cl in questionnaire.choice_lists
    ]
    changed = dataclasses.replace(questionnaire, choice_lists=tuple(lists))
    out = tmp_path / "written.xlsx"
    write_xlsform(changed, out)
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    assert not any(b't="e"' in xml for xml in sheets)
    workbook = openpyxl.load_workbook(out)
    names = [row[1] for row in workbook["choices"].iter_rows(min_row=2, values_only=True)]
    assert names == ["yes", "no", "=1/0", "#DIV/0!"]
    assert all(cell.data_type == "s" for cell in workbook["choices"]["B"][1:])


def test_a_cell_longer_than_excel_allows_is_refused_naming_the_cell(book: Path) -> None:
    def long_label(
        xml: bytes,
    ) -> bytes:  # openpyxl cuts what it writes at 32,767 characters; Excel's XML need not
        return xml.replace(b"<t>Low</t>", b"<t>" + b"A" * 32_768 + b"</t>", 1)

    problem = refused(rezip(book, "xl/worksheets/sheet2.xml", long_label))
    assert (problem.sheet, problem.row) == ("choices", 4)
    assert problem.message == "the cell D4 holds 32768 characters; a cell may hold at most 32767"


@pytest.mark.parametrize("weight", ["１２", "١٢٣", "1_000", "inf", "nan", "0x10", "+5", "12 5"])
def test_a_weight_must_be_written_in_ascii_digits(tmp_path: Path, weight: str) -> None:
    sheets = {name: [list(row) for row in rows] for name, rows in VALID.items()}
    sheets["indicators"][1][3] = weight
    with pytest.raises(QuestionnaireError) as caught:
        read_xlsform(write_book(tmp_path / "book.xlsx", sheets), check_xlsform=False)
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("indicators", 2, "weight")
    assert problem.message == f"weight must be a number greater than 0, got {weight!r}"


def test_a_numeric_cell_of_four_hundred_digits_is_too_large(book: Path) -> None:
    def huge(xml: bytes) -> bytes:  # the indicator's weight, a numeric cell: 1 and 400 zeros
        return re.sub(rb'(<c r="D2"[^>]*>)<v>[^<]*</v>', rb"\g<1><v>1" + b"0" * 400 + b"</v>", xml, count=1)

    with pytest.raises(QuestionnaireError) as caught:
        read_xlsform(rezip(book, "xl/worksheets/sheet4.xml", huge), check_xlsform=False)
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.message) == (
        "indicators",
        2,
        "weight",
        "the number is too large",
    )


def test_an_entry_packed_with_an_unknown_method_is_refused(book: Path) -> None:
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as archive:
        infos = {info.filename: info for info in archive.infolist()}
    for info in infos.values():  # the method in each local header (offset 8) …
        data[info.header_offset + 8 : info.header_offset + 10] = (99).to_bytes(2, "little")
    start = data.find(b"PK\x01\x02")
    while start >= 0:  # … and in each entry of the central directory (offset 10)
        data[start + 10 : start + 12] = (99).to_bytes(2, "little")
        start = data.find(b"PK\x01\x02", start + 4)
    book.write_bytes(bytes(data))
    problem = refused(book)
    assert problem.message.startswith("cannot read the workbook: part ")
    assert "NotImplementedError: That compression method is not supported" in problem.message


def test_a_damaged_part_outside_the_sheets_is_named(book: Path) -> None:
    problem = refused(rezip(book, "xl/styles.xml", lambda xml: xml[: len(xml) // 2]))
    assert problem.where == "workbook"
    assert problem.message.startswith("cannot read the workbook: part xl/styles.xml: ")


def test_a_sheet_damaged_before_its_rows_is_named_by_its_title(book: Path) -> None:
    def broken_dimension(xml: bytes) -> bytes:  # openpyxl reads the dimension while it opens the workbook
        return xml.replace(b"<dimension", b"<dimension <<", 1)

    problem = refused(rezip(book, "xl/worksheets/sheet2.xml", broken_dimension))
    assert (problem.sheet, problem.row) == ("choices", None)
    assert problem.message.startswith("cannot read the workbook: part xl/worksheets/sheet2.xml: ")
