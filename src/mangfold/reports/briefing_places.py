"""The committee briefing's places: the city's place with its relative position, and the previous round's
result, its change and, when the two samples differ in size, both relative positions.

A rank means little without its sample: København was 5th of 20 cities in spring 2011 and 8th of 34 early
in 2012, both ahead of 79 % of the other cities (docs/methodology/benchmark.md, "Relative position"). The
draft (:mod:`mangfold.reports.briefing`) therefore gives every place with its relative position
(:func:`relative_words`) and, when the previous place is out of a sample of another size, says that the
two places cannot be compared directly and gives both relative positions (:func:`previous_sentences`).
"""

from __future__ import annotations

from dataclasses import dataclass

from mangfold.index.standing import Placement
from mangfold.reports.briefing_words import words
from mangfold.reports.sources import published_result_note
from mangfold.reports.typography import percent, rank_sentence, score, signed

__all__ = ["PreviousResult", "place_sentence_with_relative", "previous_sentences", "relative_words"]


@dataclass(frozen=True)
class PreviousResult:
    """The city's result in the previous round of the *same instrument* (or a comparable version).

    ``comparable`` False says only that the previous round used another instrument: the briefing then
    gives neither its score nor a change.
    """

    round: str
    score: float | None
    placement: Placement | None = None
    comparable: bool = True


def _aside(place: Placement, lang: str) -> str:
    """A place's period and source as :func:`published_result_note` gives them, each for what it is:
    "resultat fra foråret 2011; kilde: …" (the period dates the result, not the source); "" for a
    computed place without a period."""
    return published_result_note(place.source if place.published else "", place.period, lang)


def _place(city: str, place: Placement, lang: str) -> str:
    """The place in words: "København ligger nr. 5 af 20 byer (resultat fra foråret 2011; kilde: …)"; a
    published place without its sample size: "København ligger nr. 5 (…)"."""
    if place.of is not None:
        text = rank_sentence(city, place.rank, place.of, lang, tied=place.tied)
    else:
        text = words(lang)["rank_only"].format(city=city, rank=place.rank)
    aside = _aside(place, lang)
    return f"{text} ({aside})" if aside else text


def place_sentence_with_relative(city: str, place: Placement, lang: str) -> str:
    """The place as a sentence with its relative position: "København ligger nr. 8 af 34 byer
    (resultat fra begyndelsen af 2012; kilde: …), foran 79 % af de øvrige byer." """
    relative = relative_words(place, lang)
    return _place(city, place, lang) + (f", {relative}." if relative else ".")


def relative_words(place: Placement | None, lang: str) -> str:
    """The place's relative position in words (:attr:`Placement.relative`, the share of the other cities
    not placed above it): "foran 79 % af de øvrige byer"; "foran alle de øvrige byer" for the first,
    "efter alle de øvrige byer" for the last; a shared place "på niveau med eller foran …". Rounded to a
    whole per cent, never to 0 or 100 % unless it is so. "" without a sample size (or of fewer than 2)."""
    share = place.relative if place is not None else None
    if place is None or share is None:
        return ""
    said = words(lang)
    level = "_level" if place.tied else ""
    if share >= 1:
        return said[f"ahead_all{level}"]
    if share <= 0:
        return said["behind_all"]
    whole = min(99, max(1, round(100 * share)))
    return said[f"ahead{level}"].format(share=percent(whole, lang, 0))


def previous_sentences(
    previous: PreviousResult | None,
    city: str,
    round_: str,
    current: float | None,
    placement: Placement | None,
    lang: str,
) -> str:
    """The previous round of the same instrument and the change since (``current``: the score of the
    round ``round_``, ``placement`` its place); a previous round of another instrument is named without
    its score, and no change is computed. "" without a previous result."""
    if previous is None or previous.score is None:
        return ""
    said = words(lang)
    if not previous.comparable:
        return said["not_comparable"].format(round=previous.round)
    text = said["previous"].format(round=previous.round, score=score(previous.score, lang))
    place = previous.placement
    if place is not None and place.of is not None:
        text += said["previous_rank"].format(rank=place.rank, of=place.of)
        if place.published:  # a published place with its period and source, as the current one
            aside = _aside(place, lang)
            text = text[:-1] + (f"; {aside})" if aside else ")")
    if current is not None:
        change = signed(current - previous.score, lang)
        text += said["unchanged"] if change.strip("0.,") == "" else said["change"].format(change=change)
    else:
        text += "."
    samples = _samples(previous, city, round_, placement, lang)
    return f"{text} {samples}" if samples else text


def _samples(previous: PreviousResult, city: str, round_: str, new: Placement | None, lang: str) -> str:
    """When the previous place and ``new`` are out of samples of different sizes: that they cannot be
    compared directly, and both relative positions (docs/methodology/benchmark.md, "Relative position")."""
    old = previous.placement
    if old is None or new is None or old.of is None or new.of is None or old.of == new.of:
        return ""
    said = words(lang)
    text = said["samples_differ"].format(
        old_of=old.of, old_round=previous.round, new_of=new.of, new_round=round_
    )
    before, now = relative_words(old, lang), relative_words(new, lang)
    if not before or not now:
        return text
    if before == now:
        return f"{text} " + said["relative_same"].format(relative=now)
    moved = said["relative_moved"].format(
        city=city, old=before, old_round=previous.round, new=now, new_round=round_
    )
    return f"{text} {moved}"
