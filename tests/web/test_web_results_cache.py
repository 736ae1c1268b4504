"""Public results computed once per change of their data (mangfold.web.results.cache).

Every change of a row the results are computed from gives a new answer at once, including changes no
signal sees (``QuerySet.update``) and an embargo that ends; an unchanged database answers from the cache.
"""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.network.models import City
from mangfold.web.practices.models import Practice
from mangfold.web.practices.recommended import library
from mangfold.web.results import cache, services
from mangfold.web.results.cache import FingerprintCache, RequestMemo, results_cache
from mangfold.web.results.services import round_instrument, round_results
from tests.web.results_world import ResultsWorld, build_results_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(db: Any) -> ResultsWorld:
    return build_results_world()


def overall(rw: ResultsWorld, round_slug: str = "2024") -> dict[str, float | None]:
    return {e.slug: e.result.overall for e in round_results(rw.rounds[round_slug], "en").entries}


def test_an_unchanged_round_is_computed_once(rw: ResultsWorld) -> None:
    with mock.patch.object(services, "_benchmarked", wraps=services._benchmarked) as computed:
        first = round_results(rw.rounds["2024"], "en")
        again = round_results(Round.objects.get(pk=rw.rounds["2024"].pk), "en")
    assert again is first and computed.call_count == 1
    assert round_results(rw.rounds["2024"], "da") is not first  # each language its own names


def test_a_change_no_signal_sees_gives_the_new_results_at_once(rw: ResultsWorld) -> None:
    assert overall(rw)["egeby"] == 50.0
    Assessment.objects.filter(pk=rw.assessments[("2024", "egeby")].pk).update(overall=55.0)
    assert overall(rw)["egeby"] == 55.0
    Assessment.objects.filter(pk=rw.assessments[("2024", "egeby")].pk).update(state="approved")
    assert "egeby" not in overall(rw)  # withdrawn from publication
    City.objects.filter(slug="dalby").update(name="Dalby Kommune")
    names = {e.slug: e.city.name for e in round_results(rw.rounds["2024"], "en").entries}
    assert names["dalby"] == "Dalby Kommune"


def test_a_changed_scorecard_alone_is_a_change(rw: ResultsWorld) -> None:
    assessment = rw.assessments[("2024", "dalby")]
    card = dict(assessment.official_scorecard or {})
    card["indicators"] = [
        {**row, "score": 41.0} if row["code"] == "education" else row for row in card["indicators"]
    ]
    before = round_results(rw.rounds["2024"], "en").entry("dalby")
    assert before is not None and before.result.indicators["education"] == 40.0
    Assessment.objects.filter(pk=assessment.pk).update(official_scorecard=card)
    after = round_results(rw.rounds["2024"], "en").entry("dalby")
    assert after is not None and after.result.indicators["education"] == 41.0


def test_the_end_of_an_embargo_publishes_without_a_write(rw: ResultsWorld) -> None:
    assert overall(rw, "2025") == {}
    later = timezone.now() + datetime.timedelta(days=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert overall(rw, "2025") == {"ankeby": 97.0}


def test_another_networks_change_keeps_the_answer(rw: ResultsWorld) -> None:
    first = round_results(rw.rounds["2024"], "en")
    round_results(rw.rounds["2023"], "en")
    other = Round.objects.create(network=rw.network, slug="2030", name="Round 2030")
    assert round_results(rw.rounds["2024"], "en") is not first  # a new round of the network: read anew
    kept = round_results(rw.rounds["2024"], "en")
    from mangfold.web.network.models import Network

    elsewhere = Network.objects.create(slug="elsewhere", name="Elsewhere")
    Round.objects.create(network=elsewhere, slug="2024", name="Round 2024")
    assert round_results(rw.rounds["2024"], "en") is kept
    other.delete()


def test_the_practice_library_follows_its_practices_and_their_cities_results(rw: ResultsWorld) -> None:
    instrument = round_instrument(rw.rounds["2024"])
    titles = {info.title for _, info in library("en", instrument)}
    assert "Skolemix" in titles and "Unpublished draft practice" not in titles
    assert library("en", instrument) is library("en", instrument)
    Practice.objects.filter(pk=rw.practices["schoolmix"].pk).update(status="draft")
    assert "Skolemix" not in {info.title for _, info in library("en", instrument)}
    strength = {info.title: info.strength for _, info in library("en", instrument)}["Lektiecafé"]
    assert strength["education"].score == 80.0  # Cederby's best published education score
    Assessment.objects.filter(pk=rw.assessments[("2024", "cederby")].pk).update(state="approved")
    strength = {info.title: info.strength for _, info in library("en", instrument)}["Lektiecafé"]
    assert strength["education"].score == 70.0  # 2023's, once 2024's is withdrawn


def test_an_answer_computed_while_its_data_changed_is_not_kept(rw: ResultsWorld) -> None:
    egeby = rw.assessments[("2024", "egeby")].pk
    compute = services._benchmarked

    def changing(*args: Any) -> Any:
        found = compute(*args)
        Assessment.objects.filter(pk=egeby).update(overall=51.0)  # a publication lands meanwhile
        return found

    with mock.patch.object(services, "_benchmarked", side_effect=changing):
        assert overall(rw)["egeby"] == 50.0  # given to its own request …
    assert len(results_cache) == 0  # … but kept for none
    assert overall(rw)["egeby"] == 51.0


def test_the_cache_keeps_at_most_its_size() -> None:
    kept = FingerprintCache(size=2)
    for key in "abc":
        kept.get(key, ("data", lambda: ("same",)), lambda key=key: key.upper())
    assert len(kept) == 2
    assert kept.get("a", ("data", lambda: ("same",)), lambda: "anew") == "anew"  # the oldest went first
    assert kept.get("c", ("data", lambda: ("same",)), lambda: "anew") == "C"


def test_a_page_reads_each_fingerprint_once(rw: ResultsWorld) -> None:
    client = Client()
    page = "/en/results/results-net/2024/city/cederby/"
    assert client.get(page).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page).status_code == 200
    fingerprints = [q["sql"] for q in captured if "official_scorecard" in q["sql"]]
    # the network's published results once, the library's networks once: no round read twice
    assert len(fingerprints) == 1, fingerprints


def test_only_reading_requests_share_fingerprints(rw: ResultsWorld) -> None:
    seen: list[object] = []

    def view(request: Any) -> Any:
        seen.append(cache._memo.get())
        return "response"

    middleware = RequestMemo(view)
    middleware(mock.Mock(method="GET"))
    middleware(mock.Mock(method="POST"))
    assert seen[0] == {} and seen[1] is None
    assert cache._memo.get() is None  # nothing left behind
