"""The committee briefing, drafted from the data in the form of a Danish committee agenda item.

A Danish committee item (domain.md §6) has a title and a case number, then **Indstilling og beslutning**
(what the administration recommends the committee decide), **Problemstilling** (the issue and its
background), **Løsning** (the proposal, with facts), **Økonomi** (costs, or "Ingen"), **Videre proces**
(next steps) and **Bilag** (numbered attachments). :func:`draft` writes each section from
:class:`BriefingFacts`: the city's overall score and rank among the cities of the round, its change since
the previous round, its three strongest and three weakest indicators, the practices recommended where it
trails the other cities most and the facts of its population. Officials edit the draft before it goes to
the committee.

Sections are plain text in the format of :mod:`mangfold.reports.text` (paragraphs, ``- `` bullets,
``1. `` numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mangfold.reports.briefing_words import WORDS
from mangfold.reports.typography import genitive, join, number, percent, rank_sentence, score, signed

__all__ = [
    "HEADINGS",
    "SECTIONS",
    "BriefingFacts",
    "IndicatorFact",
    "PopulationFacts",
    "PracticeFact",
    "PreviousResult",
    "draft",
    "draft_title",
    "strongest_and_weakest",
]

SECTIONS = ("recommendation", "problem", "solution", "economy", "process", "attachments")
"""The sections of a briefing, in the order of a committee item."""

HEADINGS: dict[str, dict[str, str]] = {
    "da": {
        "recommendation": "Indstilling og beslutning",
        "problem": "Problemstilling",
        "solution": "Løsning",
        "economy": "Økonomi",
        "process": "Videre proces",
        "attachments": "Bilag",
    },
    "en": {
        "recommendation": "Recommendation and decision",
        "problem": "Issue",
        "solution": "Solution",
        "economy": "Finances",
        "process": "Next steps",
        "attachments": "Attachments",
    },
}


@dataclass(frozen=True)
class IndicatorFact:
    """An indicator's name, the city's score on it and the mean of the cities with a score (0–100)."""

    name: str
    score: float
    mean: float | None = None


@dataclass(frozen=True)
class PracticeFact:
    """A recommended practice: the indicator it serves, its title, its city and that city's score there."""

    indicator: str
    title: str
    city: str
    source_score: float


@dataclass(frozen=True)
class PreviousResult:
    """The city's result in the previous round it took part in."""

    round: str
    score: float | None
    rank: int | None = None
    of: int | None = None
    comparable: bool = True


@dataclass(frozen=True)
class PopulationFacts:
    """Population facts: inhabitants and shares (per cent) with their year, a two-group dissimilarity
    index (0–1) with its period, and the source to cite."""

    population: float | None = None
    year: str | None = None
    immigrant_share: float | None = None
    nonwestern_share: float | None = None
    dissimilarity: float | None = None
    period: str | None = None
    source: str = ""


@dataclass(frozen=True)
class BriefingFacts:
    """Everything a briefing is drafted from."""

    city: str
    network: str
    round: str
    score: float | None
    rank: int | None
    of: int
    mean: float | None
    tied: bool = False
    strongest: tuple[IndicatorFact, ...] = ()
    weakest: tuple[IndicatorFact, ...] = ()
    focus: tuple[str, ...] = ()
    """The indicators where the city trails the other cities most (the recommendations' indicators);
    the weakest indicators when empty."""
    practices: tuple[PracticeFact, ...] = ()
    previous: PreviousResult | None = None
    population: PopulationFacts | None = None
    attachments: tuple[str, ...] = ()
    """Titles of the attachments, in order (Bilag 1 is the city profile)."""


def strongest_and_weakest(
    indicators: Sequence[IndicatorFact], count: int = 3
) -> tuple[tuple[IndicatorFact, ...], tuple[IndicatorFact, ...]]:
    """The ``count`` highest-scoring indicators (best first) and the ``count`` lowest (worst first).

    Ties go to the indicator further from the mean in the direction asked, then by name. With fewer
    than ``2 · count`` indicators the weakest are taken from those not among the strongest.
    """

    def gap(fact: IndicatorFact) -> float:
        return fact.score - (fact.mean if fact.mean is not None else fact.score)

    strong = tuple(sorted(indicators, key=lambda f: (-f.score, -gap(f), f.name))[:count])
    rest = [f for f in indicators if f not in strong]
    weak = tuple(sorted(rest, key=lambda f: (f.score, gap(f), f.name))[:count])
    return strong, weak


def draft_title(facts: BriefingFacts, lang: str) -> str:
    """The item's title: "Københavns resultat i ICC-netværket, 2012" / "Copenhagen's result in …"."""
    if lang == "da":
        return f"{genitive(facts.city, 'da')} resultat i {facts.network}: {facts.round}"
    return f"{genitive(facts.city, 'en')} result in {facts.network}: {facts.round}"


