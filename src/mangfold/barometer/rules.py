"""The status rules: each indicator and each goal green, yellow, red or white, with the reason in words.

- **Rounded rule** (the national integrationsbarometer.dk's): the latest value against the value of the
  base year, both rounded to the indicator's published precision (half away from zero: 59.5 → 60, never
  Python's round-half-to-even); higher, lower or the same, judged through the indicator's direction:
  better → green, worse → red, the same → yellow.
- **Statistical rule** (where counts are known): the change in a proportion with Newcombe's hybrid score
  interval, or the change in a gap between two groups with a Wald interval (difference of differences);
  an interval that includes 0 is "no significant change" → yellow. Without counts for both years the
  rounded rule is used, and the explanation says so.
- **White**: no value in the base year, or none since.
- **A goal** takes the status that more than half its indicators have (one of one, two of two, two of
  three, as the national barometer's two of three), white included (a goal whose indicators mostly
  cannot be measured is white); with no such majority it is yellow.

Statuses are always named in words (:func:`status_name`), never by colour alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from mangfold.barometer.intervals import Count, Interval, gap_change, newcombe_difference
from mangfold.barometer.model import Barometer, Direction, Goal, Indicator, Kind, Rule, Value, ValueSet
from mangfold.charts.locale import number
from mangfold.i18n import active_language
from mangfold.i18n import gettext as _

__all__ = [
    "GoalStatus",
    "IndicatorStatus",
    "Movement",
    "Status",
    "barometer_statuses",
    "goal_status",
    "indicator_status",
    "judge",
    "round_published",
    "status_name",
]


class Status(StrEnum):
    GREEN = "green"
    """Better since the base year."""
    YELLOW = "yellow"
    """Unchanged, or no significant change."""
    RED = "red"
    """Worse since the base year."""
    WHITE = "white"
    """Cannot be measured: no value in the base year or none since."""


class Movement(StrEnum):
    UP = "up"
    DOWN = "down"
    UNCHANGED = "unchanged"


def status_name(status: Status) -> str:
    """The status in words in the active language: "grøn", "gul", "rød", "hvid" / "green", …"""
    names = {
        Status.GREEN: _("green"),
        Status.YELLOW: _("yellow"),
        Status.RED: _("red"),
        Status.WHITE: _("white"),
    }
    return names[status]


def round_published(value: float, decimals: int) -> Decimal:
    """``value`` rounded to ``decimals`` places, half away from zero (59.5 → 60; 0.25 → 0.3 at one place).

    The decimal text of the float is rounded, so 2.675 (stored as 2.67499…) rounds to 2.68 as printed.
    """
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def judge(movement: Movement, direction: Direction) -> Status:
    """Up or down, read through the direction: better → green, worse → red; unchanged → yellow."""
    if movement is Movement.UNCHANGED:
        return Status.YELLOW
    better = Movement.UP if direction is Direction.HIGHER else Movement.DOWN
    return Status.GREEN if movement is better else Status.RED


@dataclass(frozen=True)
class IndicatorStatus:
    """An indicator's status, the rule that gave it, the figures it rests on and the reason in words."""

    indicator: str
    status: Status
    rule: Rule
    explanation: str
    base_year: int
    latest_year: int | None = None
    base_value: float | None = None
    latest_value: float | None = None
    movement: Movement | None = None
    interval: Interval | None = None

    @property
    def name(self) -> str:
        return status_name(self.status)


@dataclass(frozen=True)
class GoalStatus:
    goal: str
    status: Status
    explanation: str
    indicators: tuple[IndicatorStatus, ...]

    @property
    def name(self) -> str:
        return status_name(self.status)


def fmt(value: float | Decimal, decimals: int) -> str:
    """A number as the active language writes it (:func:`mangfold.charts.locale.number`: Danish
    ``1.234,5``), with the minus sign −."""
    return number(float(value), active_language(), decimals).replace("-", "−")


def _with_unit(value: float | Decimal, indicator: Indicator) -> str:
    text = fmt(value, indicator.decimals)
    unit = _("percentage points") if indicator.unit == "percentage points" else indicator.unit
    return f"{text} {unit}" if unit else text


def _precision(decimals: int) -> str:
    if decimals == 0:
        return _("whole numbers")
    if decimals == 1:
        return _("one decimal")
    return _("{count} decimals").format(count=decimals)


def _better(direction: Direction) -> str:
    return _("higher") if direction is Direction.HIGHER else _("lower")


def _movement_word(movement: Movement) -> str:
    return {Movement.UP: _("up"), Movement.DOWN: _("down"), Movement.UNCHANGED: _("unchanged")}[movement]


def _endpoints(indicator: Indicator, values: ValueSet, group: str = "") -> tuple[Value | None, Value | None]:
    """The value of the base year and the latest value after it (``None`` where there is none)."""
    base = values.get(indicator.code, indicator.base_year, group)
    later = [y for y in values.years(indicator.code, group) if y > indicator.base_year]
    return base, values.get(indicator.code, later[-1], group) if later else None


def _white(indicator: Indicator, base: Value | None) -> IndicatorStatus:
    if base is None:
        text = _(
            "No value in the base year {year}: the change cannot be measured, so the status is {status}."
        )
    else:
        text = _(
            "No value since the base year {year}: the change cannot be measured, so the status is {status}."
        )
    explanation = text.format(year=indicator.base_year, status=status_name(Status.WHITE))
    return IndicatorStatus(indicator.code, Status.WHITE, indicator.rule, explanation, indicator.base_year)


