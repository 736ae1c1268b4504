"""Benchmarking on the hand-made network of six cities of docs/methodology/benchmark.md."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mangfold.index.benchmark import (
    CityFacts,
    CityResult,
    PeerKind,
    benchmark_city,
    benchmark_round,
    competition_ranks,
    percentiles,
    similar_cities,
)
from mangfold.index.progress import rank_change, score_changes

NETWORK = [
    CityResult("A", 80, {"commitment": 90, "education": 60}, CityFacts(600_000, 22, "DK")),
    CityResult("B", 70, {"commitment": 70, "education": None}, CityFacts(150_000, 12, "DK")),
    CityResult("C", 70, {"commitment": 50, "education": 80}, CityFacts(250_000, 18, "SE")),
    CityResult("D", 60, {"commitment": 70, "education": 40}, CityFacts(90_000, 9, "SE")),
    CityResult("E", 50, {"commitment": 30, "education": 60}, CityFacts(1_200_000, 30, "DE")),
    CityResult("F", 66, {}, CityFacts(180_000, 16, "DK"), legacy=True),
]
PREVIOUS = [
    CityResult("A", 75),
    CityResult("B", 72),
    CityResult("C", 60),
    CityResult("D", 65),
    CityResult("F", 66, legacy=True),
]
INDICATORS = ("commitment", "education")


@pytest.fixture(scope="module")
def benchmarks() -> dict[str, object]:
    return benchmark_round(NETWORK, indicators=INDICATORS, custom={"nordic": ["A", "B", "Z"]}, k=2)


def test_overall_ranks_share_ties_and_skip(benchmarks: dict) -> None:
    ranks = {city: b.overall.rank for city, b in benchmarks.items()}
    assert ranks == {"A": 1, "B": 2, "C": 2, "F": 4, "D": 5, "E": 6}
    assert benchmarks["B"].overall.tied and not benchmarks["A"].overall.tied
    assert {b.overall.of for b in benchmarks.values()} == {6}


def test_overall_mean_median_and_percentiles(benchmarks: dict) -> None:
    a = benchmarks["A"].overall
    assert a.mean == 66.0
    assert a.median == 68.0
    pct = {city: round(b.overall.percentile, 3) for city, b in benchmarks.items()}
    assert pct == {"A": 91.667, "B": 66.667, "C": 66.667, "F": 41.667, "D": 25.0, "E": 8.333}


def test_indicator_samples_leave_out_cities_without_a_score(benchmarks: dict) -> None:
    commitment = benchmarks["D"].indicators["commitment"]
    assert (commitment.rank, commitment.of, commitment.mean, commitment.median) == (2, 5, 62.0, 70.0)
    education = benchmarks["E"].indicators["education"]
    assert (education.rank, education.of, education.mean, education.median) == (2, 4, 60.0, 60.0)
    assert benchmarks["B"].indicators["education"] is None
    assert benchmarks["F"].indicators["commitment"] is None  # legacy: overall only


def test_size_and_diversity_peer_groups(benchmarks: dict) -> None:
    c = benchmarks["C"]
    large = c.peer(PeerKind.LARGE)
    assert large is not None and sorted(large.members) == ["A", "C", "E"]
    assert (large.standing.rank, large.standing.of) == (2, 3)
    assert c.peer(PeerKind.SMALL) is None
    diverse = benchmarks["F"].peer(PeerKind.DIVERSE)
    assert sorted(diverse.members) == ["A", "C", "E", "F"]
    assert (diverse.standing.rank, diverse.standing.of) == (3, 4)
    less = benchmarks["D"].peer(PeerKind.LESS_DIVERSE)
    assert sorted(less.members) == ["B", "D"]
    assert (less.standing.rank, less.standing.of) == (2, 2)


def test_country_and_custom_groups(benchmarks: dict) -> None:
    dk = benchmarks["F"].peer(PeerKind.COUNTRY, "DK")
    assert (sorted(dk.members), dk.standing.rank, dk.standing.of) == (["A", "B", "F"], 3, 3)
    alone = benchmarks["E"].peer(PeerKind.COUNTRY, "DE")
    assert (alone.standing.rank, alone.standing.of, alone.standing.percentile) == (1, 1, 50.0)
    nordic = benchmarks["B"].peer(PeerKind.CUSTOM, "nordic")
    assert nordic.members == ("A", "B")
    assert benchmarks["C"].peer(PeerKind.CUSTOM, "nordic") is None


def test_similar_cities_by_size_and_diversity() -> None:
    nearest = similar_cities(NETWORK, 2)
    assert nearest == {
        "A": ("C", "E"),
        "B": ("F", "D"),
        "C": ("F", "B"),
        "D": ("B", "F"),
        "E": ("A", "C"),
        "F": ("C", "B"),
    }


def test_similar_group_ranks_the_city_among_its_neighbours(benchmarks: dict) -> None:
    similar = benchmarks["D"].peer(PeerKind.SIMILAR)
    assert similar.members == ("D", "B", "F")
    assert (similar.standing.rank, similar.standing.of) == (3, 3)


def test_rank_change_is_split_into_own_and_sample_effects() -> None:
    c = rank_change(PREVIOUS, NETWORK, "C")
    assert (c.previous_rank, c.previous_of, c.current_rank, c.current_of) == (5, 5, 2, 6)
    assert (c.own_effect, c.sample_effect, c.change) == (-2, -1, -3)
    d = rank_change(PREVIOUS, NETWORK, "D")
    assert (d.previous_rank, d.current_rank, d.own_effect, d.sample_effect) == (4, 5, 0, 1)
    assert rank_change(PREVIOUS, NETWORK, "E") is None  # E joined in the current round


def test_score_changes_only_where_comparable() -> None:
    before = CityResult("A", 75, {"commitment": 80, "education": 70})
    after = CityResult("A", 80, {"commitment": 90, "education": 60})
    changes = {c.measure: c for c in score_changes(before, after, {"commitment": 1.0, "education": 0.5})}
    assert changes["commitment"].change == 10
    assert changes["education"].change is None and not changes["education"].comparable
    assert changes["overall"].change is None  # one indicator changed meaning: overall not comparable
    plain = {c.measure: c.change for c in score_changes(before, after, None)}
    assert plain == {"overall": 5, "commitment": 10, "education": -10}


def test_benchmark_city_alone_equals_the_round() -> None:
    alone = benchmark_city(NETWORK, "C", indicators=INDICATORS, k=2)
    assert alone == benchmark_round(NETWORK, indicators=INDICATORS, k=2)["C"]


@given(st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=40))
def test_ranks_and_percentiles_are_consistent(scores: list[int]) -> None:
    values = np.array(scores, dtype=float)
    ranks = competition_ranks(values)
    pct = percentiles(values)
    for i, score in enumerate(values):
        assert ranks[i] == 1 + int((values > score).sum())
        assert 0 < pct[i] <= 100
        for j, other in enumerate(values):
            if other > score:
                assert ranks[j] < ranks[i] and pct[j] > pct[i]


def test_rank_changes_for_every_city_equal_one_by_one() -> None:
    from mangfold.index.progress import rank_changes

    changes = rank_changes(PREVIOUS, NETWORK)
    assert set(changes) == {"A", "B", "C", "D", "F"}
    for city, change in changes.items():
        assert change == rank_change(PREVIOUS, NETWORK, city)
