"""Small-unit corrections of the dissimilarity and Gini indices.

With few residents per area, D and G are biased upwards: random allocation alone makes areas differ.
These estimators remove that bias (Carrington & Troske 1997; Allen, Burgess, Davidson & Windmeijer
2015). The simulated ones take ``seed`` (an int, a ``SeedSequence`` or a ``np.random.Generator``, used as
is) and draw all replicates in batches through the batched :func:`~mangfold.segregation.aspatial`
kernels, never one Python call per replicate.

Simulations draw whole persons: counts are rounded to the nearest integer before drawing (the published
methods assume integer counts). Same input conventions as :mod:`mangfold.segregation.aspatial`; ``nan``
when the group is absent or is the whole population.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from mangfold.segregation._validate import FloatArray, Result, Seed, check_single, finish, rng
from mangfold.segregation.aspatial import _dissimilarity, _distributions, _gini

__all__ = [
    "bias_corrected_dissimilarity",
    "density_corrected_dissimilarity",
    "modified_dissimilarity",
    "modified_gini",
]

# Replicates are drawn in chunks of at most this many cells (replicates × batch × areas): ~32 MB each.
_CHUNK_CELLS = 4_000_000


def _chunks(replicates: int, cells_per_replicate: int) -> list[int]:
    size = max(1, _CHUNK_CELLS // max(1, cells_per_replicate))
    return [min(size, replicates - start) for start in range(0, replicates, size)]


def _check_replicates(replicates: int, name: str) -> None:
    if isinstance(replicates, bool) or not isinstance(replicates, int) or replicates < 2:
        raise ValueError(f"{name} must be an integer of at least 2, got {replicates!r}")


def bias_corrected_dissimilarity(
    x: npt.ArrayLike, t: npt.ArrayLike, /, *, replicates: int = 500, seed: Seed = None
) -> Result:
    """Bootstrap bias-corrected dissimilarity (Allen, Burgess, Davidson & Windmeijer 2015).

    ``D_bc = 2 D − mean_b D_b``, where each ``D_b`` is the dissimilarity of a resample: the ``X``
    members of the group are redrawn over the areas from ``Multinomial(X, x_i / X)`` and the ``Y``
    others from ``Multinomial(Y, y_i / Y)``. Random: pass ``seed`` for reproducible values.
    """
    _check_replicates(replicates, "replicates")
    xa, ta = check_single(x, t)
    gen = rng(seed)
    xb, tb = np.broadcast_arrays(xa, ta)
    D = _dissimilarity(xb, tb)
    a, c, X_sum, Y_sum = _distributions(xb, tb)
    X = np.rint(X_sum[..., 0])
    Y = np.rint(Y_sum[..., 0])
    valid = (X > 0) & (Y > 0)
    uniform = np.full(xb.shape, 1.0 / xb.shape[-1])
    p0 = np.where(valid[..., None], a, uniform)
    p1 = np.where(valid[..., None], c, uniform)
    n0 = np.where(valid, X, 0).astype(np.int64)
    n1 = np.where(valid, Y, 0).astype(np.int64)
    total = np.zeros(D.shape)
    for size in _chunks(replicates, xb.size):
        shape = (size, *xb.shape[:-1])
        sim0 = gen.multinomial(n0, p0, size=shape).astype(np.float64)
        sim1 = gen.multinomial(n1, p1, size=shape).astype(np.float64)
        total += _dissimilarity(sim0, sim0 + sim1).sum(axis=0)
    return finish(np.where(valid, 2.0 * D - total / replicates, np.nan))


def _folded_normal_mle(theta: FloatArray) -> FloatArray:
    """The maximum-likelihood mean ``μ ≥ 0`` of a unit-variance folded normal observed at ``θ ≥ 0``.

    The likelihood ``φ(θ − μ) + φ(θ + μ)`` peaks at ``μ = 0`` when ``θ <= 1`` and otherwise at the positive
    root of ``g(μ) = μ − θ tanh(θ μ)``. ``g`` is convex on ``μ > 0`` and ``g(θ) >= 0``, so Newton's method
    started at ``μ = θ`` decreases monotonically to the root.
    """
    flat = np.asarray(theta, dtype=np.float64).ravel()
    mu = np.where(flat > 1.0, flat, 0.0)
    active = np.flatnonzero(flat > 1.0)
    for _ in range(200):
        if active.size == 0:
            break
        th = flat[active]
        m = mu[active]
        tanh = np.tanh(th * m)
        step = (m - th * tanh) / (1.0 - th * th * (1.0 - tanh * tanh))
        m_new = np.maximum(m - step, 0.0)
        mu[active] = m_new
        still = np.abs(step) > 4.0 * np.finfo(np.float64).eps * np.maximum(m_new, 1e-300)
        active = active[still]
    return mu.reshape(np.shape(theta))


def density_corrected_dissimilarity(x: npt.ArrayLike, t: npt.ArrayLike, /) -> Result:
    """Density-corrected dissimilarity (Allen, Burgess, Davidson & Windmeijer 2015). Deterministic.

    With ``a_i = x_i / X`` and ``c_i = y_i / Y``, the sampling standard error of ``c_i − a_i`` is
    ``σ_i = sqrt(c_i (1 − c_i) / Y + a_i (1 − a_i) / X)`` and ``θ_i = |c_i − a_i| / σ_i`` is a draw of a
    folded normal. Each area's term ``|c_i − a_i|`` is replaced by ``σ_i n(θ_i)``, where ``n(θ)`` is the
    folded-normal mean that maximises the likelihood of ``θ`` (0 for ``θ <= 1``):
    ``D_dc = ½ Σ_i σ_i n(θ_i)``. An area with ``σ_i = 0`` keeps ``|c_i − a_i|``.

    PySAL finds ``n(θ)`` with Nelder–Mead (``xatol = 1e-5``, reporting the second-best vertex); here it
    is solved to machine precision, so the two differ by about 1e-5.
    """
    xa, ta = check_single(x, t)
    a, c, X, Y = _distributions(*np.broadcast_arrays(xa, ta))
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma = np.sqrt(c * (1.0 - c) / Y + a * (1.0 - a) / X)
        diff = np.abs(c - a)
        theta = np.where(sigma > 0, diff / sigma, 0.0)
    term = np.where(sigma > 0, sigma * _folded_normal_mle(theta), diff)
    valid = (X[..., 0] > 0) & (Y[..., 0] > 0)
    return finish(np.where(valid, 0.5 * term.sum(axis=-1), np.nan))


def _carrington_troske(
    index: Callable[[FloatArray, FloatArray], FloatArray],
    x: FloatArray,
    t: FloatArray,
    iterations: int,
    seed: Seed,
) -> Result:
    """``(S − S*) / (1 − S*)`` if ``S >= S*`` else ``(S − S*) / S*``, S* the mean under random allocation."""
    gen = rng(seed)
    xb, tb = np.broadcast_arrays(x, t)
    observed = index(xb, tb)
    totals = np.rint(tb)
    with np.errstate(divide="ignore", invalid="ignore"):
        P = xb.sum(axis=-1) / tb.sum(axis=-1)
    valid = (P > 0) & (P < 1)
    p = np.where(valid, P, 0.0)[..., None]
    n = totals.astype(np.int64)
    total = np.zeros(observed.shape)
    count = np.zeros(observed.shape)
    for size in _chunks(iterations, xb.size):
        sim = gen.binomial(n, p, size=(size, *xb.shape)).astype(np.float64)
        values = index(sim, totals)
        # A draw with no member (or only members) of the group has no index value: left out.
        ok = np.isfinite(values)
        total += np.where(ok, values, 0.0).sum(axis=0)
        count += ok.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = total / count
        result = np.where(
            observed >= expected,
            (observed - expected) / (1.0 - expected),
            (observed - expected) / expected,
        )
    return finish(np.where(valid, result, np.nan))


def modified_dissimilarity(
    x: npt.ArrayLike, t: npt.ArrayLike, /, *, iterations: int = 500, seed: Seed = None
) -> Result:
    """Carrington & Troske (1997) modified dissimilarity: D relative to its value under randomness.

    ``D* = E[D]`` when each area's group count is drawn from ``Binomial(t_i, P)`` (estimated from
    ``iterations`` independent draws); ``D_ct = (D − D*) / (1 − D*)`` if ``D >= D*``, otherwise
    ``(D − D*) / D*``. Random: pass ``seed`` for reproducible values.

    PySAL 2.5.4 reseeds NumPy with the same seed before every draw, so all its iterations are one and
    the same draw and its ``D*`` is a single draw rather than a mean; here the draws are independent.
    """
    _check_replicates(iterations, "iterations")
    xa, ta = check_single(x, t)
    return _carrington_troske(_dissimilarity, xa, ta, iterations, seed)


def modified_gini(
    x: npt.ArrayLike, t: npt.ArrayLike, /, *, iterations: int = 500, seed: Seed = None
) -> Result:
    """Carrington & Troske (1997) modified Gini: G relative to its value under randomness.

    As :func:`modified_dissimilarity` with the Gini index (exact, O(n log n) per draw). Random: pass
    ``seed`` for reproducible values. PySAL's version shares the single-draw issue described there.
    """
    _check_replicates(iterations, "iterations")
    xa, ta = check_single(x, t)
    return _carrington_troske(_gini, xa, ta, iterations, seed)
