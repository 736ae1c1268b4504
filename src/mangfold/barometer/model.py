"""A barometer as data: goals, their indicators, and the values measured on them.

A barometer follows the outcomes of a city's integration policy (Copenhagen's Inklusionsbarometer
2011–14 and Integrationsbarometer 2015–18; the national integrationsbarometer.dk since 2012): goals owned
by committees, each measured by one or more indicators against a base year. Everything here is plain,
immutable data; the status rules live in :mod:`mangfold.barometer.rules`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from mangfold.i18n import gettext as _

__all__ = [
    "Barometer",
    "BarometerError",
    "Direction",
    "Goal",
    "Indicator",
    "Kind",
    "Rule",
    "Value",
    "ValueSet",
    "YearKind",
]

MAX_COUNT = 2_000_000_000
"""Counts are people: more than this is a mistake (and more than the database stores)."""
CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class BarometerError(ValueError):
    """A barometer definition or value that cannot be used; the message names where (sheet, row, column)."""


class Direction(StrEnum):
    """Which way is better for an indicator."""

    HIGHER = "higher"
    LOWER = "lower"


class Kind(StrEnum):
    """An indicator is a level (a share, a rate) or a gap between two groups (in percentage points)."""

    LEVEL = "level"
    GAP = "gap"


class Rule(StrEnum):
    """How an indicator's status is decided (see :mod:`mangfold.barometer.rules`)."""

    ROUNDED = "rounded"
    """The national barometer's rule: latest value against the base year, both rounded as published."""
    STATISTICAL = "statistical"
    """The change in a proportion (or in a gap) with its 95 % confidence interval, where counts are known."""


class YearKind(StrEnum):
    """What a value's year is: the year the figure measures, or only the year it was published."""

    DATA = "data"
    """The year the figure measures (the usual case)."""
    PUBLISHED = "published"
    """The year the figure was published; it measures an earlier year (register figures lag behind)."""


def _require(condition: bool, message: str, **fields: object) -> None:
    """Raise :class:`BarometerError` with the (translated) ``message`` filled with ``fields`` unless true."""
    if not condition:
        raise BarometerError(message.format(**fields))


@dataclass(frozen=True)
class Indicator:
    """One measure of a goal, e.g. the employment rate of 25–64-year-olds of non-Western origin.

    ``decimals`` is the published precision (0: whole per cent, 1: one decimal) that the rounded rule
    compares on. A ``GAP`` indicator is the value of ``groups[0]`` minus that of ``groups[1]``.
    """

    code: str
    title_da: str
    title_en: str
    unit: str
    direction: Direction
    base_year: int
    definition_da: str = ""
    definition_en: str = ""
    group: str = ""
    """The population the indicator measures, in Danish (e.g. "25–64-årige af ikke-vestlig oprindelse")."""
    kind: Kind = Kind.LEVEL
    groups: tuple[str, ...] = ()
    """For a gap: the codes of the two groups whose values (and counts) make it, first minus second."""
    decimals: int = 0
    rule: Rule = Rule.ROUNDED
    target: float | None = None
    target_year: int | None = None
    source: str = ""
    group_en: str = ""
    """The population in English (the Danish :attr:`group` is shown where there is none)."""

    def __post_init__(self) -> None:
        _require(
            bool(CODE.match(self.code)), _("indicator code {code!r}: use a-z, 0-9 and _"), code=self.code
        )
        _require(
            bool(self.title_da and self.title_en),
            _("indicator {code!r}: a title in Danish and English"),
            code=self.code,
        )
        _require(
            1900 <= self.base_year <= 2100,
            _("indicator {code!r}: base year {year}"),
            code=self.code,
            year=self.base_year,
        )
        _require(0 <= self.decimals <= 3, _("indicator {code!r}: decimals must be 0–3"), code=self.code)
        _require(
            self.kind is Kind.LEVEL or len(self.groups) == 2,
            _("indicator {code!r}: a gap names two groups"),
            code=self.code,
        )
        _require(
            self.target is None or math.isfinite(self.target),
            _("indicator {code!r}: target is not a number"),
            code=self.code,
        )

    def title(self, lang: str) -> str:
        return self.title_da if lang == "da" else self.title_en

    def definition(self, lang: str) -> str:
        return self.definition_da if lang == "da" else self.definition_en

    def population(self, lang: str) -> str:
        return self.group_en if lang != "da" and self.group_en else self.group


