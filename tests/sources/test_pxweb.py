"""The PxWeb client (PxWebApi 2, JSON-stat 2.0) against a stand-in, and the rate limiter."""

from __future__ import annotations

import pytest

from mangfold.sources.cube import Cube
from mangfold.sources.errors import Failure, FetchError
from mangfold.sources.http import RateLimiter, Retry
from mangfold.sources.pxweb import PxWebClient
from tests.sources.standin import serve

FAST = Retry(timeout=5.0, retries=1, backoff=0.0)


def test_the_client_sends_the_request_body_pxwebapi_2_documents() -> None:
    with serve() as state:
        PxWebClient(state.pxweb_table, lang="no", retry=FAST).fetch(
            {"Region": ["0301"], "InnvandrKat": ["*"], "ContentsCode": ["Personer1"], "Tid": ["2024"]}
        )
    metadata, data = state.requests
    assert (metadata.method, metadata.path) == ("GET", "/api/pxwebapi/v2/tables/09817/metadata")
    assert (data.method, data.path) == ("POST", "/api/pxwebapi/v2/tables/09817/data")
    assert data.query == {"outputFormat": ["json-stat2"], "lang": ["no"]}
    assert data.body == {
        "selection": [
            {"variableCode": "Region", "valueCodes": ["0301"]},
            {"variableCode": "InnvandrKat", "valueCodes": ["B", "C"]},
            {"variableCode": "ContentsCode", "valueCodes": ["Personer1"]},
            {"variableCode": "Tid", "valueCodes": ["2024"]},
        ]
    }


def test_a_pxwebapi_2_answer_in_json_stat_2_gives_its_cells_and_provenance() -> None:
    with serve() as state:
        fetched = PxWebClient(state.pxweb_table, retry=FAST).fetch(
            {"Region": ["Oslo"], "ContentsCode": ["Personer1"], "Tid": ["2024"]}
        )
    cube = Cube.from_jsonstat(fetched.document, fetched.service)
    assert cube.cells[("0301", "C", "Personer1", "2024")] == (50_100, None)
    assert fetched.table == "09817" and fetched.updated == "2024-03-05T07:00:00Z"
    assert fetched.service.startswith("PxWeb (127.0.0.1)")


def test_the_v1_body_is_a_query_of_item_filters_asking_for_json_stat_2() -> None:
    made = PxWebClient("https://data.ssb.no/api/v0/no/table/09817")
    assert not made.v2
    assert made.body({"Region": ["0301"]}) == {
        "query": [{"code": "Region", "selection": {"filter": "item", "values": ["0301"]}}],
        "response": {"format": "json-stat2"},
    }


def test_an_unknown_table_is_refused_with_the_problem_details_pxweb_sends() -> None:
    with serve() as state, pytest.raises(FetchError) as caught:
        PxWebClient(f"{state.url}/api/pxwebapi/v2/tables/99999", retry=FAST).fetch({"Tid": ["2024"]})
    assert caught.value.kind is Failure.UNKNOWN_TABLE
    assert "Non-existent table (HTTP 404)" in str(caught.value)


def test_an_unknown_value_is_named_before_the_data_are_asked_for() -> None:
    with serve() as state, pytest.raises(FetchError) as caught:
        PxWebClient(state.pxweb_table, retry=FAST).fetch({"Region": ["9999"]})
    assert caught.value.kind is Failure.UNKNOWN_VALUE and "'9999'" in str(caught.value)
    assert [r.path.rsplit("/", 1)[-1] for r in state.requests] == ["metadata"]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_rate_limiter_lets_30_calls_through_a_minute_and_waits_for_the_31st() -> None:
    clock = Clock()
    limiter = RateLimiter(30, 60.0, clock=clock, sleep=clock.sleep)
    for _ in range(30):
        limiter.acquire()
        clock.now += 1.0  # a call a second
    assert clock.slept == []
    assert limiter.acquire() == pytest.approx(30.0)  # the first call was at 0 s; now is 30 s
    assert clock.now == pytest.approx(60.0)


def test_the_pxweb_client_waits_rather_than_pass_statistics_norways_limit() -> None:
    clock = Clock()
    limiter = RateLimiter(3, 60.0, clock=clock, sleep=clock.sleep)
    with serve() as state:
        made = PxWebClient(state.pxweb_table, retry=FAST, limiter=limiter)
        made.fetch({"Region": ["0301"], "ContentsCode": ["Personer1"], "Tid": ["2024"]})
        made.fetch({"Region": ["0301"], "ContentsCode": ["Personer1"], "Tid": ["2024"]})
    assert clock.slept == [pytest.approx(60.0)]  # the 4th call waits for the window to pass
    assert len(state.requests) == 4


def test_clients_of_one_host_share_one_limiter_and_other_hosts_have_their_own() -> None:
    first = PxWebClient("https://data.ssb.no/api/pxwebapi/v2/tables/09817")
    second = PxWebClient("https://data.ssb.no/api/pxwebapi/v2/tables/05196")
    other = PxWebClient("https://api.scb.se/ov0104/v2beta/api/v2/tables/TAB638")
    assert first.transport.limiter is second.transport.limiter
    assert other.transport.limiter is not first.transport.limiter
    assert first.transport.limiter is not None and first.transport.limiter.calls == 30


def test_a_v1_table_is_described_by_get_and_fetched_by_a_query_for_json_stat_2() -> None:
    with serve() as state:
        fetched = PxWebClient(f"{state.url}/api/v0/no/table/09817", retry=FAST).fetch(
            {"Region": ["Bergen"], "InnvandrKat": ["B"], "ContentsCode": ["Personer1"], "Tid": ["2024"]}
        )
    metadata, data = state.requests
    assert (metadata.method, data.method) == ("GET", "POST")
    assert data.body["query"][0] == {"code": "Region", "selection": {"filter": "item", "values": ["4601"]}}
    cube = Cube.from_jsonstat(fetched.document, fetched.service)
    assert cube.cells == {("4601", "B", "Personer1", "2024"): (45_500, None)}


def test_too_many_requests_is_waited_out_as_the_service_asks() -> None:
    waits: list[float] = []
    with serve() as state:
        state.fail_next, state.fail_status, state.retry_after = 1, 429, "7"
        PxWebClient(
            state.pxweb_table, retry=Retry(timeout=5.0, retries=2, backoff=0.5), sleep=waits.append
        ).fetch({"Region": ["0301"], "ContentsCode": ["Personer1"], "Tid": ["2024"]})
    assert waits == [7.0]  # Retry-After, longer than the back-off of 0.5 s
    assert len(state.requests) == 3
