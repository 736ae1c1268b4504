"""The search rule of mangfold.textsearch: compounds, inflections, whole short words, highlighting."""

from __future__ import annotations

from mangfold.textsearch import (
    highlight,
    normalised_stems,
    normalised_words,
    occurrences,
    query_terms,
    relevance,
    stems,
    words,
)


def matches(query: str, text: str) -> bool:
    stored_words, stored_stems = normalised_words(text), normalised_stems(text)
    return all(term.matches(stored_words, stored_stems) for term in query_terms(query))


def test_inflected_danish_words_share_a_stem() -> None:
    assert set(stems("integrationen")) & set(stems("integration"))
    assert set(stems("børnene")) & set(stems("børn"))
    assert set(stems("kvinder")) & set(stems("kvinde"))


def test_english_inflections_share_a_stem() -> None:
    assert set(stems("rumours")) & set(stems("rumour"))


def test_a_word_is_found_at_the_start_in_the_middle_and_at_the_end_of_a_compound() -> None:
    title = "Boligsocial helhedsplan med fælleshus og blandede boligtyper"
    assert matches("bolig", title)  # start
    assert matches("social", title)  # middle
    assert matches("plan", title)  # end
    assert matches("skole", "Forældre i folkeskolen")
    assert matches("velkomst", "Velkomstdag på rådhuset for nye borgere")


def test_inflected_forms_are_found_both_ways() -> None:
    assert matches("borger", "Borgerne mødes i biblioteket")  # a substring of the inflected form
    assert matches("borgerne", "En borger mødes med en anden")  # the query's stem (borg) is the text's
    assert matches("communities", "A community centre")
    assert matches("languages", "Free language courses")


def test_every_query_word_must_match_and_a_missing_word_gives_no_hit() -> None:
    assert matches("velkomst rådhus", "Velkomstdag på rådhuset")
    assert not matches("velkomst skole", "Velkomstdag på rådhuset")
    assert not matches("zyxwvutsr", "Velkomstdag på rådhuset")
    assert not query_terms("  ,.; ")


def test_a_short_query_word_matches_only_a_whole_word_or_its_stem() -> None:
    assert matches("eu", "Funding from the EU")
    assert not matches("og", "Boligsocial helhedsplan med fælleshus")  # not inside "bolig"
    assert query_terms("og")[0].word_pattern == " og "


def test_case_and_danish_letters_are_folded_alike() -> None:
    assert matches("ÆLDRE", "Ældreråd og ældre borgere")
    assert matches("straße", "Strassenfest in Neukölln")  # case folding: ß → ss
    assert normalised_words('Drop "TABLE"; --') == " drop table "


def test_stored_stems_are_whole_tokens_so_a_stem_does_not_match_inside_another() -> None:
    stored = normalised_stems("Boliger til alle")
    assert " bol " in stored and " bolig " in stored
    assert not matches("bo", "Boliger til alle")  # two letters: no substring, and bo's stem is not a token


def test_highlight_marks_the_matched_part_and_keeps_the_text() -> None:
    text = "Boligsocial helhedsplan <b>"
    segments = highlight(text, query_terms("bolig plan"))
    assert "".join(part for part, _ in segments) == text
    assert [part for part, marked in segments if marked] == ["Bolig", "plan"]


def test_highlight_marks_a_whole_word_matched_by_its_stem() -> None:
    segments = highlight("En borger og børnene", query_terms("borgerne børn"))
    assert [part for part, marked in segments if marked] == [
        "borger",
        "børn",
    ]  # stem: the word; else the part


def test_relevance_counts_title_words_first_then_all_matches() -> None:
    terms = query_terms("bolig plan")
    in_title = relevance(terms, "Boligplan", "Boligplan for byen")
    in_text = relevance(terms, "Byens plan", "Byens plan for boliger, bolig og boligområder")
    assert (in_title.title_terms, in_title.matches) == (2, 2)
    assert (in_text.title_terms, in_text.matches) == (1, 4)  # plan; boliger, bolig, boligområder
    assert sorted([in_text, in_title], key=lambda r: r.key) == [in_title, in_text]
    assert occurrences(query_terms("bolig")[0], "Bolig, boliger og boligtyper") == 3


def test_words_drop_single_digits_but_keep_numbers() -> None:
    assert words("Plan 2 for 2024") == ["plan", "for", "2024"]


def test_stems_are_right_when_many_threads_stem_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from mangfold import textsearch

    words = [
        f"{stem}{ending}"
        for stem in ("borger", "bolig", "integration", "skole")
        for ending in ("ne", "en", "erne", "s")
    ]
    expected = {word: textsearch._stemmer("danish").stemWord(word) for word in words}

    def stem_all(_: int) -> dict[str, str]:
        stemmer = textsearch._stemmer("danish")
        return {word: stemmer.stemWord(word) for word in words * 50}

    with ThreadPoolExecutor(max_workers=8) as pool:
        for found in pool.map(stem_all, range(32)):
            assert found == expected
