"""The committee briefing, drafted from the data in the form of a Danish committee agenda item.

A Danish committee item (domain.md §6) has a title and a case number, then **Indstilling og beslutning**
(what the administration recommends the committee decide), **Problemstilling** (the issue and its
background), **Løsning** (the proposal, with facts), **Økonomi** (costs, or "Ingen"), **Videre proces**
(next steps) and **Bilag** (numbered attachments). :func:`draft` writes each section from
:class:`BriefingFacts`: the city's overall score with its source, its place (the published one with its
period and source, or one computed among enough cities of the same instrument; otherwise why there is
none) with its relative position (the share of the other cities placed below it), the change since the
previous round of the same instrument (and, when the two samples differ in size, both relative
positions), its three strongest and three weakest indicators, the practices the city profile recommends
(on the profile's basis: where the city trails the other cities most, its weakest areas when the round is
too small to say, or the cities most like it when there are no indicator scores), its population in the
round's year (:mod:`mangfold.reports.context`) and whether a later result of the city is already in the
platform. Officials edit the draft before it goes to the committee.

What the draft says is true for every city (issue #11, item 6; docs/methodology/reports.md): each sentence
with a figure is made from the facts and cites its source (in Danish in a Danish briefing:
:mod:`mangfold.reports.sources`); no sentence states a change between two instruments, a place the facts
do not give, or a fact about the city's own record the facts do not hold.

Sections are plain text in the format of :mod:`mangfold.reports.text` (paragraphs, ``- `` bullets,
``1. `` numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from mangfold.i18n import gettext as _
from mangfold.i18n import language
from mangfold.index.learning import Basis
from mangfold.index.standing import Placement
from mangfold.reports.briefing_barometer import BarometerFacts, barometer_paragraph
from mangfold.reports.briefing_places import (
    PreviousResult,
    place_sentence_with_relative,
    previous_sentences,
    relative_words,
)
from mangfold.reports.briefing_population import PopulationFacts, population_paragraph
from mangfold.reports.briefing_words import HEADINGS, headings, words
from mangfold.reports.sources import source_note
from mangfold.reports.typography import genitive, join, score

__all__ = [
    "HEADINGS",
    "SECTIONS",
    "BarometerFacts",
    "Basis",
    "BriefingFacts",
    "IndicatorFact",
    "PopulationFacts",
    "PracticeFact",
    "PreviousResult",
    "city_result",
    "draft",
    "draft_title",
    "headings",
    "relative_words",
    "strongest_and_weakest",
]

SECTIONS = ("recommendation", "problem", "solution", "economy", "process", "attachments")
"""The sections of a briefing, in the order of a committee item."""


@dataclass(frozen=True)
class IndicatorFact:
    """An indicator's name, the city's score on it and the mean of the cities with a score (0–100; None
    when too few cities have one)."""

    name: str
    score: float
    mean: float | None = None


@dataclass(frozen=True)
class PracticeFact:
    """A recommended practice: the indicator it serves ("" for a practice recommended for no area, on
    :attr:`Basis.SIMILAR`), its title, its city, that city's best published score there (None: unknown)
    and what the city did (the first sentence of the practice's summary in the report's language; "" when
    there is none in that language)."""

    indicator: str
    title: str
    city: str
    source_score: float | None
    did: str = ""


@dataclass(frozen=True)
class BriefingFacts:
    """Everything a briefing is drafted from; every figure with its source.

    ``placement`` is the city's place (published, with its period and source, or computed among enough
    cities of one instrument: :mod:`mangfold.index.standing`); when there is none, ``placement_reason``
    says why in the report's language (empty: nothing is said). ``mean`` is the mean of the ``mean_of``
    cities with a result in the round (None when too few). ``score_source`` cites the score.
    """

    city: str
    network: str
    round: str
    score: float | None
    placement: Placement | None = None
    placement_reason: str = ""
    mean: float | None = None
    mean_of: int = 0
    score_source: str = ""
    instrument: str = ""
    strongest: tuple[IndicatorFact, ...] = ()
    weakest: tuple[IndicatorFact, ...] = ()
    focus: tuple[str, ...] = ()
    """The indicators the recommendations are for (where the city trails the other cities most, or its
    weakest on :attr:`Basis.WEAKEST`); the weakest indicators when empty."""
    practices: tuple[PracticeFact, ...] = ()
    basis: Basis | None = None
    """How the city profile chose its recommendations (:class:`mangfold.index.learning.Basis`); None:
    the profile recommends nothing (or, with ``focus``, as :attr:`Basis.TRAILS`)."""
    recommended_areas: int = 0
    """How many areas the profile recommends practices for (it may name more than ``focus``)."""
    ahead_everywhere: bool = False
    """The city scores at or above the mean of the round's cities on every indicator with a mean (so
    there is no area where it trails; meaningful when ``focus`` is empty)."""
    previous: PreviousResult | None = None
    population: PopulationFacts | None = None
    later: tuple[str, ...] = ()
    """The later rounds of the network in which the city has a public result (names, in time order)."""
    attachments: tuple[str, ...] = ()
    """Titles of the attachments, in order (Bilag 1 is the city profile)."""
    barometer: BarometerFacts | None = None
    """The city's outcome barometer (:mod:`mangfold.reports.briefing_barometer`); None: it has none."""


