"""Where a barometer's goals and figures come from, said in words made from its data.

A barometer that names the barometer it is based on (:attr:`Barometer.based_on_da`) is a selection after
that one, never the original. :func:`deviations` says, from the definition and the values only:

- that it is a selection, how many goals the original had (where the definition gives it) and how many
  goals here have figures from it;
- each indicator of those goals whose base year is not the original's, and whether the values hold one
  for the original's base year (if not, the status is measured against another year);
- the goals taken from another barometer (:attr:`Goal.taken_from_da`);
- the goals that have figures only for comparison areas (the whole country) and none for the city: they
  cannot be measured and are white.

:func:`year_label` names a value's year as what it is: the year the figure measures, or only the year it
was published. Messages are in the active language (:func:`mangfold.i18n.language`).
"""

from __future__ import annotations

from collections.abc import Sequence

from mangfold.barometer.model import Barometer, Goal, Value, ValueSet, YearKind
from mangfold.i18n import active_language
from mangfold.i18n import gettext as _
from mangfold.reports.typography import join

__all__ = ["area_name", "deviations", "year_label"]


def year_label(value: Value) -> str:
    """ "2017", or "offentliggjort 2022" / "published 2022" for a figure labelled by its publication."""
    if value.year_kind is YearKind.PUBLISHED:
        return _("published {year}").format(year=value.year)
    return str(value.year)


def area_name(code: str) -> str:
    """A comparison area in words: ``DK`` is "hele landet" / "the whole country"; others as coded."""
    return _("the whole country") if code == "DK" else code


def _quoted(text: str, lang: str) -> str:
    return f"»{text}«" if lang == "da" else f"“{text}”"


def _own_values(goal: Goal, values: ValueSet) -> bool:
    return any(values.series(code) for code in goal.indicators)


def _areas(goal: Goal, values: ValueSet) -> list[str]:
    return sorted({area for code in goal.indicators for area in values.areas(code)})


def _selection(barometer: Barometer, shown: int, lang: str) -> str:
    """ "Dette er ikke Københavns Integrationsbarometer 2015–18, men et udvalg: det havde 26 mål …" """
    if barometer.based_on_goals is not None:
        text = (
            _(
                "This is not {based_on} but a selection: it had {total} goals (sub-goals included), and "
                "one goal here has figures from it."
            )
            if shown == 1
            else _(
                "This is not {based_on} but a selection: it had {total} goals (sub-goals included), and "
                "{shown} goals here have figures from it."
            )
        )
    else:
        text = (
            _("This is not {based_on} but a selection: one goal here has figures from it.")
            if shown == 1
            else _("This is not {based_on} but a selection: {shown} goals here have figures from it.")
        )
    return text.format(based_on=barometer.based_on(lang), total=barometer.based_on_goals, shown=shown)


def _base_years(barometer: Barometer, goals: Sequence[Goal], values: ValueSet, lang: str) -> list[str]:
    """A sentence for each indicator of ``goals`` whose base year is not the original's."""
    original = barometer.based_on_base_year
    if original is None:
        return []
    found = []
    for code in (code for goal in goals for code in goal.indicators):
        indicator = barometer.indicator(code)
        if indicator.base_year == original:
            continue
        missing = values.get(code, original) is None
        text = (
            _(
                "The base year of {indicator} is {year}, not {original} as in {based_on}: the data hold "
                "no value for {original}, so its status is measured against {year}."
            )
            if missing
            else _("The base year of {indicator} is {year}, not {original} as in {based_on}.")
        )
        found.append(
            text.format(
                indicator=_quoted(indicator.title(lang), lang),
                year=indicator.base_year,
                original=original,
                based_on=barometer.based_on(lang),
            )
        )
    return found


def _taken_from(barometer: Barometer, goals: Sequence[Goal], source: str, lang: str) -> str:
    names = join([_quoted(g.title(lang), lang) for g in goals], lang)
    based_on = barometer.based_on(lang)
    if based_on:
        text = (
            _("The goal {goals} is taken from {source}, not from {based_on}.")
            if len(goals) == 1
            else _("The goals {goals} are taken from {source}, not from {based_on}.")
        )
    else:
        text = (
            _("The goal {goals} is taken from {source}.")
            if len(goals) == 1
            else _("The goals {goals} are taken from {source}.")
        )
    return text.format(goals=names, source=source, based_on=based_on)


def _only_areas(goals: Sequence[Goal], areas: Sequence[str], city: str, lang: str, *, named: bool) -> str:
    """ "De har kun tal for hele landet og ingen for København, så de kan ikke måles og er hvide." """
    where = join([area_name(a) for a in areas], lang)
    if not named:
        text = (
            _("It has figures only for {areas} and none for {city}, so it cannot be measured and is white.")
            if len(goals) == 1
            else _(
                "They have figures only for {areas} and none for {city}, so they cannot be measured and "
                "are white."
            )
        )
        return text.format(areas=where, city=city)
    text = (
        _("{goals} has figures only for {areas} and none for {city}, so it cannot be measured and is white.")
        if len(goals) == 1
        else _(
            "{goals} have figures only for {areas} and none for {city}, so they cannot be measured and "
            "are white."
        )
    )
    return text.format(
        goals=join([_quoted(g.title(lang), lang) for g in goals], lang), areas=where, city=city
    )


def deviations(barometer: Barometer, values: ValueSet, city: str) -> tuple[str, ...]:
    """What the reader must know of where the barometer's goals and figures come from, in sentences.

    Empty for a city's own barometer whose goals all have the city's own figures.
    """
    lang = active_language()
    own = [goal for goal in barometer.goals if not goal.taken_from_da]
    found: list[str] = []
    if barometer.based_on_da:
        found.append(_selection(barometer, len(own), lang))
        found += _base_years(barometer, own, values, lang)
    national = {g.code: _areas(g, values) for g in barometer.goals if not _own_values(g, values)}
    national = {code: areas for code, areas in national.items() if areas}
    sources: dict[str, list[Goal]] = {}
    for goal in barometer.goals:
        if goal.taken_from_da:
            sources.setdefault(goal.taken_from(lang), []).append(goal)
    told: set[str] = set()
    for source, goals in sources.items():
        found.append(_taken_from(barometer, goals, source, lang))
        areas = sorted({a for g in goals for a in national.get(g.code, [])})
        if all(g.code in national for g in goals):
            found.append(_only_areas(goals, areas, city, lang, named=False))
            told |= {g.code for g in goals}
    rest = [g for g in barometer.goals if g.code in national and g.code not in told]
    if rest:
        areas = sorted({a for g in rest for a in national[g.code]})
        found.append(_only_areas(rest, areas, city, lang, named=True))
    return tuple(found)
