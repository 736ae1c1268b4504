"""Our PC-Axis reader: encodings, translations, codes, elimination, missing markers, refusals."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from mangfold.population import Missing, PopulationFileError
from mangfold.population.readers import ReadResult, parse_px, read_csv, read_px
from mangfold.population.schemes import dst_origin

# A KMSTA001-like table in Danish with English translations, as Statistics Denmark writes it.
PX = """CHARSET="ANSI";
AXIS-VERSION="2013";
LANGUAGE="da";
LANGUAGES="da","en";
CREATION-DATE="20240101 09:00";
MATRIX="KMSTA001";
SUBJECT-CODE="BEF";
SUBJECT-AREA="Befolkning";
TITLE="Befolkningen 1. januar efter sogn, herkomst og tid";
TITLE[en]="Population 1st January by parish, ancestry and time";
DESCRIPTION="Befolkningen efter sogn, "
"herkomst og tid";
CONTENTS="Befolkningen 1. januar";
CONTENTS[en]="Population 1st January";
UNITS="antal";
UNITS[en]="number";
STUB="sogn","herkomst";
STUB[en]="parish","ancestry";
HEADING="tid";
HEADING[en]="time";
VALUES("sogn")="7002 Helligånds (København)","7003 Holmens (København)";
VALUES[en]("parish")="7002 Helligånds (Copenhagen)","7003 Holmens (Copenhagen)";
VALUES("herkomst")="Personer med dansk oprindelse","Indvandrere fra vestlige lande",
"Indvandrere fra ikke-vestlige lande","Efterkommere fra vestlige lande",
"Efterkommere fra ikke-vestlige lande";
VALUES[en]("ancestry")="Persons of Danish origin","Immigrants from western countries",
"Immigrants from non-western countries","Descendants from western countries",
"Descendants from non-western countries";
VALUES("tid")="2008","2020";
VALUES[en]("time")="2008","2020";
TIMEVAL("tid")=TLIST(A1),"2008","2020";
TIMEVAL[en]("time")=TLIST(A1),"2008","2020";
CODES("sogn")="7002","7003";
CODES[en]("parish")="7002","7003";
CODES("herkomst")="1","24","25","34","35";
CODES[en]("ancestry")="1","24","25","34","35";
CODES("tid")="2008","2020";
CODES[en]("time")="2008","2020";
DECIMALS=0;
SOURCE="Danmarks Statistik";
SOURCE[en]="Statistics Denmark";
DATASYMBOL1="Oplysningen foreligger ikke";
DATASYMBOL2="Diskretioneret";
DATA=
3025 3100
436 ".."
166 170.5
28 "."
"-" 12
1000 1100
500 600
100 120
10 20
5 6;
"""

# The same table as a long CSV.
CSV = """area,period,group,n
7002,2008,Persons of Danish origin,3025
7002,2020,Persons of Danish origin,3100
7002,2008,Immigrants from western countries,436
7002,2020,Immigrants from western countries,..
7002,2008,Immigrants from non-western countries,166
7002,2020,Immigrants from non-western countries,170.5
7002,2008,Descendants from western countries,28
7002,2020,Descendants from western countries,.
7002,2008,Descendants from non-western countries,-
7002,2020,Descendants from non-western countries,12
7003,2008,Persons of Danish origin,1000
7003,2020,Persons of Danish origin,1100
7003,2008,Immigrants from western countries,500
7003,2020,Immigrants from western countries,600
7003,2008,Immigrants from non-western countries,100
7003,2020,Immigrants from non-western countries,120
7003,2008,Descendants from western countries,10
7003,2020,Descendants from western countries,20
7003,2008,Descendants from non-western countries,5
7003,2020,Descendants from non-western countries,6
"""


def as_dict(result: ReadResult) -> dict[tuple[str, str, str], tuple[float, int]]:
    c = result.counts
    return {
        (a, p, g): (-1.0 if math.isnan(n) else n, int(m))
        for a, p, g, n, m in zip(c.area, c.period, c.group, c.n, c.missing, strict=True)
    }


def test_px_loads_to_exactly_the_counts_of_the_equivalent_csv() -> None:
    px = read_px(PX.encode("cp1252"), scheme=dst_origin(), name="kmsta001.px")
    csv = read_csv(CSV.encode(), scheme=dst_origin(), name="kmsta001.csv")
    assert as_dict(px) == as_dict(csv)
    assert len(px.counts) == 20
    c = px.counts
    assert c.reason("7002", 2020, "imm_western") is Missing.CONFIDENTIAL
    assert c.reason("7002", 2020, "desc_western") is Missing.NOT_AVAILABLE
    assert c.reason("7002", 2008, "desc_nonwestern") is Missing.NIL
    assert c.value("7002", 2020, "imm_nonwestern") == 170.5


def test_ansi_means_windows_1252_and_translations_and_codes_are_kept() -> None:
    raw = PX.encode("cp1252")
    assert "å".encode("cp1252") in raw and "å".encode() not in raw
    result = read_px(raw, scheme=dst_origin(), name="k.px")
    assert result.areas["7002"].name == "7002 Helligånds (København)"
    assert result.metadata["encoding"] == "cp1252"
    assert result.metadata["title"]["en"] == "Population 1st January by parish, ancestry and time"
    assert result.metadata["languages"] == ["da", "en"]
    assert result.metadata["datasymbols"]["DATASYMBOL2"] == "Diskretioneret"
    ancestry = result.metadata["dimensions"]["herkomst"]
    assert ancestry["role"] == "group" and ancestry["names"] == {"en": "ancestry"}
    assert ancestry["labels"]["en"][0] == "Persons of Danish origin" and ancestry["codes"][1] == "24"
    px = parse_px(raw, name="k.px")
    assert px.get("VALUES", ("parish",), "en") == [
        "7002 Helligånds (Copenhagen)",
        "7003 Holmens (Copenhagen)",
    ]
    assert px.get("CODES", ("herkomst",)) == ["1", "24", "25", "34", "35"]
    assert px.first("DESCRIPTION") == "Befolkningen efter sogn, herkomst og tid"  # joined across lines


def test_categories_map_through_their_translation_when_the_default_label_is_unknown() -> None:
    text = PX.replace('"Personer med dansk oprindelse"', '"Dansk herkomst (gammel betegnelse)"')
    result = read_px(text.encode("cp1252"), scheme=dst_origin(), name="k.px")
    assert result.counts.value("7003", 2008, "danish") == 1000


def test_an_explicit_codepage_wins_over_charset() -> None:
    text = PX.replace('CHARSET="ANSI";', 'CHARSET="ANSI";\nCODEPAGE="utf-8";')
    result = read_px(text.encode("utf-8"), scheme=dst_origin(), name="k.px")
    assert result.areas["7002"].name == "7002 Helligånds (København)"
    latin9 = PX.replace('CHARSET="ANSI";', 'CODEPAGE="iso-8859-15";')
    assert read_px(latin9.encode("iso-8859-15"), scheme=dst_origin()).metadata["encoding"] == "iso-8859-15"


def test_without_charset_or_codepage_the_file_must_be_utf8() -> None:
    text = PX.replace('CHARSET="ANSI";\n', "")
    assert read_px(text.encode("utf-8"), scheme=dst_origin()).areas["7002"].name.startswith("7002 Hellig")
    with pytest.raises(PopulationFileError, match=r"not valid utf-8 \(no CHARSET or CODEPAGE") as err:
        read_px(text.encode("cp1252"), scheme=dst_origin(), name="old.px")
    assert err.value.problems[0].row == 20  # the line of the first non-UTF-8 byte
    with pytest.raises(PopulationFileError, match="unknown CODEPAGE"):
        read_px(PX.replace('CHARSET="ANSI";', 'CODEPAGE="klingon";').encode(), scheme=dst_origin())


def test_all_seven_markers_are_distinct_reasons_never_zero() -> None:
    px = """LANGUAGE="en";
