"""The public results of a round, benchmarked: database rows in, the pure core's answers out.

Only public results take part (published and past the round's embargo: :func:`public_q`, the rule of
:attr:`Assessment.is_public`). Every round has an instrument (:func:`round_instrument`): its questionnaire
version, or for a round of imported published results, the published index and its edition. On a
questionnaire the core benchmarks the round (:func:`mangfold.index.benchmark.benchmark_round`); on a
published index nothing is recomputed and each city shows the place its publication gave. What may be shown
(minimum samples, published places) is decided by :func:`mangfold.index.standing.city_standing`
(docs/methodology/benchmark.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from django.conf import settings

from mangfold.collation import danish_sort_key
from mangfold.index.benchmark import (
    OVERALL,
    SIMILAR_K,
    CityBenchmark,
    CityFacts,
    CityResult,
    benchmark_round,
)
from mangfold.index.instrument import Instrument
from mangfold.index.scorecard import StoredScorecard, load_scorecard
from mangfold.index.standing import (
    MIN_MEAN_SAMPLE,
    MIN_RANK_SAMPLE,
    CityStanding,
    Limits,
    Placement,
    PublishedPlace,
    SampleSummary,
    city_standing,
    sample_summary,
)
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.assessments.questionnaires import round_questionnaire
from mangfold.web.core.indicator_names import indicator_name, plain_name
from mangfold.web.network.models import City
from mangfold.web.results.cache import network_fingerprint, results_cache
from mangfold.web.results.places import rank_label  # also the rank columns of trend and profile


def limits() -> Limits:
    """The minimum samples: ``MANGFOLD_MIN_RANK_SAMPLE`` (default 5) for places, 3 for a mean."""
    return Limits(int(getattr(settings, "MANGFOLD_MIN_RANK_SAMPLE", MIN_RANK_SAMPLE)), MIN_MEAN_SAMPLE)


def round_instrument(round_: Round) -> Instrument:
    """The instrument of a round: its questionnaire version, else its published index and edition (a
    round without an edition stands alone: its short name is its edition)."""
    version = round_.questionnaire
    if version is not None:
        return Instrument.questionnaire(version.form_id, version.version, version.title)
    return Instrument.published(round_.instrument, round_.instrument_version or f"({round_.slug})")


def stored_scorecard(assessment: Assessment) -> StoredScorecard | None:
    """The assessment's official scorecard, read by the core's one loader (None before approval)."""
    return load_scorecard(assessment.official_scorecard)


def public_assessments(round_: Round) -> list[Assessment]:
    """The round's public results that carry a score (none while it is embargoed)."""
    found = Assessment.objects.public().filter(round=round_).select_related("city")
    return [a for a in found if _overall(a) is not None or _indicator_scores(a)]


def _overall(assessment: Assessment) -> float | None:
    if assessment.overall is not None:
        return float(assessment.overall)
    card = stored_scorecard(assessment)
    return card.overall if card else None


def _indicator_scores(assessment: Assessment) -> dict[str, float | None]:
    card = stored_scorecard(assessment)
    return card.indicator_scores() if card else {}


def city_facts(city: City) -> CityFacts:
    """Population, foreign-born share and country of a city (with the figures' years), for peer groups."""
    return CityFacts(
        population=float(city.population) if city.population else None,
        foreign_born_share=city.foreign_born_share,
        country=city.country.upper() or None,
        population_year=city.population_year,
        foreign_born_year=city.foreign_born_year,
    )


def city_result(assessment: Assessment, instrument: Instrument | None = None) -> CityResult:
    """An assessment's official scores as the core's :class:`CityResult` (keyed by the city's slug)."""
    return CityResult(
        city=assessment.city.slug,
        overall=_overall(assessment),
        indicators=_indicator_scores(assessment),
        facts=city_facts(assessment.city),
        legacy=assessment.is_legacy,
        instrument=instrument or round_instrument(assessment.round),
    )


def published_place(assessment: Assessment) -> PublishedPlace | None:
    """What the publication of an imported result says of its place (None for a self-assessment)."""
    if not assessment.is_legacy:
        return None
    return PublishedPlace(
        rank=assessment.published_rank,
        of=assessment.published_sample,
        period=assessment.published_period,
        source=assessment.source,
        url=assessment.source_url,
        peer_ranks=dict(assessment.published_peer_ranks or {}),
    )


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


