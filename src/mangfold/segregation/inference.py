"""Inference for segregation indices: null models, bootstrap, p-values and intervals.

Each replicate redistributes the counts under a null model and recomputes the index; all the
replicates of a chunk are drawn at once and the index is evaluated on the (R, n) batch.

Null models (PySAL ``segregation`` 2.5.4's ``SingleValueTest`` ``null_approach``; a single group
x is treated as the two groups x and t - x):

- ``"systematic"``: each group's total ``N_g`` is spread over the areas at random in proportion
  to the area totals, ``(n_1g, ..., n_ng) ~ Multinomial(N_g, t / T)``, independently per group;
  group totals fixed, area totals random.
- ``"evenness"``: each area's persons are drawn from the city-wide composition,
  ``(n_i1, ..., n_ik) ~ Multinomial(t_i, N / T)``; area totals fixed, group totals random.
- ``"person_permutation"``: the persons' group labels are shuffled; area *and* group totals are
  fixed and the table is multivariate hypergeometric. Drawn group by group, each group's
  allocation ``~ MVHypergeometric(remaining capacity per area, N_g)``: the first group with
  ``Generator.multivariate_hypergeometric`` (one urn, all replicates), the next ones by a binary
  split of the areas (``Generator.hypergeometric`` on all replicates at once). City populations
  must stay below 10^9 persons (NumPy's limit).
- ``"bootstrap"``: n areas drawn with replacement; the interval is a percentile bootstrap
  interval of the index, and the p-value tests ``index = null_value`` (default 0).

p-values count the observed statistic as one of the draws (Davison & Hinkley 1997; North et al.
2002): ``p_greater = (1 + #{sim >= obs}) / (R + 1)``, ``p_less = (1 + #{sim <= obs}) / (R + 1)``,
two-sided ``min(1, 2 min(p_greater, p_less))`` (ties within 100 ulp count as equal). PySAL uses
``#{sim > obs} / R`` and can report 0. For the bootstrap the roles swap: ``p_greater = (1 +
#{sim <= null_value}) / (R + 1)`` tests whether the index exceeds ``null_value``.

Reproducibility: every draw comes from one :class:`numpy.random.Generator` seeded by ``seed``
(an int, a Generator, or None for fresh OS entropy, which is recorded in the result). Replicates
are drawn in chunks whose size depends only on the data's shape, so a seed gives the same
result on every machine. PySAL's parallel workers (``backend="multiprocessing"``) inherit the
global NumPy state of the parent and can repeat the same draws; here no two replicates share
draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ._validate import FloatArray, SegregationInputError, check_single

Null = Literal["systematic", "evenness", "person_permutation", "bootstrap"]
NULLS: tuple[str, ...] = ("systematic", "evenness", "person_permutation", "bootstrap")
Alternative = Literal["two-sided", "greater", "less"]
ALTERNATIVES: tuple[str, ...] = ("two-sided", "greater", "less")
Seed = int | np.random.Generator | None
IntArray = npt.NDArray[np.int64]

#: Count cells drawn per chunk of replicates (R_chunk · n · k).
_CHUNK_CELLS = 1 << 23


@dataclass(frozen=True, eq=False)
class InferenceResult:
    """The outcome of a simulation test (immutable: ``simulated`` is a read-only array).

    Attributes:
        observed: the index on the data (for comparisons: index(first) - index(second)).
        simulated: the index in each replicate, shape (replicates,).
        p_value: for ``alternative`` (see the module doc).
        ci: percentile interval of ``simulated`` at ``confidence``.
        null: the null model or resampling scheme.
        replicates: number of replicates.
        seed: the integer seed that reproduces the result (None when a Generator was passed).
        alternative: ``"two-sided"``, ``"greater"`` or ``"less"``.
        confidence: the interval's level.
    """

    observed: float
    simulated: FloatArray
    p_value: float
    ci: tuple[float, float]
    null: str
    replicates: int
    seed: int | None
    alternative: str
    confidence: float


def resolve_seed(seed: Seed) -> tuple[np.random.Generator, int | None]:
    """The Generator to draw from and the integer seed to record (fresh entropy for None)."""
    if isinstance(seed, np.random.Generator):
        return seed, None
    if seed is None:
        seed = int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise SegregationInputError("seed must be a non-negative int, a Generator or None.")
    return np.random.default_rng(int(seed)), int(seed)


def as_count_table(counts: npt.ArrayLike) -> IntArray:
    """Validate an (n, k) table of whole, non-negative counts and return it as int64."""
    table = np.asarray(counts, dtype=np.float64)
    if table.ndim != 2:
        raise SegregationInputError(f"Counts must be an (areas, groups) table, got {table.shape}.")
    bad = ~np.isfinite(table) | (table < 0) | (table != np.round(table))
    if bad.any():
        area = int(np.argwhere(bad)[0][0])
        raise SegregationInputError(
            f"area {area}: a count is not a whole non-negative number (the null models redistribute persons)",
            area=area,
        )
    return table.astype(np.int64)


def draw_systematic(counts: npt.ArrayLike, replicates: int, seed: Seed = None) -> IntArray:
    """``(R, n, k)`` tables: group g's total spread by ``Multinomial(N_g, t / T)``."""
    rng = np.random.default_rng(seed)
    table = as_count_table(counts)
    totals = table.sum(axis=1)
    grand = totals.sum()
    if grand == 0:
        raise SegregationInputError("There is nobody to redistribute.")
    probabilities = totals / grand
    out = np.empty((replicates, *table.shape), dtype=np.int64)
    for group, size in enumerate(table.sum(axis=0)):
        out[:, :, group] = rng.multinomial(int(size), probabilities, size=replicates)
    return out


