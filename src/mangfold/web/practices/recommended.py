"""Recommendations from real practice for a city's result page and profile (rules: mangfold.index.learning).

The page that shows a city's result calls :func:`recommended_practices` with the round's results and the
city's entry, and includes ``practices/_recommended.html`` with the answer as ``recommended``. Peers are
the other cities of the round (one round, one instrument). A practice's source strength is its city's
best indicator score in any public result on an instrument comparable with the round's (scores of
different instruments are never set against each other, docs/methodology/benchmark.md). Similarity uses
the cities' population, foreign-born share and country as stored on the city.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.utils import timezone

from mangfold.i18n import language
from mangfold.index.instrument import Instrument, comparable
from mangfold.index.learning import (
    Basis,
    CityProfile,
    IndicatorScore,
    LearningAdvice,
    PracticeInfo,
    Strength,
    ahead_note,
    basis_note,
    chosen_indicators,
    learn,
)
from mangfold.web.assessments.models import Assessment
from mangfold.web.network.models import City
from mangfold.web.practices.models import Practice
from mangfold.web.results.cache import library_fingerprint, results_cache
from mangfold.web.results.services import Entry, RoundResults, city_result, round_instrument


@dataclass(frozen=True)
class Suggested:
    practice: Practice
    title: str
    reason: str
    source_score: float | None = None
    """The source city's best published score on the area's indicator (None: unknown, or no indicator)."""


@dataclass(frozen=True)
class Area:
    """An indicator to work on (empty code and name for :attr:`Basis.SIMILAR`) and its practices."""

    code: str
    name: str
    score: float | None
    peer_mean: float | None
    peers: int
    practices: tuple[Suggested, ...]


@dataclass(frozen=True)
class Recommended:
    basis: Basis
    note: str
    areas: tuple[Area, ...]

    @property
    def trails(self) -> bool:
        return self.basis is Basis.TRAILS


def profile(city: City) -> CityProfile:
    return CityProfile(
        city.slug,
        city.name,
        city.country.upper() or None,
        float(city.population) if city.population else None,
        city.foreign_born_share,
    )


def indicator_scores(results: RoundResults, entry: Entry) -> list[IndicatorScore]:
    """The city's indicator scores with those of the round's other cities (its comparable peers)."""
    scores = []
    for code, name in results.indicators.items():
        own = entry.result.indicators.get(code)
        if own is None:
            continue
        peers = tuple(
            float(s)
            for other in results.entries
            if other.slug != entry.slug and (s := other.result.indicators.get(code)) is not None
        )
        scores.append(IndicatorScore(code, name, float(own), peers))
    return scores


def strengths(cities: Iterable[int], instrument: Instrument) -> dict[int, dict[str, Strength]]:
    """Each city's best indicator scores in any public result on an instrument comparable with
    ``instrument``, with the round they come from."""
    best: dict[int, dict[str, Strength]] = {}
    public = (
        Assessment.objects.public()
        .filter(city_id__in=set(cities))
        .select_related("city", "round", "round__questionnaire")
        .defer("round__questionnaire__workbook")
    )
    for assessment in public:
        if not comparable(round_instrument(assessment.round), instrument):
            continue
        for code, score in city_result(assessment).indicators.items():
            if score is None:
                continue
            known = best.setdefault(assessment.city_id, {}).get(code)
            if known is None or score > known.score:
                best[assessment.city_id][code] = Strength(float(score), assessment.round.title)
    return best


def library(lang: str, instrument: Instrument) -> list[tuple[Practice, PracticeInfo]]:
    """Every published practice as the core sees it, its summary in ``lang``: read once per change of the
    practices or their cities' results (:mod:`mangfold.web.results.cache`)."""
    return results_cache.get(
        ("library", lang, instrument), ("library", library_fingerprint), partial(_library, lang, instrument)
    )


def _library(lang: str, instrument: Instrument) -> list[tuple[Practice, PracticeInfo]]:
    practices = list(Practice.objects.filter(status=Practice.Status.PUBLISHED).select_related("city"))
    known = strengths({p.city_id for p in practices}, instrument)
    return [
        (
            p,
            PracticeInfo(
                str(p.pk),
                p.title_in(lang),
                profile(p.city),
                tuple(p.indicators or ()),
                summary=p.summary_in(lang)[0],
                period_start=p.period_start,
                period_end=p.period_end,
                is_example=p.is_example or p.city.is_example,
                strength=known.get(p.city_id, {}),
            ),
        )
        for p in practices
    ]


def recommended_practices(
    results: RoundResults, entry: Entry, lang: str, *, max_indicators: int = 3, per_indicator: int = 3
) -> Recommended | None:
    """What the city's result page and profile show under "Recommendations": the areas and practices, or
    (no areas) that the city trails nowhere; None when there is nothing to say (no indicator scores and
    no real practice in the library)."""
    found = library(lang, results.instrument)
    by_key = {info.key: practice for practice, info in found}
    scores = indicator_scores(results, entry)
    with language(lang):
        advice = learn(
            profile(entry.city),
            scores,
            [info for _, info in found],
            this_year=timezone.now().year,
            max_indicators=max_indicators,
            per_indicator=per_indicator,
        )
        if not advice and scores and chosen_indicators(scores)[0] is Basis.TRAILS:
            return Recommended(Basis.TRAILS, ahead_note(), ())
        if not advice:
            return None
        note = basis_note(advice[0].basis)
    return Recommended(advice[0].basis, note, tuple(_area(a, by_key) for a in advice))


def _area(advice: LearningAdvice, by_key: dict[str, Practice]) -> Area:
    return Area(
        advice.indicator,
        advice.name,
        None if advice.basis is Basis.SIMILAR else advice.score,
        advice.peer_mean,
        advice.peers,
        tuple(
            Suggested(
                by_key[s.practice.key],
                s.practice.title,
                s.reason,
                strength.score if (strength := s.practice.strength.get(advice.indicator)) else None,
            )
            for s in advice.suggestions
        ),
    )
