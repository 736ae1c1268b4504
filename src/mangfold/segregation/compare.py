"""Is the difference in segregation between two cities (or two years) larger than chance?

The statistic is ``index(city 1) − index(city 2)``; each replicate recomputes it under a null
model of no difference (PySAL ``segregation`` 2.5.4's ``TwoValueTest``, whose nulls are matched):

- ``"random_label"``: the areas of both cities are pooled and dealt back at random, each city
  keeping its number of areas.
- ``"person_permutation"``: the persons of both cities are pooled and their group labels
  shuffled, every area keeping its total and every group its city-wide total (see
  :func:`mangfold.segregation.inference.draw_person_permutation`); the areas stay in their city.
- ``"composition"``, ``"share"``, ``"dual_composition"``: each area of each city takes, on a fair
  coin, its observed population (x_i, t_i) or its counterfactual one (x'_i, t'_i), the other
  city's distribution (:func:`mangfold.segregation.decomposition.counterfactuals`). With
  ``"composition"`` (t' = t) this is PySAL's null exactly. With ``"share"`` and
  ``"dual_composition"`` PySAL pairs the *observed* x_i with the counterfactual t'_i, which can
  put more group members in an area than it has persons (its index then raises); we keep each
  area's pair together.
- ``"bootstrap"``: each city's areas are resampled with replacement; ``simulated`` is the
  bootstrap distribution of the difference, ``ci`` its percentile interval and the p-value
  tests a difference of 0 (``(1 + #{diff <= 0}) / (R + 1)`` for ``"greater"``). PySAL instead
  uses a t statistic on the two bootstrap distributions.

p-values and intervals as in :mod:`mangfold.segregation.inference` (+1 correction). The nulls
that move areas between cities (random labels, bootstrap) suit aspatial indices only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from ._validate import SegregationInputError, check_single
from .decomposition import counterfactuals
from .inference import (
    InferenceResult,
    Seed,
    _check_options,
    _result,
    as_count_table,
    draw_bootstrap,
    draw_person_permutation,
    resolve_seed,
    simulate_in_chunks,
)

COMPARISON_NULLS: tuple[str, ...] = (
    "random_label",
    "person_permutation",
    "composition",
    "share",
    "dual_composition",
    "bootstrap",
)
MULTIGROUP_COMPARISON_NULLS: tuple[str, ...] = ("random_label", "person_permutation", "bootstrap")

Pair = Callable[[npt.NDArray[Any], npt.NDArray[Any]], Any]


def _random_labels(
    pooled: npt.NDArray[Any], n1: int, replicates: int, rng: np.random.Generator
) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    order = rng.permuted(np.broadcast_to(np.arange(pooled.shape[0]), (replicates, pooled.shape[0])), axis=1)
    return pooled[order[:, :n1]], pooled[order[:, n1:]]


def _simulate_pairs(
    first: npt.NDArray[Any],
    second: npt.NDArray[Any],
    evaluate: Pair,
    null: str,
    replicates: int,
    rng: np.random.Generator,
) -> npt.NDArray[np.float64]:
    """Replicates of ``evaluate(city 1 batch, city 2 batch)`` for the table-based nulls."""
    if null == "person_permutation":
        first, second = as_count_table(first), as_count_table(second)
    n1 = first.shape[0]
    pooled = np.concatenate([first, second])

    def batch(size: int) -> Any:
        if null == "random_label":
            one, two = _random_labels(pooled, n1, size, rng)
        elif null == "person_permutation":
            drawn = draw_person_permutation(pooled, size, rng)
            one, two = drawn[:, :n1], drawn[:, n1:]
        else:  # bootstrap
            one = first[draw_bootstrap(first.shape[0], size, rng)]
            two = second[draw_bootstrap(second.shape[0], size, rng)]
        return evaluate(one, two)

    return simulate_in_chunks(replicates, pooled.size, batch)


def _counterfactual_draws(
    index_fn: Callable[..., Any],
    city1: tuple[Any, Any],
    city2: tuple[Any, Any],
    null: str,
    replicates: int,
    rng: np.random.Generator,
    params: dict[str, Any],
) -> npt.NDArray[np.float64]:
    """Replicates for the counterfactual nulls: each area keeps, on a fair coin, its own population."""
    (x1, t1), (x2, t2) = city1, city2
    cf1, cf2 = counterfactuals(x1, t1, x2, t2, approach=null)

    def batch(size: int) -> Any:
        coin1 = rng.random((size, x1.size)) > 0.5
        coin2 = rng.random((size, x2.size)) > 0.5
        value1 = index_fn(np.where(coin1, x1, cf1.x), np.where(coin1, t1, cf1.t), **params)
        value2 = index_fn(np.where(coin2, x2, cf2.x), np.where(coin2, t2, cf2.t), **params)
        return value1 - value2

    return simulate_in_chunks(replicates, x1.size + x2.size, batch)


def _city(x: npt.ArrayLike, t: npt.ArrayLike, name: str) -> tuple[Any, Any]:
    try:
        xa, ta = check_single(x, t)
    except SegregationInputError as error:
        raise SegregationInputError(f"{name}, {error}", area=error.area) from error
    if xa.ndim != 1 or xa.shape != ta.shape:
        raise SegregationInputError(f"{name}: x and t must be one-dimensional, one per area.")
    return xa, ta


def compare(
    index_fn: Callable[..., Any],
    x1: npt.ArrayLike,
    t1: npt.ArrayLike,
    x2: npt.ArrayLike,
    t2: npt.ArrayLike,
    /,
    *,
    null: str = "random_label",
    replicates: int = 999,
    seed: Seed = None,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    **params: Any,
) -> InferenceResult:
    """Test ``index_fn(x1, t1) − index_fn(x2, t2)`` against a null of no difference."""
    _check_options(null, replicates, alternative, COMPARISON_NULLS)
    a1, b1 = _city(x1, t1, "city 1")
    a2, b2 = _city(x2, t2, "city 2")
    rng, recorded = resolve_seed(seed)
    observed = float(index_fn(a1, b1, **params)) - float(index_fn(a2, b2, **params))

    if null in ("composition", "share", "dual_composition"):
        simulated = _counterfactual_draws(index_fn, (a1, b1), (a2, b2), null, replicates, rng, params)
    else:
        first = np.column_stack([a1, b1 - a1])
        second = np.column_stack([a2, b2 - a2])

        def evaluate(one: npt.NDArray[Any], two: npt.NDArray[Any]) -> Any:
            g1, g2 = one[..., 0].astype(np.float64), two[..., 0].astype(np.float64)
            return index_fn(g1, g1 + one[..., 1], **params) - index_fn(g2, g2 + two[..., 1], **params)

        simulated = _simulate_pairs(first, second, evaluate, null, replicates, rng)
    return _result(
        observed,
        simulated,
        null=null,
        seed=recorded,
        alternative=alternative,
        confidence=confidence,
        null_value=0.0,
    )


def compare_multigroup(
    index_fn: Callable[..., Any],
    counts1: npt.ArrayLike,
    counts2: npt.ArrayLike,
    /,
    *,
    null: str = "random_label",
    replicates: int = 999,
    seed: Seed = None,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    **params: Any,
) -> InferenceResult:
    """Test ``index_fn(counts1) − index_fn(counts2)`` for a multigroup index (same groups).

    Nulls: ``"random_label"``, ``"person_permutation"`` and ``"bootstrap"`` (the counterfactual
    nulls are defined for one group only, as in PySAL).
    """
    _check_options(null, replicates, alternative, MULTIGROUP_COMPARISON_NULLS)
    first = np.asarray(counts1, dtype=np.float64)
    second = np.asarray(counts2, dtype=np.float64)
    if first.ndim != 2 or second.ndim != 2 or first.shape[1] != second.shape[1]:
        raise SegregationInputError("Both cities need (areas, groups) tables with the same groups.")
    rng, recorded = resolve_seed(seed)
    observed = float(index_fn(first, **params)) - float(index_fn(second, **params))

    def evaluate(one: npt.NDArray[Any], two: npt.NDArray[Any]) -> Any:
        return index_fn(one.astype(np.float64), **params) - index_fn(two.astype(np.float64), **params)

    simulated = _simulate_pairs(first, second, evaluate, null, replicates, rng)
    return _result(
        observed,
        simulated,
        null=null,
        seed=recorded,
        alternative=alternative,
        confidence=confidence,
        null_value=0.0,
    )