def draw_evenness(counts: npt.ArrayLike, replicates: int, seed: Seed = None) -> IntArray:
    """``(R, n, k)`` tables: area i's persons drawn by ``Multinomial(t_i, N / T)``."""
    rng = np.random.default_rng(seed)
    table = as_count_table(counts)
    group_totals = table.sum(axis=0)
    grand = group_totals.sum()
    if grand == 0:
        raise SegregationInputError("There is nobody to redistribute.")
    totals = table.sum(axis=1)
    shares = group_totals / grand
    if table.shape[1] == 2:  # the single-group case, drawn as PySAL does: x_i ~ Bin(t_i, P)
        first = rng.binomial(totals, shares[0], size=(replicates, table.shape[0]))
        return np.stack([first, totals - first], axis=-1)
    return np.asarray(rng.multinomial(totals, shares, size=(replicates, table.shape[0])), dtype=np.int64)


def _hypergeometric_split(colors: IntArray, nsample: IntArray, rng: np.random.Generator) -> IntArray:
    """Multivariate hypergeometric draws, one per row: ``nsample[b]`` items from ``colors[b]``.

    Adjacent columns are paired level by level (an odd last column passes up unpaired) into a
    binary tree; going down, the items of a pair's segment that fall in its left part are
    ``Hypergeometric(left sum, right sum, segment count)``. One vectorised call per level,
    about log2(m) levels and m - 1 draws per row in all.
    """
    rows = colors.shape[0]
    levels = [colors]
    while levels[-1].shape[1] > 1:
        finer = levels[-1]
        pairs = finer.shape[1] // 2
        coarser = finer[:, 0 : 2 * pairs : 2] + finer[:, 1 : 2 * pairs : 2]
        if finer.shape[1] % 2:
            coarser = np.concatenate([coarser, finer[:, -1:]], axis=1)
        levels.append(coarser)
    counts = nsample.reshape(rows, 1).astype(np.int64)
    for finer in reversed(levels[:-1]):
        pairs = finer.shape[1] // 2
        split = np.empty_like(finer)
        left = rng.hypergeometric(finer[:, 0 : 2 * pairs : 2], finer[:, 1 : 2 * pairs : 2], counts[:, :pairs])
        split[:, 0 : 2 * pairs : 2] = left
        split[:, 1 : 2 * pairs : 2] = counts[:, :pairs] - left
        if finer.shape[1] % 2:
            split[:, -1] = counts[:, -1]
        counts = split
    return counts


