"""Benchmarking a round: each city's scores against the sample, its rank, percentile and peer groups.

The rules (docs/methodology/benchmark.md states them with a worked example):

- **Sample.** The cities with a score: for the overall index every city with an overall score, for an
  indicator every city with a score on it (published legacy results without indicator scores take part in
  the overall ranking only).
- **Mean and median** of the sample's scores.
- **Rank** is competition ranking, highest score first, ties sharing the best place: scores 80, 70, 70, 60
  rank 1, 2, 2, 4 ("2nd of 4, shared").
- **Percentile** is the percentile rank of Hazen: ``100 · (B + E / 2) / N`` with B the cities scoring
  below, E those scoring the same (the city included) and N the sample size; a city alone scores 50.
- **Peer groups** (ICC's published groupings, domain.md §2): cities under / at least 200,000 inhabitants;
  more than 15 % foreign-born residents, or not; the same country; groups the user defines; and the
  ``k`` cities most similar in size and diversity (:data:`SIMILAR_K`; distance in z-scores of log10
  population and foreign-born share). A city is ranked among its group's members, itself included; every
  member's place in the group comes with it (:attr:`PeerStanding.member_standings`).

Everything is vectorised with NumPy, so a network of thousands of cities benchmarks in milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from mangfold.index.instrument import Instrument, one_instrument

SIZE_THRESHOLD = 200_000
SIMILAR_K = 5
"""How many most similar cities join a city in its "similar" peer group."""
DIVERSITY_THRESHOLD = 15.0
OVERALL = "overall"

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class CityFacts:
    """What peer groups are made of: inhabitants, share of foreign-born residents (%), country code,
    and the years the two figures are of (shown beside any group they put the city in)."""

    population: float | None = None
    foreign_born_share: float | None = None
    country: str | None = None
    population_year: int | None = None
    foreign_born_year: int | None = None


@dataclass(frozen=True)
class CityResult:
    """A city's scores in one round (0–100; None where it has none) and its facts."""

    city: str
    overall: float | None
    indicators: Mapping[str, float | None] = field(default_factory=dict)
    facts: CityFacts = CityFacts()
    legacy: bool = False
    instrument: Instrument | None = None
    """What the scores were measured with; a benchmark refuses results of incomparable instruments."""

    def score(self, measure: str) -> float | None:
        """The overall score (``measure == "overall"``) or an indicator's score."""
        return self.overall if measure == OVERALL else self.indicators.get(measure)


class PeerKind(StrEnum):
    ALL = "all"
    SMALL = "small"
    """Fewer than 200,000 inhabitants."""
    LARGE = "large"
    """At least 200,000 inhabitants."""
    DIVERSE = "diverse"
    """More than 15 % foreign-born residents."""
    LESS_DIVERSE = "less_diverse"
    """At most 15 % foreign-born residents."""
    COUNTRY = "country"
    CUSTOM = "custom"
    SIMILAR = "similar"
    """The k cities most similar in size and diversity."""


@dataclass(frozen=True)
class Standing:
    """Where a score stands in a sample."""

    score: float
    rank: int
    of: int
    tied: bool
    percentile: float
    mean: float
    median: float


@dataclass(frozen=True)
class PeerStanding:
    """A city's standing among one peer group (``name`` is the country code or custom group's name)."""

    kind: PeerKind
    name: str
    members: tuple[str, ...]
    standing: Standing | None
    member_standings: Mapping[str, Standing] = field(default_factory=dict, compare=False)
    """The standing in this group of every member with a score (the city's own among them)."""


def competition_ranks(scores: FloatArray) -> npt.NDArray[np.int64]:
    """Rank 1 for the highest score, ties sharing the best place (80, 70, 70, 60 → 1, 2, 2, 4)."""
    order = np.sort(scores)
    above = order.size - np.searchsorted(order, scores, side="right")
    return (above + 1).astype(np.int64)


def percentiles(scores: FloatArray) -> FloatArray:
    """Hazen percentile ranks: ``100 · (below + equal / 2) / n``, equal counting the city itself."""
    order = np.sort(scores)
    below = np.searchsorted(order, scores, side="left")
    equal = np.searchsorted(order, scores, side="right") - below
    result: FloatArray = 100.0 * (below + equal / 2.0) / scores.size
    return result


def standings(scores: FloatArray) -> list[Standing]:
    """The standing of every score in the sample ``scores`` (no NaN)."""
    if scores.size == 0:
        return []
    if scores.size <= _SMALL:
        return _standings_small([float(x) for x in scores])
    ranks = competition_ranks(scores)
    tied = (np.bincount(ranks) > 1)[ranks].tolist()
    mean, median, n = float(scores.mean()), float(np.median(scores)), int(scores.size)
    return [
        Standing(score, rank, n, is_tied, p, mean, median)
        for score, rank, is_tied, p in zip(
            scores.tolist(), ranks.tolist(), tied, percentiles(scores).tolist(), strict=True
        )
    ]


