"""A city's results over time: one row per round with its instrument, and the progress since the city's
last earlier result on a comparable instrument (scores, places, the rank change explained), or on the
earlier questionnaire version that the current version's map links (issue 14: then only the indicators
whose questions the map keeps comparable are compared, :func:`mangfold.index.crossversion.mapped_changes`;
no overall score change unless the map keeps every indicator, and no rank change: two instruments).

The rules are the core's (:mod:`mangfold.index.instrument`, :mod:`mangfold.index.progress`,
docs/methodology/benchmark.md); this module words them in the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mangfold.charts.locale import number
from mangfold.i18n import language
from mangfold.index import crossversion
from mangfold.index.benchmark import OVERALL
from mangfold.index.instrument import Instrument, comparable, instrument_label, separation_note
from mangfold.index.progress import RankChange, comparable_indicators, rank_change, score_changes
from mangfold.index.standing import Placement
from mangfold.web.assessments.models import Round
from mangfold.web.assessments.questionnaires import round_questionnaire
from mangfold.web.results.places import place_label, rank_label, relative_label
from mangfold.web.results.profile import derived, own_entry
from mangfold.web.results.services import (
    Entry,
    RoundResults,
    network_rounds,
    round_instrument,
    round_results,
)


def instrument_name(instrument: Instrument, lang: str) -> str:
    """The instrument's name in ``lang`` (the core's wording)."""
    with language(lang):
        return instrument_label(instrument)


@dataclass(frozen=True)
class TrendRow:
    """The city's result in one round, on that round's instrument."""

    round: Round
    instrument: Instrument
    instrument_name: str
    score: float | None
    placement: Placement | None
    count: int
    mean: float | None
    current: bool
    comparable: bool
    """Of an instrument comparable with the current round's (same series in the chart)."""

    @property
    def rank(self) -> str:
        return rank_label(self.placement)

    @property
    def place(self) -> str:
        return place_label(self.placement)


def trend_note(rows: list[TrendRow], lang: str, progress: Progress | None = None) -> str:
    """Why the trend has several series (""; one instrument): the core's sentence in ``lang``; when
    ``progress`` compares two versions a version map links, it says changes are computed between them."""
    linked = []
    if progress is not None and progress.across_versions:
        before = [row.instrument for row in rows if row.round.pk == progress.previous.pk]
        now = [row.instrument for row in rows if row.current]
        linked = [(b, n) for b in before for n in now]
    with language(lang):
        return separation_note((row.instrument for row in rows), linked)


@dataclass(frozen=True)
class ChangeRow:
    name: str
    previous: float | None
    current: float | None
    change: float | None
    comparable: bool


@dataclass(frozen=True)
class Progress:
    """The change since the city's previous public result *on a comparable instrument*: scores, both
    places with their relative positions, and (on a questionnaire) the rank change explained."""

    previous: Round
    previous_place: Placement | None
    current_place: Placement | None
    rank: RankChange | None
    explanation: str
    changes: tuple[ChangeRow, ...]
    indicators_compared: bool
    published: bool
    across_versions: str = ""
    """When the previous round is on the earlier questionnaire version the current one's map links: which
    indicators the map keeps comparable, in words; "" for two rounds of one instrument."""


def trend(results: RoundResults, entry: Entry, lang: str) -> tuple[list[TrendRow], Progress | None]:
    """The city's public results in every round of the network (each with its instrument), and its
    progress since its last earlier result on a comparable instrument: built once per results object
    (:func:`~mangfold.web.results.profile.derived`; a change in any round of the network gives the round
    new results)."""
    if not own_entry(results, entry):
        return _trend(results, entry, lang)
    rows, progress = derived(
        results, ("trend", entry.slug, lang), lambda: _frozen(_trend(results, entry, lang))
    )
    return list(rows), progress


def _frozen(
    found: tuple[list[TrendRow], Progress | None],
) -> tuple[tuple[TrendRow, ...], Progress | None]:
    return tuple(found[0]), found[1]


