"""Every crash signature measured by the fuzzing of issue 16, as a small crafted file: each reader
refuses it with PopulationFileError naming the file and the place (line, JSON path, sheet and row)."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import shapely

from mangfold.population import PopulationFileError
from mangfold.population.geo import boundaries_from_features
from mangfold.population.geojson import Feature, load_json, parse_geojson
from mangfold.population.readers import read_csv, read_excel, read_jsonstat, read_px

PX = """CHARSET="ANSI";
STUB="sogn";
HEADING="herkomst";
VALUES("sogn")="7002","7003";
VALUES("herkomst")="Danish","Immigrants";
DATA=
1 2
3 4;
"""


def refused(read: object, *args: object, **kwargs: object) -> PopulationFileError:
    with pytest.raises(PopulationFileError) as caught:
        read(*args, **kwargs)  # type: ignore[operator]
    return caught.value


def px_with_cells(cells: str) -> bytes:
    return PX.replace("1 2\n3 4", cells).encode("cp1252")


# --- PC-Axis: code pages, gzip, sizes, numbers -------------------------------------------------


@pytest.mark.parametrize("codepage", ["base64", "utf-16", "rot13", "cp037"])
def test_a_codepage_that_is_no_ascii_text_encoding_is_refused(codepage: str) -> None:
    raw = PX.replace('CHARSET="ANSI";', f'CODEPAGE="{codepage}";').encode()
    error = refused(read_px, raw, name="cp.px", period_value=2020)
    assert error.problems[0].file == "cp.px" and repr(codepage) in str(error)


def test_bytes_the_declared_codepage_cannot_decode_are_refused_with_their_line() -> None:
    raw = PX.replace('CHARSET="ANSI";', 'CODEPAGE="idna";').replace("3 4", "3 4 ø").encode()
    error = refused(read_px, raw, name="idna.px")
    assert (error.problems[0].row, error.problems[0].message) == (8, "the file is not valid idna")


def test_a_file_with_a_gzip_header_that_then_breaks_is_refused_as_damaged_gzip() -> None:
    error = refused(read_px, b"\x1f\x8b\x08\x00garbage-after-the-header", name="broken.px.gz")
    assert str(error).startswith("broken.px.gz: damaged gzip file")
    cut = gzip.compress(PX.encode())[:-12]
    assert "damaged gzip file" in str(refused(read_px, cut, name="cut.px.gz"))


def test_gzip_is_unpacked_only_up_to_the_byte_limit() -> None:
    bomb = gzip.compress(b" " * 5_000_000)  # 5 MB of spaces, a few KB packed
    error = refused(read_px, bomb, name="bomb.px.gz", max_bytes=1_000_000)
    assert (
        str(error) == "bomb.px.gz: the file is larger than the limit of 977 KiB (max_bytes); it was not read"
    )


def test_thirty_two_dimensions_multiplying_past_2_to_the_64_are_refused_before_data() -> None:
    names = [f"d{i}" for i in range(32)]
    head = 'STUB="d0";\nHEADING=' + ",".join(f'"{n}"' for n in names[1:]) + ";\n"
    values = "".join(f'VALUES("{n}")="a","b","c","d","e";\n' for n in names)
    error = refused(read_px, (head + values + "DATA=\n1;\n").encode(), name="wide.px")
    assert f"the table declares {5**32} cells" in str(error) and "(max_cells)" in str(error)


def test_a_table_larger_than_max_cells_is_refused_before_its_data_is_read() -> None:
    error = refused(read_px, px_with_cells("x x x x"), name="big.px", max_cells=3)
    assert str(error) == (
        "big.px: the table declares 4 cells (2 sogn × 2 herkomst), more than the limit of 3 (max_cells); "
        "it was not read"
    )


def test_two_huge_cells_summed_through_elimination_are_refused_not_stored_as_infinity() -> None:
    text = PX.replace('HEADING="herkomst";', 'HEADING="herkomst","køn";\nELIMINATION("køn")=YES;')
    text = text.replace("DATA=", 'VALUES("køn")="m","k";\nDATA=')
    raw = text.replace("1 2\n3 4", "1e308 1 1 1\n1 1 1 1").encode("cp1252")
    assert "not a number: '1e308'" in str(refused(read_px, raw, name="e.px", period_value=2020))
    big = "1" + "0" * 308
    raw = text.replace("1 2\n3 4", f"{big} {big} 1 1\n1 1 1 1").encode("cp1252")
    error = refused(read_px, raw, name="sum.px", period_value=2020)
    assert str(error) == "sum.px: the sum over dimension 'køn' is too large to be a count"


def test_a_number_too_large_for_a_float_is_refused_at_its_line() -> None:
    error = refused(read_px, px_with_cells("1 2\n3 " + "9" * 400), name="huge.px", period_value=2020)
    assert error.problems[0].row == 8 and "cell 4: a number too large to be a count: 9999" in str(error)


@pytest.mark.parametrize("cell", ["١٢٣", "１２", "1_000", "1e3", "inf", "nan", "+5", "0x10"])
def test_only_ascii_digits_are_counts_in_a_px_file(cell: str) -> None:
    raw = PX.replace('CHARSET="ANSI";', 'CODEPAGE="utf-8";').replace("3 4", f"3 {cell}").encode()
    error = refused(read_px, raw, name="d.px", period_value=1)
    assert [(p.row, p.message) for p in error.problems] == [(8, f"cell 4: not a number: {cell!r}")]


@pytest.mark.parametrize("cell", ["١٢٣", "１２", "1_000", "1e3", "Infinity"])
def test_only_ascii_digits_are_counts_in_a_csv_file(cell: str) -> None:
    text = f"area,period,group,n\n7002,2020,danish,5\n7003,2020,danish,{cell}\n"
    error = refused(read_csv, text.encode(), name="d.csv")
    assert [(p.row, p.column, p.message) for p in error.problems] == [(3, "n", f"not a number: {cell!r}")]


def test_data_longer_than_declared_is_counted_not_kept() -> None:
    error = refused(read_px, px_with_cells("1 2\n3 4 " + "5 " * 1000), name="long.px", period_value=1)
    assert str(error) == "long.px: DATA has 1004 cells, expected 4 (2 sogn × 2 herkomst)"


def test_declared_iso_8859_1_with_windows_bytes_is_read_as_windows_1252_with_a_notice() -> None:
    text = PX.replace('CHARSET="ANSI";', 'CODEPAGE="iso-8859-1";').replace(
        '"Immigrants"', '"Indvandrere – øst"'
    )
    result = read_px(text.encode("cp1252"), name="w.px", period_value=2020)
    assert "Indvandrere – øst" in result.metadata["dimensions"]["herkomst"]["labels"][""]
    assert result.metadata["encoding"] == "cp1252"
    assert result.metadata["warnings"] == [
        "the file declares CODEPAGE 'iso-8859-1' but holds bytes 0x80–0x9F, control characters in that "
        "code page; it was read as Windows-1252"
    ]
    plain = read_px(text.replace("–", "-").encode("latin-1"), name="l.px", period_value=2020)
    assert plain.metadata["encoding"] == "iso-8859-1" and plain.metadata["warnings"] == []


# --- JSON-stat ---------------------------------------------------------------------------------

DATASET = {
    "version": "2.0",
    "class": "dataset",
    "id": ["area", "group"],
    "size": [2, 2],
    "dimension": {
        "area": {"category": {"index": ["a1", "a2"]}},
        "group": {"category": {"index": {"g1": 0, "g2": 1}}},
    },
    "value": [1, 2, 3, 4],
}


def jsonstat_text(**changes: object) -> str:
    return json.dumps({**DATASET, **changes})


def test_json_nested_two_hundred_thousand_deep_is_refused_not_a_recursion_error() -> None:
    error = refused(read_jsonstat, b"[" * 200_000 + b"]" * 200_000, name="deep.json")
    assert str(error) == "deep.json: the JSON is nested too deeply to be read (more than about 1,000 levels)"


def test_an_integer_of_five_thousand_digits_is_a_value_too_large_not_a_conversion_error() -> None:
    text = jsonstat_text().replace('"value": [1, 2, 3, 4]', '"value": [1, 2, 3, ' + "7" * 5000 + "]")
    error = refused(read_jsonstat, text.encode(), name="digits.json", period_value=2020)
    assert [(p.place, p.message) for p in error.problems] == [("value[3]", "cell 3: not a finite number")]


@pytest.mark.parametrize("value", ["1e400", "1" + "0" * 400, "NaN", "Infinity", "-Infinity"])
def test_a_value_that_is_no_finite_number_is_refused_at_its_json_path(value: str) -> None:
    text = jsonstat_text().replace('"value": [1, 2, 3, 4]', f'"value": [1, {value}, 3, 4]')
    error = refused(read_jsonstat, text.encode(), name="v.json", period_value=2020)
    assert [(p.file, p.place) for p in error.problems] == [("v.json", "value[1]")]


def test_a_declared_size_of_ten_to_the_thirteen_is_refused_before_any_allocation() -> None:
    error = refused(read_jsonstat, jsonstat_text(size=[10**13, 1]).encode(), name="s.json")
    assert str(error) == (
        "s.json: the dataset declares 10000000000000 cells (10000000000000 area × 1 group), more than the "
        "limit of 25000000 (max_cells); it was not read"
    )


@pytest.mark.parametrize("size", ["18446744073709551616", "-1", "2.5", "true"])
def test_a_size_that_is_no_small_non_negative_integer_is_refused(size: str) -> None:
    text = jsonstat_text().replace('"size": [2, 2]', f'"size": [{size}, 2]')
    error = refused(read_jsonstat, text.encode(), name="s.json")
    assert error.problems[0].place == "size"


@pytest.mark.parametrize("position", ["Infinity", "1e400", "2", "-1", "0.5", "true"])
def test_a_category_position_that_is_no_position_is_refused_at_its_json_path(position: str) -> None:
    text = jsonstat_text().replace('"g2": 1', f'"g2": {position}')
    error = refused(read_jsonstat, text.encode(), name="i.json")
    assert error.problems[0].place == "dimension.group.category.index"


@pytest.mark.parametrize(
    ("role", "place"), [('"time"', "role"), ('{"time": 5}', "role.time"), ("[1]", "role")]
)
def test_a_role_of_the_wrong_type_is_refused_at_its_json_path(role: str, place: str) -> None:
    text = jsonstat_text()[:-1] + f', "role": {role}}}'
    error = refused(read_jsonstat, text.encode(), name="r.json")
    assert error.problems[0].place == place
    assert "'role' must be an object whose members are arrays of dimension ids" in str(error)


# --- Population workbooks ---------------------------------------------------------------------


def workbook(compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    for row in (
        ["area", "period", "group", "n"],
        ["a1", "2020", "danish", 3025],
        ["a2", "2020", "danish", 7],
    ):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def with_sheet(xml_change: tuple[bytes, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert xml_change[0] in data
                data = data.replace(*xml_change)
            dst.writestr(info.filename, data)
    return out.getvalue()


def test_the_crafted_workbook_reads_when_it_is_not_damaged() -> None:
    assert read_excel(workbook(), name="ok.xlsx").counts.value("a1", 2020, "danish") == 3025


@pytest.mark.parametrize(
    ("change", "row"),
    [
        ((b"<v>3025</v>", b"<v>abc</v>"), 2),  # a non-numeric <v> in a number cell
        ((b"</sheetData>", b""), None),  # truncated XML
    ],
)
def test_a_damaged_sheet_is_refused_with_the_sheet_and_the_row(
    change: tuple[bytes, bytes], row: int | None
) -> None:
    error = refused(read_excel, with_sheet(change), name="bad.xlsx")
    problem = error.problems[0]
    assert problem.file == "bad.xlsx" and problem.place == "worksheet 'Data'"
    assert "the sheet is damaged here and cannot be read" in problem.message
    if row is not None:
        assert problem.row == row


def test_a_shared_string_that_does_not_exist_is_refused_with_its_row() -> None:
    raw = with_sheet((b'<c r="A3" t="inlineStr"><is><t>a2</t></is></c>', b'<c r="A3" t="s"><v>999</v></c>'))
    error = refused(read_excel, raw, name="ss.xlsx")
    assert (error.problems[0].place, error.problems[0].row) == ("worksheet 'Data'", 3)


def test_a_bad_crc_or_deflate_stream_in_the_sheet_is_refused_naming_the_part() -> None:
    crc = workbook(zipfile.ZIP_STORED).replace(b"<v>3025</v>", b"<v>3026</v>")
    error = refused(read_excel, crc, name="crc.xlsx")
    assert (error.problems[0].file, error.problems[0].place) == ("crc.xlsx", "xl/worksheets/sheet1.xml")
    assert "this part of the workbook is damaged: BadZipFile: Bad CRC-32" in str(error)
    raw = bytearray(workbook())
    start = raw.index(b"xl/worksheets/sheet1.xml") + 40
    raw[start : start + 60] = bytes(60)
    error = refused(read_excel, bytes(raw), name="zlib.xlsx")
    assert (error.problems[0].file, error.problems[0].place) == ("zlib.xlsx", "xl/worksheets/sheet1.xml")
    assert "Error -3 while decompressing data" in str(error)


def test_one_cell_at_xfd1048576_costs_one_row_not_a_sheet_of_empty_cells() -> None:
    raw = with_sheet((b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))
    error = refused(read_excel, raw, name="far.xlsx", max_cells=10_000)
    assert error.problems[0].row == 1_048_576
    assert "more than 10000 cells" in str(error)


# --- GeoJSON -----------------------------------------------------------------------------------


def test_a_geojson_file_nested_two_hundred_thousand_deep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.geojson"
    path.write_bytes(b'{"type": "FeatureCollection", "features": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    with pytest.raises(PopulationFileError, match="nested too deeply"):
        load_json(path)


def test_geometry_collections_nested_too_deep_are_a_problem_of_their_feature() -> None:
    geometry: dict[str, object] = {"type": "Point", "coordinates": [0, 0]}
    for _ in range(40):
        geometry = {"type": "GeometryCollection", "geometries": [geometry]}
    doc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": geometry, "properties": {}}],
    }
    with pytest.raises(PopulationFileError, match="feature 0: GeometryCollections nest more than 32 deep"):
        parse_geojson(doc, source="nest.geojson")


def test_a_csv_field_past_the_csv_modules_limit_is_refused_with_its_row() -> None:
    text = 'area,period,group,n\na,2020,g,1\n"' + "x" * 200_000 + '",2020,g,1\n'
    error = refused(read_csv, text.encode(), name="wide.csv")
    assert (error.problems[0].row, error.problems[0].message) == (
        3,
        "not valid CSV: field larger than field limit (131072)",
    )


def test_data_of_several_megabytes_is_read_across_chunks_with_markers_and_lines_kept() -> None:
    areas = 60_000
    codes = ",".join(f'"a{i}"' for i in range(areas))
    head = f'STUB="område";\nHEADING="herkomst";\nVALUES("område")={codes};\n'
    head += 'VALUES("herkomst")="g1","g2","g3","g4","g5";\nDATA=\n'
    rows = ["123456 7 0.5 12 3"] * areas
    rows[30_000] = '1 ".." 2 "-" 3'
    rows[-1] = "4 5 6 7 x"
    error = refused(read_px, (head + "\n".join(rows) + ";\n").encode(), name="many.px", period_value=2020)
    assert [(p.row, p.message) for p in error.problems] == [
        (5 + areas, f"cell {5 * areas}: not a number: 'x'")
    ]
    rows[-1] = "4 5 6 7 8"
    counts = read_px((head + "\n".join(rows) + ";\n").encode(), name="many.px", period_value=2020).counts
    assert len(counts) == 5 * areas
    assert counts.value("a0", 2020, "g3") == 0.5 and counts.value("a59999", 2020, "g5") == 8
    assert counts.value("a30000", 2020, "g4") == 0 and np.isnan(counts.value("a30000", 2020, "g2"))
    assert float(np.nansum(counts.n)) == (123456 + 7 + 0.5 + 12 + 3) * (areas - 2) + 6 + 30


def test_a_million_negative_cells_are_counted_not_each_listed() -> None:
    head = 'STUB="område";\nHEADING="herkomst";\nVALUES("område")=' + ",".join(f'"a{i}"' for i in range(1000))
    head += ';\nVALUES("herkomst")=' + ",".join(f'"g{i}"' for i in range(1000)) + ";\nDATA=\n"
    error = refused(read_px, (head + "-1 " * 1_000_000 + ";").encode(), name="neg.px", period_value=2020)
    assert len(error.problems) == 1001
    assert str(error.problems[-1]) == "neg.px: 999000 more cells with problems are not listed"
    assert str(error.problems[0]) == "neg.px, row 6: cell 1: negative count: -1"


def test_a_coordinate_that_is_no_finite_number_is_refused_not_passed_to_geos() -> None:
    ring = [[0, 0], [1, 0], [1, 1e400], [0, 0]]
    doc = {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {"id": "a"},
    }
    with pytest.raises(PopulationFileError, match=r"feature 0: a position must hold numbers, got \[1, inf\]"):
        parse_geojson(json.loads(json.dumps(doc)), source="inf.geojson")
    polygon = shapely.Polygon([(0, 0), (1, 0), (1, float("inf")), (0, 0)])
    error = refused(boundaries_from_features, [Feature(polygon, {"id": "a"})], "id", source="inf.geojson")
    assert str(error) == "inf.geojson: feature 0 (id 'a'): has coordinates that are not finite numbers"
