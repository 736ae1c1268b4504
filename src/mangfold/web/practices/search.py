"""Searching the practice library: parts of compound words and inflections, the same hits on every database.

The rule is :mod:`mangfold.textsearch`'s: every query word must be a substring of the record's stored
words (``search_words``; whole words for one- and two-letter queries) or share a Snowball stem with it
(``search_stems``). Both are ``LIKE '%…%'`` conditions (Django's ``contains``) on case-folded text, which
SQLite and PostgreSQL evaluate alike, so the set of hits is the same on both. On PostgreSQL ``pg_trgm``
GIN indexes on both columns serve these conditions (migration 0004); SQLite scans them, about 15 ms a
search per 1,000 records and 100–150 ms per 10,000 (benchmarks/practice_search.py), while a library
holds hundreds. Ranking and highlighting happen in Python, on the hits only (:func:`hits`); a record's
ranking and highlights for a query are computed once per process for the same texts (:func:`_scored`),
so the common searches cost the database query and the page, not the reading of every hit's text again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mangfold.collation import danish_sort_key
from mangfold.textsearch import Relevance, Term, highlight, query_terms, relevance
from mangfold.web.practices.models import Practice


def condition(terms: Iterable[Term]) -> Q:
    """The database condition: every term matches the stored words or stems."""
    found = Q()
    for term in terms:
        either = Q(search_words__contains=term.word_pattern)
        for pattern in term.stem_patterns:
            either |= Q(search_stems__contains=pattern)
        found &= either
    return found


MAX_TERMS = 12
"""Query words beyond this many are ignored (every word adds conditions to one SQL statement)."""


def search(queryset: QuerySet[Practice], query: str) -> QuerySet[Practice]:
    """The practices of ``queryset`` that match every word of ``query`` (all of them for no words; the
    first :data:`MAX_TERMS` words count)."""
    terms = query_terms(query)[:MAX_TERMS]
    return queryset.filter(condition(terms)) if terms else queryset


Segments = tuple[tuple[str, bool], ...]
"""A text cut into highlighted segments, ``(text, is_match)`` (:func:`mangfold.textsearch.highlight`)."""


def marked(segments: Segments) -> SafeString:
    """The segments as HTML: each escaped, the matches in ``<mark>``."""
    return mark_safe(  # noqa: S308 - every segment is escaped
        "".join(f"<mark>{escape(text)}</mark>" if is_match else escape(text) for text, is_match in segments)
    )


@dataclass(frozen=True)
class Hit:
    """A practice in a result list, with its title and summary in the page's language cut into
    highlighted segments (``(text, is_match)``), and its relevance to the query."""

    practice: Practice
    title: Segments
    summary: Segments
    summary_language: str
    relevance: Relevance | None

    @property
    def title_html(self) -> SafeString:
        return marked(self.title)

    @property
    def summary_html(self) -> SafeString:
        return marked(self.summary)


@lru_cache(maxsize=512)
def _scored(
    terms: tuple[Term, ...], title: str, summary: str, text: str
) -> tuple[Segments, Segments, Relevance]:
    """A record's highlighted title and summary and its relevance, from its texts: the same texts and
    query give the same answer, kept for the next search (512 records' answers at most)."""
    return (
        tuple(highlight(title, terms)),
        tuple(highlight(summary, terms)),
        relevance(terms, title, text),
    )


def _unmarked(text: str) -> Segments:
    """What :func:`highlight` gives without query words: the text as one segment, unmarked."""
    return ((text, False),) if text else ()


def hits(practices: Iterable[Practice], query: str, lang: str) -> list[Hit]:
    """The practices as hits: with a query, real practices first, then by relevance (title hits, then
    the number of matches); without one, real practices first, then by city and title (Danish order)."""
    terms = tuple(query_terms(query)[:MAX_TERMS])
    found = []
    for practice in practices:
        title = practice.title_in(lang)
        summary, summary_language = practice.summary_in(lang)
        if terms:
            title_segments, summary_segments, score = _scored(
                terms, title, summary, practice.searchable_text()
            )
            found.append(Hit(practice, title_segments, summary_segments, summary_language, score))
        else:
            found.append(Hit(practice, _unmarked(title), _unmarked(summary), summary_language, None))

    def order(hit: Hit) -> tuple[object, ...]:
        names = (danish_sort_key(hit.practice.city.name), danish_sort_key(hit.practice.title_in(lang)))
        return (hit.practice.is_example, hit.relevance.key if hit.relevance else (0, 0), *names)

    found.sort(key=order)
    return found