def _trend(results: RoundResults, entry: Entry, lang: str) -> tuple[list[TrendRow], Progress | None]:
    rows: list[TrendRow] = []
    previous: RoundResults | None = None
    for other in network_rounds(results.round):
        current = other.pk == results.round.pk
        instrument = results.instrument if current else round_instrument(other)
        same = comparable(instrument, results.instrument)
        found = results if current else round_results(other, lang)
        mine = found.entry(entry.slug)
        if mine is None:
            continue
        if other.slug < results.round.slug and (same or _linked(other, results.round)):
            previous = found
        summary = found.summary()
        rows.append(
            TrendRow(
                other,
                instrument,
                instrument_name(instrument, lang),
                mine.result.overall,
                mine.placement,
                summary.count,
                summary.mean,
                current,
                same,
            )
        )
    return rows, (_progress(previous, results, entry, lang) if previous is not None else None)


def _linked(earlier: Round, later: Round) -> bool:
    """The later round's questionnaire carries a version map from the earlier round's (2026.1 → 2026.2)."""
    old, new = earlier.questionnaire, later.questionnaire
    if old is None or new is None or old.form_id != new.form_id or old.version == new.version:
        return False
    first, second = round_questionnaire(earlier), round_questionnaire(later)
    return first is not None and second is not None and crossversion.linked(first, second)


def _progress(previous: RoundResults, results: RoundResults, entry: Entry, lang: str) -> Progress:
    before, after = previous.round, results.round
    earlier, later = round_questionnaire(before), round_questionnaire(after)
    if (
        earlier is not None
        and later is not None
        and not comparable(previous.instrument, results.instrument)
        and crossversion.linked(earlier, later)
    ):
        return _across_versions(previous, results, entry, lang)
    compared = earlier is not None and later is not None
    comparable_shares = (
        comparable_indicators(earlier, later) if earlier is not None and later is not None else {}
    )
    old_entry = previous.by_slug[entry.slug]
    names = {**previous.indicators, **results.indicators, OVERALL: _("Overall score")}
    changes = tuple(
        ChangeRow(names.get(c.measure, c.measure), c.previous, c.current, c.change, c.comparable)
        for c in score_changes(old_entry.result, entry.result, comparable_shares)
        if c.previous is not None or c.current is not None
    )
    old_place, new_place = old_entry.placement, entry.placement
    moved = None
    if not results.published and old_place is not None and new_place is not None:
        moved = rank_change(previous.results, results.results, entry.slug)
    if results.published:
        text = explain_published(old_place, new_place, entry.city.display_name, before.name)
    else:
        text = explain_rank(
            moved, entry.city.display_name, before.name, lang, places_shown=(old_place, new_place)
        )
    return Progress(before, old_place, new_place, moved, text, changes, compared, results.published)


def _across_versions(previous: RoundResults, results: RoundResults, entry: Entry, lang: str) -> Progress:
    """Progress from a round on the earlier questionnaire version into one on the later, per indicator
    only where the version map keeps it comparable; places shown side by side, no rank change."""
    before, after = previous.round, results.round
    earlier, later = round_questionnaire(before), round_questionnaire(after)
    assert earlier is not None and later is not None  # noqa: S101 (checked by the caller)
    old_entry = previous.by_slug[entry.slug]
    names = {**previous.indicators, **results.indicators, OVERALL: _("Overall score")}
    changes = tuple(
        ChangeRow(names.get(c.measure, c.measure), c.previous, c.current, c.change, c.comparable)
        for c in crossversion.mapped_changes(old_entry.result, entry.result, earlier, later)
        if c.previous is not None or c.current is not None
    )
    kept = [row.name for row in changes[1:] if row.comparable]
    return Progress(
        before,
        old_entry.placement,
        entry.placement,
        None,
        "",
        changes,
        True,
        False,
        versions_sentence(
            before.name, after.name, earlier.version, later.version, kept, changes[0].comparable
        ),
    )


