"""Local (per-area) composition indices.

``counts`` has shape ``(..., n, k)`` as in :mod:`mangfold.segregation.multigroup`; each function returns
one value per area (``(..., n)``) or per area and group (``(..., n, k)``). An area without residents has
no composition: its values are ``nan`` (PySAL returns 0 for the entropy and Simpson indices of an empty
area and ``nan`` for its location quotients).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from mangfold.segregation._validate import FloatArray, check_counts, xlogx

__all__ = [
    "local_entropy",
    "local_simpson_concentration",
    "local_simpson_interaction",
    "location_quotient",
]


def _area_shares(
    counts: npt.ArrayLike,
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.bool_]]:
    """Counts, shares ``p_ik = c_ik / t_i`` (0 in an empty area) and the mask of occupied areas."""
    c = check_counts(counts)
    t = c.sum(axis=-1, keepdims=True)
    p = np.zeros(c.shape)
    np.divide(c, t, out=p, where=np.broadcast_to(t > 0, c.shape))
    return c, p, t[..., 0] > 0


def location_quotient(counts: npt.ArrayLike, /) -> FloatArray:
    """Location quotient ``LQ_ik = (c_ik / t_i) / (X_k / T)`` (Isard 1960), shape ``(..., n, k)``.

    How over- (``> 1``) or under-represented (``< 1``) group ``k`` is in area ``i`` relative to the city.
    ``nan`` for an empty area and for a group absent from the city.
    """
    c, p, occupied = _area_shares(counts)
    Xk = c.sum(axis=-2, keepdims=True)
    T = Xk.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        lq = p / (Xk / T)
    defined = occupied[..., None] & (Xk > 0)
    return np.asarray(np.where(defined, lq, np.nan))


def local_entropy(counts: npt.ArrayLike, /, *, normalized: bool = True) -> FloatArray:
    """Local entropy ``E_i = −Σ_k p_ik ln p_ik`` (Theil 1972; Reardon & O'Sullivan 2004, eq. 6).

    With ``normalized=True`` (the default) divided by ``ln K``, ``K`` the number of group columns, so
    that 0 means one group only and 1 all groups in equal shares (PySAL's ``MultiLocalEntropy``);
    ``normalized=False`` gives the entropy in nats (PySAL's ``MultiLocalDiversity``).
    ``nan`` for an empty area, and for every area when normalising a single group.
    """
    _, p, occupied = _area_shares(counts)
    e = -xlogx(p).sum(axis=-1)
    if normalized:
        k = p.shape[-1]
        e = e / np.log(k) if k > 1 else np.full(e.shape, np.nan)
    return np.asarray(np.where(occupied, e, np.nan))


def local_simpson_concentration(counts: npt.ArrayLike, /) -> FloatArray:
    """Local Simpson concentration ``λ_i = Σ_k p_ik²`` (Simpson 1949; Reardon & Firebaugh 2002).

    The probability that two residents of area ``i`` drawn at random belong to the same group.
    ``nan`` for an empty area.
    """
    _, p, occupied = _area_shares(counts)
    return np.asarray(np.where(occupied, (p * p).sum(axis=-1), np.nan))


def local_simpson_interaction(counts: npt.ArrayLike, /) -> FloatArray:
    """Local Simpson interaction ``I_i = Σ_k p_ik (1 − p_ik) = 1 − λ_i`` (Reardon & Firebaugh 2002).

    The probability that two residents of area ``i`` drawn at random belong to different groups.
    ``nan`` for an empty area.
    """
    _, p, occupied = _area_shares(counts)
    return np.asarray(np.where(occupied, (p * (1.0 - p)).sum(axis=-1), np.nan))
