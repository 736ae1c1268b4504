"""The StatBank client against a stand-in that answers in StatBank's own layouts (see ``standin.py``)."""

from __future__ import annotations

import httpx
import pytest

from mangfold.sources.cube import Cube
from mangfold.sources.errors import Failure, FetchError
from mangfold.sources.http import Retry
from mangfold.sources.statbank import StatBankClient, count_cells, split_selection
from tests.sources.standin import StandIn, serve

FAST = Retry(timeout=5.0, retries=2, backoff=0.01)
WANTED = {"OMRÅDE": ["101"], "HERKOMST": ["*"], "Tid": ["2024K1"]}


def client(state: StandIn, **options: object) -> StatBankClient:
    waits: list[float] = []
    made = StatBankClient(state.statbank, retry=FAST, sleep=waits.append, **options)  # type: ignore[arg-type]
    made.waits = waits  # type: ignore[attr-defined]
    return made


def test_the_client_sends_the_request_bodies_statbank_documents() -> None:
    with serve() as state:
        client(state).fetch("FOLK1C", WANTED)
    tableinfo, data = (r.body for r in state.requests)
    assert tableinfo == {"table": "FOLK1C", "lang": "da", "format": "JSON"}
    assert data == {
        "table": "FOLK1C",
        "format": "JSONSTAT",
        "lang": "da",
        "variables": [
            {"code": "OMRÅDE", "values": ["101"]},
            {"code": "HERKOMST", "values": ["*"]},
            {"code": "Tid", "values": ["2024K1"]},
        ],
    }
    assert [r.method for r in state.requests] == ["POST", "POST"]


def test_a_statbank_jsonstat_answer_in_the_older_layout_gives_every_cell() -> None:
    with serve() as state:
        fetched = client(state).fetch("FOLK1C", WANTED)
    dataset = fetched.document["dataset"]
    assert dataset["dimension"]["id"] == ["OMRÅDE", "HERKOMST", "ContentsCode", "Tid"]
    cube = Cube.from_jsonstat(fetched.document, fetched.service)
    # I alt = 477,210 + 141,532 + 41,905 (the stand-in's invented counts)
    assert cube.cells[("101", "TOT", "FOLK1C", "2024K1")] == (660_647, None)
    assert cube.cells[("101", "3", "FOLK1C", "2024K1")] == (141_532, None)
    assert fetched.updated == "2024-05-10T08:00:00"
    assert fetched.selection == {"OMRÅDE": ["101"], "HERKOMST": ["TOT", "1", "3", "4"], "Tid": ["2024K1"]}


def test_a_variable_named_in_another_case_or_by_its_text_is_the_tables() -> None:
    with serve() as state:
        fetched = client(state).fetch("folk1c", {"område": ["København"], "TID": ["2024K1"]})
    assert fetched.selection == {"OMRÅDE": ["101"], "Tid": ["2024K1"]}
    assert state.requests[-1].body["variables"] == [
        {"code": "OMRÅDE", "values": ["101"]},
        {"code": "Tid", "values": ["2024K1"]},
    ]


def test_an_unknown_table_is_refused_with_statbanks_own_message() -> None:
    with serve() as state, pytest.raises(FetchError) as caught:
        client(state).fetch("NOSUCH", WANTED)
    assert caught.value.kind is Failure.UNKNOWN_TABLE
    assert "Tabel findes ikke: NOSUCH" in str(caught.value)
    assert caught.value.status == 400
    assert len(state.requests) == 1  # a 4xx is not asked again


def test_an_unknown_variable_or_value_is_named_before_any_data_is_asked_for() -> None:
    with serve() as state:
        with pytest.raises(FetchError) as variable:
            client(state).fetch("FOLK1C", {"KOMMUNE": ["101"]})
        with pytest.raises(FetchError) as value:
            client(state).fetch("FOLK1C", {"OMRÅDE": ["999"]})
    assert variable.value.kind is Failure.UNKNOWN_VARIABLE
    assert "KOMMUNE" in str(variable.value) and "OMRÅDE, KØN, HERKOMST, Tid" in str(variable.value)
    assert value.value.kind is Failure.UNKNOWN_VALUE and "'999'" in str(value.value)
    assert [r.path for r in state.requests] == ["/v1/tableinfo", "/v1/tableinfo"]


def test_a_service_that_fails_with_5xx_is_asked_again_with_growing_waits() -> None:
    with serve() as state:
        state.fail_next = 2
        made = client(state)
        fetched = made.fetch("FOLK1C", WANTED)
    assert fetched.table == "FOLK1C"
    assert made.waits == [0.01, 0.02]  # type: ignore[attr-defined]
    assert len(state.requests) == 4


