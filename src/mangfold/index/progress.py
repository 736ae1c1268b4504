"""Progress between rounds: score changes on comparable indicators, and rank changes explained.

A rank can move because the city changed or because the sample did (other cities improved, joined or
left; domain.md §2: "ranks move when cities join even if a score does not"). :func:`rank_change`
splits the change in rank into the two parts, the same whichever is applied first (the average over
both orders, i.e. the Shapley value of the two factors). With ``r(s, O)`` the competition rank of score
``s`` among the other cities' scores ``O``, ``s0, s1`` the city's previous and current scores and
``O0, O1`` the others' previous and current scores:

- city first: own ``r(s1, O0) − r(s0, O0)``, others ``r(s1, O1) − r(s1, O0)``;
- others first: others ``r(s0, O1) − r(s0, O0)``, own ``r(s1, O1) − r(s0, O1)``;
- **own effect** = the mean of the two own parts, **sample effect** = the mean of the two others' parts.

The two add up to the whole change ``r(s1, O1) − r(s0, O0)`` and may be halves. Ranks are numbers (1 is
best), so a negative change is a climb. Both rounds must be of one instrument
(:mod:`mangfold.index.instrument`): :class:`~mangfold.index.instrument.IncomparableError` otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mangfold.index.benchmark import OVERALL, CityResult
from mangfold.index.instrument import one_instrument
from mangfold.index.model import Questionnaire
from mangfold.index.standing import relative_position


@dataclass(frozen=True)
class ScoreChange:
    """A measure's score in two rounds; ``change`` is None unless both exist and it is comparable."""

    measure: str
    previous: float | None
    current: float | None
    comparable: bool

    @property
    def change(self) -> float | None:
        if not self.comparable or self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class RankChange:
    """A city's rank in two rounds and the change split into its own part and the sample's part."""

    previous_rank: int
    previous_of: int
    current_rank: int
    current_of: int
    own_effect: float
    sample_effect: float

    @property
    def change(self) -> int:
        return self.current_rank - self.previous_rank

    @property
    def previous_relative(self) -> float | None:
        """The previous place as a share of the other cities placed below (see
        :func:`mangfold.index.standing.relative_position`)."""
        return relative_position(self.previous_rank, self.previous_of)

    @property
    def current_relative(self) -> float | None:
        return relative_position(self.current_rank, self.current_of)

    @property
    def sample_changed(self) -> bool:
        """The two ranks are of samples of different sizes (show the relative positions beside them)."""
        return self.previous_of != self.current_of


def rank_among(score: float, others: Iterable[float]) -> int:
    """Competition rank of ``score`` among ``others`` (1 + how many score strictly higher)."""
    return 1 + sum(1 for other in others if other > score)


def rank_change(
    previous: Sequence[CityResult], current: Sequence[CityResult], city: str, measure: str = OVERALL
) -> RankChange | None:
    """The city's rank change on ``measure`` between two rounds; None unless it is scored in both."""
    one_instrument(r.instrument for r in [*previous, *current])
    before = {r.city: r.score(measure) for r in previous}
    after = {r.city: r.score(measure) for r in current}
    old, new = before.get(city), after.get(city)
    if old is None or new is None:
        return None
    others_before = [s for c, s in before.items() if c != city and s is not None]
    others_after = [s for c, s in after.items() if c != city and s is not None]
    previous_rank = rank_among(old, others_before)
    current_rank = rank_among(new, others_after)
    city_first = rank_among(new, others_before)
    others_first = rank_among(old, others_after)
    own = ((city_first - previous_rank) + (current_rank - others_first)) / 2
    return RankChange(
        previous_rank=previous_rank,
        previous_of=len(others_before) + 1,
        current_rank=current_rank,
        current_of=len(others_after) + 1,
        own_effect=own,
        sample_effect=(current_rank - previous_rank) - own,
    )


def comparable_indicators(earlier: Questionnaire, later: Questionnaire) -> dict[str, float]:
    """For each indicator of ``later`` also in ``earlier``: the share of its scored questions that map.

    A question maps when its ``previous_code`` (or, for a questionnaire without a mapping, its own code)
    names a scored question of the same indicator in ``earlier``. Same version: every share is 1.
    When ``later`` has a version map, its rule decides: 1 for an indicator whose questions are all
    ``same``/``reworded`` in both versions, else 0 (:func:`mangfold.index.versions.comparable_indicators`).
    """
    if later.version_map:
        from mangfold.index.versions import comparable_indicators as by_map

        return {code: float(ok) for code, ok in by_map(earlier, later).items()}
    shares: dict[str, float] = {}
    earlier_codes = {i.code for i in earlier.indicators}
    for indicator in later.indicators:
        if indicator.code not in earlier_codes:
            continue
        scored = [q for q in later.questions_of(indicator.code) if q.scored]
        if not scored:
            continue
        mapped = 0
        for question in scored:
            code = question.previous_code or question.code
            if earlier.has_question(code):
                old = earlier.question(code)
                mapped += int(old.scored and old.indicator == indicator.code)
        shares[indicator.code] = mapped / len(scored)
    return shares


def score_changes(
    previous: CityResult,
    current: CityResult,
    comparable: Mapping[str, float] | None,
    *,
    threshold: float = 1.0,
) -> list[ScoreChange]:
    """Overall and per-indicator changes; an indicator is comparable when at least ``threshold`` of its
    questions map (``comparable`` from :func:`comparable_indicators`; None: every shared indicator is).

    :class:`~mangfold.index.instrument.IncomparableError` when the two results are of incomparable
    instruments: a score on one instrument is never subtracted from a score on another."""
    one_instrument([previous.instrument, current.instrument])
    codes = sorted(set(previous.indicators) | set(current.indicators))
    changes = [
        ScoreChange(
            OVERALL,
            previous.overall,
            current.overall,
            comparable is None or all(share >= threshold for share in comparable.values()),
        )
    ]
    for code in codes:
        ok = comparable is None or comparable.get(code, 0.0) >= threshold
        changes.append(ScoreChange(code, previous.indicators.get(code), current.indicators.get(code), ok))
    return changes


def rank_changes(previous: Sequence[CityResult], current: Sequence[CityResult]) -> dict[str, RankChange]:
    """:func:`rank_change` on the overall score for every city in both rounds, vectorised."""
    import numpy as np

    one_instrument(r.instrument for r in [*previous, *current])
    before = {r.city: r.overall for r in previous if r.overall is not None}
    after = {r.city: r.overall for r in current if r.overall is not None}
    both = [city for city in after if city in before]
    if not both:
        return {}
    sorted_before = np.sort(np.fromiter(before.values(), dtype=np.float64))
    sorted_after = np.sort(np.fromiter(after.values(), dtype=np.float64))
    old = np.array([before[c] for c in both], dtype=np.float64)
    new = np.array([after[c] for c in both], dtype=np.float64)

    def above(sorted_scores: Any, scores: Any) -> Any:
        return sorted_scores.size - np.searchsorted(sorted_scores, scores, side="right")

    previous_rank = 1 + above(sorted_before, old)
    city_first = 1 + above(sorted_before, new) - (old > new)
    current_rank = 1 + above(sorted_after, new)
    others_first = 1 + above(sorted_after, old) - (new > old)
    own = ((city_first - previous_rank) + (current_rank - others_first)) / 2
    return {
        city: RankChange(
            previous_rank=int(previous_rank[i]),
            previous_of=len(before),
            current_rank=int(current_rank[i]),
            current_of=len(after),
            own_effect=float(own[i]),
            sample_effect=float(current_rank[i] - previous_rank[i] - own[i]),
        )
        for i, city in enumerate(both)
    }