@dataclass(frozen=True)
class Goal:
    """A goal of the policy, owned by a committee, measured by its indicators (codes, in order).

    ``policy_indicators`` names the related indicators of the policy questionnaire (``commitment``,
    ``education``, …): shown beside the goal as association, never as effect. ``taken_from_da`` and
    ``taken_from_en`` name the barometer the goal is taken from when it is not the city's own (nor that of
    :attr:`Barometer.based_on_da`), e.g. "det nationale integrationsbarometer (integrationsbarometer.dk)".
    """

    code: str
    title_da: str
    title_en: str
    indicators: tuple[str, ...]
    committee: str = ""
    policy_indicators: tuple[str, ...] = ()
    taken_from_da: str = ""
    taken_from_en: str = ""

    def __post_init__(self) -> None:
        _require(bool(CODE.match(self.code)), _("goal code {code!r}: use a-z, 0-9 and _"), code=self.code)
        _require(
            bool(self.title_da and self.title_en),
            _("goal {code!r}: a title in Danish and English"),
            code=self.code,
        )
        _require(bool(self.indicators), _("goal {code!r}: at least one indicator"), code=self.code)
        _require(
            bool(self.taken_from_da) == bool(self.taken_from_en),
            _("goal {code!r}: name the barometer it is taken from in Danish and English, or in neither"),
            code=self.code,
        )

    def title(self, lang: str) -> str:
        return self.title_da if lang == "da" else self.title_en

    def taken_from(self, lang: str) -> str:
        return self.taken_from_da if lang == "da" else self.taken_from_en


