"""Counterfactual populations and the decomposition of a difference in segregation.

Two cities (or one city in two years) differ in segregation because their *spatial structure*
differs (how the group is arranged over the areas) and because their *composition* differs (the
group's size and the distribution of its shares). Rey, Cortes & Knaap (2021) separate the two
with counterfactual populations: city 1's areas given city 2's distribution of the group,
matched by rank, and vice versa (the approach of PySAL ``segregation`` 2.5.4's
``DecomposeSegregation``, matched here exactly).

Counterfactuals for city 1 (city 2 is symmetric); ``r_i`` is the percentile rank of area i in
city 1 (average rank / n, pandas ``rank(pct=True)``) and ``Q_2(q)`` the q-quantile of city 2's
values (linear interpolation):

- ``"composition"``: ``x'_i = Q_2(r_i of p_i) · t_i`` with ``p = x / t``; totals kept.
- ``"share"``: ``x'_i ∝ Q_2(r_i of x_i / X)`` rescaled to sum to X, likewise for ``y = t - x``
  and Y; ``t'_i = x'_i + y'_i``.
- ``"dual_composition"``: ``x'_i = Q_2(r_i of p_i) t_i``, ``y'_i = Q_2(r_i of y_i / t_i) t_i``,
  ``t'_i = x'_i + y'_i``.

Decomposition (a Shapley decomposition over the two factors; ``G(S_a, A_b)`` is the index on
city a's structure with city b's attributes, ``G(S_1, A_2)`` on city 1's counterfactual):
``C_S = ½ [G(S1,A1) − G(S2,A1) + G(S1,A2) − G(S2,A2)]``,
``C_A = ½ [G(S1,A1) − G(S1,A2) + G(S2,A1) − G(S2,A2)]``, and ``C_S + C_A = G(S1,A1) − G(S2,A2)``.

Rey, S. J., Cortes, R. X. & Knaap, E. (2021). Comparative spatial segregation analytics.
*Spatial Demography* 9, 31–64. Shorrocks, A. F. (2013). Decomposition procedures for
distributional analysis: a unified framework based on the Shapley value. *Journal of Economic
Inequality* 11, 99–126.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ._validate import FloatArray, SegregationInputError, check_single, shares

APPROACHES: tuple[str, ...] = ("composition", "share", "dual_composition")


@dataclass(frozen=True)
class Counterfactual:
    """A city's areas with another city's distribution: group counts ``x`` and totals ``t``."""

    x: FloatArray
    t: FloatArray


def _matched(own: FloatArray, other: FloatArray) -> FloatArray:
    """``Q_other(rank_pct(own))``: own's percentile ranks read off other's quantile function."""
    from scipy.stats import rankdata

    ranks = rankdata(own, method="average") / own.size
    return np.asarray(np.quantile(other, ranks), dtype=np.float64)


def _fraction(values: FloatArray) -> FloatArray:
    total = values.sum()
    return values / total if total > 0 else np.zeros_like(values)


def _one_way(x1: FloatArray, t1: FloatArray, x2: FloatArray, t2: FloatArray, approach: str) -> Counterfactual:
    y1, y2 = t1 - x1, t2 - x2
    if approach == "share":
        cx = _fraction(_matched(_fraction(x1), _fraction(x2))) * x1.sum()
        cy = _fraction(_matched(_fraction(y1), _fraction(y2))) * y1.sum()
        return Counterfactual(cx, cx + cy)
    cx = _matched(shares(x1, t1), shares(x2, t2)) * t1
    if approach == "composition":
        return Counterfactual(cx, t1.copy())
    cy = _matched(shares(y1, t1), shares(y2, t2)) * t1
    return Counterfactual(cx, cx + cy)


def counterfactuals(
    x1: npt.ArrayLike,
    t1: npt.ArrayLike,
    x2: npt.ArrayLike,
    t2: npt.ArrayLike,
    /,
    approach: str = "composition",
) -> tuple[Counterfactual, Counterfactual]:
    """City 1 with city 2's distribution of the group, and city 2 with city 1's (module doc).

    Matches PySAL ``segregation``'s ``_generate_counterfactual`` (``sim_composition``,
    ``sim_share``, ``sim_dual_composition``).
    """
    if approach not in APPROACHES:
        raise SegregationInputError(f"approach must be one of {', '.join(APPROACHES)}, got {approach!r}.")
    a1, b1 = check_single(x1, t1)
    a2, b2 = check_single(x2, t2)
    if a1.ndim != 1 or a2.ndim != 1 or a1.shape != b1.shape or a2.shape != b2.shape:
        raise SegregationInputError("Each city needs one group count and one total per area.")
    return _one_way(a1, b1, a2, b2, approach), _one_way(a2, b2, a1, b1, approach)


@dataclass(frozen=True)
class Decomposition:
    """A difference in segregation split into spatial and compositional (attribute) parts.

    Attributes:
        difference: ``G(S1,A1) − G(S2,A2)``, the observed difference.
        spatial: ``C_S``, the part due to the arrangement over space.
        attribute: ``C_A``, the part due to the composition.
        s1_a1, s1_a2, s2_a1, s2_a2: the four indices (``s1_a2``: city 1's structure, city 2's
            attributes).
        approach: the counterfactual approach.
    """

    difference: float
    spatial: float
    attribute: float
    s1_a1: float
    s1_a2: float
    s2_a1: float
    s2_a2: float
    approach: str


def decompose(
    index_fn: Callable[..., Any],
    x1: npt.ArrayLike,
    t1: npt.ArrayLike,
    x2: npt.ArrayLike,
    t2: npt.ArrayLike,
    /,
    *,
    approach: str = "composition",
    **params: Any,
) -> Decomposition:
    """Decompose ``index_fn(x1, t1) − index_fn(x2, t2)`` into spatial and attribute parts.

    ``index_fn`` is a single-group index ``f(x, t, /, **params)``; see the module doc.
    """
    first, second = counterfactuals(x1, t1, x2, t2, approach=approach)
    s1_a1 = float(index_fn(np.asarray(x1, np.float64), np.asarray(t1, np.float64), **params))
    s2_a2 = float(index_fn(np.asarray(x2, np.float64), np.asarray(t2, np.float64), **params))
    s1_a2 = float(index_fn(first.x, first.t, **params))
    s2_a1 = float(index_fn(second.x, second.t, **params))
    return Decomposition(
        difference=s1_a1 - s2_a2,
        spatial=0.5 * (s1_a1 - s2_a1 + s1_a2 - s2_a2),
        attribute=0.5 * (s1_a1 - s1_a2 + s2_a1 - s2_a2),
        s1_a1=s1_a1,
        s1_a2=s1_a2,
        s2_a1=s2_a1,
        s2_a2=s2_a2,
        approach=approach,
    )
