"""The sample's mean and median and every member's place in a peer group, as the core's standing carries
them for the pages (one home for each rule: the web reads them, never recomputes them)."""

from __future__ import annotations

from mangfold.index.benchmark import SIMILAR_K, CityFacts, CityResult, PeerKind, benchmark_round
from mangfold.index.instrument import Instrument
from mangfold.index.standing import CityStanding, Limits, SampleSummary, city_standing, sample_summary

MANGFOLD = Instrument.questionnaire("mangfold-2026", "1.0")
ICC_2011 = Instrument.published("icc-index", "2011")
SMALL = CityFacts(population=50_000)
LARGE = CityFacts(population=500_000)


def result(city: str, overall: float | None, facts: CityFacts, **indicators: float) -> CityResult:
    return CityResult(city, overall, dict(indicators), facts=facts, instrument=MANGFOLD)


ROUND = [
    result("a", 80, SMALL, education=70),
    result("b", 70, SMALL, education=40),
    result("c", 70, SMALL, education=10),
    result("d", 60, SMALL),
    result("e", 50, SMALL, education=100),
    result("f", 90, LARGE),
    result("g", 40, LARGE),
    result("h", None, LARGE),
]


def standing_of(city: str, limits: Limits | None = None) -> CityStanding:
    limits = limits or Limits()
    benchmarks = benchmark_round(ROUND, indicators=["education"])
    return city_standing(
        ROUND, city, instrument=MANGFOLD, benchmark=benchmarks[city], indicators=["education"], limits=limits
    )


def test_the_sample_of_a_measure_gives_mean_and_median_from_three_scores() -> None:
    overall = sample_summary(ROUND, "overall", instrument=MANGFOLD)
    assert (overall.count, overall.mean, overall.median) == (7, 460 / 7, 70.0)
    education = sample_summary(ROUND, "education", instrument=MANGFOLD)
    assert (education.count, education.mean, education.median) == (4, 55.0, 55.0)
    two = sample_summary(ROUND[:2], "overall", instrument=MANGFOLD)
    assert (two.count, two.mean, two.median) == (2, None, None)


def test_a_published_index_has_no_mean_or_median_whatever_its_size() -> None:
    published = [CityResult(r.city, r.overall, instrument=ICC_2011) for r in ROUND]
    assert sample_summary(published, "overall", instrument=ICC_2011) == SampleSummary(7, None, None)


def test_the_standing_carries_the_samples_summary_with_the_indicators_median() -> None:
    standing = standing_of("a")
    assert standing.summary() == sample_summary(ROUND, "overall", instrument=MANGFOLD)
    assert standing.summary("education") == sample_summary(ROUND, "education", instrument=MANGFOLD)
    assert standing.summary("unknown") is None


def test_every_member_of_a_group_of_five_has_its_place_and_ties_share_it() -> None:
    small = next(p for p in standing_of("a").peers if p.kind is PeerKind.SMALL)
    assert small.members == ("a", "b", "c", "d", "e")
    places = {city: (p.rank, p.of, p.tied) for city, p in small.member_places.items()}
    assert places == {
        "a": (1, 5, False),
        "b": (2, 5, True),
        "c": (2, 5, True),
        "d": (4, 5, False),
        "e": (5, 5, False),
    }
    assert small.member_places["a"] == small.placement


def test_no_member_of_a_group_under_the_minimum_has_a_place() -> None:
    large = next(p for p in standing_of("f").peers if p.kind is PeerKind.LARGE)
    assert large.members == ("f", "g", "h") and large.member_places == {}
    lenient = next(p for p in standing_of("f", Limits(min_rank=2)).peers if p.kind is PeerKind.LARGE)
    assert {c: p.rank for c, p in lenient.member_places.items()} == {"f": 1, "g": 2}  # h has no score


def test_the_similar_group_holds_the_city_and_its_five_most_similar() -> None:
    facts = [CityFacts(population=10_000 * (i + 1), foreign_born_share=float(i)) for i in range(8)]
    cities = [CityResult(f"c{i}", 50 + i, facts=f, instrument=MANGFOLD) for i, f in enumerate(facts)]
    similar = benchmarks_similar(cities)
    assert SIMILAR_K == 5 and len(similar) == 1 + SIMILAR_K


def benchmarks_similar(cities: list[CityResult]) -> tuple[str, ...]:
    found = benchmark_round(cities)["c0"].peer(PeerKind.SIMILAR, "")
    assert found is not None
    return found.members