_SMALL = 32
"""Below this many scores, plain Python beats NumPy's per-call overhead (peer groups of similar cities)."""


def _standings_small(values: list[float]) -> list[Standing]:
    n = len(values)
    ordered = sorted(values)
    middle = n // 2
    median = ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    mean = math.fsum(values) / n
    result = []
    for score in values:
        above = sum(1 for v in values if v > score)
        equal = sum(1 for v in values if v == score)
        below = n - above - equal
        result.append(
            Standing(score, above + 1, n, equal > 1, 100.0 * (below + equal / 2.0) / n, mean, median)
        )
    return result


def similar_cities(results: Sequence[CityResult], k: int) -> dict[str, tuple[str, ...]]:
    """For each city with population and foreign-born share, its ``k`` most similar cities.

    Similarity is the Euclidean distance between z-scores of log10(population) and the foreign-born
    share over the cities that have both; ties are broken by name so the answer is deterministic.
    """
    known = [
        r
        for r in results
        if r.facts.population and r.facts.population > 0 and r.facts.foreign_born_share is not None
    ]
    if len(known) < 2 or k < 1:
        return {}
    features = np.array(
        [[np.log10(float(r.facts.population or 1)), float(r.facts.foreign_born_share or 0)] for r in known]
    )
    spread = features.std(axis=0)
    spread[spread == 0] = 1.0
    z = (features - features.mean(axis=0)) / spread
    names = [r.city for r in known]
    name_rank = np.empty(len(names), dtype=np.int64)
    name_rank[np.argsort(np.array(names, dtype=object), kind="stable")] = np.arange(len(names))
    take = min(k, len(names) - 1)
    from scipy.spatial import cKDTree

    ask = min(len(names), take + 1 + 8)
    distances, indices = cKDTree(z).query(z, k=ask)
    neighbours: dict[str, tuple[str, ...]] = {}
    for i, name in enumerate(names):
        pairs = [(float(d), int(j)) for d, j in zip(distances[i], indices[i], strict=True) if j != i]
        cutoff = pairs[take - 1][0]
        if ask < len(names) and pairs[-1][0] <= cutoff:  # ties reach past what was asked: all of them
            full = np.sqrt(((z - z[i]) ** 2).sum(axis=1))
            pairs = [(float(full[j]), j) for j in range(len(names)) if j != i]
        chosen = sorted((d, name_rank[j], j) for d, j in pairs if d <= cutoff)[:take]
        neighbours[name] = tuple(names[j] for _, _, j in chosen)
    return neighbours


@dataclass(frozen=True)
class PeerIndex:
    """The peer groups of a round, computed once: group key (kind, name) -> members."""

    groups: Mapping[tuple[PeerKind, str], tuple[str, ...]]
    of_city: Mapping[str, tuple[tuple[PeerKind, str], ...]]

    @classmethod
    def build(
        cls,
        results: Sequence[CityResult],
        *,
        custom: Mapping[str, Sequence[str]] | None = None,
        k: int = SIMILAR_K,
    ) -> PeerIndex:
        groups: dict[tuple[PeerKind, str], list[str]] = {(PeerKind.ALL, ""): []}
        of_city: dict[str, list[tuple[PeerKind, str]]] = {}
        names = {r.city for r in results}
        for r in results:
            keys = [(PeerKind.ALL, "")]
            if r.facts.population is not None:
                large = r.facts.population >= SIZE_THRESHOLD
                keys.append((PeerKind.LARGE if large else PeerKind.SMALL, ""))
            if r.facts.foreign_born_share is not None:
                diverse = r.facts.foreign_born_share > DIVERSITY_THRESHOLD
                keys.append((PeerKind.DIVERSE if diverse else PeerKind.LESS_DIVERSE, ""))
            if r.facts.country:
                keys.append((PeerKind.COUNTRY, r.facts.country))
            keys += [(PeerKind.CUSTOM, name) for name, group in (custom or {}).items() if r.city in group]
            for key in keys:
                groups.setdefault(key, []).append(r.city)
            of_city[r.city] = keys
        for city, nearest in similar_cities(results, k).items():
            groups[(PeerKind.SIMILAR, city)] = [city, *nearest]
            of_city[city].append((PeerKind.SIMILAR, city))
        for name, group in (custom or {}).items():  # the user's order, only cities of the round
            if (PeerKind.CUSTOM, name) in groups:
                groups[(PeerKind.CUSTOM, name)] = [c for c in group if c in names]
        return cls(
            groups={key: tuple(members) for key, members in groups.items()},
            of_city={city: tuple(keys) for city, keys in of_city.items()},
        )