class Scored(Protocol):
    """What :func:`strongest_and_weakest` ranks: a name, a score, the sample's mean (None if withheld)."""

    @property
    def name(self) -> str: ...
    @property
    def score(self) -> float | None: ...
    @property
    def mean(self) -> float | None: ...


S = TypeVar("S", bound=Scored)


def strongest_and_weakest(indicators: Sequence[S], count: int = 3) -> tuple[tuple[S, ...], tuple[S, ...]]:
    """The ``count`` highest-scoring indicators (best first) and the ``count`` lowest (worst first).

    Indicators without a score are left out. Ties go to the indicator further from the mean in the
    direction asked, then by name. With fewer than ``2 · count`` indicators the weakest are taken from
    those not among the strongest. The briefing and the city profile both choose with this rule.
    """

    def score(item: S) -> float:
        return item.score if item.score is not None else 0.0

    def gap(item: S) -> float:
        return 0.0 if item.mean is None else score(item) - item.mean

    scored = [item for item in indicators if item.score is not None]
    strong = tuple(sorted(scored, key=lambda f: (-score(f), -gap(f), f.name))[:count])
    rest = [f for f in scored if f not in strong]
    weak = tuple(sorted(rest, key=lambda f: (score(f), gap(f), f.name))[:count])
    return strong, weak


def city_result(city: str, lang: str) -> str:
    """The city's result: "Københavns resultat"; a name with a parenthesis reads "resultatet for
    Eksempelby (opdigtet eksempel)" (a genitive before an aside reads badly); "Copenhagen's result"."""
    with language(lang):
        if city.endswith(")"):
            return _("the result of {city}").format(city=city)
        return _("{city_genitive} result").format(city_genitive=genitive(city, lang))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def draft_title(facts: BriefingFacts, lang: str) -> str:
    """The item's title: "Københavns resultat i Intercultural Cities: ICC-indeks 2011"."""
    with language(lang):
        title = _("{result} in {network}: {round}")
    return title.format(
        result=_capital(city_result(facts.city, lang)), network=facts.network, round=facts.round
    )


def draft(facts: BriefingFacts, lang: str) -> dict[str, str]:
    """The text of every section (keys of :data:`SECTIONS`) in ``lang``: any language with a catalogue
    (:mod:`mangfold.i18n`; Danish ``"da"`` is the project's own), a sentence it does not translate in
    English. Numbers, dates and lists follow :mod:`mangfold.reports.typography`."""
    said = words(lang)
    return {
        "recommendation": _recommendation(facts, lang, said),
        "problem": _problem(facts, lang, said),
        "solution": _solution(facts, lang, said),
        "economy": said["economy"],
        "process": _process(facts, lang, said),
        "attachments": "\n".join(
            f"- {said['attachment'].format(n=i, title=title)}" for i, title in enumerate(facts.attachments, 1)
        )
        or said["no_attachments"],
    }


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:]


def _focus(facts: BriefingFacts) -> list[str]:
    return [_lower(name) for name in facts.focus] or [_lower(f.name) for f in facts.weakest]


def _about_focus(facts: BriefingFacts, lang: str, words: dict[str, str], key: str) -> str:
    """The sentence ``key`` about the focus areas, or ``key_overall`` when there are none."""
    areas = _focus(facts)
    return words[key].format(areas=join(areas, lang)) if areas else words[f"{key}_overall"]


def _process(facts: BriefingFacts, lang: str, words: dict[str, str]) -> str:
    """What the administration does next, then the city's next result: already in the platform (the
    later rounds named) or to be reported when it comes."""
    if facts.practices and facts.basis is Basis.SIMILAR:
        first = words["process_similar"]
    elif not facts.practices and not facts.focus and not facts.strongest:
        first = words["process_overall"]
    else:
        first = _about_focus(facts, lang, words, "process")
    if len(facts.later) == 1:
        then = words["later_result"].format(round=facts.later[0])
    elif facts.later:
        then = words["later_results"].format(rounds=join(list(facts.later), lang))
    else:
        then = words["next_result"]
    return f"{first} {then}"


def _recommendation(facts: BriefingFacts, lang: str, words: dict[str, str]) -> str:
    first = words["rec_note"].format(
        result=city_result(facts.city, lang), network=facts.network, round=facts.round
    )
    # "the recommended practices" only when the draft recommends some
    if not facts.practices:
        second = words["rec_follow_overall"]
    elif facts.basis is Basis.SIMILAR:
        second = words["rec_follow_similar"]
    else:
        second = _about_focus(facts, lang, words, "rec_follow")
    return f"{words['rec_intro']}\n\n1. {first}\n2. {second}"


