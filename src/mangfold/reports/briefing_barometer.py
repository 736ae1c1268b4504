"""The outcome barometer in the committee briefing: one paragraph made from the barometer's statuses.

The briefing says only what the city's barometer holds (issue #18; docs/methodology/barometer.md): its
title, how many goals it follows, how many of them are green, yellow, red and white, and the base years;
a barometer the city has not published is marked as a draft ("Udkast – ikke offentliggjort"). A city
without a barometer gets no paragraph at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from mangfold.i18n import gettext as _
from mangfold.i18n import language
from mangfold.reports.typography import join, number

__all__ = ["STATUSES", "BarometerFacts", "barometer_paragraph"]

STATUSES = ("green", "yellow", "red", "white")
"""The statuses in the order the sentence names them."""


@dataclass(frozen=True)
class BarometerFacts:
    """The city's outcome barometer as the briefing summarises it: its title (in the report's language),
    the number of goals with each status (keys of :data:`STATUSES`), its base years and whether the city
    has published it."""

    title: str
    statuses: dict[str, int]
    base_years: tuple[int, ...]
    published: bool


def _status_words(count: int, status: str) -> str:
    """ "3 grønne", "1 gul" / "3 green": the adjective agrees with the count in Danish."""
    one = {"green": _("green"), "yellow": _("yellow"), "red": _("red"), "white": _("white")}
    many = {
        "green": _("green (plural)"),
        "yellow": _("yellow (plural)"),
        "red": _("red (plural)"),
        "white": _("white (plural)"),
    }
    word = one[status] if count == 1 else many[status]
    return f"{count} {word.removesuffix(' (plural)')}"


def barometer_paragraph(facts: BarometerFacts, lang: str) -> str:
    """ "Kommunens resultatbarometer »…« følger 5 mål; status: 3 grønne, 1 gul og 1 hvid (basisår 2014)."

    Statuses no goal has are left out; a draft barometer is marked; a published one points to the city
    profile (attachment 1), which carries its table with figures and sources.
    """
    with language(lang):
        goals = sum(facts.statuses.values())
        counts = [_status_words(facts.statuses[s], s) for s in STATUSES if facts.statuses.get(s)]
        years = join([str(year) for year in facts.base_years], lang)
        if len(facts.base_years) == 1:
            text = _(
                "The city's outcome barometer {title} follows {goals} goals; "
                "status: {counts} (base year {years})."
            )
        else:
            text = _(
                "The city's outcome barometer {title} follows {goals} goals; "
                "status: {counts} (base years {years})."
            )
        quoted = f"»{facts.title}«" if lang == "da" else f"“{facts.title}”"
        text = text.format(title=quoted, goals=number(goals, lang), counts=join(counts, lang), years=years)
        if facts.published:
            see = _("Its goals, indicators, figures and sources are in the city profile (attachment 1).")
            return f"{text} {see}"
        return _("Draft – not published") + ": " + text
