"""The published results of a round, benchmarked: database rows in, the pure core's answers out.

Only assessments that are published *and* past their round's embargo take part (the same rule as
:attr:`Assessment.is_public`); imported published (legacy) results take part wherever their data
allow (an overall score only: ranked overall, on no indicator). Every city becomes a
:class:`mangfold.index.benchmark.CityResult` keyed by its slug, with its facts from
:class:`~mangfold.web.network.models.City`; :func:`mangfold.index.benchmark.benchmark_round` does the
ranking (docs/methodology/benchmark.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from statistics import fmean, median
from typing import Any

from mangfold.collation import danish_sort_key
from mangfold.index.benchmark import (
    OVERALL,
    CityBenchmark,
    CityFacts,
    CityResult,
    Standing,
    benchmark_round,
)
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.assessments.questionnaires import round_questionnaire
from mangfold.web.core.questionnaire import indicator_name, plain_name
from mangfold.web.network.models import City

SIMILAR_K = 5
"""How many most similar cities make a city's "similar" peer group."""


def public_assessments(round_: Round) -> list[Assessment]:
    """The round's published assessments past its embargo that carry a score (none while embargoed)."""
    if round_.embargoed:
        return []
    found = round_.assessments.filter(state=Assessment.State.PUBLISHED).select_related("city")
    return [a for a in found if _overall(a) is not None or _indicator_scores(a)]


def _overall(assessment: Assessment) -> float | None:
    if assessment.overall is not None:
        return float(assessment.overall)
    value = (assessment.official_scorecard or {}).get("core_index")
    return None if value is None else float(value)


def _indicator_scores(assessment: Assessment) -> dict[str, float | None]:
    card = assessment.official_scorecard or {}
    return {
        i["code"]: None if i.get("score") is None else float(i["score"]) for i in card.get("indicators", [])
    }


def city_facts(city: City) -> CityFacts:
    """Population, foreign-born share and country of a city, as the peer groups use them."""
    return CityFacts(
        population=float(city.population) if city.population else None,
        foreign_born_share=city.foreign_born_share,
        country=city.country.upper() or None,
    )


def city_result(assessment: Assessment) -> CityResult:
    """An assessment's official scores as the core's :class:`CityResult` (keyed by the city's slug)."""
    return CityResult(
        city=assessment.city.slug,
        overall=_overall(assessment),
        indicators=_indicator_scores(assessment),
        facts=city_facts(assessment.city),
        legacy=assessment.is_legacy,
    )


def question_points(assessment: Assessment) -> dict[str, float | None]:
    """The city's points per question from its official scorecard (empty for legacy results)."""
    card = assessment.official_scorecard or {}
    return {q["code"]: q.get("points") for i in card.get("indicators", []) for q in i.get("questions", [])}


def indicator_names(round_: Round, codes: Sequence[str], lang: str) -> dict[str, str]:
    """Each code's name in ``lang`` in the order of the round's questionnaire (codes it lacks last).

    Rounds without a questionnaire (published results only) are named from the bundled questionnaire.
    """
    questionnaire = round_questionnaire(round_)
    names: dict[str, str] = {}
    if questionnaire is not None:
        names = {
            i.code: questionnaire.label(i.name, lang) for i in questionnaire.indicators if i.code in codes
        }
    for code in sorted(set(codes) - set(names)):
        name = indicator_name(code, lang)
        names[code] = name if name != code else plain_name(code)
    return names


def rank_label(standing: Standing | None) -> str:
    """A competition rank as the reports write it: ``2`` or, shared, ``2=``; ``–`` without one."""
    if standing is None:
        return "–"
    return f"{standing.rank}=" if standing.tied else str(standing.rank)


@dataclass(frozen=True)
class Entry:
    """One city's published result in the round and its benchmark."""

    assessment: Assessment
    result: CityResult
    benchmark: CityBenchmark

    @property
    def city(self) -> City:
        return self.assessment.city

    @property
    def slug(self) -> str:
        return self.result.city

    @property
    def rank(self) -> str:
        return rank_label(self.benchmark.overall)


@dataclass(frozen=True)
class Summary:
    """A measure's sample: how many cities, their mean and median (None when nobody has a score)."""

    count: int
    mean: float | None
    median: float | None


@dataclass(frozen=True)
class RoundResults:
    """The published results of a round: entries in rank order, the indicators with their names."""

    round: Round
    entries: tuple[Entry, ...]
    indicators: Mapping[str, str]
    """Indicator code -> name in the page's language, in questionnaire order."""

    @cached_property
    def results(self) -> list[CityResult]:
        return [e.result for e in self.entries]

    @cached_property
    def by_slug(self) -> dict[str, Entry]:
        return {e.slug: e for e in self.entries}

    def entry(self, slug: str) -> Entry | None:
        return self.by_slug.get(slug)

    def name(self, slug: str) -> str:
        return self.by_slug[slug].city.name

    def summary(self, measure: str = OVERALL) -> Summary:
        values = [s for r in self.results if (s := r.score(measure)) is not None]
        if not values:
            return Summary(0, None, None)
        return Summary(len(values), fmean(values), median(values))

    def scored(self, measure: str = OVERALL) -> list[tuple[Entry, float, Standing | None]]:
        """The entries with a score on ``measure``, best first (ties by Danish name order)."""
        rows = [
            (e, score, e.benchmark.overall if measure == OVERALL else e.benchmark.indicators.get(measure))
            for e in self.entries
            if (score := e.result.score(measure)) is not None
        ]
        rows.sort(key=lambda row: (-row[1], danish_sort_key(row[0].city.name)))
        return rows


def round_results(round_: Round, lang: str, *, k: int = SIMILAR_K) -> RoundResults:
    """Benchmark the round's public results (see :func:`public_assessments`)."""
    assessments = public_assessments(round_)
    results = [city_result(a) for a in assessments]
    codes = list(dict.fromkeys(code for r in results for code, s in r.indicators.items() if s is not None))
    names = indicator_names(round_, codes, lang)
    benchmarks = benchmark_round(results, indicators=list(names), k=k)
    entries = [Entry(a, r, benchmarks[r.city]) for a, r in zip(assessments, results, strict=True)]
    entries.sort(key=_entry_order)
    return RoundResults(round_, tuple(entries), names)


def _entry_order(entry: Entry) -> tuple[Any, ...]:
    standing = entry.benchmark.overall
    return (standing is None, standing.rank if standing else 0, danish_sort_key(entry.city.name))


def network_rounds(round_: Round) -> list[Round]:
    """The rounds of the round's network in time order (by short name: rounds are named by year)."""
    rounds = Round.objects.filter(network=round_.network).select_related("network", "questionnaire")
    return sorted(rounds.defer("questionnaire__workbook"), key=lambda r: r.slug)
