"""What a city's results page shows: indicators against the sample, peer groups and the trend.

Plain dataclasses built from :class:`~mangfold.web.results.services.RoundResults` in the page's
language; the numbers come from the pure core (:mod:`mangfold.index.benchmark`,
:mod:`mangfold.index.progress`), the templates only lay them out. Recommendations from real practice are
:func:`mangfold.web.practices.recommended.recommended_practices`.

Each is built once per round results object (:func:`derived`): the public results are computed once per
change of their data and a change gives a new object (:mod:`mangfold.web.results.cache`), so what is built
from one object holds while it lives.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from mangfold.charts.locale import number
from mangfold.index.benchmark import DIVERSITY_THRESHOLD, SIZE_THRESHOLD, PeerKind
from mangfold.index.standing import Placement, Withheld
from mangfold.web.assessments.models import Round
from mangfold.web.network.countries import country_name
from mangfold.web.results.places import rank_label, withheld_text
from mangfold.web.results.services import (
    Entry,
    RoundResults,
    stored_scorecard,
)

T = TypeVar("T")


class Derived:
    """Answers built from one round results object, kept while the object lives and shared by the requests
    that read it (they never change them): at most ``budget`` of them, each weighing ``weigh(answer)``
    (1 by default), least recently used first out. Keys hold the active language. An object's answers are
    never given for another, even one at the same address after it is gone."""

    def __init__(self, budget: int, weigh: Callable[[Any], int] = lambda _answer: 1) -> None:
        self.budget = budget
        self.weigh = weigh
        self._entries: OrderedDict[tuple[int, Hashable], tuple[weakref.ref[RoundResults], Any, int]]
        self._entries = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    def get(self, results: RoundResults, key: Hashable, build: Callable[[], T]) -> T:
        """The answer kept for ``results`` under ``key``, else ``build()`` (then kept)."""
        kept_key = (id(results), (key, get_language()))
        with self._lock:
            found = self._entries.get(kept_key)
            if found is not None and found[0]() is results:
                self._entries.move_to_end(kept_key)
                kept: T = found[1]
                return kept
        value = build()
        weight = self.weigh(value)
        with self._lock:
            old = self._entries.pop(kept_key, None)
            self._weight += weight - (old[2] if old is not None else 0)
            self._entries[kept_key] = (weakref.ref(results), value, weight)
            while self._weight > self.budget and self._entries:
                self._weight -= self._entries.popitem(last=False)[1][2]
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._weight = 0

    def __len__(self) -> int:
        return len(self._entries)


DERIVED_SIZE = 512
_derived = Derived(DERIVED_SIZE)


def derived(results: RoundResults, key: Hashable, build: Callable[[], T]) -> T:
    """``build()``, built once per ``results`` object and ``key`` (:class:`Derived`, at most
    :data:`DERIVED_SIZE` answers): a city's rows, trend and peer groups."""
    return _derived.get(results, key, build)


def own_entry(results: RoundResults, entry: Entry) -> bool:
    """The entry is the results' own (what :func:`derived` may key by its slug)."""
    return results.entry(entry.slug) is entry


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator: the city's score, the sample's mean (None below the minimum) and its place."""

    code: str
    name: str
    score: float | None
    mean: float | None
    placement: Placement | None
    withheld: Withheld | None = None
    count: int = 0
    coverage: float | None = None
    """The share (0–1) of the indicator's weight its counted questions carry, when below 1 (answers
    "not measured" left out of the score); None when complete or unknown."""

    @property
    def difference(self) -> float | None:
        return None if self.score is None or self.mean is None else self.score - self.mean

    @property
    def rank(self) -> str:
        return rank_label(self.placement)


def indicator_rows(results: RoundResults, entry: Entry) -> list[IndicatorRow]:
    """Every indicator of the round (questionnaire order), the city's score beside the sample mean."""
    if not own_entry(results, entry):
        return _indicator_rows(results, entry)
    return list(
        derived(results, ("indicator rows", entry.slug), lambda: tuple(_indicator_rows(results, entry)))
    )


def _indicator_rows(results: RoundResults, entry: Entry) -> list[IndicatorRow]:
    card = stored_scorecard(entry.assessment)
    covered = {i.code: i.coverage for i in card.indicators} if card is not None else {}
    rows = []
    for code, name in results.indicators.items():
        found = entry.standing.indicator(code)
        coverage = covered.get(code)
        rows.append(
            IndicatorRow(
                code,
                name,
                entry.result.indicators.get(code),
                found.mean if found else None,
                found.placement if found else None,
                found.withheld if found else None,
                found.count if found else 0,
                coverage if coverage is not None and coverage < 1 else None,
            )
        )
    return rows


@dataclass(frozen=True)
class MemberRow:
    slug: str
    name: str
    score: float | None
    rank: str
    current: bool


