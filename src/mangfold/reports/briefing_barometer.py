"""The outcome barometer in the committee briefing: one paragraph made from the barometer's statuses.

The briefing says only what the city's barometer holds (issue #18; docs/methodology/barometer.md): its
title, how many goals it follows, how many of them are green, yellow, red and white, and the base years;
a barometer the city has not published is marked as a draft ("Udkast – ikke offentliggjort"). A city
without a barometer gets no paragraph at all.

A barometer that is a selection after another one (it names the barometer it is based on) is never called
the city's own: the sentence names it by its title only and is followed by the account of where its goals
and figures come from (:func:`mangfold.barometer.provenance.deviations`, carried in ``deviations``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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
    has published it; ``based_on`` names the barometer it is a selection after ("" when it is the city's
    own) and ``deviations`` says, in sentences, how it differs and where its goals and figures come from."""

    title: str
    statuses: dict[str, int]
    base_years: tuple[int, ...]
    published: bool
    based_on: str = ""
    deviations: tuple[str, ...] = ()

    @classmethod
    def from_section(cls, section: Mapping[str, Any]) -> BarometerFacts:
        """The facts of a barometer section (:func:`mangfold.web.barometer.sections.barometer_section`)."""
        return cls(
            title=section["title"],
            statuses={s: sum(1 for g in section["goals"] if g["status"] == s) for s in STATUSES},
            base_years=tuple(section["base_years"]),
            published=bool(section["is_published"]),
            based_on=section.get("based_on", ""),
            deviations=tuple(section.get("deviations", ())),
        )


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


def _sentence(facts: BarometerFacts) -> str:
    """The sentence's template: the city's own barometer, or one that is a selection after another."""
    one = len(facts.base_years) == 1
    if facts.based_on:
        if one:
            return _(
                "The outcome barometer {title} follows {goals} goals; status: {counts} (base year {years})."
            )
        return _(
            "The outcome barometer {title} follows {goals} goals; status: {counts} (base years {years})."
        )
    if one:
        return _(
            "The city's outcome barometer {title} follows {goals} goals; "
            "status: {counts} (base year {years})."
        )
    return _(
        "The city's outcome barometer {title} follows {goals} goals; status: {counts} (base years {years})."
    )


def barometer_paragraph(facts: BarometerFacts, lang: str) -> str:
    """ "Kommunens resultatbarometer »…« følger 5 mål; status: 3 grønne, 1 gul og 1 hvid (basisår 2014)."

    A barometer that is a selection after another one is "Resultatbarometeret »…«", never the city's
    own, and its deviations follow the sentence. Statuses no goal has are left out; a draft barometer is
    marked; a published one points to the city profile (attachment 1), which carries its table with figures
    and sources.
    """
    with language(lang):
        goals = sum(facts.statuses.values())
        counts = [_status_words(facts.statuses[s], s) for s in STATUSES if facts.statuses.get(s)]
        years = join([str(year) for year in facts.base_years], lang)
        quoted = f"»{facts.title}«" if lang == "da" else f"“{facts.title}”"
        text = _sentence(facts).format(
            title=quoted, goals=number(goals, lang), counts=join(counts, lang), years=years
        )
        text = " ".join([text, *facts.deviations])
        if facts.published:
            see = _("Its goals, indicators, figures and sources are in the city profile (attachment 1).")
            return f"{text} {see}"
        return _("Draft – not published") + ": " + text
