"""Full-text search terms with Snowball stemming in Danish and English.

PostgreSQL searches with its own ``danish`` and ``english`` text-search configurations. SQLite has no Danish
stemmer, so the web stores and queries Snowball stems (Porter 2001; the Snowball Danish and English
algorithms) in an FTS5 table: a word is indexed under both its Danish and its English stem, and a query
word matches either, so "integrationen" finds "integration" and "børnene" finds "børn".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
LANGUAGES = ("danish", "english")


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer(language)


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased (letters and digits, any script)."""
    return [w.casefold() for w in _WORD.findall(text) if not w.isdigit() or len(w) > 1]


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """The distinct Danish and English stems of one word."""
    found = dict.fromkeys(_stemmer(language).stemWord(word) for language in LANGUAGES)
    return tuple(found)


def index_terms(text: str) -> str:
    """The text as stems, space-separated: what the SQLite FTS5 table stores for a document."""
    return " ".join(stem for word in words(text) for stem in stems(word))


def fts5_query(query: str) -> str | None:
    """An FTS5 MATCH expression: every query word must match one of its stems; None for no words."""
    groups = []
    for word in words(query):
        alternatives = " OR ".join(f'"{stem}"' for stem in stems(word))
        groups.append(f"({alternatives})")
    return " AND ".join(groups) or None
