"""The status rules on hand-computed cases: rounding, direction, two of three, white, the intervals."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mangfold.barometer.intervals import Count, gap_change, newcombe_difference, wilson
from mangfold.barometer.model import Direction, Goal, Indicator, Kind, Rule, Value, ValueSet
from mangfold.barometer.rules import (
    IndicatorStatus,
    Movement,
    Status,
    goal_status,
    indicator_status,
    judge,
    round_published,
    status_name,
)
from mangfold.i18n import language


def employment(decimals: int = 0, rule: Rule = Rule.ROUNDED) -> Indicator:
    return Indicator(
        "employment",
        "Beskæftigelse",
        "Employment",
        unit="%",
        direction=Direction.HIGHER,
        base_year=2012,
        decimals=decimals,
        rule=rule,
    )


def gap(rule: Rule = Rule.ROUNDED) -> Indicator:
    return Indicator(
        "gap",
        "Beskæftigelsesgab",
        "Employment gap",
        unit="percentage points",
        direction=Direction.LOWER,
        base_year=2012,
        kind=Kind.GAP,
        groups=("danish", "nonwestern"),
        rule=rule,
    )


def values(*rows: tuple[str, int, float]) -> ValueSet:
    return ValueSet.of(Value(code, year, value) for code, year, value in rows)


def test_rounding_is_half_away_from_zero_not_to_even() -> None:
    assert round_published(60.5, 0) == 61  # Python's round(60.5) gives 60
    assert round_published(59.6, 0) == 60
    assert str(round_published(0.25, 1)) == "0.3"
    assert str(round_published(-2.5, 0)) == "-3"


def test_59_6_against_a_base_of_60_is_unchanged_on_whole_per_cent() -> None:
    result = indicator_status(employment(), values(("employment", 2012, 60.0), ("employment", 2022, 59.6)))
    assert (result.status, result.movement) == (Status.YELLOW, Movement.UNCHANGED)


def test_the_same_values_move_down_when_published_with_one_decimal() -> None:
    result = indicator_status(employment(1), values(("employment", 2012, 60.0), ("employment", 2022, 59.6)))
    assert (result.status, result.movement) == (Status.RED, Movement.DOWN)


def test_60_5_rounds_up_and_is_green_where_higher_is_better() -> None:
    result = indicator_status(employment(), values(("employment", 2012, 60.0), ("employment", 2022, 60.5)))
    assert result.status is Status.GREEN


def test_a_falling_gap_is_green_where_lower_is_better() -> None:
    result = indicator_status(gap(), values(("gap", 2012, 26.0), ("gap", 2022, 20.0)))
    assert (result.status, result.movement) == (Status.GREEN, Movement.DOWN)
    assert judge(Movement.UP, Direction.LOWER) is Status.RED


def test_the_latest_year_after_the_base_is_compared_not_an_earlier_one() -> None:
    rows = values(("employment", 2010, 70.0), ("employment", 2012, 51.0), ("employment", 2022, 60.0))
    result = indicator_status(employment(), rows)
    assert (result.latest_year, result.status) == (2022, Status.GREEN)


def test_no_value_in_the_base_year_is_white() -> None:
    result = indicator_status(employment(), values(("employment", 2013, 55.0), ("employment", 2022, 60.0)))
    assert result.status is Status.WHITE
    assert "2012" in result.explanation


def test_no_value_after_the_base_year_is_white() -> None:
    assert indicator_status(employment(), values(("employment", 2012, 55.0))).status is Status.WHITE


def status(code: str, value: Status) -> IndicatorStatus:
    return IndicatorStatus(code, value, Rule.ROUNDED, "", 2012)


GOAL = Goal("work", "Beskæftigelse", "Work", indicators=("a", "b", "c"))


@pytest.mark.parametrize(
    ("three", "expected"),
    [
        ((Status.GREEN, Status.GREEN, Status.RED), Status.GREEN),
        ((Status.RED, Status.YELLOW, Status.RED), Status.RED),
        ((Status.GREEN, Status.RED, Status.YELLOW), Status.YELLOW),
        ((Status.GREEN, Status.WHITE, Status.GREEN), Status.GREEN),
        ((Status.GREEN, Status.WHITE, Status.WHITE), Status.WHITE),
        ((Status.GREEN, Status.RED, Status.WHITE), Status.YELLOW),
    ],
)
def test_a_goal_with_three_indicators_moves_with_two_of_them(
    three: tuple[Status, Status, Status], expected: Status
) -> None:
    result = goal_status(GOAL, [status(code, s) for code, s in zip("abc", three, strict=True)])
    assert result.status is expected


def test_a_goal_with_two_indicators_needs_both() -> None:
    goal = Goal("work", "Beskæftigelse", "Work", indicators=("a", "b"))
    assert goal_status(goal, [status("a", Status.GREEN), status("b", Status.YELLOW)]).status is Status.YELLOW
    assert goal_status(goal, [status("a", Status.RED), status("b", Status.RED)]).status is Status.RED


def test_statuses_are_named_in_words_in_both_languages() -> None:
    assert [status_name(s) for s in Status] == ["green", "yellow", "red", "white"]
    with language("da"):
        assert [status_name(s) for s in Status] == ["grøn", "gul", "rød", "hvid"]


def test_the_explanation_gives_the_rounded_figures_and_the_status_in_danish() -> None:
    with language("da"):
        result = indicator_status(
            employment(), values(("employment", 2012, 60.0), ("employment", 2022, 59.6))
        )
    assert result.explanation == (
        "60 % i 2022 mod 60 % i basisåret 2012, afrundet til hele tal: uændret, så status er gul."
    )


def test_the_wilson_interval_matches_newcombe_1998() -> None:
    # Newcombe (1998a), Table I: 81/263, Wilson score interval 0.2553 to 0.3662.
    interval = wilson(Count(81, 263))
    assert (round(interval.low, 4), round(interval.high, 4)) == (0.2553, 0.3662)


def test_the_hybrid_score_interval_matches_newcombe_1998() -> None:
    # Newcombe (1998b), Table II, example (a): 56/70 − 48/80, method 10: 0.0524 to 0.3339.
    interval = newcombe_difference(Count(56, 70), Count(48, 80))
    assert (round(interval.low, 4), round(interval.high, 4)) == (0.0524, 0.3339)
    assert interval.estimate == pytest.approx(0.2)


def test_the_change_in_a_gap_has_a_wald_interval_over_four_variances() -> None:
    # gaps 0.6 − 0.4 = 0.2 now, 0.6 − 0.3 = 0.3 then: change −0.1; variance (3 × 0.24 + 0.21) / 1000.
    interval = gap_change(Count(600, 1000), Count(400, 1000), Count(600, 1000), Count(300, 1000))
    se = (0.00093) ** 0.5
    assert interval.estimate == pytest.approx(-0.1)
    assert (interval.low, interval.high) == pytest.approx((-0.1 - 1.959964 * se, -0.1 + 1.959964 * se))


def counted(code: str, year: int, value: float, successes: int, total: int, group: str = "") -> Value:
    return Value(code, year, value, group=group, successes=successes, total=total)


def test_a_small_rise_without_significance_is_yellow_under_the_statistical_rule() -> None:
    rows = ValueSet.of(
        [counted("employment", 2012, 50.0, 50, 100), counted("employment", 2022, 55.0, 55, 100)]
    )
    result = indicator_status(employment(rule=Rule.STATISTICAL), rows)
    assert (result.status, result.rule) == (Status.YELLOW, Rule.STATISTICAL)
    assert "no significant change" in result.explanation
    # the rounded rule would call the same figures green
    assert indicator_status(employment(), rows).status is Status.GREEN


def test_a_significant_fall_in_a_gap_is_green_under_the_statistical_rule() -> None:
    rows = ValueSet.of(
        [
            Value("gap", 2012, 30.0),
            Value("gap", 2022, 20.0),
            counted("gap", 2012, 60.0, 600, 1000, "danish"),
            counted("gap", 2012, 30.0, 300, 1000, "nonwestern"),
            counted("gap", 2022, 60.0, 600, 1000, "danish"),
            counted("gap", 2022, 40.0, 400, 1000, "nonwestern"),
        ]
    )
    result = indicator_status(gap(Rule.STATISTICAL), rows)
    assert (result.status, result.movement) == (Status.GREEN, Movement.DOWN)
    assert "−10.00 percentage points" in result.explanation


def test_without_counts_the_statistical_rule_uses_the_rounded_rule_and_says_so() -> None:
    rows = values(("employment", 2012, 51.0), ("employment", 2022, 60.0))
    result = indicator_status(employment(rule=Rule.STATISTICAL), rows)
    assert (result.status, result.rule) == (Status.GREEN, Rule.ROUNDED)
    assert result.explanation.startswith("Counts are not known for both years")


def test_the_barometer_core_imports_no_django() -> None:
    code = "import sys, mangfold.barometer.rules; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
