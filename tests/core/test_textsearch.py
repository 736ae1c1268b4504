"""Snowball stems in Danish and English for SQLite's FTS5."""

from __future__ import annotations

from mangfold.textsearch import fts5_query, index_terms, stems, words


def test_inflected_danish_words_share_a_stem() -> None:
    assert set(stems("integrationen")) & set(stems("integration"))
    assert set(stems("børnene")) & set(stems("børn"))
    assert set(stems("kvinder")) & set(stems("kvinde"))


def test_english_inflections_share_a_stem() -> None:
    assert set(stems("rumours")) & set(stems("rumour"))


def test_index_terms_hold_both_languages_stems() -> None:
    terms = index_terms("Integration af nyankomne kvinder").split()
    assert "integration" in terms and "integr" in terms and "kvind" in terms


def test_query_requires_every_word_and_quotes_stems() -> None:
    assert fts5_query("børnene skole") == '("børn" OR "børnene") AND ("skol" OR "skole")'
    assert fts5_query("  ,.; ") is None
    assert words('Drop "table"; --') == ["drop", "table"]