STUB="area";
HEADING="group";
VALUES("area")="a1","a2","a3","a4","a5","a6","a7","a8";
VALUES("group")="g";
DATA=
"." ".." "..." "...." "....." "......" "-" 4;
"""
    c = read_px(px.encode(), area="area", group="group", name="m.px", default_period="2020").counts
    assert [Missing(int(m)) for m in c.missing] == [
        Missing.NOT_AVAILABLE,
        Missing.CONFIDENTIAL,
        Missing.NOT_APPLICABLE,
        Missing.SYMBOL4,
        Missing.SYMBOL5,
        Missing.SYMBOL6,
        Missing.NIL,
        Missing.NONE,
    ]
    assert np.isnan(c.n[:6]).all() and c.n[6] == 0 and c.n[7] == 4


SEX = """LANGUAGE="da";
STUB="område","køn";
HEADING="tid","herkomst";
VALUES("område")="101","147";
VALUES("køn")="I alt","Mænd","Kvinder";
VALUES("tid")="2024";
VALUES("herkomst")="Personer med dansk oprindelse","Indvandrere fra vestlige lande",
"Indvandrere fra ikke-vestlige lande","Efterkommere fra vestlige lande",
"Efterkommere fra ikke-vestlige lande";
ELIMINATION("køn")={elimination};
DATA=
100 10 20 3 4
48 5 11 1 ".."
52 5 9 2 2
200 20 40 6 8
100 10 20 3 4
100 10 20 3 4;
"""


def test_elimination_value_selects_the_total_of_a_dimension() -> None:
    c = read_px(SEX.replace("{elimination}", '"I alt"').encode(), scheme=dst_origin()).counts
    assert c.value("101", 2024, "desc_nonwestern") == 4
    assert c.value("147", 2024, "danish") == 200


def test_elimination_yes_sums_the_dimension_and_keeps_unknowns_unknown() -> None:
    text = SEX.replace("{elimination}", "YES").replace('"I alt",', "").replace("100 10 20 3 4\n48", "48")
    text = text.replace("200 20 40 6 8\n", "")
    c = read_px(text.encode(), scheme=dst_origin()).counts
    assert c.value("101", 2024, "danish") == 100
    assert c.reason("101", 2024, "desc_nonwestern") is Missing.CONFIDENTIAL
    assert c.value("147", 2024, "imm_nonwestern") == 40


def test_a_chosen_category_overrides_elimination_and_a_dimension_without_one_is_refused() -> None:
    c = read_px(
        SEX.replace("{elimination}", '"I alt"').encode(), scheme=dst_origin(), select={"køn": "Mænd"}
    ).counts
    assert c.value("101", 2024, "danish") == 48
    with pytest.raises(PopulationFileError, match="'køn' is neither area, period nor group"):
        read_px(SEX.replace("{elimination}", "NO").encode(), scheme=dst_origin(), name="s.px")


def test_a_truncated_data_block_names_expected_and_found_cells() -> None:
    raw = PX.encode("cp1252")
    cut = raw[: raw.index(b"1000 1100") + len(b"1000 1100")]
    with pytest.raises(PopulationFileError) as err:
        read_px(cut, scheme=dst_origin(), name="cut.px")
    text = str(err.value)
    assert "cut.px" in text and "does not end with ';'" in text
    assert "DATA has 12 cells, expected 20 (2 sogn × 5 herkomst × 2 tid)" in text


def test_a_short_data_block_that_ends_properly_is_refused_with_the_count() -> None:
    short = PX.replace("10 20\n5 6;", "10 20;")
    with pytest.raises(
        PopulationFileError, match=r"DATA has 18 cells, expected 20 \(2 sogn × 5 herkomst × 2 tid\)"
    ):
        read_px(short.encode("cp1252"), scheme=dst_origin())


def test_bad_cells_are_listed_with_their_lines() -> None:
    bad = PX.replace("166 170.5", "166 abc").replace("500 600", "500 -600")
    with pytest.raises(PopulationFileError) as err:
        read_px(bad.encode("cp1252"), scheme=dst_origin(), name="bad.px")
    rows = {p.row: p.message for p in err.value.problems}
    lines = bad.splitlines()
    assert "'abc'" in rows[lines.index("166 abc") + 1]
    assert "negative" in rows[lines.index("500 -600") + 1]


def test_a_category_outside_the_scheme_is_named() -> None:
    bad = PX.replace('"Efterkommere fra vestlige lande",', '"Efterkommere (uoplyst)",').replace(
        '"Descendants from western countries",', '"Descendants (unknown)",'
    )
    with pytest.raises(
        PopulationFileError, match=r"'Efterkommere \(uoplyst\)' \(code '34'\) matches no group"
    ):
        read_px(bad.encode("cp1252"), scheme=dst_origin())


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ('STUB="sogn","herkomst";', "expected a keyword"),  # replaced by garbage below
        ('TITLE="Befolkningen', "not closed"),
        ("HEADING=", "expected '='"),
    ],
)
def test_syntax_errors_name_the_line(broken: str, message: str) -> None:
    lines = PX.splitlines()
    i = next(k for k, ln in enumerate(lines) if ln.startswith(broken))
    if message == "expected a keyword":
        lines[i] = '=== "sogn";'
    elif message == "not closed":
        lines = [*lines[:i], 'TITLE="Befolkningen 1. januar;']
    else:
        lines[i] = 'HEADING "tid";'
    with pytest.raises(PopulationFileError, match=message) as err:
        read_px("\n".join(lines).encode("cp1252"), scheme=dst_origin(), name="syn.px")
    assert err.value.problems[0].row == i + 1


def test_keys_files_are_refused_clearly() -> None:
    with pytest.raises(PopulationFileError, match="KEYS"):
        read_px(PX.replace("DECIMALS=0;", 'DECIMALS=0;\nKEYS("sogn")=CODES;').encode("cp1252"))


def test_agrees_with_pyaxis_on_a_file_pyaxis_reads_right(tmp_path: Path) -> None:
    """pyaxis is right on a one-language file without markers (it merges those and drops codes)."""
    from pyaxis import pyaxis

    text = PX.replace('436 ".."', "436 437").replace('28 "."', "28 29").replace('"-" 12', "0 12")
    text = "\n".join(ln for ln in text.splitlines() if "[en]" not in ln and not ln.startswith("LANGUAGES"))
    text = text.replace('"Immigrants from non-western countries","Descendants from western countries",\n', "")
    text = text.replace('"Descendants from non-western countries";\n', "")
    path = tmp_path / "one_language.px"
    path.write_bytes(text.encode("cp1252"))
    theirs = pyaxis.parse(str(path), encoding="windows-1252")["DATA"]
    ours = read_px(path, scheme=dst_origin()).counts
    assert len(theirs) == len(ours) == 20
    labels = dict(zip(dst_origin().codes, [g.label_da for g in dst_origin().groups], strict=True))
    expected = {
        (row["sogn"][:4], row["tid"], row["herkomst"]): float(row["DATA"]) for _, row in theirs.iterrows()
    }
    got = {
        (a, p, labels[g]): n for a, p, g, n in zip(ours.area, ours.period, ours.group, ours.n, strict=True)
    }
    assert got == expected
