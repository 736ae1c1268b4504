"""Public results computed once per change of their data, not once per request.

A city's result page benchmarks every round of its network (the trend) and reads the strengths of the
practice library's cities; computed anew on every request, that was most of the page's time. Each such
answer is kept in the worker process under a **fingerprint of every row it is computed from**: for a
network's rounds, the rounds (embargo, instrument, questionnaire and its SHA-256) and every published
assessment of the network with its scorecard, published place and source and its city's facts; for the
practice library, the published practices (each with its last change, which every save sets, and its
city's facts) and the fingerprints of the networks where their cities have published results (their
strengths). The fingerprint is read from the database on every use (two or three queries; once per GET
request: :class:`RequestMemo`), so any change in those rows — an approval, a publication, an embargo that
ends, an edited city or practice — gives a new fingerprint, and the answer is computed again from the
database; nothing is served from before the change, in any process. Nothing is invalidated by hand and
no signal has to fire.

The cache holds at most :data:`SIZE` answers per process (least recently used first out). Cached answers
are shared between requests: callers read them and never change them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from contextvars import ContextVar
from functools import partial
from typing import Any, TypeVar

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from mangfold.web.assessments.models import Assessment, Round

T = TypeVar("T")
SIZE = 256

_ROUND_COLUMNS = (
    "pk",
    "network_id",
    "slug",
    "name",
    "name_en",
    "embargo_until",
    "questionnaire_id",
    "questionnaire__sha256",
    "instrument",
    "instrument_version",
)
_ASSESSMENT_COLUMNS = (
    "pk",
    "round_id",
    "state",
    "overall",
    "approved_at",
    "published_at",
    "source",
    "source_url",
    "note",
    "published_rank",
    "published_sample",
    "published_period",
    "city_id",
    "city__slug",
    "city__name",
    "city__country",
    "city__population",
    "city__population_year",
    "city__foreign_born_share",
    "city__foreign_born_year",
    "city__is_example",
)
_PRACTICE_COLUMNS = (
    "pk",
    "updated_at",
    "is_example",
    "city_id",
    *(name for name in _ASSESSMENT_COLUMNS if name.startswith("city__")),
)


def _rows(query: QuerySet[Any], columns: Iterable[str], **as_text: Any) -> list[tuple[Any, ...]]:
    return list(query.order_by("pk").values_list(*columns, *as_text.values()))


def _published(where: Q) -> list[tuple[Any, ...]]:
    """The published assessments matching ``where``, every column a public result is computed from (JSON
    columns as the database's text: read, not parsed)."""
    return _rows(
        Assessment.objects.filter(where, state=Assessment.State.PUBLISHED),
        _ASSESSMENT_COLUMNS,
        card=Cast("official_scorecard", TextField()),
        peers=Cast("published_peer_ranks", TextField()),
    )


def _rounds(where: Q) -> list[tuple[Any, ...]]:
    rows = _rows(Round.objects.filter(where), _ROUND_COLUMNS)
    now = timezone.now()
    # whether each embargo lasts, as of now: the public results change when one ends
    return [(*row, row[5] is not None and now < row[5]) for row in rows]


Fingerprint = tuple[Any, ...]


def network_fingerprint(network_id: int) -> Fingerprint:
    """Every row the public results of the network's rounds are computed from (compared, not hashed:
    comparing the rows costs less than digesting them)."""
    return (tuple(_rounds(Q(network_id=network_id))), tuple(_published(Q(round__network_id=network_id))))


def library_fingerprint() -> Fingerprint:
    """The published practices (their last change and their cities' facts) and the results of every
    network where a practice's city has a published result (its strengths come from those)."""
    from mangfold.web.practices.models import Practice  # the practices app reads results, not the reverse

    practices = Practice.objects.filter(status=Practice.Status.PUBLISHED)
    networks = (
        Assessment.objects.filter(city_id__in=practices.values("city_id"), state=Assessment.State.PUBLISHED)
        .order_by("round__network_id")
        .values_list("round__network_id", flat=True)
        .distinct()
    )
    return (
        tuple(_rows(practices, _PRACTICE_COLUMNS)),
        tuple(
            (network, fingerprint(("network", network), partial(network_fingerprint, network)))
            for network in networks
        ),
    )


class RequestMemo:
    """Middleware: within one GET or HEAD request, each fingerprint is read once (a request that writes
    reads them afresh every time: its own changes count)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


_memo: ContextVar[dict[Hashable, Fingerprint] | None] = ContextVar("mangfold_results_memo", default=None)


def fingerprint(key: Hashable, read: Callable[[], Fingerprint]) -> Fingerprint:
    """``read()``, once per request where :class:`RequestMemo` runs, else every time."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _unmemoised(read: Callable[[], Fingerprint]) -> Fingerprint:
    token = _memo.set(None)
    try:
        return read()
    finally:
        _memo.reset(token)


class FingerprintCache:
    """At most ``size`` answers, each kept with the fingerprint of its data; thread-safe."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[Fingerprint, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, key: Hashable, data: tuple[Hashable, Callable[[], Fingerprint]], compute: Callable[[], T]
    ) -> T:
        """The answer kept under ``key`` for the data's current fingerprint, else ``compute()``.

        ``data`` is the fingerprint's key and its reader. A computed answer is kept only when the
        fingerprint read again afterwards is the same: an answer computed while the data changed is given
        to its request but kept for no later one.
        """
        name, read = data
        before = fingerprint(name, read)
        with self._lock:
            found = self._entries.get(key)
            if found is not None and found[0] == before:
                self._entries.move_to_end(key)
                kept: T = found[1]
                return kept
        value = compute()
        if _unmemoised(read) == before:
            with self._lock:
                self._entries[key] = (before, value)
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


results_cache = FingerprintCache()