def rounded_status(indicator: Indicator, values: ValueSet) -> IndicatorStatus:
    """The national barometer's rule: latest against base year on values rounded as published."""
    base, latest = _endpoints(indicator, values)
    if base is None or latest is None:
        return _white(indicator, base)
    then, now = (
        round_published(base.value, indicator.decimals),
        round_published(latest.value, indicator.decimals),
    )
    movement = Movement.UP if now > then else Movement.DOWN if now < then else Movement.UNCHANGED
    status = judge(movement, indicator.direction)
    fields = {
        "latest": _with_unit(now, indicator),
        "latest_year": latest.year,
        "base": _with_unit(then, indicator),
        "base_year": indicator.base_year,
        "precision": _precision(indicator.decimals),
        "status": status_name(status),
        "movement": _movement_word(movement),
        "better": _better(indicator.direction),
    }
    if movement is Movement.UNCHANGED:
        text = _(
            "{latest} in {latest_year} against {base} in the base year {base_year}, rounded to {precision}: "
            "unchanged, so the status is {status}."
        )
    else:
        text = _(
            "{latest} in {latest_year} against {base} in the base year {base_year}, rounded to {precision}: "
            "{movement}; {better} is better here, so the status is {status}."
        )
    return IndicatorStatus(
        indicator.code,
        status,
        Rule.ROUNDED,
        text.format(**fields),
        indicator.base_year,
        latest.year,
        base.value,
        latest.value,
        movement,
    )


def _count(value: Value | None) -> Count | None:
    if value is None or value.successes is None or value.total is None or value.total == 0:
        return None
    return Count(value.successes, value.total)


def statistical_status(indicator: Indicator, values: ValueSet) -> IndicatorStatus:
    """The change with its 95 % interval; "no significant change" (0 inside it) is yellow."""
    base, latest = _endpoints(indicator, values)
    if base is None or latest is None:
        return _white(indicator, base)
    years = (latest.year, indicator.base_year)
    if indicator.kind is Kind.GAP:
        first, second = indicator.groups
        counts = [_count(values.get(indicator.code, y, g)) for y in years for g in (first, second)]
        method = _("difference of differences, Wald")
    else:
        counts = [_count(latest), _count(base)]
        method = _("Newcombe's hybrid score interval")
    if any(c is None for c in counts):
        fallback = rounded_status(indicator, values)
        note = _("Counts are not known for both years, so the rounded rule is used.")
        return replace(fallback, explanation=f"{note} {fallback.explanation}")
    known = [c for c in counts if c is not None]
    if indicator.kind is Kind.GAP:
        interval = gap_change(known[0], known[1], known[2], known[3])
    else:
        interval = newcombe_difference(known[0], known[1])
    if interval.excludes_zero:
        movement = Movement.UP if interval.estimate > 0 else Movement.DOWN
    else:
        movement = Movement.UNCHANGED
    status = judge(movement, indicator.direction)
    points = 2 if indicator.decimals < 2 else indicator.decimals + 1
    fields = {
        "latest": _with_unit(latest.value, indicator),
        "latest_year": latest.year,
        "base": _with_unit(base.value, indicator),
        "base_year": indicator.base_year,
        "change": fmt(100 * interval.estimate, points),
        "low": fmt(100 * interval.low, points),
        "high": fmt(100 * interval.high, points),
        "method": method,
        "status": status_name(status),
        "better": _better(indicator.direction),
    }
    head = _(
        "{latest} in {latest_year} against {base} in the base year {base_year}: a change of {change} "
        "percentage points, 95 % confidence interval {low} to {high} ({method})."
    ).format(**fields)
    if movement is Movement.UNCHANGED:
        tail = _("The interval includes zero: no significant change, so the status is {status}.")
    else:
        tail = _(
            "The interval excludes zero: a significant change; {better} is better here, "
            "so the status is {status}."
        )
    return IndicatorStatus(
        indicator.code,
        status,
        Rule.STATISTICAL,
        f"{head} {tail.format(**fields)}",
        indicator.base_year,
        latest.year,
        base.value,
        latest.value,
        movement,
        interval,
    )


def indicator_status(indicator: Indicator, values: ValueSet) -> IndicatorStatus:
    """The indicator's status under its own rule (:attr:`Indicator.rule`)."""
    if indicator.rule is Rule.STATISTICAL:
        return statistical_status(indicator, values)
    return rounded_status(indicator, values)


def goal_status(goal: Goal, statuses: Sequence[IndicatorStatus]) -> GoalStatus:
    """The status more than half of the goal's indicators have (white included); else yellow."""
    tally = Counter(s.status for s in statuses)
    total = len(statuses)
    majority = next((status for status in Status if 2 * tally[status] > total), None)
    status = Status.YELLOW if majority is None else majority
    counts = _(
        "The goal's {total} indicators: green {green}, yellow {yellow}, red {red}, white {white}"
    ).format(
        total=total,
        green=tally[Status.GREEN],
        yellow=tally[Status.YELLOW],
        red=tally[Status.RED],
        white=tally[Status.WHITE],
    )
    if total == 1:
        text = _("The goal has one indicator, so it takes its status: {status}.")
    elif majority is not None:
        text = counts + _("; more than half are {status}, so the goal is {status}.")
    else:
        text = counts + _("; no status holds more than half, so the goal is {status}.")
    return GoalStatus(goal.code, status, text.format(status=status_name(status)), tuple(statuses))


def barometer_statuses(barometer: Barometer, values: ValueSet) -> tuple[GoalStatus, ...]:
    """Every goal's status with its indicators' statuses, in the order of the definition."""
    return tuple(
        goal_status(goal, [indicator_status(barometer.indicator(code), values) for code in goal.indicators])
        for goal in barometer.goals
    )
