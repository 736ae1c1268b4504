"""A city's standing in a round: its place, the sample's mean and its peer groups, or why none is shown.

The rules (docs/methodology/benchmark.md, "What may be shown"):

1. **One instrument.** Only results of the round's instrument take part (:mod:`mangfold.index.instrument`).
2. **Published results stay published.** For a published index the place is the published one ("no. 5 of
   20 cities", with its date and source); nothing is recomputed from the few published results the
   platform holds: no rank, percentile, mean or peer position. A published result without a published
   place shows none.
3. **Small samples.** No rank, percentile or peer-group position among fewer than ``min_rank`` cities
   (default :data:`MIN_RANK_SAMPLE`); no mean or median of fewer than ``min_mean`` (:data:`MIN_MEAN_SAMPLE`).
4. **Means and medians** of a measure's sample (:func:`sample_summary`) only from ``min_mean`` scores, and
   never on a published index: the platform holds a few of the published results, not the sample.
5. **Places in a peer group** for every member (:attr:`PeerPlace.member_places`) by the same rule as the
   city's own: none in a group with fewer scores than ``min_rank``.
6. **Relative position.** Beside a rank, the share of the *other* cities placed below the city,
   ``(N − rank) / (N − 1)``: 1 for the first, 0 for the last; it makes places in samples of different
   sizes comparable ("5th of 20" and "8th of 34" are both ahead of 79 % of the others).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from statistics import fmean, median

from mangfold.i18n import gettext as _
from mangfold.index.benchmark import OVERALL, CityBenchmark, CityResult, PeerKind, Standing
from mangfold.index.instrument import Instrument

__all__ = [
    "MIN_MEAN_SAMPLE",
    "MIN_RANK_SAMPLE",
    "CityStanding",
    "IndicatorStanding",
    "Limits",
    "PeerPlace",
    "Placement",
    "PublishedPlace",
    "SampleSummary",
    "Withheld",
    "city_standing",
    "period_label",
    "relative_position",
    "sample_summary",
    "summarise",
    "withheld_sentence",
]

MIN_RANK_SAMPLE = 5
"""No rank, percentile or peer-group position among fewer cities than this (the web's setting
``MANGFOLD_MIN_RANK_SAMPLE`` overrides it)."""
MIN_MEAN_SAMPLE = 3
"""No mean or median of fewer scores than this."""


@dataclass(frozen=True)
class Limits:
    """The minimum group sizes for a place (``min_rank``) and for a mean (``min_mean``)."""

    min_rank: int = MIN_RANK_SAMPLE
    min_mean: int = MIN_MEAN_SAMPLE

    def may_rank(self, count: int) -> bool:
        return count >= max(self.min_rank, 2)

    def may_average(self, count: int) -> bool:
        return count >= max(self.min_mean, 1)


class Withheld(StrEnum):
    """Why a place is not shown."""

    SMALL_SAMPLE = "small_sample"
    """Fewer cities than the minimum have a score on the instrument (or in the group)."""
    NOT_PUBLISHED = "not_published"
    """A published result whose place the publication did not give."""
    NO_SCORE = "no_score"
    """The city has no score on this measure."""


def relative_position(rank: int, of: int | None) -> float | None:
    """The share of the other cities placed below: ``(of − rank) / (of − 1)`` (None for fewer than 2)."""
    if of is None or of < 2:
        return None
    return (of - rank) / (of - 1)


@dataclass(frozen=True)
class Placement:
    """A city's place: ``rank`` of ``of`` cities (``of`` None when the publication gave no sample size).

    ``published`` places come from their publication (``period``: when, e.g. ``2011-spring``; ``source``
    and ``url``: where); computed places carry the Hazen ``percentile``.
    """

    rank: int
    of: int | None
    tied: bool = False
    published: bool = False
    period: str = ""
    source: str = ""
    url: str = ""
    percentile: float | None = None

    @property
    def relative(self) -> float | None:
        """:func:`relative_position` of this place."""
        return relative_position(self.rank, self.of)


@dataclass(frozen=True)
class PublishedPlace:
    """What a publication says of a city's place: rank of sample, when, where, and places in its groups
    (``peer_ranks``: :class:`PeerKind` value -> rank, the groups' sizes not published)."""

    rank: int | None
    of: int | None
    period: str = ""
    source: str = ""
    url: str = ""
    peer_ranks: Mapping[str, int] = field(default_factory=dict)

    def placement(self) -> Placement | None:
        if self.rank is None:
            return None
        return Placement(self.rank, self.of, False, True, self.period, self.source, self.url)


@dataclass(frozen=True)
class SampleSummary:
    """A measure's sample: how many cities have a score, their mean and median (None below the minimum)."""

    count: int
    mean: float | None
    median: float | None


def summarise(values: Sequence[float], limits: Limits = Limits()) -> SampleSummary:
    """Count, mean and median of ``values``; mean and median only for at least ``limits.min_mean``."""
    if not limits.may_average(len(values)) or not values:
        return SampleSummary(len(values), None, None)
    return SampleSummary(len(values), fmean(values), float(median(values)))


def sample_summary(
    results: Sequence[CityResult], measure: str, *, instrument: Instrument | None, limits: Limits = Limits()
) -> SampleSummary:
    """How many of ``results`` have a score on ``measure`` (``"overall"`` or an indicator code); the mean
    and median by :func:`summarise`, never on a published index (rule 4)."""
    values = [s for r in results if (s := r.score(measure)) is not None]
    if instrument is not None and instrument.is_published:
        return SampleSummary(len(values), None, None)
    return summarise(values, limits)


def computed_place(standing: Standing | None, limits: Limits) -> tuple[Placement | None, Withheld | None]:
    """A computed standing as a place, or why it is withheld (no score; a sample under the minimum)."""
    if standing is None:
        return None, Withheld.NO_SCORE
    if not limits.may_rank(standing.of):
        return None, Withheld.SMALL_SAMPLE
    return Placement(standing.rank, standing.of, standing.tied, percentile=standing.percentile), None


@dataclass(frozen=True)
class IndicatorStanding:
    """An indicator: the city's score, the sample's mean (None below the minimum) and its place."""

    code: str
    score: float | None
    count: int
    mean: float | None
    placement: Placement | None
    withheld: Withheld | None
    median: float | None = None


@dataclass(frozen=True)
class PeerPlace:
    """The city's place in one peer group, or why none is shown; ``count``: members with a score."""

    kind: PeerKind
    name: str
    members: tuple[str, ...]
    count: int
    placement: Placement | None
    withheld: Withheld | None
    mean: float | None
    member_places: Mapping[str, Placement] = field(default_factory=dict, compare=False)
    """The place in this group of every member with a score (empty below the minimum, rule 5)."""


@dataclass(frozen=True)
class CityStanding:
    """Everything a page or report may say about where a city stands in a round on its instrument."""

    city: str
    instrument: Instrument | None
    score: float | None
    count: int
    """Cities of the round with an overall score (those the platform holds)."""
    placement: Placement | None
    withheld: Withheld | None
    mean: float | None
    median: float | None
    indicators: tuple[IndicatorStanding, ...]
    peers: tuple[PeerPlace, ...]
    limits: Limits

    @property
    def ranked(self) -> bool:
        """Whether places among the round's cities are computed at all (never for a published index)."""
        return self.instrument is None or not self.instrument.is_published

    def indicator(self, code: str) -> IndicatorStanding | None:
        return next((i for i in self.indicators if i.code == code), None)

    def summary(self, measure: str = OVERALL) -> SampleSummary | None:
        """The round's sample on ``measure`` as this standing carries it (None: not an indicator of it)."""
        if measure == OVERALL:
            return SampleSummary(self.count, self.mean, self.median)
        row = self.indicator(measure)
        return None if row is None else SampleSummary(row.count, row.mean, row.median)


def city_standing(
    results: Sequence[CityResult],
    city: str,
    *,
    instrument: Instrument | None,
    benchmark: CityBenchmark | None,
    published: PublishedPlace | None = None,
    indicators: Sequence[str] = (),
    limits: Limits = Limits(),
) -> CityStanding:
    """The standing of ``city`` among ``results`` (every one of ``instrument``), by the rules above.

    ``benchmark`` is the core's benchmark of the city (None, and ignored, for a published index);
    ``published`` the publication's place of the city.
    """
    own = next(r for r in results if r.city == city)
    summary = sample_summary(results, OVERALL, instrument=instrument, limits=limits)
    if instrument is not None and instrument.is_published:
        placement = published.placement() if published else None
        rows = tuple(
            IndicatorStanding(code, own.indicators.get(code), _count(results, code), None, None, None)
            for code in indicators
        )
        peers = _published_peers(published)
        withheld = None if placement else Withheld.NOT_PUBLISHED
        return CityStanding(
            city, instrument, own.overall, summary.count, placement, withheld, None, None, rows, peers, limits
        )
    placement, withheld = computed_place(benchmark.overall if benchmark else None, limits)
    rows = tuple(
        IndicatorStanding(
            code,
            own.indicators.get(code),
            (found := sample_summary(results, code, instrument=instrument, limits=limits)).count,
            found.mean,
            *computed_place(benchmark.indicators.get(code) if benchmark else None, limits),
            found.median,
        )
        for code in indicators
    )
    peers = tuple(
        PeerPlace(
            p.kind,
            p.name,
            p.members,
            n := (p.standing.of if p.standing else 0),
            *computed_place(p.standing, limits),
            p.standing.mean if p.standing and limits.may_average(n) else None,
            _member_places(p.member_standings, limits),
        )
        for p in (benchmark.peers if benchmark else ())
    )
    return CityStanding(
        city,
        instrument,
        own.overall,
        summary.count,
        placement,
        withheld,
        summary.mean,
        summary.median,
        rows,
        peers,
        limits,
    )


def _member_places(standings: Mapping[str, Standing], limits: Limits) -> dict[str, Placement]:
    """Every member's place in a group (rule 5: none when the group is under the minimum)."""
    places = {city: computed_place(s, limits)[0] for city, s in standings.items()}
    return {city: place for city, place in places.items() if place is not None}


def _scores(results: Sequence[CityResult], code: str) -> list[float]:
    return [s for r in results if (s := r.indicators.get(code)) is not None]


def _count(results: Sequence[CityResult], code: str) -> int:
    return len(_scores(results, code))


def _published_peers(published: PublishedPlace | None) -> tuple[PeerPlace, ...]:
    if published is None:
        return ()
    places = []
    for kind, rank in published.peer_ranks.items():
        placement = Placement(rank, None, False, True, published.period, published.source, published.url)
        places.append(PeerPlace(PeerKind(kind), "", (), 0, placement, None, None))
    return tuple(places)


_PERIOD = re.compile(r"^(\d{4})(?:-(early|spring|summer|autumn|late|\d{2}))?$")


def valid_period(code: str) -> bool:
    """``2011``, ``2011-spring`` (``early``, ``spring``, ``summer``, ``autumn``, ``late``) or ``2011-03``."""
    found = _PERIOD.match(code)
    if found is None:
        return False
    part = found.group(2) or ""
    return not part.isdigit() or 1 <= int(part) <= 12


def period_label(code: str) -> str:
    """A publication period in the active language: ``2011-spring`` -> "spring 2011" / "foråret 2011"."""
    found = _PERIOD.match(code)
    if not found:
        return code
    year, part = found.group(1), found.group(2)
    if not part:
        return year
    words = {
        "early": _("early {year}"),
        "spring": _("spring {year}"),
        "summer": _("summer {year}"),
        "autumn": _("autumn {year}"),
        "late": _("late {year}"),
    }
    if part in words:
        return words[part].format(year=year)
    return _("{month}/{year}").format(month=int(part), year=year)


def withheld_sentence(reason: Withheld | None, count: int, limits: Limits) -> str:
    """Why no place is shown, in the active language ("There are only 2 cities with a result …")."""
    minimum = max(limits.min_rank, 2)
    if reason is Withheld.SMALL_SAMPLE and count == 1:
        return _(
            "There is only 1 city with a result on this questionnaire; places are shown "
            "from {minimum} cities."
        ).format(minimum=minimum)
    if reason is Withheld.SMALL_SAMPLE:
        return _(
            "There are only {count} cities with a result on this questionnaire; places are shown "
            "from {minimum} cities."
        ).format(count=count, minimum=minimum)
    if reason is Withheld.NOT_PUBLISHED:
        return _("Place not published.")
    return ""