def _listed(items: Sequence[IndicatorFact], lang: str, words: dict[str, str]) -> str:
    parts = []
    for fact in items:
        inner = score(fact.score, lang)
        if fact.mean is not None:
            inner += words["mean_aside"].format(mean=score(fact.mean, lang))
        parts.append(f"{_lower(fact.name)} ({inner})")
    return join(parts, lang)


def _standing(facts: BriefingFacts, value: float, lang: str, words: dict[str, str]) -> str:
    """The score, cited, and the place with its relative position (or why there is none) and the mean
    with the cities behind it. When the place comes from the same source as the score, the source is
    cited once, after the place."""
    text = words["result"].format(round=facts.round, city=facts.city, score=score(value, lang))
    place = facts.placement
    cited_with_place = place is not None and place.published and place.source == facts.score_source
    if facts.score_source and not cited_with_place:
        text = text[:-1] + f" ({words['source'].format(source=source_note(facts.score_source, lang))})."
    if place is not None:
        text += " " + place_sentence_with_relative(facts.city, place, lang)
    elif facts.placement_reason:
        text += " " + facts.placement_reason.strip()
    if facts.mean is not None and facts.mean_of:
        text += " " + words["mean"].format(n=facts.mean_of, mean=score(facts.mean, lang))
    return text


def _problem(facts: BriefingFacts, lang: str, words: dict[str, str]) -> str:
    paragraphs = [words["intro"].format(city=facts.city, network=facts.network)]
    if facts.instrument:
        paragraphs[0] += " " + words["instrument"].format(instrument=facts.instrument)
    if facts.score is not None:
        paragraphs.append(_standing(facts, facts.score, lang, words))
    previous = previous_sentences(facts.previous, facts.city, facts.round, facts.score, facts.placement, lang)
    if previous:
        paragraphs.append(previous)
    if facts.strongest:
        text = words["strongest"].format(list=_listed(facts.strongest, lang, words))
        if facts.weakest:
            text += " " + words["weakest"].format(list=_listed(facts.weakest, lang, words))
        if any(f.mean is not None for f in (*facts.strongest, *facts.weakest)):
            text += " " + words["means_are"]
        paragraphs.append(text)
    elif facts.score is not None:
        paragraphs.append(words["no_indicators"])
    if facts.population is not None:
        text = population_paragraph(facts.city, facts.population, lang)
        if text:
            paragraphs.append(text)
    if facts.barometer is not None:
        paragraphs.append(barometer_paragraph(facts.barometer, lang))
    return "\n\n".join(paragraphs)


def _practice_line(practice: PracticeFact, lang: str, words: dict[str, str]) -> str:
    """ "Bydele: »Stadtteilmütter« fra Berlin-Neukölln (score 92). <what the city did>"; without a known
    score, no score is written; a practice for no area (:attr:`Basis.SIMILAR`) without the area:
    "»Helhedsplanen for Gellerup og Toveshøj« fra Aarhus. <what the city did>"."""
    template = words["practice"] if practice.indicator else words["practice_no_area"]
    if practice.source_score is None:
        template = template.replace(" (score {score})", "")
    line = template.format(
        indicator=_capital(practice.indicator),
        title=practice.title,
        city=practice.city,
        score=score(practice.source_score, lang) if practice.source_score is not None else "",
    )
    did = practice.did.strip()
    return f"{line}. {did}" if did else line


def _solution(facts: BriefingFacts, lang: str, words: dict[str, str]) -> str:
    """The practices the city profile recommends, on its basis (:attr:`BriefingFacts.basis`), or why
    there are none; then a pointer to the profile."""
    if facts.basis is Basis.SIMILAR and facts.practices:
        count = len(facts.practices)
        key = "practices_intro_similar_one" if count == 1 else "practices_intro_similar"
        return _listing(
            facts, lang, words, words[key].format(n=count, city=facts.city), "see_profile_similar"
        )
    if facts.basis is Basis.WEAKEST:
        if not facts.practices:
            return f"{words['no_practices_weakest']}\n\n{words['see_profile']}"
        intro = words["practices_intro_weakest"].format(city=facts.city)
        return _listing(facts, lang, words, intro, "see_profile")
    see = words["see_profile"] if facts.strongest else words["see_profile_overall"]
    if not facts.practices:
        if facts.focus:
            text = words["no_practices"]
        elif not facts.strongest:
            text = words["no_practices_overall"]
        else:
            text = words["ahead_everywhere"] if facts.ahead_everywhere else words["no_comparison"]
        return f"{text}\n\n{see}"
    if facts.recommended_areas > len(facts.focus):
        see = words["see_profile_more"].format(n=facts.recommended_areas)
    intro = words["practices_intro"].format(city=facts.city)
    return _listing(facts, lang, words, intro, see=see)


def _listing(
    facts: BriefingFacts, lang: str, words: dict[str, str], intro: str, see_key: str = "", see: str = ""
) -> str:
    lines = ["- " + _practice_line(p, lang, words) for p in facts.practices]
    return f"{intro}\n\n" + "\n".join(lines) + f"\n\n{see or words[see_key]}"
