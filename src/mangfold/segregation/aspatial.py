"""Aspatial single-group segregation indices.

Notation (docs/methodology/segregation.md): area ``i`` has focal-group count ``x_i`` and total ``t_i``;
``y_i = t_i - x_i`` is the rest of its population; ``X``, ``Y``, ``T`` are the city totals,
``P = X / T`` and ``p_i = x_i / t_i`` (``p_i = 0`` in an empty area).

Every function has the signature ``f(x, t, /, **params)``: ``x`` and ``t`` of shape ``(..., n)`` (leading
axes are a batch, e.g. simulated replicates; ``x`` and ``t`` broadcast), returning a ``float`` for one
city and an array of shape ``(...)`` for a batch. For two groups compare ``x`` against ``y`` with
``f(*two_group(x, y))``.

Undefined values: when the focal group is absent from the city (``X = 0``), is the whole population
(``X = T``) or the city is empty (``T = 0``), an index that compares the group with the rest of the
population has no meaning and is ``nan``. Isolation is also ``nan`` when ``X = 0``; exposure is ``nan``
when ``X = 0`` and ``0`` when ``X = T`` (nobody else to meet). Empty areas (``t_i = 0``) contribute
nothing. No function emits NumPy warnings.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from mangfold.segregation._chunked import Counts, gap_sum, rest_total, totals, vectors
from mangfold.segregation._pairs import pair_sum
from mangfold.segregation._validate import (
    _TINY,
    FloatArray,
    Result,
    check_single,
    finish,
    shares,
    xlogx,
)

__all__ = [
    "atkinson",
    "concentration_profile",
    "concentration_profile_curve",
    "correlation_ratio",
    "dissimilarity",
    "entropy",
    "exposure",
    "gini",
    "isolation",
    "min_max",
    "two_group",
]


def two_group(x: npt.ArrayLike, y: npt.ArrayLike, /) -> tuple[FloatArray, FloatArray]:
    """The two-group form: return ``(x, x + y)`` so that any single-group index compares x with y.

    ``dissimilarity(*two_group(bangladeshi, white_british))`` is the classic two-group D with
    ``t_i = x_i + y_i``. Values are not checked here (the index function checks them).
    """
    xa = np.asarray(x, dtype=np.float64)
    ya = np.asarray(y, dtype=np.float64)
    return xa, xa + ya


def _city(x: FloatArray, t: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """City totals ``X``, ``Y``, ``T`` and the group share ``P = X / T`` (nan for an empty city).

    ``Y`` is summed from ``t − x`` rather than taken as ``T − X``: the formulas below use ``X`` and ``Y``
    where the textbook writes ``P`` and ``1 − P``, which keeps them accurate when ``P`` is close to 0
    or 1 (``1 − P`` would lose the digits of a small complement).
    """
    X = x.sum(axis=-1)
    T = t.sum(axis=-1)
    Y = (t - x).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        P = X / T
    return X, Y, T, P


def _distributions(x: FloatArray, t: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """``(a, c, X, Y)``: the two groups' distributions over the areas, ``a_i = x_i / X`` and
    ``c_i = y_i / Y`` (``nan`` for an absent group), and their city totals (with the area axis kept).
    """
    y = t - x
    X = x.sum(axis=-1, keepdims=True)
    Y = y.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return x / X, y / Y, X, Y


def dissimilarity(x: npt.ArrayLike, t: npt.ArrayLike, /) -> Result:
    """Index of dissimilarity (Duncan & Duncan 1955; Massey & Denton 1988).

    ``D = Σ_i t_i |p_i − P| / (2 T P (1 − P))``, equivalently ``½ Σ_i |x_i/X − y_i/Y|``: the share of
    the group that would have to move for every area to have the city's composition. 0 (even) to 1.
    Computed as ``Σ_i |Y x_i − X y_i| / (2 X Y)``: no per-area division, and for integer counts each
    term is exact (products below 2^53), so nothing cancels even when one group is tiny.
    ``nan`` when ``P`` is 0 or 1. One city (1-D counts) is computed in two block-wise passes, without
    temporaries the size of the input (:func:`_dissimilarity_vector`).
    """
    pair = vectors(x, t)
    if pair is not None and (value := _dissimilarity_vector(*pair)) is not None:
        return value
    xa, ta = check_single(x, t)
    return finish(_dissimilarity(xa, ta))


def _dissimilarity_vector(x: Counts, t: Counts) -> float | None:
    """D of one city in two passes over its counts (:mod:`mangfold.segregation._chunked`).

    The first pass sums ``X`` and ``T``; ``Y = T − X`` is accurate to a few units in the last place when
    ``Y >= T / 2``, otherwise it is summed from ``t − x`` in a pass of its own. The second pass checks
    ``0 <= x_i <= t_i`` and sums ``|Y x_i − X y_i|``. ``None`` when the checked path must take over: a
    bad count (which :func:`check_single` then reports), an empty or one-group city (``nan``), or totals
    beyond the float range.
    """
    X, T = totals(x, t)
    if not (math.isfinite(X) and math.isfinite(T)):
        return None
    Y = T - X if 2.0 * X <= T else rest_total(x, t)
    if not (X > 0.0 and Y > 0.0):
        return None
    num = gap_sum(x, t, X, Y)
    return None if num is None else num / (2.0 * X * Y)


def _dissimilarity(x: FloatArray, t: FloatArray) -> FloatArray:
    X, Y, _, _ = _city(x, t)
    num = np.abs(Y[..., None] * x - X[..., None] * (t - x)).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(num / (2.0 * X * Y))


def gini(x: npt.ArrayLike, t: npt.ArrayLike, /) -> Result:
    """Gini segregation index (Massey & Denton 1988), exact, O(n log n).

    ``G = Σ_i Σ_j t_i t_j |p_i − p_j| / (2 T² P (1 − P))``: the mean absolute difference of the group
    share between all pairs of residents, relative to its maximum. Evaluated with a sort instead of the
    n² pairs (see :func:`~mangfold.segregation._pairs.pair_sum`), so a million areas take well under a
    second; for whole-number counts each gap between neighbouring shares is exact. The denominator is
    evaluated as ``2 X Y`` (``= 2 T² P (1 − P)``). ``nan`` when ``P`` is 0 or 1.
    """
    xa, ta = check_single(x, t)
    return finish(_gini(xa, ta))


def _gini(x: FloatArray, t: FloatArray) -> FloatArray:
    X, Y, _, _ = _city(x, t)
    num = pair_sum(shares(x, t), t, counts=x)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(num / (X * Y))


def _binary_entropy(p: FloatArray, q: FloatArray) -> FloatArray:
    """``−p ln p − q ln q`` for complementary shares ``p + q = 1`` (each given, neither derived)."""
    if np.ndim(p) == 0:  # one city: plain floats (0 ln 0 = 0 as in xlogx; nan stays nan)
        a, b = float(p), float(q)
        return np.asarray(-(a * math.log(max(a, _TINY)) + b * math.log(max(b, _TINY))))
    return np.asarray(-(xlogx(p) + xlogx(q)))


def entropy(x: npt.ArrayLike, t: npt.ArrayLike, /) -> Result:
    """Theil's entropy index H, the information theory index (Theil 1972; Massey & Denton 1988).

    With ``E = −P ln P − (1−P) ln(1−P)`` the city's entropy and ``E_i`` the same for area ``i``
    (``0 ln 0 = 0``): ``H = Σ_i t_i (E − E_i) / (E T)``, the mean relative loss of diversity from the
    city to its areas. 0 (even) to 1 (every area holds one group only). Evaluated with
    ``t_i E_i = t_i ln t_i − x_i ln x_i − y_i ln y_i`` (no per-area division) and ``1 − P = Y / T``.
    ``nan`` when ``P`` is 0 or 1.
    """
    xa, ta = check_single(x, t)
    # One block: the counts x, y, t in rows 0–2 and their c ln c in rows 3–5, so that each step is one
    # NumPy call over all three (the logarithm dominates the time).
    work = np.empty((6, *np.broadcast_shapes(xa.shape, ta.shape)))
    counts, logs = work[:3], work[3:]
    counts[0], counts[2] = xa, ta
    ya = np.subtract(counts[2], counts[0], out=counts[1])
    np.add(counts, _TINY, out=logs)  # 0 ln 0 = 0, as in xlogx
    np.log(logs, out=logs)
    np.multiply(counts, logs, out=logs)
    terms = np.add(logs[0], logs[1], out=logs[0])  # t_i E_i = t_i ln t_i − x_i ln x_i − y_i ln y_i
    np.subtract(logs[2], terms, out=terms)
    Y, T = ya.sum(axis=-1), counts[2].sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        E = _binary_entropy(counts[0].sum(axis=-1) / T, Y / T)
        return finish((E * T - terms.sum(axis=-1)) / (E * T))


def isolation(x: npt.ArrayLike, t: npt.ArrayLike, /) -> Result:
    """Isolation index ``xPx = Σ_i (x_i / X)(x_i / t_i)`` (Lieberson 1981; Massey & Denton 1988).

    The share of its own group in the area of the average group member. ``P`` (even) to 1.
    ``nan`` when the group is absent (``X = 0``).
    """
    xa, ta = check_single(x, t)
    X = xa.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return finish((xa * shares(xa, ta)).sum(axis=-1) / X)


def exposure(x: npt.ArrayLike, t: npt.ArrayLike, /) -> Result:
    """Exposure (interaction) index ``xPy = Σ_i (x_i / X)(y_i / t_i)`` with ``y = t − x``.

    The share of the other group in the area of the average member of the focal group
    (Lieberson 1981; Massey & Denton 1988); ``xPx + xPy = 1``. ``nan`` when ``X = 0``.
    """
    xa, ta = check_single(x, t)
    X = xa.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return finish((xa * shares(ta - xa, ta)).sum(axis=-1) / X)


def atkinson(x: npt.ArrayLike, t: npt.ArrayLike, /, *, b: float = 0.5) -> Result:
    """Atkinson index with shape parameter ``b`` (Atkinson 1970; James & Taeuber 1985).

    ``A = 1 − P/(1−P) · |Σ_i (1 − p_i)^(1−b) p_i^b t_i / (P T)|^(1/(1−b))``, ``0 <= b < 1``.
    ``b`` weights the tails: below 0.5 areas where the group is under-represented count more, above
    0.5 areas where it is over-represented. 0 (even) to 1 (no area mixes the groups).

    PySAL's ``segregation.singlegroup.Atkinson`` (2.5.4) does not pass ``b`` on and always returns the
    ``b = 0.5`` value; this function honours ``b``. Since ``(1 − p_i)^(1−b) p_i^b t_i = x_i^b y_i^(1−b)``,
    ``P / (1 − P) = X / Y`` and ``P T = X``, it is evaluated as
    ``A = 1 − (X / Y) · (Σ_i x_i^b y_i^(1−b) / X)^(1/(1−b))``, without per-area shares.
    ``nan`` when ``P`` is 0 or 1.
    """
    if not 0.0 <= b < 1.0:
        raise ValueError(f"the Atkinson parameter b must be in [0, 1), got {b!r}")
    xa, ta = check_single(x, t)
    ya = ta - xa
    X, Y = xa.sum(axis=-1), ya.sum(axis=-1)
    if b != 0.5:
        terms = xa**b * ya ** (1.0 - b)
    elif np.all((X + Y > 1e-140) & (X + Y < 1e140)):
        # sqrt(x y): one rounding, and the product is exact for integer counts. No overflow (x y <= T²);
        # an area whose x y underflows adds less than 1e-154 either way.
        terms = np.multiply(xa, ya, out=ya)
        np.sqrt(terms, out=terms)
    else:
        terms = np.sqrt(xa) * np.sqrt(ya)
    s = terms.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return finish(1.0 - X / Y * np.abs(s / X) ** (1.0 / (1.0 - b)))


def correlation_ratio(x: npt.ArrayLike, t: npt.ArrayLike, /) -> Result:
    """Correlation ratio η² ``V = (xPx − P) / (1 − P)`` (Bell 1954; White 1986; Massey & Denton 1988).

    Isolation adjusted for the group's size: 0 (even) to 1. Since ``Σ_i t_i (p_i − P) = 0``, the
    numerator equals ``Σ_i t_i (p_i − P)² / T`` and ``V = T Σ_i t_i (p_i − P)² / (X Y)``: the share of
    the variance of group membership that lies between areas. Evaluated in that form, a sum of
    non-negative terms, which stays accurate when ``P`` is close to 1 (where ``xPx − P`` cancels).
    ``nan`` when ``P`` is 0 or 1.
    """
    xa, ta = check_single(x, t)
    X, Y, T, P = _city(xa, ta)
    dev = shares(xa, ta) - P[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        return finish(T * (ta * dev * dev).sum(axis=-1) / (X * Y))


def min_max(x: npt.ArrayLike, t: npt.ArrayLike, /) -> Result:
    """Min–max index (O'Sullivan & Wong 2007).

    With ``a_i = x_i / X`` and ``c_i = y_i / Y`` the two groups' distributions over the areas:
    ``MM = 1 − Σ_i min(a_i, c_i) / Σ_i max(a_i, c_i)`` (one minus the overlap of the two surfaces
    over their union; equals ``2D / (1 + D)``). ``nan`` when either group is absent.
    """
    a, c, _, _ = _distributions(*check_single(x, t))
    with np.errstate(divide="ignore", invalid="ignore"):
        return finish(1.0 - np.minimum(a, c).sum(axis=-1) / np.maximum(a, c).sum(axis=-1))


def concentration_profile(x: npt.ArrayLike, t: npt.ArrayLike, /) -> Result:
    """Concentration-profile index R (Hong & Sadahiro 2014), computed exactly.

    The profile ``v(τ)`` is the share of the group living in areas where its share is at least ``τ``
    (:func:`concentration_profile_curve`). ``R = [∫_0^P (1 − v) dτ + ∫_P^1 v dτ] / (1 − P)``: 0 when
    every area has the city's share, 1 when every area holds one group only. Because ``v`` is a step
    function the integrals are exact: ``R = Σ_i (x_i / X) |p_i − P| / (1 − P)``, evaluated as
    ``Σ_i x_i |Y x_i − X y_i| / t_i / (X Y)`` (``p_i − P = (Y x_i − X y_i) / (t_i T)``, exact terms for
    integer counts). PySAL evaluates the same integrals on a grid of 1000 thresholds (a Riemann sum),
    which differs by O(1/1000). ``nan`` when ``P`` is 0 or 1.
    """
    xa, ta = check_single(x, t)
    X, Y, _, _ = _city(xa, ta)
    gap = np.abs(Y[..., None] * xa - X[..., None] * (ta - xa))
    num = (xa * shares(gap, ta)).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return finish(num / (X * Y))


def concentration_profile_curve(
    x: npt.ArrayLike, t: npt.ArrayLike, thresholds: npt.ArrayLike, /
) -> FloatArray:
    """The concentration profile ``v(τ) = Σ_{i: p_i >= τ} x_i / X`` at each threshold ``τ``.

    Returns shape ``(..., m)`` for ``m`` thresholds (a profile, not an index: batched input is served
    row by row, each row one sort and one ``searchsorted``). ``nan`` when ``X = 0``.
    """
    xa, ta = check_single(x, t)
    tau = np.asarray(thresholds, dtype=np.float64).ravel()
    p = shares(xa, ta)
    batch = p.shape[:-1]
    p2 = p.reshape(-1, p.shape[-1])
    x2 = np.broadcast_to(xa, p.shape).reshape(-1, p.shape[-1])
    out = np.empty((p2.shape[0], tau.size), dtype=np.float64)
    for row in range(p2.shape[0]):
        order = np.argsort(p2[row])
        # Mass at or above each sorted position, with a trailing 0 for "above every area".
        tail = np.append(np.cumsum(x2[row, order][::-1])[::-1], 0.0)
        pos = np.searchsorted(p2[row, order], tau, side="left")
        with np.errstate(divide="ignore", invalid="ignore"):
            out[row] = tail[pos] / tail[0]
    return out.reshape(*batch, tau.size)