def draw_person_permutation(counts: npt.ArrayLike, replicates: int, seed: Seed = None) -> IntArray:
    """``(R, n, k)`` tables with every area total and every group total of ``counts`` kept."""
    rng = np.random.default_rng(seed)
    table = as_count_table(counts)
    n, k = table.shape
    if table.sum() >= 10**9:
        raise SegregationInputError("Person permutation supports populations below 10^9.")
    totals = table.sum(axis=1)
    capacity = np.broadcast_to(totals, (replicates, n)).copy()
    out = np.empty((replicates, n, k), dtype=np.int64)
    for group in range(k - 1):
        size = table[:, group].sum()
        if group == 0:  # the same urn for every replicate: NumPy's sampler draws them all
            drawn = rng.multivariate_hypergeometric(totals, size, size=replicates)
        else:
            sizes = np.full(replicates, size, dtype=np.int64)
            drawn = _hypergeometric_split(capacity, sizes, rng)
        out[:, :, group] = drawn
        capacity -= drawn
    out[:, :, k - 1] = capacity
    return out


def draw_bootstrap(areas: int, replicates: int, seed: Seed = None) -> IntArray:
    """``(R, n)`` indices of areas drawn with replacement."""
    rng = np.random.default_rng(seed)
    return np.asarray(rng.integers(0, areas, size=(replicates, areas)), dtype=np.int64)


def draw_null(
    null: str, table: npt.NDArray[Any], replicates: int, rng: np.random.Generator
) -> npt.NDArray[Any]:
    """``replicates`` tables drawn under ``null`` (one of :data:`NULLS`) from ``table``: the systematic,
    evenness and person-permutation nulls redistribute the counts, the bootstrap resamples the areas."""
    if null == "systematic":
        return draw_systematic(table, replicates, rng)
    if null == "evenness":
        return draw_evenness(table, replicates, rng)
    if null == "person_permutation":
        return draw_person_permutation(table, replicates, rng)
    return table[draw_bootstrap(table.shape[0], replicates, rng)]


def p_value(
    observed: float,
    simulated: npt.ArrayLike,
    alternative: str = "two-sided",
    *,
    bootstrap: bool = False,
    null_value: float = 0.0,
) -> float:
    """The +1-corrected Monte Carlo p-value (see the module doc); non-finite draws are dropped."""
    _check_alternative(alternative)
    sims = np.asarray(simulated, dtype=np.float64)
    sims = sims[np.isfinite(sims)]
    reference = null_value if bootstrap else observed
    tolerance = abs(reference) * 100 * np.finfo(np.float64).eps
    at_least = (1 + np.count_nonzero(sims >= reference - tolerance)) / (sims.size + 1)
    at_most = (1 + np.count_nonzero(sims <= reference + tolerance)) / (sims.size + 1)
    greater, less = (at_most, at_least) if bootstrap else (at_least, at_most)
    if alternative == "greater":
        return float(greater)
    if alternative == "less":
        return float(less)
    return float(min(1.0, 2 * min(greater, less)))


def percentile_interval(simulated: npt.ArrayLike, confidence: float = 0.95) -> tuple[float, float]:
    """The ``(1 - confidence) / 2`` and ``(1 + confidence) / 2`` quantiles of the finite draws."""
    if not 0 < confidence < 1:
        raise SegregationInputError("confidence must be between 0 and 1.")
    sims = np.asarray(simulated, dtype=np.float64)
    sims = sims[np.isfinite(sims)]
    if sims.size == 0:
        return (float("nan"), float("nan"))
    low, high = np.quantile(sims, [(1 - confidence) / 2, (1 + confidence) / 2])
    return (float(low), float(high))