def draft(facts: BriefingFacts, lang: str) -> dict[str, str]:
    """The text of every section (keys of :data:`SECTIONS`) in Danish (``"da"``) or English."""
    lang = "da" if lang == "da" else "en"
    words = WORDS[lang]
    return {
        "recommendation": _recommendation(facts, lang, words),
        "problem": _problem(facts, lang, words),
        "solution": _solution(facts, lang, words),
        "economy": words["economy"],
        "process": _about_focus(facts, lang, words, "process"),
        "attachments": "\n".join(
            f"- {words['attachment'].format(n=i, title=title)}"
            for i, title in enumerate(facts.attachments, 1)
        )
        or words["no_attachments"],
    }


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:]


def _focus(facts: BriefingFacts) -> list[str]:
    return [_lower(name) for name in facts.focus] or [_lower(f.name) for f in facts.weakest]


def _about_focus(facts: BriefingFacts, lang: str, words: dict[str, str], key: str) -> str:
    """The sentence ``key`` about the focus areas, or ``key_overall`` when there are none."""
    areas = _focus(facts)
    return words[key].format(areas=join(areas, lang)) if areas else words[f"{key}_overall"]


def _recommendation(facts: BriefingFacts, lang: str, words: dict[str, str]) -> str:
    first = words["rec_note"].format(
        city=genitive(facts.city, lang), network=facts.network, round=facts.round
    )
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


def _problem(facts: BriefingFacts, lang: str, words: dict[str, str]) -> str:
    paragraphs = [words["intro"].format(city=facts.city, network=facts.network)]
    if facts.score is not None:
        standing = words["result"].format(round=facts.round, city=facts.city, score=score(facts.score, lang))
        if facts.rank is not None:
            standing += " " + rank_sentence(facts.city, facts.rank, facts.of, lang, tied=facts.tied)
            standing += words["mean"].format(mean=score(facts.mean, lang)) if facts.mean is not None else "."
        paragraphs.append(standing)
    previous = facts.previous
    if previous is not None and previous.score is not None:
        text = words["previous"].format(round=previous.round, score=score(previous.score, lang))
        if previous.rank is not None and previous.of is not None:
            text += words["previous_rank"].format(rank=previous.rank, of=previous.of)
        if facts.score is not None and previous.comparable:
            text += words["change"].format(change=signed(facts.score - previous.score, lang))
        else:
            text += words["not_comparable"]
        paragraphs.append(text)
    if facts.strongest:
        text = words["strongest"].format(list=_listed(facts.strongest, lang, words))
        if facts.weakest:
            text += " " + words["weakest"].format(list=_listed(facts.weakest, lang, words))
        paragraphs.append(text)
    elif facts.score is not None:
        paragraphs.append(words["no_indicators"])
    if facts.population is not None:
        paragraphs.append(_population(facts.city, facts.population, lang, words))
    return "\n\n".join(paragraphs)


def _population(city: str, facts: PopulationFacts, lang: str, words: dict[str, str]) -> str:
    sentences = []
    if facts.population is not None:
        year = f" ({facts.year})" if facts.year else ""
        sentences.append(words["inhabitants"].format(city=city, n=number(facts.population, lang), year=year))
    shares = []
    if facts.immigrant_share is not None:
        shares.append(words["immigrant"].format(share=percent(facts.immigrant_share, lang)))
    if facts.nonwestern_share is not None:
        shares.append(words["nonwestern"].format(share=percent(facts.nonwestern_share, lang)))
    if shares:
        sentences.append(words["shares"].format(list=join(shares, lang)))
    if facts.dissimilarity is not None:
        period = f" ({facts.period})" if facts.period else ""
        value = number(facts.dissimilarity, lang, 2)
        sentences.append(words["dissimilarity"].format(d=value, period=period))
    if facts.source:
        sentences.append(_cite(facts.source, words))
    return " ".join(sentences)


def _cite(source: str, words: dict[str, str]) -> str:
    """The source as a sentence; "Kilde: " / "Source: " added unless the attribution line says it."""
    text = source.strip().rstrip(".")
    if not text.lower().startswith(("kilde", "source", "data:", "©")):
        text = words["source"].format(source=text)
    return text + "."


def _solution(facts: BriefingFacts, lang: str, words: dict[str, str]) -> str:
    see = words["see_profile"] if facts.strongest else words["see_profile_overall"]
    if not facts.practices:
        text = words["no_practices"] if _focus(facts) else words["no_practices_overall"]
        return f"{text}\n\n{see}"
    lines = [
        "- "
        + words["practice"].format(
            indicator=p.indicator[:1].upper() + p.indicator[1:],
            title=p.title,
            city=p.city,
            score=score(p.source_score, lang),
        )
        for p in facts.practices
    ]
    intro = words["practices_intro"].format(city=facts.city)
    return f"{intro}\n\n" + "\n".join(lines) + f"\n\n{see}"