@dataclass(frozen=True)
class Entry:
    """One city's public result in the round, its benchmark (None on a published index) and standing."""

    assessment: Assessment
    result: CityResult
    benchmark: CityBenchmark | None
    standing: CityStanding

    @property
    def city(self) -> City:
        return self.assessment.city

    @property
    def slug(self) -> str:
        return self.result.city

    @property
    def placement(self) -> Placement | None:
        return self.standing.placement

    @property
    def rank(self) -> str:
        return rank_label(self.standing.placement)


Summary = SampleSummary


@dataclass(frozen=True)
class RoundResults:
    """The public results of a round: entries best first, the indicators with their names."""

    round: Round
    instrument: Instrument
    entries: tuple[Entry, ...]
    indicators: Mapping[str, str]
    """Indicator code -> name in the page's language, in questionnaire order."""
    limits: Limits

    @property
    def published(self) -> bool:
        """A round of a published index: places as published, no means, nothing recomputed."""
        return self.instrument.is_published

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

    def summary(self, measure: str = OVERALL) -> SampleSummary:
        """How many cities have a score on ``measure``, with the mean and median where the core's rules
        allow them: as the standings carry them (:func:`mangfold.index.standing.sample_summary`)."""
        carried = self.entries[0].standing.summary(measure) if self.entries else None
        if carried is not None:
            return carried
        return sample_summary(self.results, measure, instrument=self.instrument, limits=self.limits)

    def scored(self, measure: str = OVERALL) -> list[tuple[Entry, float, Placement | None]]:
        """The entries with a score on ``measure``, best first (ties by Danish name order), with the
        place that may be shown."""
        rows = []
        for e in self.entries:
            score = e.result.score(measure)
            if score is None:
                continue
            if measure == OVERALL:
                place = e.standing.placement
            else:
                row = e.standing.indicator(measure)
                place = row.placement if row else None
            rows.append((e, score, place))
        rows.sort(key=lambda row: (-row[1], danish_sort_key(row[0].city.name)))
        return rows


def round_results(round_: Round, lang: str, *, k: int = SIMILAR_K) -> RoundResults:
    """Benchmark the round's public results (see :func:`public_assessments`) on its instrument: computed
    once per change of the network's results (:mod:`mangfold.web.results.cache`)."""
    network = round_.network_id
    return results_cache.get(
        ("round", round_.pk, lang, k, limits()),
        (("network", network), partial(network_fingerprint, network)),
        partial(_benchmarked, round_, lang, k),
    )


def _benchmarked(round_: Round, lang: str, k: int) -> RoundResults:
    instrument = round_instrument(round_)
    found_limits = limits()
    assessments = public_assessments(round_)
    results = [city_result(a, instrument) for a in assessments]
    codes = list(dict.fromkeys(code for r in results for code, s in r.indicators.items() if s is not None))
    names = indicator_names(round_, codes, lang)
    benchmarks: dict[str, CityBenchmark] = {}
    if not instrument.is_published:
        benchmarks = benchmark_round(results, indicators=list(names), k=k)
    entries = [
        Entry(
            a,
            r,
            benchmarks.get(r.city),
            city_standing(
                results,
                r.city,
                instrument=instrument,
                benchmark=benchmarks.get(r.city),
                published=published_place(a),
                indicators=list(names),
                limits=found_limits,
            ),
        )
        for a, r in zip(assessments, results, strict=True)
    ]
    entries.sort(key=_entry_order)
    return RoundResults(round_, instrument, tuple(entries), names, found_limits)


def _entry_order(entry: Entry) -> tuple[Any, ...]:
    score = entry.result.overall
    return (score is None, -(score or 0.0), danish_sort_key(entry.city.name))


def network_rounds(round_: Round) -> list[Round]:
    """The rounds of the round's network in time order (by short name: rounds are named by year)."""
    rounds = Round.objects.filter(network=round_.network).select_related("network", "questionnaire")
    return sorted(rounds.defer("questionnaire__workbook"), key=lambda r: r.slug)
