"""The results service: only published results past the embargo, benchmarked as the methodology says."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone, translation

from mangfold.index.benchmark import PeerKind
from mangfold.index.progress import RankChange
from mangfold.index.standing import Withheld
from mangfold.web.assessments.models import Assessment
from mangfold.web.network.models import City
from mangfold.web.results.profile import indicator_rows, peer_groups, peer_tags
from mangfold.web.results.services import public_assessments, rank_label, round_results
from mangfold.web.results.trend import explain_rank, places, trend
from tests.web.results_world import ResultsWorld, build_results_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(db: Any) -> ResultsWorld:
    return build_results_world()


def test_only_published_results_past_the_embargo_take_part(rw: ResultsWorld) -> None:
    cities = {a.city.slug for a in public_assessments(rw.rounds["2024"])}
    assert cities == {"ankeby", "birkeby", "cederby", "dalby", "egeby", "fjordby"}  # not approved, not draft
    assert public_assessments(rw.rounds["2025"]) == []  # published, but under embargo
    rw.rounds["2025"].embargo_until = timezone.now() - datetime.timedelta(minutes=1)
    rw.rounds["2025"].save()
    assert [a.city.slug for a in public_assessments(rw.rounds["2025"])] == ["ankeby"]


def test_a_withdrawn_state_leaves_the_results(rw: ResultsWorld) -> None:
    Assessment.objects.filter(pk=rw.assessments[("2024", "egeby")].pk).update(state="approved")
    results = round_results(rw.rounds["2024"], "en")
    assert results.entry("egeby") is None
    assert results.summary().count == 5


def test_the_round_is_ranked_with_ties_mean_and_median(rw: ResultsWorld) -> None:
    results = round_results(rw.rounds["2024"], "en")
    with translation.override("en"):
        ranks = [(e.slug, e.rank) for e in results.entries]
    assert ranks == [
        ("ankeby", "1"),
        ("birkeby", "2 (shared)"),
        ("cederby", "2 (shared)"),
        ("fjordby", "4"),
        ("dalby", "5"),
        ("egeby", "6"),
    ]
    summary = results.summary()
    assert (summary.count, summary.mean, summary.median) == (6, 66.0, 68.0)
    assert results.entry("ankeby").benchmark.overall.percentile == pytest.approx(91.667, abs=1e-3)


def test_the_legacy_result_is_ranked_overall_and_on_no_indicator(rw: ResultsWorld) -> None:
    results = round_results(rw.rounds["2024"], "en")
    fjordby = results.entry("fjordby")
    assert fjordby.result.legacy
    assert fjordby.benchmark.overall.rank == 4
    assert all(s is None for s in fjordby.benchmark.indicators.values())
    assert list(results.indicators) == ["commitment", "education", "language"]  # the questionnaire's order


def test_indicators_are_ranked_among_the_cities_with_a_score(rw: ResultsWorld) -> None:
    results = round_results(rw.rounds["2024"], "en")
    with translation.override("da"):
        commitment = {
            e.slug: rank_label(e.standing.indicator("commitment").placement) for e in results.entries
        }
    shared = "2 (delt)"
    assert commitment == {
        "ankeby": "1", "birkeby": shared, "dalby": shared, "cederby": "4", "egeby": "5", "fjordby": "–"
    }  # fmt: skip
    education = results.summary("education")
    assert (education.count, education.mean, education.median) == (4, 60.0, 60.0)
    rows = {row.code: row for row in indicator_rows(results, results.entry("dalby"))}
    assert rows["education"].score == 40.0
    assert rows["education"].difference == -20.0
    assert rows["education"].rank == "–"  # four cities have an education score: no rank under five
    assert rows["education"].withheld is Withheld.SMALL_SAMPLE and rows["education"].count == 4
    with translation.override("da"):
        assert rows["commitment"].mean == 62.0 and rows["commitment"].rank == "2 (delt)"


def test_peer_groups_rank_the_city_among_cities_like_it(rw: ResultsWorld) -> None:
    results = round_results(rw.rounds["2024"], "en")
    with translation.override("en"):
        groups = {g.kind: g for g in peer_groups(results, results.entry("cederby"), "en")}
        tags = peer_tags(results.entry("fjordby"))
    large = groups[PeerKind.LARGE.value]
    assert (large.rank, large.size, large.withheld) == ("–", 3, Withheld.SMALL_SAMPLE)  # 2nd of 3: withheld
    assert large.reason.startswith("There are only 3 cities")
    assert [m.name for m in large.members] == ["Ankeby", "Cederby", "Egeby"]
    assert [m.rank for m in large.members] == ["–", "–", "–"]
    assert large.mean == pytest.approx(200 / 3)  # three scores: a mean may be shown
    assert large.label == "Cities with at least 200,000 inhabitants"
    assert groups[PeerKind.COUNTRY.value].label == "Cities in the same country (Sweden)"
    with translation.override("en"):
        ranks = [m.rank for m in groups[PeerKind.ALL.value].members]
    assert ranks == ["1", "2 (shared)", "2 (shared)", "4", "5", "6"]
    assert tags == ["small city", "diverse", "DK"]


def test_peer_group_names_follow_the_language(rw: ResultsWorld) -> None:
    results = round_results(rw.rounds["2024"], "da")
    with translation.override("da"):
        labels = [g.label for g in peer_groups(results, results.entry("cederby"), "da")]
    assert "Byer med mindst 200.000 indbyggere" in labels
    assert "Byer med mere end 15 % udenlandsfødte indbyggere" in labels


def test_the_trend_explains_the_rank_change_by_own_and_sample_effects(rw: ResultsWorld) -> None:
    results = round_results(rw.rounds["2024"], "en")
    with translation.override("en"):
        rows, progress = trend(results, results.entry("cederby"), "en")
        found = [(r.round.slug, r.score, r.rank, r.count, r.current) for r in rows]
    assert found == [
        ("2023", 60.0, "5", 5, False),
        ("2024", 70.0, "2 (shared)", 6, True),
    ]  # 2025 is under embargo
    assert progress is not None and progress.rank is not None
    assert (progress.rank.own_effect, progress.rank.sample_effect, progress.rank.change) == (-2, -1, -3)
    assert progress.explanation == (
        "Since Round 2023, Cederby went from no. 5 of 5 cities to no. 2 (shared) of 6 cities. Its own "
        "change in score accounts for 2 places up; the other cities' changes, arrivals and departures for "
        "1 place up (each the average over both orders of applying the two). The samples differ in size: "
        "then ahead of 0 % of the other cities, now ahead of 80 % of the other cities."
    )
    changes = {c.name: c for c in progress.changes}
    assert changes["Overall score"].change == 10.0
    assert changes["Commitment"].change == 10.0 and changes["Commitment"].comparable
    assert progress.indicators_compared


def test_a_city_without_an_earlier_round_has_no_progress(rw: ResultsWorld) -> None:
    results = round_results(rw.rounds["2024"], "en")
    rows, progress = trend(results, results.entry("egeby"), "en")
    assert [r.round.slug for r in rows] == ["2024"]
    assert progress is None
    assert explain_rank(None, "Egeby", "2023") == ""


def test_a_kept_rank_is_said_plainly_and_movements_in_words() -> None:
    with translation.override("en"):
        kept = explain_rank(RankChange(3, 8, 3, 8, 0, 0), "København", "Round 2023")
        assert (
            kept == "Since Round 2023, København has kept its place "
            "(no. 3 of 8 cities then, no. 3 of 8 cities now)."
        )
        assert places(-1.5, "en") == "1.5 places up"
        assert [places(n) for n in (-2, -1, 0, 1, 3)] == [
            "2 places up", "1 place up", "no change", "1 place down", "3 places down"
        ]  # fmt: skip
    with translation.override("da"):
        assert [places(n) for n in (-1, 0, 2)] == ["1 plads op", "ingen ændring", "2 pladser ned"]


def test_the_minimum_group_for_a_place_is_a_setting(rw: ResultsWorld, settings: Any) -> None:
    settings.MANGFOLD_MIN_RANK_SAMPLE = 3
    results = round_results(rw.rounds["2024"], "en")
    with translation.override("en"):
        groups = {g.kind: g for g in peer_groups(results, results.entry("cederby"), "en")}
    large = groups[PeerKind.LARGE.value]
    assert (large.rank, large.size, large.withheld) == ("2", 3, None)  # 2nd of 3 from a minimum of 3
    assert indicator_rows(results, results.entry("dalby"))[1].rank == "4"  # education: 4th of 4


def test_a_public_result_is_defined_once_for_queries_and_objects(rw: ResultsWorld) -> None:
    everyone = Assessment.objects.select_related("round")
    assert {a.pk for a in everyone if a.is_public} == set(
        Assessment.objects.public().values_list("pk", flat=True)
    )
    rw.rounds["2025"].embargo_until = timezone.now() - datetime.timedelta(minutes=1)
    rw.rounds["2025"].save()
    everyone = Assessment.objects.select_related("round")
    assert {a.pk for a in everyone if a.is_public} == set(
        Assessment.objects.public().values_list("pk", flat=True)
    )


def test_a_peer_group_says_which_year_of_figures_put_the_city_in_it(rw: ResultsWorld) -> None:
    City.objects.filter(slug="cederby").update(population_year=2024, foreign_born_year=2019)
    results = round_results(rw.rounds["2024"], "en")
    with translation.override("en"):
        groups = {g.kind: g for g in peer_groups(results, results.entry("cederby"), "en")}
    assert groups[PeerKind.LARGE.value].facts == "population of 2024"
    assert (
        groups[PeerKind.DIVERSE.value].facts == "foreign-born share of 2019 (not of the round's year, 2024)"
    )