def chunk_size(replicates: int, cells: int) -> int:
    """Replicates per chunk so that a chunk holds about 2^23 count cells (data shape only)."""
    return max(1, min(replicates, _CHUNK_CELLS // max(cells, 1)))


def _check_alternative(alternative: str) -> None:
    if alternative not in ALTERNATIVES:
        raise SegregationInputError(
            f"alternative must be one of {', '.join(ALTERNATIVES)}, got {alternative!r}."
        )


def _check_options(null: str, replicates: int, alternative: str, allowed: tuple[str, ...]) -> None:
    if null not in allowed:
        raise SegregationInputError(f"null must be one of {', '.join(allowed)}, got {null!r}.")
    if isinstance(replicates, bool) or not isinstance(replicates, int) or replicates < 1:
        raise SegregationInputError("replicates must be a positive int.")
    _check_alternative(alternative)


def simulate_in_chunks(replicates: int, cells: int, batch: Callable[[int], Any]) -> FloatArray:
    """``replicates`` values of a statistic, ``batch(size)`` giving the next ``size``, in chunks of
    :func:`chunk_size` (``cells`` per replicate): the same chunks, so the same draws, on every machine."""
    simulated = np.empty(replicates, dtype=np.float64)
    step = chunk_size(replicates, cells)
    for start in range(0, replicates, step):
        stop = min(start + step, replicates)
        simulated[start:stop] = np.asarray(batch(stop - start), dtype=np.float64)
    return simulated


def _simulate(
    table: npt.NDArray[Any],
    evaluate: Callable[[npt.NDArray[Any]], Any],
    null: str,
    replicates: int,
    rng: np.random.Generator,
) -> FloatArray:
    """``evaluate`` on the tables drawn under ``null`` (whole counts required but for the bootstrap)."""
    if null != "bootstrap":
        table = as_count_table(table)

    def batch(size: int) -> FloatArray:
        return np.asarray(evaluate(draw_null(null, table, size, rng)), dtype=np.float64).reshape(-1)

    return simulate_in_chunks(replicates, table.size, batch)


def _result(
    observed: float,
    simulated: FloatArray,
    *,
    null: str,
    seed: int | None,
    alternative: str,
    confidence: float,
    null_value: float,
) -> InferenceResult:
    simulated.setflags(write=False)
    return InferenceResult(
        observed=observed,
        simulated=simulated,
        p_value=p_value(
            observed, simulated, alternative, bootstrap=null == "bootstrap", null_value=null_value
        ),
        ci=percentile_interval(simulated, confidence),
        null=null,
        replicates=int(simulated.size),
        seed=seed,
        alternative=alternative,
        confidence=confidence,
    )


def infer(
    index_fn: Callable[..., Any],
    x: npt.ArrayLike,
    t: npt.ArrayLike,
    /,
    *,
    null: str = "systematic",
    replicates: int = 999,
    seed: Seed = None,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    null_value: float = 0.0,
    **params: Any,
) -> InferenceResult:
    """Test a single-group index ``index_fn(x, t, **params)`` against a null model.

    The group x and the rest t - x are the two groups the null models redistribute; each
    replicate's index is ``index_fn(x*, x* + y*, **params)`` evaluated on a batch. Spatial
    (kernel-smoothed) indices can be tested by passing
    :func:`mangfold.segregation.spatial.kernel_smoothed`; the bootstrap resamples areas
    without their positions, so use it for aspatial indices only.
    """
    _check_options(null, replicates, alternative, NULLS)
    xa, ta = check_single(x, t)
    if xa.ndim != 1 or xa.shape != ta.shape:
        raise SegregationInputError("x and t must be one-dimensional, one value per area.")
    rng, recorded = resolve_seed(seed)
    observed = float(index_fn(xa, ta, **params))
    table = np.column_stack([xa, ta - xa])

    def evaluate(drawn: npt.NDArray[Any]) -> Any:
        group = drawn[..., 0].astype(np.float64)
        return index_fn(group, group + drawn[..., 1], **params)

    simulated = _simulate(table, evaluate, null, replicates, rng)
    return _result(
        observed,
        simulated,
        null=null,
        seed=recorded,
        alternative=alternative,
        confidence=confidence,
        null_value=null_value,
    )


def infer_multigroup(
    index_fn: Callable[..., Any],
    counts: npt.ArrayLike,
    /,
    *,
    null: str = "systematic",
    replicates: int = 999,
    seed: Seed = None,
    alternative: str = "two-sided",
    confidence: float = 0.95,
    null_value: float = 0.0,
    **params: Any,
) -> InferenceResult:
    """Test a multigroup index ``index_fn(counts, **params)`` (counts (n, k)) against a null."""
    _check_options(null, replicates, alternative, NULLS)
    table = np.asarray(counts, dtype=np.float64)
    if table.ndim != 2:
        raise SegregationInputError(f"Counts must be an (areas, groups) table, got {table.shape}.")
    rng, recorded = resolve_seed(seed)
    observed = float(index_fn(table, **params))

    def evaluate(drawn: npt.NDArray[Any]) -> Any:
        return index_fn(drawn.astype(np.float64), **params)

    simulated = _simulate(table, evaluate, null, replicates, rng)
    return _result(
        observed,
        simulated,
        null=null,
        seed=recorded,
        alternative=alternative,
        confidence=confidence,
        null_value=null_value,
    )
