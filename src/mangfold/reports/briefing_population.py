"""The committee briefing's population paragraph: the city's inhabitants, the shares with an immigrant
background and of non-Western origin and a dissimilarity index in the round's year, each with its year,
kind, coverage and source (:mod:`mangfold.reports.context`); a sum over part of the city's areas is given
as the population of the areas covered, and the areas are named for what they are ("sogne" for
KMSTA001's parishes: :func:`mangfold.reports.context.area_kind`).
"""

from __future__ import annotations

from dataclasses import dataclass

from mangfold.reports.briefing_words import words
from mangfold.reports.context import ContextFigure, figure_label
from mangfold.reports.sources import source_note
from mangfold.reports.typography import join, number, percent

__all__ = ["PopulationFacts", "population_paragraph"]


@dataclass(frozen=True)
class PopulationFacts:
    """The population context of the round (:mod:`mangfold.reports.context`): inhabitants, the shares
    with an immigrant background and of non-Western origin (per cent) and a two-group dissimilarity index
    (0–1), each with its year, kind, coverage and source."""

    population: ContextFigure | None = None
    immigrant_share: ContextFigure | None = None
    nonwestern_share: ContextFigure | None = None
    dissimilarity: ContextFigure | None = None


def _aside(figure: ContextFigure, lang: str, said: dict[str, str], *, areas: bool = True) -> str:
    """What the figure is and where it is from: "(2011, tal for hele kommunen; kilde: …)"."""
    label = figure_label(figure, lang, areas=areas)
    if figure.source:
        label += "; " + said["source"].format(source=source_note(figure.source, lang).rstrip("."))
    return f"({label})"


def _same_kind(a: ContextFigure, b: ContextFigure) -> bool:
    return (a.year, a.whole, a.coverage, a.source) == (b.year, b.whole, b.coverage, b.source)


def _of_kind(key: str, figure: ContextFigure, said: dict[str, str]) -> str:
    """The sentence ``key`` naming the figure's areas for what they are (parishes, voting areas, areas)."""
    kind = figure.area_kind
    return said[f"{key}_{kind}"] if kind else said[key]


def population_paragraph(city: str, facts: PopulationFacts, lang: str) -> str:
    """The population sentences of "Problemstilling" ("" when there is no figure)."""
    said = words(lang)
    sentences = []
    figure = facts.population
    if figure is not None:
        n = number(figure.value, lang)
        coverage = figure.coverage
        if figure.whole or coverage is None or coverage.complete:
            aside = _aside(figure, lang, said)
            sentences.append(said["inhabitants"].format(city=city, n=n, aside=aside))
        else:  # a partial sum is the population of the areas covered, not the city's
            aside = _aside(figure, lang, said, areas=False)
            sentences.append(
                _of_kind("inhabitants_partial", figure, said).format(
                    areas=coverage.areas, of=coverage.of_areas, n=n, aside=aside
                )
            )
    shares = [
        (key, figure)
        for key, figure in (("immigrant", facts.immigrant_share), ("nonwestern", facts.nonwestern_share))
        if figure is not None
    ]
    if len(shares) == 2 and _same_kind(shares[0][1], shares[1][1]):
        listed = join([said[k].format(share=percent(f.value, lang)) for k, f in shares], lang)
        sentences.append(said["shares"].format(list=listed, aside=_aside(shares[0][1], lang, said)))
    else:
        for key, figure in shares:
            listed = said[key].format(share=percent(figure.value, lang))
            sentences.append(said["shares"].format(list=listed, aside=_aside(figure, lang, said)))
    if facts.dissimilarity is not None:
        value = number(facts.dissimilarity.value, lang, 2)
        aside = _aside(facts.dissimilarity, lang, said)
        if shares and _same_kind(facts.dissimilarity, shares[-1][1]) and facts.dissimilarity.year:
            aside = (
                "("
                + _of_kind("same_areas", facts.dissimilarity, said).format(year=facts.dissimilarity.year)
                + ")"
            )
        sentences.append(said["dissimilarity"].format(d=value, aside=aside))
    return " ".join(sentences)