@dataclass(frozen=True)
class Barometer:
    """The definition of a barometer: its goals and indicators (every indicator belongs to one goal).

    A barometer that is not the city's own but a selection after another one names that one
    (``based_on_da``/``based_on_en``, e.g. "Københavns Integrationsbarometer 2015–18"), with how many goals
    it had (sub-goals included) and its base year where known: the pages and reports then say how this
    one differs from it (:mod:`mangfold.barometer.provenance`), never presenting it as the original.
    """

    title_da: str
    title_en: str
    goals: tuple[Goal, ...]
    indicators: tuple[Indicator, ...]
    version: str = "1"
    based_on_da: str = ""
    based_on_en: str = ""
    based_on_goals: int | None = None
    based_on_base_year: int | None = None

    def __post_init__(self) -> None:
        _require(
            len(self.version) <= 50,
            _("the version {version!r} is longer than 50 characters"),
            version=self.version,
        )
        _require(
            bool(self.based_on_da) == bool(self.based_on_en),
            _("name the barometer this one is based on in Danish and English, or in neither"),
        )
        _require(
            bool(self.based_on_da) or (self.based_on_goals is None and self.based_on_base_year is None),
            _("the number of goals and the base year of the barometer this one is based on need its name"),
        )
        _require(
            self.based_on_goals is None or 1 <= self.based_on_goals <= 10_000,
            _("the number of goals of the barometer this one is based on: {goals}"),
            goals=self.based_on_goals,
        )
        _require(
            self.based_on_base_year is None or 1900 <= self.based_on_base_year <= 2100,
            _("the base year of the barometer this one is based on: {year}"),
            year=self.based_on_base_year,
        )
        codes = [i.code for i in self.indicators]
        _require(len(codes) == len(set(codes)), _("an indicator code is used twice"))
        goal_codes = [g.code for g in self.goals]
        _require(len(goal_codes) == len(set(goal_codes)), _("a goal code is used twice"))
        used: list[str] = [code for goal in self.goals for code in goal.indicators]
        for code in used:
            _require(code in codes, _("a goal names the indicator {code!r}, which is not defined"), code=code)
        _require(len(used) == len(set(used)), _("an indicator belongs to more than one goal"))

    def indicator(self, code: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(code)

    def title(self, lang: str) -> str:
        return self.title_da if lang == "da" else self.title_en

    def based_on(self, lang: str) -> str:
        """The name of the barometer this one is based on ("" when it is the city's own)."""
        return self.based_on_da if lang == "da" else self.based_on_en


@dataclass(frozen=True)
class Value:
    """A measured value of an indicator in a year, for a group ("" for the indicator itself).

    ``area`` is "" for the barometer's own city; another code (``"DK"`` for the whole country, a
    municipality's code) holds a value for comparison, shown beside the city's and never judged.

    ``successes`` of ``total`` are the counts behind a proportion where they are known (e.g. employed
    of all 25–64-year-olds): the statistical rule needs them. ``year_kind`` says what ``year`` is: the
    year the figure measures, or only the year it was published (:class:`YearKind`).
    """

    indicator: str
    year: int
    value: float
    group: str = ""
    successes: int | None = None
    total: int | None = None
    source: str = ""
    note: str = ""
    area: str = ""
    year_kind: YearKind = YearKind.DATA

    def __post_init__(self) -> None:
        _require(
            math.isfinite(self.value),
            _("{code} {year}: the value is not a number"),
            code=self.indicator,
            year=self.year,
        )
        if self.total is not None or self.successes is not None:
            _require(
                self.total is not None and self.successes is not None and 0 <= self.successes <= self.total,
                _("{code} {year}: counts need 0 ≤ successes ≤ total"),
                code=self.indicator,
                year=self.year,
            )
            _require(
                (self.total or 0) <= MAX_COUNT,
                _("{code} {year}: a count above {limit} is not a count of people"),
                code=self.indicator,
                year=self.year,
                limit=MAX_COUNT,
            )
        _require(
            1900 <= self.year <= 2100,
            _("{code}: the year {year} is not 1900–2100"),
            code=self.indicator,
            year=self.year,
        )
        for name, limit in (("indicator", 64), ("group", 64), ("area", 32), ("source", 300)):
            _require(
                len(getattr(self, name)) <= limit,
                _("{code} {year}: the {field} is longer than {limit} characters"),
                code=self.indicator[:64],
                year=self.year,
                field=name,
                limit=limit,
            )


@dataclass(frozen=True)
class ValueSet:
    """The values of a barometer, looked up by indicator, group and year."""

    values: tuple[Value, ...]
    _index: Mapping[tuple[str, str, int, str], Value] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[tuple[str, str, int, str], Value] = {}
        for value in self.values:
            key = (value.indicator, value.group, value.year, value.area)
            _require(
                key not in index,
                _("{code} {group} {area} {year}: given twice"),
                code=value.indicator,
                group=value.group,
                area=value.area,
                year=value.year,
            )
            index[key] = value
        object.__setattr__(self, "_index", index)

    @classmethod
    def of(cls, values: Iterable[Value]) -> ValueSet:
        return cls(tuple(values))

    def get(self, indicator: str, year: int, group: str = "", area: str = "") -> Value | None:
        return self._index.get((indicator, group, year, area))

    def years(self, indicator: str, group: str = "", area: str = "") -> list[int]:
        return sorted(y for (code, g, y, a) in self._index if code == indicator and g == group and a == area)

    def series(self, indicator: str, group: str = "", area: str = "") -> list[Value]:
        return [self._index[(indicator, group, y, area)] for y in self.years(indicator, group, area)]

    def areas(self, indicator: str) -> list[str]:
        """The comparison areas with a value of the indicator itself (not the city's own "")."""
        return sorted({a for (code, g, _, a) in self._index if code == indicator and g == "" and a})