@dataclass(frozen=True)
class PeerGroup:
    """One peer group of the city: its name, the city's place in it (or why none) and its members."""

    kind: str
    label: str
    placement: Placement | None
    withheld: Withheld | None
    size: int
    """The cities with an overall score in the group."""
    mean: float | None
    members: tuple[MemberRow, ...]
    facts: str = ""
    """The year of the figure that put the city in the group ("indbyggertal 2026"), where one is used."""
    reason: str = ""

    @property
    def rank(self) -> str:
        return rank_label(self.placement)


def peer_thresholds(lang: str) -> dict[str, str]:
    """The size (inhabitants) and the diversity (per cent foreign-born) that split the peer groups, as
    the pages write them (``size``: "200.000" in Danish, "200,000" in English; ``share``: "15")."""
    return {"size": number(SIZE_THRESHOLD, lang), "share": number(DIVERSITY_THRESHOLD, lang)}


def peer_label(kind: PeerKind, name: str, members: int, city: str, lang: str) -> str:
    """The name of a peer group in the page's language (``members``: its size, the city included)."""
    thresholds = peer_thresholds(lang)
    size = {"size": thresholds["size"]}
    share = {"share": thresholds["share"]}
    country = {"country": country_name(name, lang)}
    labels = {
        PeerKind.ALL: _("All cities of the round"),
        PeerKind.SMALL: _("Cities with fewer than %(size)s inhabitants") % size,
        PeerKind.LARGE: _("Cities with at least %(size)s inhabitants") % size,
        PeerKind.DIVERSE: _("Cities with more than %(share)s %% foreign-born residents") % share,
        PeerKind.LESS_DIVERSE: _("Cities with at most %(share)s %% foreign-born residents") % share,
        PeerKind.COUNTRY: _("Cities in the same country (%(country)s)") % country,
        PeerKind.SIMILAR: ngettext(
            "%(city)s and the city most similar in size and diversity",
            "%(city)s and the %(count)s cities most similar in size and diversity",
            members - 1,
        )
        % {"city": city, "count": members - 1},
    }
    return labels.get(kind, name)


def round_year(round_: Round) -> int | None:
    """The year of a round: the four digits its short name starts with ("2011", "2026-spring")."""
    found = re.match(r"\d{4}", round_.slug)
    return int(found.group(0)) if found else None


def _facts_year(entry: Entry, kind: PeerKind, year: int | None) -> str:
    """Which year's figure put the city in a size or diversity group, and whether it is the round's."""
    facts = entry.result.facts
    found = None
    if kind in (PeerKind.SMALL, PeerKind.LARGE) and facts.population_year:
        found = (_("population of %(year)s"), facts.population_year)
    if kind in (PeerKind.DIVERSE, PeerKind.LESS_DIVERSE) and facts.foreign_born_year:
        found = (_("foreign-born share of %(year)s"), facts.foreign_born_year)
    if found is None:
        return ""
    text = found[0] % {"year": found[1]}
    if year is not None and found[1] != year:
        text += " " + _("(not of the round's year, %(year)s)") % {"year": year}
    return text


def peer_groups(results: RoundResults, entry: Entry, lang: str) -> list[PeerGroup]:
    """The city's peer groups (docs/methodology/benchmark.md), each with its members and their places as
    the core gives them (:attr:`~mangfold.index.standing.PeerPlace.member_places`: only in groups of at
    least the minimum size; on a published index only the city's published places)."""
    if not own_entry(results, entry):
        return _peer_groups(results, entry, lang)
    return list(
        derived(results, ("peer groups", entry.slug, lang), lambda: tuple(_peer_groups(results, entry, lang)))
    )


def _peer_groups(results: RoundResults, entry: Entry, lang: str) -> list[PeerGroup]:
    groups = []
    limits = results.limits
    year = round_year(results.round)
    for peer in entry.standing.peers:
        members = [
            MemberRow(
                slug,
                results.by_slug[slug].city.display_name,
                results.by_slug[slug].result.overall,
                rank_label(peer.member_places.get(slug)),
                slug == entry.slug,
            )
            for slug in peer.members
        ]
        members.sort(key=lambda m: (m.score is None, -(m.score or 0.0), m.name))
        groups.append(
            PeerGroup(
                peer.kind.value,
                peer_label(peer.kind, peer.name, len(peer.members), entry.city.display_name, lang),
                peer.placement,
                peer.withheld,
                peer.count,
                peer.mean,
                tuple(members),
                "" if results.published else _facts_year(entry, peer.kind, year),  # the publication's groups
                withheld_text(peer.withheld, peer.count, limits) if peer.withheld else "",
            )
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
    found = [tags[p.kind] for p in entry.standing.peers if p.kind in tags]
    return found + [p.name for p in entry.standing.peers if p.kind is PeerKind.COUNTRY]
