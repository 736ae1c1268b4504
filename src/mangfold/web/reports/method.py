"""The city profile's "Method and data sources": what was done for this report's result, in words.

Every sentence is made from the report's data, so none can be false for some city:

- **the score**: on a result imported from a publication, that the score (and the place, when one was
  published) is reproduced as published, with the result's period and its source
  (:func:`mangfold.reports.sources.published_result_note`), and whether mangfold holds indicator scores
  for it; on a questionnaire, the scoring rule, the questionnaire and the missing-answer rule the city's
  scorecard applied;
- **the place**: on a published index, that nothing is computed from the published results
  (docs/methodology/benchmark.md, "Published results stay what was published"), and how the share of the
  other cities the city is ahead of follows from the published place; on a questionnaire, competition
  ranking among the round's cities with a score, the minimum samples applied, and the rules of the peer
  groups the city is in;
- **the recommendations**: the basis they were chosen on (:class:`mangfold.index.learning.Basis`), or
  nothing when there are none.

Call inside ``translation.override(lang)``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mangfold.index.benchmark import OVERALL, PeerKind
from mangfold.index.learning import MIN_PEERS, WEAK_BELOW, Basis
from mangfold.reports import typography
from mangfold.reports.sources import published_result_note
from mangfold.web.practices.recommended import Recommended
from mangfold.web.results.places import place_label
from mangfold.web.results.profile import PeerGroup, peer_thresholds
from mangfold.web.results.services import Entry, RoundResults

SIZE = {PeerKind.SMALL.value, PeerKind.LARGE.value}
DIVERSITY = {PeerKind.DIVERSE.value, PeerKind.LESS_DIVERSE.value}


def method_paragraphs(
    results: RoundResults,
    entry: Entry,
    peers: Sequence[PeerGroup],
    recommended: Recommended | None,
    *,
    questionnaire_title: str,
    missing_rule: str | None,
    indicator_pages: bool,
    lang: str,
) -> list[str]:
    """The method section's paragraphs for this city's result: the score, the place, the recommendations
    (each left out when there is nothing to say)."""
    paragraphs = [
        score_paragraph(results, entry, questionnaire_title, missing_rule, indicator_pages, lang),
        place_paragraph(results, entry, peers, lang),
        recommendation_paragraph(recommended),
    ]
    return [p for p in paragraphs if p]


def _sentences(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def published_score(entry: Entry, lang: str) -> str:
    """A result imported from a publication: the score (and the published place) as published, with the
    result's period and source; whether indicator scores came with it."""
    assessment = entry.assessment
    note = published_result_note(assessment.source, assessment.published_period, lang)
    values = {"score": typography.score(entry.result.overall, lang), "note": note}
    placement = entry.placement
    if placement is not None and placement.published:
        values["place"] = place_label(placement)
        text = (
            _(
                "The overall score, %(score)s, and the place, %(place)s, are reproduced as published: "
                "%(note)s."
            )
            if note
            else _("The overall score, %(score)s, and the place, %(place)s, are reproduced as published.")
        ) % values
        text += " " + _("mangfold did not compute them.")
    else:
        text = (
            _("The overall score, %(score)s, is reproduced as published: %(note)s.")
            if note
            else _("The overall score, %(score)s, is reproduced as published.")
        ) % values
        text += " " + _("mangfold did not compute it.")
    if any(score is not None for score in entry.result.indicators.values()):
        return _sentences(text, _("The indicator scores are reproduced from the same source."))
    only = _(
        "For this result only the overall score is recorded in mangfold, not the scores on the individual "
        "indicators."
    )
    return _sentences(text, only)


def score_paragraph(
    results: RoundResults,
    entry: Entry,
    questionnaire_title: str,
    missing_rule: str | None,
    indicator_pages: bool,
    lang: str,
) -> str:
    """How the score came about: as published, or by the questionnaire's rules."""
    legacy = published_score(entry, lang) if entry.assessment.is_legacy else ""
    if results.published:
        return legacy
    rule = _(
        "Each indicator is scored from 0 to 100 as the weighted mean of the points its questions earn; the "
        "overall score is the weighted mean of the core indicators. Weights, points per answer and the rule "
        "for missing answers are part of the questionnaire version and published with it."
    )
    title = _("Questionnaire: %(title)s.") % {"title": questionnaire_title} if questionnaire_title else ""
    missing = {
        "zero": _("In the city's scorecard a scored question left unanswered counts 0 points."),
        "exclude": _(
            "In the city's scorecard a scored question left unanswered is left out of its indicator's mean."
        ),
    }.get(missing_rule or "", "")
    pages = ""
    if indicator_pages:
        pages = _(
            "On each indicator's page, “What the city does” lists the questions earning at least %(points)s "
            "of their 100 points, “What the city could do” those earning fewer."
        ) % {"points": typography.number(WEAK_BELOW, lang)}
    return _sentences(legacy, rule, title, missing, pages)


