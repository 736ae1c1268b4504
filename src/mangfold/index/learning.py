"""Learning from real practice: for each indicator where a city trails its peers, practices to learn from.

The rules (docs/methodology/learning.md states them with references):

1. **Where.** An indicator *trails* when the city's score is below the mean of its comparable peers
   (results of the same instrument; the caller decides which) and at least ``min_peers`` peers have a score
   on it: with fewer, no mean is shown (:data:`mangfold.index.standing.MIN_MEAN_SAMPLE`), so nobody can say
   the city trails. Trailing indicators are taken largest gap first. When the round has too few cities to
   say so, the city's *weakest* indicators (lowest scores) are taken instead, and the recommendation says
   so (:attr:`Basis.WEAKEST`). A city with no indicator scores at all (a published overall score only)
   gets the real practices of the cities most like it, saying that no area can be named
   (:attr:`Basis.SIMILAR`).
2. **What.** For each chosen indicator, the practices of *other* cities tagged with it. Invented examples
   are offered only where no real practice serves the indicator, so an example is never chosen over a
   real practice.
3. **Order.** Real before invented; then the source city's strength on the indicator in any published
   result (its best published score there, highest first; unknown last); then how similar the two cities
   are (:func:`similarity`: size, diversity, country); then recency (the last year the practice ran,
   ongoing practices counting as this year); then title.
4. **Why.** Each recommendation carries its reason in plain Danish or English, in the formal register of
   a Danish administration ("kommunen"), with no question codes: where the city stands on the indicator,
   then which city did what (the first sentence of the practice's summary in the reader's language).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from mangfold.charts.locale import number
from mangfold.i18n import active_language
from mangfold.i18n import gettext as _
from mangfold.index.standing import MIN_MEAN_SAMPLE

MIN_PEERS = MIN_MEAN_SAMPLE
"""No peer mean, and so no "trails", among fewer peers with a score (the standing's minimum for a mean)."""
SIZE_SPAN = 2.0
"""Two cities whose populations differ by this many powers of ten (100×) count as not alike in size."""
DIVERSITY_SPAN = 30.0
"""Two cities whose foreign-born shares differ by this many percentage points count as not alike."""
WEAK_BELOW = 50.0
"""A question on which the city earned fewer than this many of its 100 points is something it could do
(the profile's "could do" list per indicator); at or above, something it does. Defined here only."""


class Basis(StrEnum):
    TRAILS = "trails"
    """The city scores below the mean of at least ``min_peers`` comparable peers."""
    WEAKEST = "weakest"
    """Too few peers to say the city trails: the city's lowest scores instead."""
    SIMILAR = "similar"
    """No indicator scores for the city (a published overall score only): the real practices of the
    cities most like it, with no claim about where it is weak."""


@dataclass(frozen=True)
class CityProfile:
    """Who a city is, for similarity: name, country code, inhabitants, foreign-born share (%)."""

    slug: str
    name: str
    country: str | None = None
    population: float | None = None
    foreign_born_share: float | None = None


@dataclass(frozen=True)
class IndicatorScore:
    """The city's score on an indicator and its comparable peers' scores there."""

    indicator: str
    name: str
    score: float
    peer_scores: tuple[float, ...] = ()

    @property
    def peer_mean(self) -> float | None:
        return math.fsum(self.peer_scores) / len(self.peer_scores) if self.peer_scores else None


@dataclass(frozen=True)
class Strength:
    """The source city's best published score on an indicator and the result it comes from (a round's
    name, e.g. "mangfold 2026"), so the reason can say where the figure is from."""

    score: float
    result: str


@dataclass(frozen=True)
class PracticeInfo:
    """A practice as learning sees it. ``strength`` maps indicators to the source city's best published
    score there (any published result); ``summary`` is in the reader's language."""

    key: str
    title: str
    city: CityProfile
    indicators: tuple[str, ...]
    summary: str = ""
    period_start: int | None = None
    period_end: int | None = None
    is_example: bool = False
    strength: Mapping[str, Strength] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    practice: PracticeInfo
    similarity: float
    reason: str


@dataclass(frozen=True)
class LearningAdvice:
    """One indicator to work on and the practices suggested for it, best first."""

    indicator: str
    name: str
    basis: Basis
    score: float
    peer_mean: float | None
    peers: int
    suggestions: tuple[Suggestion, ...]


def similarity(a: CityProfile, b: CityProfile) -> float:
    """How alike two cities are, 0–1: the mean of the parts both cities have a figure for —
    size ``1 − |log10 pa − log10 pb| / 2`` (clipped at 0), diversity ``1 − |sa − sb| / 30`` (clipped),
    country 1 if the same else 0. 0 when no part can be computed."""
    parts: list[float] = []
    if a.population and b.population and a.population > 0 and b.population > 0:
        gap = abs(math.log10(a.population) - math.log10(b.population))
        parts.append(max(0.0, 1.0 - gap / SIZE_SPAN))
    if a.foreign_born_share is not None and b.foreign_born_share is not None:
        parts.append(max(0.0, 1.0 - abs(a.foreign_born_share - b.foreign_born_share) / DIVERSITY_SPAN))
    if a.country and b.country:
        parts.append(1.0 if a.country.upper() == b.country.upper() else 0.0)
    return math.fsum(parts) / len(parts) if parts else 0.0


def chosen_indicators(
    scores: Sequence[IndicatorScore], *, min_peers: int = MIN_PEERS, limit: int = 3
) -> tuple[Basis, list[IndicatorScore]]:
    """Rule 1: the trailing indicators, largest gap first; or, when no indicator has ``min_peers`` peers,
    the city's weakest indicators (lowest score first). Ties by indicator code."""
    comparable = [s for s in scores if len(s.peer_scores) >= min_peers]
    if comparable:
        trailing = [s for s in comparable if (mean := s.peer_mean) is not None and s.score < mean]
        trailing.sort(key=lambda s: (s.score - (s.peer_mean or 0.0), s.indicator))
        return Basis.TRAILS, trailing[:limit]
    weakest = sorted(scores, key=lambda s: (s.score, s.indicator))
    return Basis.WEAKEST, weakest[:limit]


def learn(
    city: CityProfile,
    scores: Sequence[IndicatorScore],
    practices: Sequence[PracticeInfo],
    *,
    this_year: int,
    min_peers: int = MIN_PEERS,
    max_indicators: int = 3,
    per_indicator: int = 3,
) -> list[LearningAdvice]:
    """Recommendations for ``city`` (rules 1–4), in the active language of :mod:`mangfold.i18n`."""
    if not scores:
        return _like_the_city(city, practices, this_year, per_indicator)
    basis, chosen = chosen_indicators(scores, min_peers=min_peers, limit=max_indicators)
    advice = []
    for item in chosen:
        serving = [p for p in practices if item.indicator in p.indicators and p.city.slug != city.slug]
        real = [p for p in serving if not p.is_example]
        pool = real or serving

        picked = sorted(pool, key=lambda p: _order(p, item.indicator, city, this_year))[:per_indicator]
        suggestions = tuple(Suggestion(p, similarity(city, p.city), reason(basis, item, p)) for p in picked)
        advice.append(
            LearningAdvice(
                item.indicator,
                item.name,
                basis,
                item.score,
                item.peer_mean if basis is Basis.TRAILS else None,
                len(item.peer_scores),
                suggestions,
            )
        )
    return advice


def _order(practice: PracticeInfo, indicator: str, city: CityProfile, this_year: int) -> tuple[object, ...]:
    """Rule 3: real first, source strength, similarity, recency, title."""
    strength = practice.strength.get(indicator)
    last_year = practice.period_end if practice.period_end is not None else this_year
    return (
        practice.is_example,
        -(strength.score if strength is not None else -1.0),
        -round(similarity(city, practice.city), 6),
        -last_year,
        practice.title,
    )


def _like_the_city(
    city: CityProfile, practices: Sequence[PracticeInfo], this_year: int, limit: int
) -> list[LearningAdvice]:
    """Basis.SIMILAR: real practices of other cities, most similar city first, then recency, title."""
    real = [p for p in practices if not p.is_example and p.city.slug != city.slug]
    real.sort(
        key=lambda p: (
            -round(similarity(city, p.city), 6),
            -(p.period_end if p.period_end is not None else this_year),
            p.title,
        )
    )
    picked = tuple(Suggestion(p, similarity(city, p.city), _did(p)) for p in real[:limit])
    return [LearningAdvice("", "", Basis.SIMILAR, math.nan, None, 0, picked)] if picked else []


def _did(practice: PracticeInfo) -> str:
    """ "City (period): what it did", from the first sentence of the summary."""
    period = _period(practice)
    who = f"{practice.city.name} ({period})" if period else practice.city.name
    return f"{who}: {first_sentence(practice.summary) or practice.title}"


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (up to a full stop, question or exclamation mark followed by a space
    and a capital letter or the end), so "bl.a. gennemført" or "ca. 3.000" do not cut it short."""
    text = " ".join(text.split())
    found = re.search(r"[.!?](?=\s+[A-ZÆØÅÄÖÜ\"“«(]|$)", text)
    return text[: found.end()] if found else text


def _score(value: float) -> str:
    """A score as the pages write it: one decimal, rounded half up, none for a whole number
    (44.5 → "44,5" in Danish, 56.25 → "56,3", 30.0 → "30")."""
    tenths = math.floor(value * 10 + 0.5) / 10
    return number(tenths, active_language(), 0 if tenths.is_integer() else 1)


def _period(practice: PracticeInfo) -> str:
    if practice.period_start is None:
        return ""
    end = "" if practice.period_end is None else str(practice.period_end)
    if practice.period_end == practice.period_start:
        return str(practice.period_start)
    return f"{practice.period_start}–{end}"


def reason(basis: Basis, item: IndicatorScore, practice: PracticeInfo) -> str:
    """Rule 4: where the city stands on the indicator, then which city did what."""
    indicator = item.name[:1].lower() + item.name[1:]
    if basis is Basis.TRAILS and item.peer_mean is not None:
        where = _(
            "The municipality scores {score} on {indicator}; its {count} comparable cities average {mean}."
        ).format(
            score=_score(item.score),
            indicator=indicator,
            count=len(item.peer_scores),
            mean=_score(item.peer_mean),
        )
    else:
        where = _("{indicator} is among the municipality's weakest areas (score {score}).").format(
            indicator=indicator[:1].upper() + indicator[1:], score=_score(item.score)
        )
    text = f"{where} {_did(practice)}"
    strength = practice.strength.get(item.indicator)
    if strength is not None:
        text += " " + _("{city} scores {score} on {indicator} in its published result ({result}).").format(
            city=practice.city.name, score=_score(strength.score), indicator=indicator, result=strength.result
        )
    if practice.is_example:
        text += " " + _("This is an invented example: no real practice in the library serves this area yet.")
    return text


def ahead_note() -> str:
    """What is said when the city trails its comparable cities nowhere (rule 1 finds no indicator)."""
    return _("The municipality scores at or above the mean of its comparable cities on every indicator.")


def basis_note(basis: Basis) -> str:
    """What a recommendation says about how its areas were chosen (rule 1)."""
    if basis is Basis.WEAKEST:
        return _(
            "The round has too few cities to say where the municipality trails the others; here are "
            "practices for the municipality's weakest areas."
        )
    if basis is Basis.SIMILAR:
        return _(
            "mangfold does not hold the municipality's scores on the individual indicators in this round, "
            "so no area can be named; here are real practices of the cities most like the municipality in "
            "size, diversity and country."
        )
    return _(
        "The areas where the municipality scores below the mean of its comparable cities, largest gap "
        "first, each with real practices of other cities."
    )
