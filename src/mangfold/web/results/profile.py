"""What a city's results page shows: indicators against the sample, peer groups, the trend, advice.

Plain dataclasses built from :class:`~mangfold.web.results.services.RoundResults` in the page's
language; the numbers come from the pure core (:mod:`mangfold.index.benchmark`,
:mod:`mangfold.index.progress`, :mod:`mangfold.index.recommend`), the templates only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mangfold.charts.locale import number
from mangfold.index.benchmark import (
    DIVERSITY_THRESHOLD,
    OVERALL,
    SIZE_THRESHOLD,
    PeerKind,
    PeerStanding,
    Standing,
    standings,
)
from mangfold.index.progress import RankChange, comparable_indicators, rank_change, score_changes
from mangfold.index.recommend import PracticeRef, explain, recommend
from mangfold.web.assessments.models import Round
from mangfold.web.assessments.questionnaires import round_questionnaire
from mangfold.web.practices.models import Practice
from mangfold.web.results.services import (
    Entry,
    RoundResults,
    network_rounds,
    question_points,
    rank_label,
    round_results,
)


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator: the city's score, the sample's mean and the city's rank on it."""

    code: str
    name: str
    score: float | None
    mean: float | None
    standing: Standing | None

    @property
    def difference(self) -> float | None:
        return None if self.score is None or self.mean is None else self.score - self.mean

    @property
    def rank(self) -> str:
        return rank_label(self.standing)


def indicator_rows(results: RoundResults, entry: Entry) -> list[IndicatorRow]:
    """Every indicator of the round (questionnaire order), the city's score beside the sample mean."""
    return [
        IndicatorRow(
            code,
            name,
            entry.result.indicators.get(code),
            results.summary(code).mean,
            entry.benchmark.indicators.get(code),
        )
        for code, name in results.indicators.items()
    ]


@dataclass(frozen=True)
class MemberRow:
    slug: str
    name: str
    score: float | None
    rank: str
    current: bool


@dataclass(frozen=True)
class PeerGroup:
    """One peer group of the city: its name, the city's standing in it and every member's."""

    kind: str
    label: str
    standing: Standing | None
    members: tuple[MemberRow, ...]

    @property
    def rank(self) -> str:
        return rank_label(self.standing)

    @property
    def size(self) -> int:
        """The cities ranked in the group (those with an overall score)."""
        return self.standing.of if self.standing else sum(1 for m in self.members if m.score is not None)


def peer_thresholds(lang: str) -> dict[str, str]:
    """The size (inhabitants) and the diversity (per cent foreign-born) that split the peer groups, as
    the pages write them (``size``: "200.000" in Danish, "200,000" in English; ``share``: "15")."""
    return {"size": number(SIZE_THRESHOLD, lang), "share": number(DIVERSITY_THRESHOLD, lang)}


def peer_label(peer: PeerStanding, city: str, lang: str) -> str:
    """The name of a peer group in the page's language."""
    thresholds = peer_thresholds(lang)
    size = {"size": thresholds["size"]}
    share = {"share": thresholds["share"]}
    labels = {
        PeerKind.ALL: _("All cities of the round"),
        PeerKind.SMALL: _("Cities with fewer than %(size)s inhabitants") % size,
        PeerKind.LARGE: _("Cities with at least %(size)s inhabitants") % size,
        PeerKind.DIVERSE: _("Cities with more than %(share)s %% foreign-born residents") % share,
        PeerKind.LESS_DIVERSE: _("Cities with at most %(share)s %% foreign-born residents") % share,
        PeerKind.COUNTRY: _("Cities in the same country (%(country)s)") % {"country": peer.name},
        PeerKind.SIMILAR: ngettext(
            "%(city)s and the city most similar in size and diversity",
            "%(city)s and the %(count)s cities most similar in size and diversity",
            len(peer.members) - 1,
        )
        % {"city": city, "count": len(peer.members) - 1},
    }
    return labels.get(peer.kind, peer.name)


def peer_groups(results: RoundResults, entry: Entry, lang: str) -> list[PeerGroup]:
    """The city's peer groups (docs/methodology/benchmark.md), each with its members ranked."""
    groups = []
    for peer in entry.benchmark.peers:
        scored = [
            (slug, s) for slug in peer.members if (s := results.by_slug[slug].result.overall) is not None
        ]
        ranked = dict(
            zip([slug for slug, _ in scored], standings(np.array([s for _, s in scored])), strict=True)
        )
        members = [
            MemberRow(
                slug,
                results.name(slug),
                results.by_slug[slug].result.overall,
                rank_label(ranked.get(slug)),
                slug == entry.slug,
            )
            for slug in peer.members
        ]
        members.sort(key=lambda m: (m.score is None, -(m.score or 0.0), m.name))
        groups.append(
            PeerGroup(peer.kind.value, peer_label(peer, entry.city.name, lang), peer.standing, tuple(members))
        )
    return groups


def peer_tags(entry: Entry) -> list[str]:
    """Short names of the size, diversity and country groups a city belongs to (round overview)."""
    tags = {
        PeerKind.SMALL: _("small city"),
        PeerKind.LARGE: _("large city"),
        PeerKind.DIVERSE: _("diverse"),
        PeerKind.LESS_DIVERSE: _("less diverse"),
    }
    found = [tags[p.kind] for p in entry.benchmark.peers if p.kind in tags]
    return found + [p.name for p in entry.benchmark.peers if p.kind is PeerKind.COUNTRY]


