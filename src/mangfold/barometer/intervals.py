"""Confidence intervals for the statistical status rule: a proportion, a change in one, a change in a gap.

Proportions are ``successes / total`` (e.g. employed of all 25–64-year-olds). The years are treated as
independent samples; register counts are whole populations, so the interval reads as the play of chance
in who happens to be in the group that year, the usual reading in official monitoring.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

__all__ = ["Count", "Interval", "gap_change", "newcombe_difference", "wilson"]

Z95 = NormalDist().inv_cdf(0.975)
"""1.959963…: the standard normal quantile of a two-sided 95 % interval."""


@dataclass(frozen=True)
class Count:
    """``successes`` of ``total`` (``total`` > 0)."""

    successes: int
    total: int

    def __post_init__(self) -> None:
        if not (self.total > 0 and 0 <= self.successes <= self.total):
            raise ValueError(
                f"a count needs 0 ≤ successes ≤ total and total > 0, not {self.successes}/{self.total}"
            )

    @property
    def proportion(self) -> float:
        return self.successes / self.total


@dataclass(frozen=True)
class Interval:
    """An estimate with the lower and upper limits of its 95 % confidence interval."""

    estimate: float
    low: float
    high: float

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0


def wilson(count: Count, z: float = Z95) -> Interval:
    """The Wilson score interval of a proportion.

    ``(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)``. Wilson, E. B. (1927), "Probable inference, the
    law of succession, and statistical inference", JASA 22: 209–212; Newcombe (1998a), method 3.
    """
    n, p = count.total, count.proportion
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return Interval(p, centre - half, centre + half)


def newcombe_difference(later: Count, earlier: Count, z: float = Z95) -> Interval:
    """The change ``p₁ − p₀`` between two independent proportions, with Newcombe's hybrid score interval.

    With Wilson limits ``(l₁, u₁)`` and ``(l₀, u₀)``: ``δ − √((p₁−l₁)² + (u₀−p₀)²)`` to
    ``δ + √((u₁−p₁)² + (p₀−l₀)²)``. Newcombe, R. G. (1998), "Interval estimation for the difference
    between independent proportions: comparison of eleven methods", Statistics in Medicine 17: 873–890,
    method 10. It keeps its coverage for small counts and proportions near 0 or 1, where the Wald interval
    does not.
    """
    p1, p0 = later.proportion, earlier.proportion
    w1, w0 = wilson(later, z), wilson(earlier, z)
    delta = p1 - p0
    low = delta - math.sqrt((p1 - w1.low) ** 2 + (w0.high - p0) ** 2)
    high = delta + math.sqrt((w1.high - p1) ** 2 + (p0 - w0.low) ** 2)
    return Interval(delta, low, high)


def gap_change(
    later_first: Count, later_second: Count, earlier_first: Count, earlier_second: Count, z: float = Z95
) -> Interval:
    """The change in a gap between two groups (a difference of differences) with its Wald interval.

    Gap = p(first) − p(second) in each year; change = gap₁ − gap₀; its standard error is the root of the
    sum of the four binomial variances ``p(1−p)/n`` (four independent samples). Altman, D. G. and
    Bland, J. M. (2003), "Interaction revisited: the difference between two estimates", BMJ 326: 219.
    """
    counts = (later_first, later_second, earlier_first, earlier_second)
    p = [c.proportion for c in counts]
    change = (p[0] - p[1]) - (p[2] - p[3])
    se = math.sqrt(sum(q * (1 - q) / c.total for q, c in zip(p, counts, strict=True)))
    return Interval(change, change - z * se, change + z * se)
