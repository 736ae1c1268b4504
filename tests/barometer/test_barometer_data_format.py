"""The definition's plain-data format is versioned: old formats read, unknown ones and bad fields refused.

Also: what a barometer is based on, and where a goal is taken from, survive the workbook and the data form;
a value's year kind survives the values CSV.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from mangfold.barometer.data import FORMAT, from_data, to_data
from mangfold.barometer.model import Barometer, BarometerError, Goal, Value, YearKind
from mangfold.barometer.workbook import read_values_csv, read_workbook, write_values_csv, write_workbook
from mangfold.i18n import language
from tests.barometer.test_barometer_workbook import BAROMETER

SELECTION = dataclasses.replace(
    BAROMETER,
    title_da="Udvalgte mål efter Byens Integrationsbarometer",
    title_en="Selected goals based on the city's integration barometer",
    goals=(
        dataclasses.replace(BAROMETER.goals[0], taken_from_da="det nationale", taken_from_en="the national"),
    ),
    based_on_da="Byens Integrationsbarometer 2015–18",
    based_on_en="The city's integration barometer 2015–18",
    based_on_goals=26,
    based_on_base_year=2014,
)


def test_the_selection_reads_back_from_the_workbook_and_the_data_form() -> None:
    assert read_workbook(write_workbook(SELECTION)) == SELECTION
    assert from_data(to_data(SELECTION)) == SELECTION
    assert to_data(SELECTION)["format"] == FORMAT == 2


def format_one() -> dict[str, Any]:
    """The data form as mangfold wrote it before formats were numbered."""
    data = to_data(BAROMETER)
    del data["format"]
    for name in ("based_on_da", "based_on_en", "based_on_goals", "based_on_base_year"):
        del data[name]
    for goal in data["goals"]:
        del goal["taken_from_da"], goal["taken_from_en"]
    return data


def test_a_definition_stored_in_format_one_still_reads() -> None:
    assert from_data(format_one()) == BAROMETER


@pytest.mark.parametrize("found", [3, 0, "2", True])
def test_an_unknown_format_is_refused_naming_it(found: object) -> None:
    with pytest.raises(BarometerError, match=r"format .* reads formats 1 to 2"):
        from_data({**to_data(BAROMETER), "format": found})


def test_a_field_format_one_did_not_have_is_refused_in_format_one() -> None:
    data = {**format_one(), "based_on_goals": 26}
    with pytest.raises(BarometerError, match="unknown field 'based_on_goals'"):
        from_data(data)


def test_a_missing_field_is_named_with_the_goal_or_indicator() -> None:
    data = to_data(BAROMETER)
    del data["indicators"][1]["base_year"]
    with pytest.raises(BarometerError, match=r"indicator 2 \(gap\): the field 'base_year' is missing"):
        from_data(data)
    data = to_data(BAROMETER)
    data["goals"][0]["owner"] = "x"
    with language("da"), pytest.raises(BarometerError, match=r"mål 1 \(work\): ukendt felt 'owner'"):
        from_data(data)


def test_a_bad_direction_is_named_with_its_indicator() -> None:
    data = to_data(BAROMETER)
    data["indicators"][0]["direction"] = "up"
    with pytest.raises(
        BarometerError, match=r"indicator 1 \(employment\): the field 'direction' must be one of"
    ):
        from_data(data)


def test_what_it_is_based_on_needs_both_languages_and_a_name_for_its_numbers() -> None:
    with pytest.raises(BarometerError, match="in Danish and English"):
        dataclasses.replace(SELECTION, based_on_en="")
    with pytest.raises(BarometerError, match="need its name"):
        dataclasses.replace(BAROMETER, based_on_goals=26)
    with pytest.raises(BarometerError, match="base year of the barometer this one is based on: 14"):
        dataclasses.replace(SELECTION, based_on_base_year=14)
    with pytest.raises(BarometerError, match="goal 'x': name the barometer it is taken from"):
        Goal("x", "X", "X", ("employment",), taken_from_da="det nationale")


def test_a_bad_number_of_goals_in_the_settings_sheet_is_named_by_row_and_column() -> None:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(write_workbook(SELECTION)))
    book["settings"]["F2"] = "mange"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(BarometerError, match="row 2, column 'based_on_goals': 'mange' is not a whole number"):
        read_workbook(buffer.getvalue())


def test_a_workbook_without_the_new_columns_reads_as_the_citys_own_barometer() -> None:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(write_workbook(BAROMETER)))
    book["settings"].delete_cols(4, 4)
    book["goals"].delete_cols(6, 2)
    buffer = io.BytesIO()
    book.save(buffer)
    found: Barometer = read_workbook(buffer.getvalue())
    assert found == BAROMETER and found.based_on_da == ""


def test_the_year_kind_survives_the_values_csv_and_a_bad_one_is_named() -> None:
    values = [
        Value("employment", 2022, 60.0, area="DK", year_kind=YearKind.PUBLISHED),
        Value("employment", 2017, 55.0),
    ]
    assert read_values_csv(write_values_csv(values)) == values
    text = "indicator,year,value,year_kind\nemployment,2022,60,udgivet\n"
    with pytest.raises(
        BarometerError, match=r"values\.csv, row 2, column 'year_kind': 'udgivet' is not one of"
    ):
        read_values_csv(text)