def versions_sentence(
    before: str, after: str, earlier: str, later: str, kept: list[str], overall: bool
) -> str:
    """Why only some changes are shown between two questionnaire versions, naming the indicators kept."""
    numbers = {"before": before, "after": after, "earlier": earlier, "later": later}
    sentences = [
        _("%(before)s was answered on questionnaire version %(earlier)s, %(after)s on version %(later)s.")
        % numbers
    ]
    if kept:
        sentences.append(
            _("Only indicators whose questions the version map keeps comparable are compared: %(names)s.")
            % {"names": ", ".join(kept)}
        )
    else:
        sentences.append(_("The version map keeps no indicator comparable, so none is compared."))
    if not overall:
        sentences.append(
            _("The overall scores are of two versions and are not compared; nor are the places.")
        )
    text = " ".join(sentences)
    return text


def places(steps: float, lang: str = "en") -> str:
    """A rank movement in words (ranks count down: a negative number of places is a climb); the
    symmetric split may give half places ("1,5 places up")."""
    if steps == 0:
        return _("no change")
    count = abs(steps)
    shown = number(count, lang, 0 if count == int(count) else 1)
    plural = int(count) if count == int(count) else 2
    if steps < 0:
        return ngettext("%(count)s place up", "%(count)s places up", plural) % {"count": shown}
    return ngettext("%(count)s place down", "%(count)s places down", plural) % {"count": shown}


def explain_rank(
    moved: RankChange | None,
    city: str,
    previous: str,
    lang: str = "en",
    *,
    places_shown: tuple[Placement | None, Placement | None] = (None, None),
) -> str:
    """The rank change in one sentence, split into the city's own effect and the sample's (each the
    average over both orders of applying them), with the relative positions when the sample changed.
    ``places_shown``: the two places as the pages show them (with their ties)."""
    if moved is None:
        return ""
    old = places_shown[0] or Placement(moved.previous_rank, moved.previous_of)
    new = places_shown[1] or Placement(moved.current_rank, moved.current_of)
    numbers = {
        "city": city,
        "round": previous,
        "old": place_label(old),
        "new": place_label(new),
        "own": places(moved.own_effect, lang),
        "sample": places(moved.sample_effect, lang),
    }
    if moved.own_effect == 0 and moved.sample_effect == 0:
        text = _("Since %(round)s, %(city)s has kept its place (%(old)s then, %(new)s now).") % numbers
    else:
        text = (
            _(
                "Since %(round)s, %(city)s went from %(old)s to %(new)s. Its own change in score accounts "
                "for %(own)s; the other cities' changes, arrivals and departures for %(sample)s (each "
                "the average over both orders of applying the two)."
            )
            % numbers
        )
    if moved.sample_changed:
        text += " " + relative_sentence(old, new)
    return text


def relative_sentence(old: Placement, new: Placement) -> str:
    """ "The samples differ in size: then ahead of 79 % of the other cities, now ahead of 79 %." """
    return _("The samples differ in size: then %(old)s, now %(new)s.") % {
        "old": relative_label(old, say_published=False) or "–",
        "new": relative_label(new, say_published=False) or "–",
    }


def explain_published(old: Placement | None, new: Placement | None, city: str, previous: str) -> str:
    """Two published places side by side with their relative positions; no split into the city's own
    and the other cities' effects (the platform does not hold the other cities' published scores)."""
    if old is None or new is None:
        return ""
    text = _("As published: %(city)s was %(old)s in %(round)s and is %(new)s now.") % {
        "city": city,
        "old": place_label(old),
        "new": place_label(new),
        "round": previous,
    }
    if old.of != new.of:
        text += " " + relative_sentence(old, new)
    return (
        text
        + " "
        + _(
            "The change is not split into the city's own and the other cities' effects: the platform "
            "does not hold the scores of the other cities of the publications."
        )
    )