def peer_groups(
    results: Sequence[CityResult],
    city: str,
    *,
    custom: Mapping[str, Sequence[str]] | None = None,
    k: int = SIMILAR_K,
) -> list[tuple[PeerKind, str, tuple[str, ...]]]:
    """The peer groups ``city`` belongs to, each as (kind, name, members including the city)."""
    index = PeerIndex.build(results, custom=custom, k=k)
    return [_named(key, index.groups[key]) for key in index.of_city[city]]


def _named(key: tuple[PeerKind, str], members: tuple[str, ...]) -> tuple[PeerKind, str, tuple[str, ...]]:
    kind, name = key
    return (kind, "" if kind is PeerKind.SIMILAR else name, members)


def sample(results: Sequence[CityResult], measure: str, members: Sequence[str] | None = None) -> FloatArray:
    """The scores of ``measure`` (``"overall"`` or an indicator code) of the cities that have one."""
    wanted = None if members is None else set(members)
    values = [
        r.score(measure)
        for r in results
        if (wanted is None or r.city in wanted) and r.score(measure) is not None
    ]
    return np.array(values, dtype=np.float64)


class _Standings:
    """Standings of every city in a sample, computed once per (measure, group) and shared."""

    def __init__(self, results: Sequence[CityResult]) -> None:
        self.by_city = {r.city: r for r in results}
        self.cache: dict[tuple[str, PeerKind, str], dict[str, Standing]] = {}

    def get(self, measure: str, kind: PeerKind, name: str, members: Sequence[str]) -> dict[str, Standing]:
        key = (measure, kind, name)
        if key not in self.cache:
            scored = [
                (city, score) for city in members if (score := self.by_city[city].score(measure)) is not None
            ]
            values = np.array([score for _, score in scored], dtype=np.float64)
            self.cache[key] = dict(zip([c for c, _ in scored], standings(values), strict=True))
        return self.cache[key]


@dataclass(frozen=True)
class CityBenchmark:
    """A city's standing overall and on each indicator, in the whole sample and in its peer groups."""

    city: str
    overall: Standing | None
    indicators: Mapping[str, Standing | None]
    peers: tuple[PeerStanding, ...]

    def peer(self, kind: PeerKind, name: str = "") -> PeerStanding | None:
        return next((p for p in self.peers if p.kind == kind and p.name == name), None)


def benchmark_city(
    results: Sequence[CityResult],
    city: str,
    *,
    indicators: Sequence[str] = (),
    custom: Mapping[str, Sequence[str]] | None = None,
    k: int = SIMILAR_K,
    peers: PeerIndex | None = None,
    cache: _Standings | None = None,
) -> CityBenchmark:
    """Benchmark ``city`` against the round's ``results`` (overall, per indicator, per peer group).

    :class:`~mangfold.index.instrument.IncomparableError` when the results are of incomparable instruments.
    """
    if peers is None:
        one_instrument(r.instrument for r in results)
    peers = peers or PeerIndex.build(results, custom=custom, k=k)
    cache = cache or _Standings(results)
    everyone = peers.groups[(PeerKind.ALL, "")]
    standings_in_groups = []
    for key in peers.of_city[city]:
        members = peers.groups[key]
        in_group = cache.get(OVERALL, key[0], key[1], members)
        kind, name, _ = _named(key, members)
        standings_in_groups.append(PeerStanding(kind, name, members, in_group.get(city), in_group))
    return CityBenchmark(
        city=city,
        overall=cache.get(OVERALL, PeerKind.ALL, "", everyone).get(city),
        indicators={code: cache.get(code, PeerKind.ALL, "", everyone).get(city) for code in indicators},
        peers=tuple(standings_in_groups),
    )


def benchmark_round(
    results: Sequence[CityResult],
    *,
    indicators: Sequence[str] = (),
    custom: Mapping[str, Sequence[str]] | None = None,
    k: int = SIMILAR_K,
) -> dict[str, CityBenchmark]:
    """Every city's benchmark in one pass (samples and peer groups are computed once).

    :class:`~mangfold.index.instrument.IncomparableError` when the results are of incomparable instruments.
    """
    one_instrument(r.instrument for r in results)
    peers = PeerIndex.build(results, custom=custom, k=k)
    cache = _Standings(results)
    return {
        r.city: benchmark_city(results, r.city, indicators=indicators, peers=peers, cache=cache)
        for r in results
    }
