"""Recommendations: where a city trails its peers, the practices of the cities that do well there.

The rules (docs/methodology/benchmark.md, "Recommendations"):

1. **Gaps.** For each indicator the city has a score on, the gap is the peers' mean score minus the
   city's score (peers: the members of the chosen peer group other than the city, with a score on it).
   Indicators with a positive gap are candidates, the largest gap first; ties by indicator code.
2. **Practices.** For a candidate indicator, the practices tagged with it from the other cities of the round
   that scored on it (the peer group chooses the gaps, the whole round the teachers), best source-city
   score first; then the practice that addresses more of the city's *weak questions*
   (questions of the practice it scored under 50 points on, or answered "no"); then by title.
3. **Explanation.** Each recommendation carries the numbers it was made from, and :func:`explain` words
   them in Danish or English: "Oslo scores 95 on media and you score 40; its practice X addresses
   questions M3 and M5, where you scored under 50".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from mangfold.index.benchmark import CityResult
from mangfold.index.instrument import one_instrument

WEAK_BELOW = 50.0


@dataclass(frozen=True)
class PracticeRef:
    """A good practice as recommendations see it: who did it, which indicators and questions it serves."""

    key: str
    title: str
    city: str
    indicators: tuple[str, ...]
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecommendedPractice:
    practice: PracticeRef
    source_score: float
    weak_questions: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    indicator: str
    city_score: float
    peer_mean: float
    peers: int
    practices: tuple[RecommendedPractice, ...]

    @property
    def gap(self) -> float:
        return self.peer_mean - self.city_score


def weak_questions(question_points: Mapping[str, float | None], questions: Sequence[str]) -> tuple[str, ...]:
    """The questions among ``questions`` where the city earned fewer than 50 points (missing: not weak)."""
    return tuple(
        q for q in questions if (points := question_points.get(q)) is not None and points < WEAK_BELOW
    )


def recommend(
    city: str,
    results: Sequence[CityResult],
    practices: Sequence[PracticeRef],
    *,
    peers: Sequence[str] | None = None,
    question_points: Mapping[str, float | None] | None = None,
    max_indicators: int = 3,
    per_indicator: int = 3,
) -> list[Recommendation]:
    """Recommendations for ``city``: its largest gaps to its peers, each with practices to learn from.

    ``peers`` restricts the comparison to a peer group (default: every other city of the round);
    ``question_points`` are the city's points per question (from its scorecard's breakdown).
    Every result must be of one instrument (:class:`~mangfold.index.instrument.IncomparableError`).
    """
    one_instrument(r.instrument for r in results)
    by_city = {r.city: r for r in results}
    own = by_city[city]
    group = [c for c in (peers if peers is not None else by_city) if c != city and c in by_city]
    points = question_points or {}
    candidates: list[Recommendation] = []
    for indicator, score in sorted(own.indicators.items()):
        if score is None:
            continue
        peer_scores = [s for c in group if (s := by_city[c].indicators.get(indicator)) is not None]
        if not peer_scores or fmean(peer_scores) <= score:
            continue
        chosen = _practices_for(indicator, city, by_city, practices, points)[:per_indicator]
        candidates.append(Recommendation(indicator, score, fmean(peer_scores), len(peer_scores), chosen))
    candidates.sort(key=lambda r: (-r.gap, r.indicator))
    return candidates[:max_indicators]


def _practices_for(
    indicator: str,
    city: str,
    by_city: Mapping[str, CityResult],
    practices: Sequence[PracticeRef],
    points: Mapping[str, float | None],
) -> tuple[RecommendedPractice, ...]:
    found = []
    for practice in practices:
        if indicator not in practice.indicators or practice.city == city or practice.city not in by_city:
            continue
        source = by_city[practice.city].indicators.get(indicator)
        if source is None:
            continue
        found.append(RecommendedPractice(practice, source, weak_questions(points, practice.questions)))
    found.sort(key=lambda p: (-p.source_score, -len(p.weak_questions), p.practice.title))
    return tuple(found)


_TEMPLATES = {
    "da": {
        "score": "{source} scorer {source_score} på {indicator}, og I scorer {city_score}",
        "practice": "; deres praksis »{title}«",
        "weak": " adresserer spørgsmål {questions}, hvor I scorede under 50",
        "and": "og",
    },
    "en": {
        "score": "{source} scores {source_score} on {indicator} and you score {city_score}",
        "practice": "; its practice “{title}”",
        "weak": " addresses questions {questions}, where you scored under 50",
        "and": "and",
    },
}


def explain(
    recommendation: Recommendation, choice: RecommendedPractice, indicator_name: str, lang: str = "da"
) -> str:
    """One sentence that says why ``choice`` is recommended, from the numbers behind it."""
    words = _TEMPLATES.get(lang, _TEMPLATES["en"])
    text = words["score"].format(
        source=choice.practice.city,
        source_score=f"{choice.source_score:.0f}",
        indicator=indicator_name,
        city_score=f"{recommendation.city_score:.0f}",
    )
    text += words["practice"].format(title=choice.practice.title)
    if choice.weak_questions:
        codes = list(choice.weak_questions)
        joined = codes[0] if len(codes) == 1 else f"{', '.join(codes[:-1])} {words['and']} {codes[-1]}"
        text += words["weak"].format(questions=joined)
    return text + "."