def place_paragraph(results: RoundResults, entry: Entry, peers: Sequence[PeerGroup], lang: str) -> str:
    """How the place came about: as published (nothing computed), or by competition ranking."""
    placement = entry.placement
    relative = ""
    if placement is not None and placement.relative is not None and placement.of is not None:
        numbers = {
            "city": typography.display_name(entry.city.name, lang, invented=entry.city.is_example),
            "share": typography.percent(100 * placement.relative, lang, 0),
            "rank": placement.rank,
            "of": placement.of,
        }
        relative = (
            _(
                "The share of the other cities %(city)s is ahead of (%(share)s) is worked out from the "
                "published place: (%(of)s − %(rank)s) / (%(of)s − 1)."
            )
            if placement.published
            else _(
                "The share of the other cities %(city)s is ahead of (%(share)s) is (cities − place) / "
                "(cities − 1) = (%(of)s − %(rank)s) / (%(of)s − 1)."
            )
        ) % numbers
    if results.published:
        count = entry.standing.count
        nothing = ngettext(
            "From the one result of the round held in mangfold, no place, mean, median or place in a peer "
            "group is computed.",
            "From the %(count)s results of the round held in mangfold, no place, mean, median or place in a "
            "peer group is computed.",
            count,
        ) % {"count": count}
        groups = _("The places in the peer groups are those published.") if peers else ""
        return _sentences(nothing, relative, groups)
    limits = results.limits
    count = results.summary(OVERALL).count
    ranks = ngettext(
        "Ranks are competition ranks (ties share the best place) among the %(count)s city of the round with "
        "an overall score; a place is shown from %(min_rank)s cities with a score, a mean and a median from "
        "%(min_mean)s.",
        "Ranks are competition ranks (ties share the best place) among the %(count)s cities of the round "
        "with an overall score; a place is shown from %(min_rank)s cities with a score, a mean and a median "
        "from %(min_mean)s.",
        count,
    ) % {"count": count, "min_rank": max(limits.min_rank, 2), "min_mean": limits.min_mean}
    return _sentences(ranks, relative, peer_sentence(peers, lang))


def peer_sentence(peers: Sequence[PeerGroup], lang: str) -> str:
    """The rules of the peer groups the city is in ("Peer groups: cities under or at least 200,000
    inhabitants, with more or less than 15 % foreign-born residents, in the same country and the 5
    cities most similar in size and diversity."); "" without any."""
    kinds = {group.kind for group in peers}
    thresholds = peer_thresholds(lang)
    parts = []
    if kinds & SIZE and kinds & DIVERSITY:
        parts.append(
            _(
                "cities under or at least %(size)s inhabitants, with more or less than %(share)s %% "
                "foreign-born residents"
            )
            % thresholds
        )
    elif kinds & SIZE:
        parts.append(_("cities under or at least %(size)s inhabitants") % thresholds)
    elif kinds & DIVERSITY:
        parts.append(_("cities with more or less than %(share)s %% foreign-born residents") % thresholds)
    if PeerKind.COUNTRY.value in kinds:
        parts.append(_("in the same country") if parts else _("cities in the same country"))
    for group in peers:
        if group.kind == PeerKind.SIMILAR.value and len(group.members) > 1:
            count = len(group.members) - 1
            parts.append(
                ngettext(
                    "the city most similar in size and diversity",
                    "the %(count)s cities most similar in size and diversity",
                    count,
                )
                % {"count": count}
            )
    if not parts:
        return ""
    return _("Peer groups: %(groups)s.") % {"groups": typography.join(parts, lang)}


def recommendation_paragraph(recommended: Recommended | None) -> str:
    """On what basis the recommendations were chosen (:class:`Basis`); "" when there are none."""
    if recommended is None:
        return ""
    ordered = _(
        "practices of other cities serving it, ordered by the source city's best score there, its likeness "
        "to the municipality in size, diversity and country, and how recent the practice is; "
        "invented examples come last and are marked"
    )
    if recommended.basis is Basis.SIMILAR:
        return _(
            "mangfold holds no scores of the municipality on the individual indicators for this round, so "
            "the recommendations name no area: they are real practices of other cities, those of the cities "
            "most like the municipality in size, diversity and country first, then the most recent."
        )
    if recommended.basis is Basis.WEAKEST:
        return _(
            "No indicator of the municipality has a score from at least %(min)s other cities of the round, "
            "so it cannot be said where the municipality trails the others; the recommendations are for its "
            "lowest indicator scores instead, each with %(ordered)s."
        ) % {"min": MIN_PEERS, "ordered": ordered}
    if not recommended.areas:
        return _(
            "Recommendations are made for the indicators where the municipality scores below the mean of at "
            "least %(min)s other cities of the round with a score there; in this round there is none."
        ) % {"min": MIN_PEERS}
    return _(
        "The recommendations are for the indicators where the municipality scores below the mean of at "
        "least %(min)s other cities of the round with a score there, largest gap first, each with "
        "%(ordered)s."
    ) % {"min": MIN_PEERS, "ordered": ordered}
