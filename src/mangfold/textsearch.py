"""Search text that finds parts of compound words and inflected forms, in Danish and English.

Danish writes compounds as one word ("boligsocial", "helhedsplan", "folkeskolen"), so a search that
matches whole words or stems fails a Danish reader on most queries. The rule here, the same on every
database (docs in the README, "Searching the practice library"):

- A record is stored as two normalised strings: its **words** (case-folded, space-separated, with a space
  at both ends) and its **stems** (the Snowball Danish and English stems of those words, Porter 2001,
  likewise space-separated).
- A query word of three characters or more **matches** a record when it is a substring of the words (any
  part of a compound: bolig → boligsocial, plan → helhedsplan, skole → folkeskolen) or when one of its own
  stems is one of the record's stems (inflections: borgerne → borger, children → child). A shorter query
  word must be a whole word or share a stem (otherwise "og" would match half the library).
- A record is a hit when **every** query word matches it. A word no record contains gives no hits.

Both conditions are plain ``LIKE '%…%'`` tests on the two stored strings, so SQLite and PostgreSQL return
the same set of hits for the same data; ranking (:func:`relevance`) is done in Python.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
LANGUAGES = ("danish", "english")
MIN_SUBSTRING = 3
"""Query words at least this long match inside words; shorter ones only as whole words or stems."""


_STEMMERS = threading.local()


def _stemmer(language: str) -> Any:
    """This thread's Snowball stemmer for ``language``: a stemmer keeps its word in its own state, so two
    threads sharing one garble each other's stems (IndexError under a threaded server)."""
    found: dict[str, Any] | None = getattr(_STEMMERS, "by_language", None)
    if found is None:
        found = _STEMMERS.by_language = {}
    if language not in found:
        import snowballstemmer

        found[language] = snowballstemmer.stemmer(language)
    return found[language]


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded (letters and digits, any script; single digits dropped)."""
    return [w.casefold() for w in _WORD.findall(text) if not w.isdigit() or len(w) > 1]


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """The distinct Danish and English stems of one (case-folded) word."""
    found = dict.fromkeys(_stemmer(language).stemWord(word) for language in LANGUAGES)
    return tuple(found)


def normalised_words(text: str) -> str:
    """What is stored for substring matching: `` word word … `` (case-folded, a space at both ends)."""
    return f" {' '.join(words(text))} "


def normalised_stems(text: str) -> str:
    """What is stored for stem matching: `` stem stem … `` (distinct, sorted, a space at both ends)."""
    found = sorted({stem for word in words(text) for stem in stems(word)})
    return f" {' '.join(found)} "


@dataclass(frozen=True)
class Term:
    """One query word: the word, its stems, and whether it may match inside a word."""

    word: str
    stems: tuple[str, ...]

    @property
    def inside_words(self) -> bool:
        return len(self.word) >= MIN_SUBSTRING

    @property
    def word_pattern(self) -> str:
        """The substring the stored words must contain (the word, or `` word `` for a short one)."""
        return self.word if self.inside_words else f" {self.word} "

    @property
    def stem_patterns(self) -> tuple[str, ...]:
        """Substrings of the stored stems, any of which matches (`` stem ``: a whole stem)."""
        return tuple(f" {stem} " for stem in self.stems)

    def matches(self, stored_words: str, stored_stems: str) -> bool:
        """The rule of the module docstring, for one record (what the databases evaluate with LIKE)."""
        return self.word_pattern in stored_words or any(p in stored_stems for p in self.stem_patterns)


def query_terms(query: str) -> list[Term]:
    """The distinct words of a query, in order, each with its stems."""
    return [Term(word, stems(word)) for word in dict.fromkeys(words(query))]


def occurrences(term: Term, text: str) -> int:
    """How often ``term`` occurs in ``text``: as a substring (a whole word when short) or a stem match."""
    return _count(term, Counter(words(text)))


def _count(term: Term, counts: Counter[str]) -> int:
    """Occurrences among words counted once each (a long text repeats its words: each is tested once)."""
    wanted, word, inside = set(term.stems), term.word, term.inside_words
    total = 0
    for candidate, times in counts.items():
        if (word in candidate if inside else word == candidate) or not wanted.isdisjoint(stems(candidate)):
            total += times
    return total


@dataclass(frozen=True)
class Relevance:
    """How well a record matches: query words found in its title, then matches in its whole text."""

    title_terms: int
    matches: int

    @property
    def key(self) -> tuple[int, int]:
        """A sort key, best first."""
        return (-self.title_terms, -self.matches)


def relevance(terms: Sequence[Term], title: str, text: str) -> Relevance:
    """Title hits count first (how many query words the title holds), then all matches in ``text``."""
    title_words, text_words = Counter(words(title)), Counter(words(text))
    title_terms = sum(1 for term in terms if _count(term, title_words))
    return Relevance(title_terms, sum(_count(term, text_words) for term in terms))


def highlight(text: str, terms: Iterable[Term]) -> list[tuple[str, bool]]:
    """``text`` cut into segments, ``True`` for a match: the matched substring of a word, or the whole
    word where it matched by its stem. Joining the segments gives ``text`` back unchanged; templates
    escape each segment and wrap the marked ones in ``<mark>``."""
    terms = list(terms)
    spans: list[tuple[int, int]] = []
    for found in _WORD.finditer(text):
        word = found.group().casefold()
        if len(word) != len(found.group()):  # case folding changed the length (ß → ss): whole word
            if any(occurrences(term, found.group()) for term in terms):
                spans.append(found.span())
            continue
        for term in terms:
            if term.inside_words and term.word in word:
                start = 0
                while (at := word.find(term.word, start)) >= 0:
                    spans.append((found.start() + at, found.start() + at + len(term.word)))
                    start = at + 1
            elif term.word == word or set(term.stems).intersection(stems(word)):
                spans.append(found.span())
    return _segments(text, _merged(spans))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    segments: list[tuple[str, bool]] = []
    position = 0
    for start, end in spans:
        if start > position:
            segments.append((text[position:start], False))
        segments.append((text[start:end], True))
        position = end
    if position < len(text):
        segments.append((text[position:], False))
    return segments
