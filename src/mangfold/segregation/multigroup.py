"""Multigroup segregation and diversity indices.

``counts`` has shape ``(..., n, k)``: ``n`` areas by ``k`` groups, leading axes a batch. Notation: ``c_ik``
the count of group ``k`` in area ``i``, ``t_i = Σ_k c_ik`` (the area total is the sum of the groups),
``T`` the city total, ``P_k`` the city share of group ``k``, ``p_ik = c_ik / t_i`` (0 in an empty area),
``I = Σ_k P_k (1 − P_k)`` (Simpson's interaction) and ``E = −Σ_k P_k ln P_k`` (entropy).

Undefined values: a group with no members in the city contributes nothing (as in the formulas, with
``0 ln 0 = 0``); it only matters where ``K`` enters a formula, stated per function. The segregation
indices compare groups and are ``nan`` when fewer than two groups are present (and for an empty city);
diversity, Simpson's indices and the divergence are defined for one group (0, 1, 0 and 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mangfold.segregation._pairs import pair_sum
from mangfold.segregation._validate import FloatArray, Result, check_counts, finish, xlogx

__all__ = [
    "DivergenceDecomposition",
    "divergence",
    "divergence_decomposition",
    "diversity",
    "multigroup_dissimilarity",
    "multigroup_gini",
    "multigroup_information_theory",
    "normalized_exposure",
    "relative_diversity",
    "simpson_concentration",
    "simpson_interaction",
    "squared_coefficient_of_variation",
]


@dataclass(frozen=True)
class _City:
    """A city's counts in group-major layout: ``g[..., k, i]``, each group's areas contiguous.

    Sums over the groups then add ``k`` long rows, and each group's shares sort as one row (reducing
    along a short last axis of length ``k`` is several times slower in NumPy).
    """

    g: FloatArray  # (..., k, n) counts
    t: FloatArray  # (..., n) area totals
    Xk: FloatArray  # (..., k) group totals
    T: FloatArray  # (...) city total
    P: FloatArray  # (..., k) city shares (nan for an empty city)
    present: FloatArray  # (...) number of groups with members

    @property
    def rest(self) -> FloatArray:
        """``T − X_k`` per group: ``T (1 − P_k)`` without forming ``1 − P_k``."""
        return np.asarray(self.T[..., None] - self.Xk)

    @property
    def pairs(self) -> FloatArray:
        """``Σ_k X_k (T − X_k) = T² I``, the denominator of D, G and R in counts."""
        return np.asarray((self.Xk * self.rest).sum(axis=-1))


def _group_major(g: FloatArray) -> _City:
    t = g.sum(axis=-2)
    Xk = g.sum(axis=-1)
    T = Xk.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        P = Xk / T[..., None]
    return _City(g, t, Xk, T, P, (Xk > 0).sum(axis=-1).astype(np.float64))


def _city(counts: npt.ArrayLike) -> _City:
    c = check_counts(counts)
    return _group_major(np.ascontiguousarray(np.swapaxes(c, -1, -2)))


def _area_shares(city: _City) -> FloatArray:
    """``p_ik`` in layout ``(..., k, n)``; 0 in an empty area (where every count is 0)."""
    return np.asarray(city.g / np.where(city.t > 0, city.t, 1.0)[..., None, :])


def _segregation(value: FloatArray, city: _City) -> Result:
    """Return ``value`` where at least two groups are present, ``nan`` elsewhere."""
    return finish(np.where(city.present >= 2, value, np.nan))


def multigroup_dissimilarity(counts: npt.ArrayLike, /) -> Result:
    """Multigroup dissimilarity (Sakoda 1981; Reardon & Firebaugh 2002).

    ``D = Σ_k Σ_i t_i |p_ik − P_k| / (2 T I)``, computed as ``Σ |T c_ik − X_k t_i| / (2 Σ_k X_k (T −
    X_k))``: no per-area division, exact terms for integer counts. 0 (every area has the city's
    composition) to 1.
    """
    city = _city(counts)
    work = np.empty((2, *city.g.shape))  # one block for both temporaries (see _pairs._rows_pair_sum)
    dev = np.multiply(city.g, city.T[..., None, None], out=work[0])
    dev -= np.multiply(city.Xk[..., :, None], city.t[..., None, :], out=work[1])
    np.abs(dev, out=dev)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _segregation(dev.sum(axis=(-2, -1)) / (2.0 * city.pairs), city)


def multigroup_gini(counts: npt.ArrayLike, /) -> Result:
    """Multigroup Gini (Reardon & Firebaugh 2002), exact, O(n log n) per group.

    ``G = Σ_k Σ_i Σ_j t_i t_j |p_ik − p_jk| / (2 T² I)``, each group's pair sum evaluated after one
    sort (see :func:`mangfold.segregation.aspatial.gini`).
    """
    city = _city(counts)
    num = pair_sum(_area_shares(city), city.t[..., None, :], counts=city.g).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _segregation(num / city.pairs, city)


def _squared_deviations(city: _City) -> FloatArray:
    """``Σ_i t_i (p_ik − P_k)²`` per group, shape ``(..., k)``."""
    dev = _area_shares(city)
    dev -= city.P[..., :, None]
    np.multiply(dev, dev, out=dev)
    dev *= city.t[..., None, :]
    return np.asarray(dev.sum(axis=-1))


def normalized_exposure(counts: npt.ArrayLike, /) -> Result:
    """Normalised exposure (James 1986; Reardon & Firebaugh 2002).

    ``P = Σ_k Σ_i t_i (p_ik − P_k)² / (T (1 − P_k))``: the variance of each group's share across areas,
    each relative to its maximum, summed. Absent groups add 0.
    """
    city = _city(counts)
    dev = _squared_deviations(city)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(city.rest > 0, dev / city.rest, 0.0)
        return _segregation(terms.sum(axis=-1), city)


def relative_diversity(counts: npt.ArrayLike, /) -> Result:
    """Relative diversity (Reardon 1998; Reardon & Firebaugh 2002).

    ``R = Σ_k Σ_i t_i (p_ik − P_k)² / (T I)``: the share of the city's interaction ``I`` that lies
    between areas.
    """
    city = _city(counts)
    num = _squared_deviations(city).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _segregation(city.T * num / city.pairs, city)


def squared_coefficient_of_variation(counts: npt.ArrayLike, /) -> Result:
    """Squared coefficient of variation (Reardon & Firebaugh 2002).

    ``C = Σ_k Σ_i t_i (p_ik − P_k)² / ((K − 1) T P_k)``. ``K`` counts the groups present in the city
    (absent groups add 0), which keeps the maximum at 1. PySAL counts every column and returns ``nan``
    when a column is empty; with every group present the two agree.
    """
    city = _city(counts)
    dev = _squared_deviations(city)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(city.P > 0, dev / city.P, 0.0)
        return _segregation(terms.sum(axis=-1) / ((city.present - 1.0) * city.T), city)


def _log_ratio_sum(city: _City, reference: FloatArray) -> FloatArray:
    """``Σ_k c_ik ln(p_ik / R_ik)`` per area, shape ``(..., n)`` (``0 ln 0 = 0``).

    ``reference`` (a composition ``R_ik``, positive wherever ``c_ik > 0``) broadcasts to ``(..., k, n)``.
    """
    positive = city.g > 0
    terms = _area_shares(city)  # 0 wherever c_ik = 0, and left so by the masked steps below
    np.divide(terms, reference, out=terms, where=positive)
    np.log(terms, out=terms, where=positive)
    np.multiply(city.g, terms, out=terms, where=positive)
    return np.asarray(terms.sum(axis=-2))


def _divergence_sum(city: _City) -> FloatArray:
    """``Σ_i Σ_k c_ik ln(p_ik / P_k)``: ``T`` times the divergence ``M`` of the areas from the city."""
    return np.asarray(_log_ratio_sum(city, city.P[..., :, None]).sum(axis=-1))


def divergence(counts: npt.ArrayLike, /) -> Result:
    """Divergence index ``M`` (Roberto 2015; Theil 1972's mutual information).

    ``M = Σ_i (t_i / T) Σ_k p_ik ln(p_ik / P_k)``: the average Kullback–Leibler divergence of an area's
    composition from the city's, in nats. 0 when every area has the city's composition; at most ``E``.
    Additive over nested areas (see :func:`divergence_decomposition`).
    """
    city = _city(counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        return finish(_divergence_sum(city) / city.T)


def multigroup_information_theory(counts: npt.ArrayLike, /) -> Result:
    """Multigroup information theory index, Theil's H (Theil 1972; Reardon & Firebaugh 2002).

    ``H = Σ_i Σ_k t_i p_ik ln(p_ik / P_k) / (T E) = M / E``: the divergence relative to the city's
    entropy. 0 to 1.
    """
    city = _city(counts)
    num = _divergence_sum(city)
    E = -xlogx(np.nan_to_num(city.P)).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _segregation(num / (city.T * E), city)


def diversity(counts: npt.ArrayLike, /, *, normalized: bool = False) -> Result:
    """Diversity: the entropy ``E = −Σ_k P_k ln P_k`` of the city's composition (Theil 1972).

    With ``normalized=True`` divided by ``ln K``, ``K`` the number of group columns given: the share of
    the largest entropy possible for this classification (``nan`` when ``K = 1``). Higher is more diverse.
    """
    city = _city(counts)
    E = np.where(city.T > 0, -xlogx(city.P).sum(axis=-1), np.nan)
    if normalized:
        k = city.g.shape[-2]
        return finish(E / np.log(k) if k > 1 else np.full(E.shape, np.nan))
    return finish(E)


def simpson_concentration(counts: npt.ArrayLike, /) -> Result:
    """Simpson's concentration ``λ = Σ_k P_k²`` (Simpson 1949).

    The probability that two residents drawn at random belong to the same group.
    """
    city = _city(counts)
    return finish((city.P * city.P).sum(axis=-1))


def simpson_interaction(counts: npt.ArrayLike, /) -> Result:
    """Simpson's interaction ``I = Σ_k P_k (1 − P_k) = 1 − λ`` (Reardon & Firebaugh 2002, eq. 1).

    The probability that two residents drawn at random belong to different groups.
    """
    city = _city(counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        return finish(city.pairs / city.T**2)


@dataclass(frozen=True)
class DivergenceDecomposition:
    """The divergence of small areas split over the larger areas (parents) that contain them.

    ``total = between + within`` exactly (chain rule of mutual information): ``between`` is the
    divergence of the parents from the city, ``within = Σ_p share_p · within_by_parent_p`` where
    ``within_by_parent_p`` is the divergence of parent ``p``'s small areas from the parent's composition
    and ``share_p = T_p / T``. For batched counts each field gains the batch axes.
    """

    total: Result
    between: Result
    within: Result
    parents: tuple[object, ...]
    within_by_parent: FloatArray  # (..., number of parents); nan for an empty parent
    share: FloatArray  # (..., number of parents)


def divergence_decomposition(
    counts: npt.ArrayLike, parent_codes: Sequence[object] | npt.ArrayLike, /
) -> DivergenceDecomposition:
    """Decompose the divergence ``M`` of nested areas into between- and within-parent parts.

    ``parent_codes`` gives, for each of the ``n`` areas, the code of the larger area containing it (an
    Output Area's LSOA, a parish's municipality). By the chain rule of mutual information (Theil 1972;
    Roberto 2015): ``M = M_between + Σ_p (T_p / T) M_p``. Parents are listed in sorted order of their
    codes.
    """
    city = _city(counts)
    codes = np.asarray(parent_codes)
    n = city.g.shape[-1]
    if codes.ndim != 1 or codes.shape[0] != n:
        raise ValueError(f"{codes.shape} parent codes for {n} areas")
    parents, inverse = np.unique(codes, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(inverse[order]) != 0])
    parent = _group_major(np.add.reduceat(city.g[..., order], starts, axis=-1))
    with np.errstate(divide="ignore", invalid="ignore"):
        # Each area's composition against its parent's: the parent shares, repeated per area.
        reference = _area_shares(parent)[..., inverse]
        area_terms = _log_ratio_sum(city, reference)
        within_sum = np.add.reduceat(area_terms[..., order], starts, axis=-1)
        return DivergenceDecomposition(
            total=finish(_divergence_sum(city) / city.T),
            between=finish(_divergence_sum(parent) / city.T),
            within=finish(area_terms.sum(axis=-1) / city.T),
            parents=tuple(parents.tolist()),
            within_by_parent=np.asarray(within_sum / parent.t),
            share=np.asarray(parent.t / city.T[..., None]),
        )