def test_a_service_that_stays_down_is_reported_as_down() -> None:
    with serve() as state:
        state.fail_next = 10
        with pytest.raises(FetchError) as caught:
            client(state).fetch("FOLK1C", WANTED)
    assert caught.value.kind is Failure.SERVICE_DOWN and "HTTP 503" in str(caught.value)
    assert len(state.requests) == 3  # the first try and two more


def test_a_service_that_cannot_be_reached_is_reported_as_down() -> None:
    made = StatBankClient("http://127.0.0.1:9", retry=Retry(timeout=1.0, retries=1, backoff=0.0))
    with pytest.raises(FetchError) as caught:
        made.tableinfo("FOLK1C")
    assert caught.value.kind is Failure.SERVICE_DOWN


def test_the_base_address_comes_from_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANGFOLD_STATBANK_URL", "http://127.0.0.1:1/v1/")
    assert StatBankClient().base_url == "http://127.0.0.1:1/v1"
    monkeypatch.delenv("MANGFOLD_STATBANK_URL")
    assert StatBankClient().base_url == "https://api.statbank.dk/v1"


def test_cells_are_the_product_of_the_named_variables_values() -> None:
    assert count_cells({"OMRÅDE": ["101", "147"], "HERKOMST": ["TOT", "1", "3", "4"], "Tid": ["2024K1"]}) == 8


def test_a_selection_over_the_limit_is_split_into_parts_under_it_that_cover_it_once() -> None:
    selection = {"A": [str(i) for i in range(10)], "B": ["x", "y", "z"], "C": ["1", "2"]}  # 60 cells
    parts = split_selection(selection, 13)
    assert all(count_cells(p) <= 13 for p in parts)
    cells = {(a, b, c) for p in parts for a in p["A"] for b in p["B"] for c in p["C"]}
    assert len(cells) == 60 == sum(count_cells(p) for p in parts)
    assert [p["A"] for p in parts[:2]] == [["0", "1"], ["2", "3"]]  # 13 // 6 = 2 values of A a part
    # One value of the largest variable still too many: the next one is cut too.
    assert all(count_cells(p) <= 2 for p in split_selection(selection, 2))


def test_over_the_limit_with_a_variable_left_to_elimination_the_fetch_comes_in_parts() -> None:
    with serve() as state:
        state.cell_limit = 4
        fetched = client(state, cell_limit=4).fetch(
            "FOLK1C", {"OMRÅDE": ["101", "147"], "HERKOMST": ["*"], "Tid": ["*"]}
        )
    bodies = state.data_bodies()
    assert fetched.requests == len(bodies) == 4 and fetched.mode == "JSONSTAT"
    assert all(b["format"] == "JSONSTAT" for b in bodies)
    cube = Cube.from_jsonstat(fetched.document, fetched.service)
    assert len(cube.cells) == 16
    assert cube.cells[("147", "4", "FOLK1C", "2023K4")] == (4_000, None)
    assert list(cube.dimensions[1].categories) == ["TOT", "1", "3", "4"]
    assert "fetched in 4 parts" in fetched.notices[0]


def test_over_the_limit_with_every_variable_named_the_fetch_is_one_streamed_bulk_csv() -> None:
    with serve() as state:
        fetched = client(state, cell_limit=10).fetch(
            "FOLK1C", {"OMRÅDE": ["*"], "KØN": ["*"], "HERKOMST": ["*"], "Tid": ["2024K1"]}
        )
    (body,) = state.data_bodies()
    assert body["format"] == "BULK" and fetched.mode == "BULK"
    cube = Cube.from_jsonstat(fetched.document, fetched.service)
    assert len(cube.cells) == 3 * 3 * 4
    # The BULK rows hold the values' texts ("København", "Kvinder", "Indvandrere"); read back to codes.
    assert cube.cells[("101", "2", "3", "2024K1")] == (round(141_532 * 0.51), None)


def test_a_bulk_request_without_every_variable_is_refused_with_statbanks_message() -> None:
    with serve() as state:
        answer = httpx.post(
            f"{state.statbank}/data",
            json={"table": "FOLK1C", "format": "BULK", "variables": [{"code": "Tid", "values": ["*"]}]},
        )
    assert answer.status_code == 400
    assert answer.json() == {
        "errorTypeCode": "EXTRACT-NOTALLOWED",
        "message": "Der skal vælges værdier for variabel: OMRÅDE",
    }
