"""The policy indicators beside a barometer's goals, and a score only where it exists on the same instrument.

A goal's ``policy_indicators`` are codes of mangfold's own questionnaire (the bundled one). A score is shown
beside one only when the city's latest public result was measured on that questionnaire and holds a score
for that indicator, with the round and the instrument named. A result on another instrument gives none:
the ICC Index's published results hold only an overall score, and its indicators are not mangfold's (a
score on one instrument is not a score on another, :mod:`mangfold.index.instrument`). The page then says in
words that the city's latest public result has no scores for these indicators.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils.translation import gettext as _

from mangfold.barometer.model import Goal
from mangfold.i18n import language
from mangfold.index.instrument import Instrument, InstrumentKind, instrument_label
from mangfold.web.network.models import City


@dataclass(frozen=True)
class PolicyScores:
    """A city's indicator scores from its latest public result, with the round and instrument they come from
    (:data:`NO_RESULT`: the city has no public result)."""

    scores: Mapping[str, float | None]
    round_name: str
    instrument: Instrument | None


NO_RESULT = PolicyScores({}, "", None)


@dataclass(frozen=True)
class _Questionnaire:
    """The bundled questionnaire as the goals' mapping names it: family, version, title and indicators."""

    family: str
    version: str
    titles: Mapping[str, str]
    names: Mapping[str, Mapping[str, str]]
    """Indicator code → name, by language."""


@cache
def _bundled() -> _Questionnaire:
    from mangfold.index.xlsform import bundled_questionnaires, read_xlsform

    questionnaire = read_xlsform(bundled_questionnaires()[-1])
    return _Questionnaire(
        questionnaire.form_id,
        questionnaire.version,
        {lang: questionnaire.title.get(lang) for lang in ("da", "en")},
        {lang: {i.code: i.name.get(lang, "en") for i in questionnaire.indicators} for lang in ("da", "en")},
    )


def policy_indicator_names(lang: str) -> dict[str, str]:
    """The names of the bundled questionnaire's policy indicators (``commitment`` → "Commitment")."""
    names = _bundled().names
    return dict(names.get(lang, names["en"]))


def questionnaire_name(lang: str) -> str:
    """The bundled questionnaire as an instrument, in ``lang``: "mangfold – spørgeskema …, version 2026.2"."""
    found = _bundled()
    with language(lang):
        return instrument_label(
            Instrument.questionnaire(found.family, found.version, found.titles.get(lang, ""))
        )


def on_the_questionnaire(scores: PolicyScores) -> bool:
    """True when the scores were measured on mangfold's questionnaire, whose indicators the goals name."""
    instrument = scores.instrument
    return (
        instrument is not None
        and instrument.kind is InstrumentKind.QUESTIONNAIRE
        and instrument.family == _bundled().family
    )


def published_scores(city: City) -> PolicyScores:
    """The indicator scores of the city's latest public result, with its round and instrument."""
    from mangfold.index.scorecard import load_scorecard
    from mangfold.web.assessments.models import Assessment, public_q
    from mangfold.web.results.services import round_instrument

    latest = (
        Assessment.objects.filter(public_q(), city=city, official_scorecard__isnull=False)
        .select_related("round", "round__questionnaire")
        .order_by("-published_at", "-pk")
        .first()
    )
    if latest is None or not latest.official_scorecard:
        return NO_RESULT
    card = load_scorecard(latest.official_scorecard)
    scores = card.indicator_scores() if card is not None else {}
    return PolicyScores(scores, latest.round.title, round_instrument(latest.round))


def goal_policy(goal: Goal, scores: PolicyScores | None, lang: str) -> list[dict[str, Any]]:
    """The goal's related indicators with their names, and a score only from a result on the questionnaire."""
    names = policy_indicator_names(lang)
    usable = scores.scores if scores is not None and on_the_questionnaire(scores) else {}
    return [
        {"code": code, "name": names.get(code, code), "score": usable.get(code)}
        for code in goal.policy_indicators
    ]


def policy_note(entries: Sequence[Mapping[str, Any]], scores: PolicyScores | None, lang: str) -> str:
    """Where the scores beside a goal come from, or why there are none, in words ("" when no result was
    looked up: ``scores`` None)."""
    if scores is None:
        return ""
    if scores.instrument is None:
        return _("The city has no published result with scores for these indicators.")
    with language(lang):
        instrument = instrument_label(scores.instrument)
    context = {"round": scores.round_name, "instrument": instrument}
    if any(entry["score"] is not None for entry in entries):
        return (
            _("Scores from the city's published result in %(round)s, measured with %(instrument)s.") % context
        )
    return (
        _(
            "The city's latest published result is from %(round)s, measured with %(instrument)s; it has no "
            "scores for these indicators."
        )
        % context
    )
