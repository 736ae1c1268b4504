"""Population context that matches a round: which year's figure a round's reports show, and what it covers.

A round's pages and reports describe the city *as it was in the round*, not as it is today. The rules
(issue #11, item 5; docs/methodology/reports.md, "Population context"):

1. **Year.** A round's figure is the one of the round's year, else of the nearest earlier year
   (:func:`year_for`), and is labelled with its year; a figure of a later year is never shown beside an
   older round. Without a round (a city's own page) the latest year is shown.
2. **Kind.** Each figure says whether it is a total for the whole municipality (entered on the city from a
   published source: :attr:`ContextFigure.whole`) or a sum over small areas of imported statistics
   (parishes, districts), with the **coverage** when the sum is partial (:class:`Coverage`): the small
   areas with residents in that year of the areas the city has in the dataset, and the residents they
   hold against the municipal total of the same year where one exists.
3. **Which figure.** Among the figures of the chosen year the population is the municipal total (a sum
   over part of the areas undercounts: KMSTA001's København has residents in 50 of its 56 parishes in
   2008 (402,216) and in all 56 in 2020 (628,809), so the two sums would read as 56 % growth); a share
   (immigrant background, immigrants) is the imported statistics' share over the areas covered (a share
   over most areas is sound; the municipal figure where there are no statistics of that year)
   (:func:`choose`). A partial sum is never given as the city's population: it is the population *of
   the areas covered* (:func:`figure_label` with ``areas=False`` and the sentence that names them).
4. **Which areas.** The areas are named for what they are (:func:`area_kind`): KMSTA001's are parishes
   ("sogne"), the 2024 election tables' voting areas ("afstemningsområder"); areas of any other dataset
   are "områder" ("small areas"), never "småområder", which is Statistics Denmark's name for a geography
   of its own.

Pure functions on plain values; the web (``mangfold.web.statistics.services.city_figures``) gathers the
candidates from the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mangfold.i18n import gettext as _
from mangfold.i18n import language
from mangfold.reports.typography import number, percent

__all__ = [
    "AREA_KINDS",
    "ContextFigure",
    "Coverage",
    "area_kind",
    "choose",
    "coverage_text",
    "figure_label",
    "round_year",
    "year_for",
]


AREA_KINDS = ("parish", "voting_area", "")
"""What the small areas of a dataset are: parishes, voting areas, or areas of a kind not known ("")."""

_PARISH = re.compile(r"\bKMSTA001\b|\bby parish\b|\befter sogn\b", re.IGNORECASE)
_VOTING = re.compile(r"valgdatabase|election database|voting[- ]areas?\b|afstemningsområde", re.IGNORECASE)


def area_kind(source: str) -> str:
    """What the areas of a dataset are, from its source (which names its table): ``"parish"`` for
    Statistics Denmark's KMSTA001 or a table "by parish" / "efter sogn"; ``"voting_area"`` for the
    election database's voting areas; ``""`` (areas of a kind not known) otherwise.

    ``area_kind("Kilde: Danmarks Statistik, tabel KMSTA001; sognegrænser DAGI.") == "parish"``.
    """
    if _PARISH.search(source):
        return "parish"
    if _VOTING.search(source):
        return "voting_area"
    return ""


def year_for(round_year: int | None, years: Iterable[int]) -> int | None:
    """The year whose figure a round shows: ``round_year`` if there is one, else the nearest earlier year.

    ``year_for(2011, [2008, 2011, 2020]) == 2011``; ``year_for(2011, [2008, 2020]) == 2008``;
    ``year_for(2011, [2017]) is None`` (a later year is never shown); ``year_for(None, years)`` is the
    latest year (a page that belongs to no round).
    """
    known = set(years)
    if round_year is None:
        return max(known, default=None)
    return max((y for y in known if y <= round_year), default=None)


def round_year(*texts: str) -> int | None:
    """The year a round belongs to: the first four-digit year (1900–2099) in its short name, else its name.

    ``round_year("2011", "ICC index 2011") == 2011``; ``round_year("spring", "Runde 2026") == 2026``.
    """
    for text in texts:
        match = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", text or "")
        if match:
            return int(match.group(0))
    return None


@dataclass(frozen=True)
class Coverage:
    """How much of the city a sum over small areas covers in its year.

    ``areas`` of the ``of_areas`` small areas the city has in the dataset had residents that year;
    ``residents`` the sum over them, ``of_residents`` the municipal total of the same year when one is
    known (None otherwise). ``kind``: what the areas are (:data:`AREA_KINDS`; "" also when the caller does
    not say, and then the figure's source tells, :attr:`ContextFigure.area_kind`).
    """

    areas: int
    of_areas: int
    residents: float | None = None
    of_residents: float | None = None
    kind: str = ""

    @property
    def complete(self) -> bool:
        """Every area of the city has residents in the year (the sum is the city's)."""
        return self.areas >= self.of_areas

    @property
    def resident_share(self) -> float | None:
        """The residents covered as a percentage of the municipal total of the same year."""
        if self.residents is None or not self.of_residents:
            return None
        return 100.0 * self.residents / self.of_residents


@dataclass(frozen=True)
class ContextFigure:
    """One figure of a city's population context with its year, kind, coverage and source.

    ``round_year`` is the year of the round it is shown for (None on a page that belongs to no round);
    ``whole`` says the figure is a total for the whole municipality, else a sum over small areas
    (``coverage`` then tells how much of the city the areas hold).
    """

    value: float
    year: int | None
    source: str
    whole: bool
    coverage: Coverage | None = None
    round_year: int | None = None

    @property
    def earlier(self) -> bool:
        """The figure is of an earlier year than the round's (the nearest earlier year available)."""
        return self.round_year is not None and self.year is not None and self.year < self.round_year

    @property
    def area_kind(self) -> str:
        """What the areas summed over are: the coverage's kind when given, else the source's
        (:func:`area_kind`)."""
        given = self.coverage.kind if self.coverage is not None else ""
        return given or area_kind(self.source)


def choose(
    candidates: Sequence[ContextFigure], round_year: int | None, *, prefer_whole: bool
) -> ContextFigure | None:
    """The figure a round shows among ``candidates`` (rules 1 and 3 of the module docstring).

    The year is :func:`year_for` over the candidates' years; of that year's figures the municipal total
    first when ``prefer_whole`` (a population), else the sum over small areas first (a share); ties keep
    the candidates' order. The result carries ``round_year``.
    """
    year = year_for(round_year, [c.year for c in candidates if c.year is not None])
    if year is None:
        undated = [c for c in candidates if c.year is None]
        if round_year is not None or not undated:
            return None
        found = undated[0]
    else:
        of_year = [c for c in candidates if c.year == year]
        found = sorted(of_year, key=lambda c: c.whole != prefer_whole)[0]
    return ContextFigure(found.value, found.year, found.source, found.whole, found.coverage, round_year)


def _sum_over(kind: str, areas: int, of_areas: int) -> str:
    """ "summen over 51 af kommunens 56 sogne" / "summen over alle kommunens 56 sogne" (active language)."""
    if areas >= of_areas:
        every = {
            "parish": _("the sum over all of the city's {of_areas} parishes"),
            "voting_area": _("the sum over all of the city's {of_areas} voting areas"),
        }
        return every.get(kind, _("the sum over all of the city's {of_areas} small areas")).format(
            of_areas=of_areas
        )
    some = {
        "parish": _("the sum over {areas} of the city's {of_areas} parishes"),
        "voting_area": _("the sum over {areas} of the city's {of_areas} voting areas"),
    }
    return some.get(kind, _("the sum over {areas} of the city's {of_areas} small areas")).format(
        areas=areas, of_areas=of_areas
    )


def coverage_text(coverage: Coverage, lang: str, *, kind: str | None = None) -> str:
    """The coverage in words: "summen over 51 af kommunens 56 sogne, med 459.420 af de 548.443
    indbyggere i kommunens tal for samme år (83,8 %)" (residents only when a municipal total is known).
    The areas are named by ``kind`` (:data:`AREA_KINDS`; None: the coverage's own, "områder" when
    it has none)."""
    with language(lang):
        text = _sum_over(coverage.kind if kind is None else kind, coverage.areas, coverage.of_areas)
        share = coverage.resident_share
        if share is not None and coverage.residents is not None and coverage.of_residents is not None:
            covered, total = number(coverage.residents, lang), number(coverage.of_residents, lang)
            text += ", " + _(
                "holding {covered} of the {total} residents of the city's total that year ({share})"
            ).format(covered=covered, total=total, share=percent(share, lang))
    return text


def figure_label(figure: ContextFigure, lang: str, *, areas: bool = True) -> str:
    """What a figure is, for the parenthesis after it: its year (marked when it is the nearest earlier
    year than the round's) and its kind: "2011, tal for hele kommunen"; "2008, nærmeste tidligere år
    end rundens (2011), summen over 50 af kommunens 56 sogne" (the areas named by
    :attr:`ContextFigure.area_kind`). ``areas=False``: without the areas (the sentence names them), only
    the share of the municipal total they hold."""
    parts = []
    with language(lang):
        if figure.year is not None:
            year = str(figure.year)
            if figure.earlier:
                year += ", " + _("the nearest earlier year to the round's ({year})").format(
                    year=figure.round_year
                )
            parts.append(year)
        if figure.whole:
            parts.append(_("a total for the whole city"))
        elif figure.coverage is not None and areas:
            parts.append(coverage_text(figure.coverage, lang, kind=figure.area_kind))
        elif figure.coverage is not None:
            share = figure.coverage.resident_share
            if share is not None:
                parts.append(
                    _("{share} of the residents of the city's total that year").format(
                        share=percent(share, lang)
                    )
                )
        else:
            parts.append(
                {
                    "parish": _("a sum over parishes"),
                    "voting_area": _("a sum over voting areas"),
                }.get(figure.area_kind, _("a sum over small areas"))
            )
    return ", ".join(parts)
