"""Any PC-Axis or JSON-stat table (issue 17, item 4): name the area, period and group dimensions in
any of the file's languages, select categories of any dimension before the cells are checked.

The tables are shaped as the statistics offices publish them: Statistics Finland's three-language
tables (fi, sv, en; a year dimension "Vuosi" without TIMEVAL; a content variable "Tiedot" with a
net figure), Statistics Norway's (CONTVARIABLE, an eliminable sex) and Statistics Denmark's
StatBank JSON-stat (the older layout wrapped in "dataset", quarters like 2024K1).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from mangfold.population import PopulationFileError
from mangfold.population.model import GroupScheme
from mangfold.population.readers import read, read_jsonstat, read_px
from mangfold.population.schemes import dst_origin

# Statistics Finland, 11rv-like: Alue × Syntyperä × Vuosi × Tiedot, in Finnish, Swedish and English.
FINLAND = """CHARSET="ANSI";
AXIS-VERSION="2013";
CODEPAGE="iso-8859-15";
LANGUAGE="fi";
LANGUAGES="fi","sv","en";
MATRIX="statfin_vaerak_pxt_11rv";
TITLE="Väestö ja nettomaahanmuutto muuttujina Alue, Syntyperä, Vuosi ja Tiedot";
TITLE[sv]="Befolkning och nettoinvandring efter Område, Bakgrund, År och Uppgifter";
TITLE[en]="Population and net immigration by Area, Origin, Year and Information";
CONTENTS="Väestö";
STUB="Alue","Syntyperä";
STUB[sv]="Område","Bakgrund";
STUB[en]="Area","Origin";
HEADING="Vuosi","Tiedot";
HEADING[sv]="År","Uppgifter";
HEADING[en]="Year","Information";
VALUES("Alue")="KOKO MAA","Helsinki","Espoo";
VALUES[sv]("Område")="HELA LANDET","Helsingfors","Esbo";
VALUES[en]("Area")="WHOLE COUNTRY","Helsinki","Espoo";
CODES("Alue")="SSS","KU091","KU049";
VALUES("Syntyperä")="Suomalaistaustaiset","Ulkomaalaistaustaiset";
VALUES[sv]("Bakgrund")="Personer med finländsk bakgrund","Personer med utländsk bakgrund";
VALUES[en]("Origin")="Persons with Finnish background","Persons with foreign background";
CODES("Syntyperä")="1","2";
VALUES("Vuosi")="2022","2023";
VALUES[sv]("År")="2022","2023";
VALUES[en]("Year")="2022","2023";
VALUES("Tiedot")="Väestö 31.12.","Nettomaahanmuutto";
VALUES[sv]("Uppgifter")="Befolkning 31.12.","Nettoinvandring";
VALUES[en]("Information")="Population 31 Dec","Net immigration";
CODES("Tiedot")="vaesto","nettomaahanmuutto";
SOURCE="Tilastokeskus";
DATA=
5000000 -100 4990000 -200
500000 40000 560000 60000
520000 -50 519000 -60
140000 9000 150000 11000
240000 -30 241000 -20
60000 4000 65000 5000;
"""

# Statistics Norway, 09817-like: region × kjønn (eliminable) × statistikkvariabel × år.
NORWAY = """CHARSET="ANSI";
CODEPAGE="iso-8859-1";
LANGUAGE="no";
LANGUAGES="no","en";
MATRIX="09817";
CONTVARIABLE="statistikkvariabel";
STUB="region","kjønn";
STUB[en]="region","sex";
HEADING="statistikkvariabel","år";
HEADING[en]="contents","year";
VALUES("region")="Oslo","Bergen";
VALUES[en]("region")="Oslo","Bergen";
CODES("region")="0301","4601";
VALUES("kjønn")="Menn","Kvinner";
VALUES[en]("sex")="Males","Females";
ELIMINATION("kjønn")=YES;
VALUES("statistikkvariabel")="Innvandrere","Norskfødte med innvandrerforeldre";
VALUES[en]("contents")="Immigrants","Norwegian-born to immigrant parents";
CODES("statistikkvariabel")="Innvandrere","Norskfodte";
VALUES("år")="2024";
VALUES[en]("year")="2024";
TIMEVAL("år")=TLIST(A1),"2024";
DATA=
90000 20000
85000 19000
15000 3000
14000 2800;
"""


def finland(**options: Any) -> Any:
    return read_px(FINLAND.encode("iso-8859-15"), name="11rv.px", **options)


def test_a_three_language_table_reads_once_its_dimensions_are_named_in_any_language() -> None:
    result = finland(
        area="Område", period="Year", group="Syntyperä", select={"Information": "Population 31 Dec"}
    )
    counts = result.counts
    assert counts.value("KU091", 2023, "2") == 150000  # Helsinki, foreign background, 2023
    assert counts.value("SSS", 2022, "1") == 5000000
    assert len(counts) == 3 * 2 * 2
    assert result.areas["KU049"].name == "Espoo"
    dims = result.metadata["dimensions"]
    assert dims["Tiedot"]["selected"] == ["vaesto"] and dims["Tiedot"]["role"] is None
    assert (dims["Alue"]["role"], dims["Vuosi"]["role"], dims["Syntyperä"]["role"]) == (
        "area",
        "period",
        "group",
    )


def test_a_time_dimension_not_named_like_a_time_must_be_named() -> None:
    text = FINLAND.replace('"År"', '"Statistikår"').replace('"Year"', '"Reference year"')
    raw = text.encode("iso-8859-15")
    with pytest.raises(PopulationFileError, match="no time dimension") as caught:
        read_px(raw, area="Alue", group="Syntyperä", select={"Tiedot": "vaesto"})
    assert "pass the period" in str(caught.value)
    counts = read_px(
        raw, area="Alue", period="Reference year", group="Syntyperä", select={"Tiedot": "vaesto"}
    ).counts
    assert sorted(set(counts.period)) == ["2022", "2023"]


def test_a_net_figure_of_another_content_does_not_stop_the_import() -> None:
    counts = finland(area="Alue", period="Vuosi", select={"Tiedot": "vaesto"}).counts
    assert min(counts.n) > 0
    with pytest.raises(PopulationFileError) as caught:
        finland(area="Alue", period="Vuosi", select={"Tiedot": "Nettoinvandring"})
    assert [(p.row, p.message) for p in caught.value.problems] == [
        (34, "cell 2: negative count: -100"),
        (34, "cell 4: negative count: -200"),
        (36, "cell 10: negative count: -50"),
        (36, "cell 12: negative count: -60"),
        (38, "cell 18: negative count: -30"),
        (38, "cell 20: negative count: -20"),
    ]


def test_a_content_variable_left_unchosen_gets_the_clear_error() -> None:
    with pytest.raises(PopulationFileError) as caught:
        finland(area="Alue", period="Vuosi", group="Syntyperä")
    assert str(caught.value) == (
        "11rv.px: dimension 'Tiedot' is neither area, period nor group and cannot be eliminated; "
        "choose one of its categories"
    )
    with pytest.raises(PopulationFileError, match="dimension 'Tiedot' is neither area"):
        finland(
            area="Alue", period="Vuosi", group="Syntyperä", select={"Tiedot": ["vaesto", "nettomaahanmuutto"]}
        )


def test_the_group_is_the_one_dimension_left_when_it_is_not_named() -> None:
    counts = finland(area="Area", period="Year", select={"Tiedot": "vaesto"}).counts
    assert sorted(set(counts.group)) == ["1", "2"]


def test_the_area_and_group_dimensions_can_be_restricted_by_labels_in_mixed_languages() -> None:
    result = finland(
        area="Alue",
        period="Vuosi",
        group="Origin",
        select={
            "Område": ["Helsingfors", "KU049"],
            "Syntyperä": ["Persons with foreign background"],
            "Tiedot": "vaesto",
        },
    )
    assert sorted(result.counts.area_codes) == ["KU049", "KU091"]
    assert set(result.counts.group) == {"2"}
    assert result.counts.value("KU049", 2022, "2") == 60000


def test_a_selection_naming_no_such_dimension_or_category_is_refused_with_both_named() -> None:
    with pytest.raises(PopulationFileError) as caught:
        finland(area="Alue", period="Vuosi", select={"Tiedot": "Bruttokansantuote", "Kön": "Män"})
    assert [p.message for p in caught.value.problems] == [
        "dimension 'Tiedot' has no category 'Bruttokansantuote'",
        "no dimension named 'Kön' to select from",
    ]


def test_a_period_dimension_selected_to_one_year_and_a_given_period_value() -> None:
    counts = finland(
        area="Alue", group="Syntyperä", select={"Vuosi": "2023", "Tiedot": "vaesto"}, period_value=2023
    ).counts
    assert set(counts.period) == {"2023"} and counts.value("SSS", 2023, "1") == 4990000


def test_an_eliminable_dimension_is_summed_or_restricted_and_the_contents_chosen() -> None:
    raw = NORWAY.encode("latin-1")
    both = read_px(raw, name="09817.px", group="contents").counts
    assert both.value("0301", 2024, "Innvandrere") == 90000 + 85000
    men = read_px(raw, name="09817.px", group="statistikkvariabel", select={"sex": "Males"}).counts
    assert men.value("4601", 2024, "Norskfodte") == 3000


def test_read_passes_the_dimension_options_through() -> None:
    result = read(
        FINLAND.encode("iso-8859-15"),
        name="11rv.px",
        area="Alue",
        period="Vuosi",
        select={"Tiedot": "vaesto"},
    )
    assert result.metadata["format"] == "px" and len(result.counts) == 12


# Statistics Denmark's StatBank (api.statbank.dk/v1/data, format JSONSTAT): the older layout wrapped in
# "dataset", with id, size and role inside "dimension", a ContentsCode dimension and quarters.
FOLK1C: dict[str, Any] = {
    "dataset": {
        "dimension": {
            "OMRÅDE": {"label": "område", "category": {"index": {"101": 0}, "label": {"101": "København"}}},
            "HERKOMST": {
                "label": "herkomst",
                "category": {
                    "index": {"TOT": 0, "5": 1, "4": 2, "3": 3},
                    "label": {
                        "TOT": "I alt",
                        "5": "Personer med dansk oprindelse",
                        "4": "Indvandrere",
                        "3": "Efterkommere",
                    },
                },
            },
            "ContentsCode": {
                "label": "Indhold",
                "category": {"index": {"FOLK1C": 0}, "label": {"FOLK1C": "Befolkningen den 1. i kvartalet"}},
            },
            "Tid": {"label": "tid", "category": {"index": {"2024K1": 0}, "label": {"2024K1": "2024K1"}}},
            "id": ["OMRÅDE", "HERKOMST", "ContentsCode", "Tid"],
            "size": [1, 4, 1, 1],
            "role": {"metric": ["ContentsCode"], "time": ["Tid"], "geo": ["OMRÅDE"]},
        },
        "label": "Befolkningen den 1. i kvartalet efter område, herkomst, indhold og tid",
        "source": "Danmarks Statistik",
        "updated": "2024-05-10T06:00:00Z",
        "value": [660842, 480000, 130000, 50842],
    }
}


def test_a_statbank_response_reads_without_a_scheme_keeping_every_category_and_the_total() -> None:
    result = read_jsonstat(json.dumps(FOLK1C).encode(), name="folk1c.json", group="herkomst")
    assert sorted(set(result.counts.group)) == ["3", "4", "5", "TOT"]
    assert result.counts.value("101", "2024K1", "TOT") == 660842
    assert result.metadata["dimensions"]["ContentsCode"]["role"] is None


def test_a_json_stat_selection_by_label_and_a_net_figure_outside_it() -> None:
    doc = json.loads(json.dumps(FOLK1C))
    dataset = doc["dataset"]
    dataset["dimension"]["ContentsCode"]["category"] = {
        "index": {"FOLK1C": 0, "NETTO": 1},
        "label": {"FOLK1C": "Befolkningen", "NETTO": "Nettotilflytning"},
    }
    dataset["dimension"]["size"] = [1, 4, 2, 1]
    dataset["value"] = [660842, -12, 480000, -5, 130000, 3, 50842, 4]
    counts = read_jsonstat(doc, name="f.json", group="herkomst", select={"Indhold": "Befolkningen"}).counts
    assert counts.value("101", "2024K1", "4") == 130000
    with pytest.raises(PopulationFileError) as caught:
        read_jsonstat(doc, name="f.json", group="herkomst", select={"ContentsCode": "NETTO"})
    assert [(p.place, p.message) for p in caught.value.problems] == [
        ("value[1]", "cell 1: negative count: -12"),
        ("value[3]", "cell 3: negative count: -5"),
    ]


def test_a_schemes_total_group_takes_the_tables_total_and_a_scheme_without_one_drops_it() -> None:
    doc = json.loads(json.dumps(FOLK1C))
    herkomst = doc["dataset"]["dimension"]["HERKOMST"]["category"]
    herkomst["index"] = {"TOT": 0, "5": 1, "24": 2, "25": 3}
    herkomst["label"] = {
        "TOT": "I alt",
        "5": "Personer med dansk oprindelse",
        "24": "Indvandrere fra vestlige lande",
        "25": "Indvandrere fra ikke-vestlige lande",
    }
    counts = read_jsonstat(doc, name="f.json", scheme=dst_origin()).counts
    assert sorted(set(counts.group)) == ["danish", "imm_nonwestern", "imm_western", "total"]
    assert counts.value("101", "2024K1", "total") == 660842
    plain = GroupScheme.from_dict(
        {
            "name": "three",
            "groups": [
                {"code": "dk", "aliases": ["Personer med dansk oprindelse"]},
                {"code": "west", "aliases": ["Indvandrere fra vestlige lande"]},
                {"code": "nonwest", "aliases": ["Indvandrere fra ikke-vestlige lande"]},
            ],
        }
    )
    counts = read_jsonstat(doc, name="f.json", scheme=plain, group="HERKOMST").counts
    assert sorted(set(counts.group)) == ["dk", "nonwest", "west"]
    assert counts.value("101", "2024K1", "dk") == 480000