@dataclass(frozen=True)
class TrendRow:
    round: Round
    score: float | None
    rank: str
    of: int
    mean: float | None
    current: bool


@dataclass(frozen=True)
class ChangeRow:
    name: str
    previous: float | None
    current: float | None
    change: float | None
    comparable: bool


@dataclass(frozen=True)
class Progress:
    """The change since the city's previous published round: scores and the rank change explained."""

    previous: Round
    rank: RankChange | None
    explanation: str
    changes: tuple[ChangeRow, ...]
    indicators_compared: bool


def trend(results: RoundResults, entry: Entry, lang: str) -> tuple[list[TrendRow], Progress | None]:
    """The city's published results in every round of the network, and its progress since the last."""
    rows: list[TrendRow] = []
    previous: RoundResults | None = None
    for other in network_rounds(results.round):
        current = other.pk == results.round.pk
        found = results if current else round_results(other, lang)
        mine = found.entry(entry.slug)
        if mine is None:
            continue
        if other.slug < results.round.slug:
            previous = found
        summary = found.summary()
        rows.append(TrendRow(other, mine.result.overall, mine.rank, summary.count, summary.mean, current))
    return rows, (_progress(previous, results, entry) if previous is not None else None)


def _progress(previous: RoundResults, results: RoundResults, entry: Entry) -> Progress:
    before, after = previous.round, results.round
    earlier, later = round_questionnaire(before), round_questionnaire(after)
    compared = earlier is not None and later is not None
    comparable = comparable_indicators(earlier, later) if earlier is not None and later is not None else {}
    old = previous.by_slug[entry.slug].result
    names = {**previous.indicators, **results.indicators, OVERALL: _("Overall score")}
    changes = tuple(
        ChangeRow(names.get(c.measure, c.measure), c.previous, c.current, c.change, c.comparable)
        for c in score_changes(old, entry.result, comparable)
        if c.previous is not None or c.current is not None
    )
    moved = rank_change(previous.results, results.results, entry.slug)
    return Progress(before, moved, explain_rank(moved, entry.city.name, before.name), changes, compared)


def places(steps: int) -> str:
    """A rank movement in words (ranks count down: a negative number of places is a climb)."""
    if steps == 0:
        return _("no change")
    count = abs(steps)
    if steps < 0:
        return ngettext("%(count)s place up", "%(count)s places up", count) % {"count": count}
    return ngettext("%(count)s place down", "%(count)s places down", count) % {"count": count}


def explain_rank(moved: RankChange | None, city: str, previous: str) -> str:
    """The rank change in one sentence, split into the city's own effect and the sample's."""
    if moved is None:
        return ""
    numbers = {
        "city": city,
        "round": previous,
        "old": moved.previous_rank,
        "old_of": moved.previous_of,
        "new": moved.current_rank,
        "new_of": moved.current_of,
        "own": places(moved.own_effect),
        "sample": places(moved.sample_effect),
    }
    if moved.own_effect == 0 and moved.sample_effect == 0:
        return (
            _(
                "Since %(round)s, %(city)s has kept rank %(new)s "
                "(of %(old_of)s cities then, of %(new_of)s now)."
            )
            % numbers
        )
    return (
        _(
            "Since %(round)s, %(city)s went from rank %(old)s of %(old_of)s to %(new)s of %(new_of)s. "
            "Its own change in score accounts for %(own)s; the other cities' changes, arrivals and "
            "departures for %(sample)s."
        )
        % numbers
    )


@dataclass(frozen=True)
class PracticeAdvice:
    practice: Practice
    city_name: str
    source_score: float
    weak_questions: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Advice:
    """One recommendation: an indicator where the city trails its peers and practices to learn from."""

    code: str
    name: str
    city_score: float
    peer_mean: float
    peers: int
    gap: float
    practices: tuple[PracticeAdvice, ...]


def others_have_indicator_scores(results: RoundResults, entry: Entry) -> bool:
    """Whether any other city of the round has an indicator score (recommendations need one)."""
    return any(
        other.slug != entry.slug and any(v is not None for v in other.result.indicators.values())
        for other in results.entries
    )


def recommendations(
    results: RoundResults, entry: Entry, lang: str, *, max_indicators: int = 3
) -> list[Advice]:
    """The city's ``max_indicators`` largest gaps to the other cities of the round, largest first, each
    with up to three published practices of the cities that score best there (the core's rules)."""
    library = {
        str(p.pk): p
        for p in Practice.objects.filter(status=Practice.Status.PUBLISHED, city__slug__in=results.by_slug)
        .select_related("city")
        .order_by("pk")
    }
    refs = [
        PracticeRef(key, p.title, p.city.slug, tuple(p.indicators or ()), tuple(p.questions or ()))
        for key, p in library.items()
    ]
    found = recommend(
        entry.slug,
        results.results,
        refs,
        question_points=question_points(entry.assessment),
        max_indicators=max_indicators,
    )
    advice = []
    for rec in found:
        name = results.indicators.get(rec.indicator, rec.indicator)
        chosen = []
        for choice in rec.practices:
            shown = replace(
                choice, practice=replace(choice.practice, city=results.name(choice.practice.city))
            )
            chosen.append(
                PracticeAdvice(
                    library[choice.practice.key],
                    shown.practice.city,
                    choice.source_score,
                    choice.weak_questions,
                    explain(rec, shown, name[:1].lower() + name[1:], lang),
                )
            )
        advice.append(
            Advice(rec.indicator, name, rec.city_score, rec.peer_mean, rec.peers, rec.gap, tuple(chosen))
        )
    return advice
