"""The tidy table of population counts: one row per (area, period, group), NumPy-backed.

``Counts`` holds five parallel read-only arrays: ``area``, ``period``, ``group`` (strings),
``n`` (float64: counts may be non-integer where a source publishes them so; NaN where the
value is missing) and ``missing`` (uint8 codes of :class:`~mangfold.population.model.Missing`).
A missing value is never 0; a nil cell (PX ``"-"``) is 0 with reason ``NIL``.

An area *absent* in a period is one with no population then: no rows, or rows that are all
known and sum to 0. Boundaries change between years (parishes merge and split), so absent
areas are left out of pivots instead of being shown as empty places.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mangfold.i18n import gettext as _
from mangfold.population.columns import (
    UNKNOWN,
    CodeArray,
    FloatArray,
    Matrix,
    StrArray,
    as_strings,
    factorize,
    frozen,
    group_sum,
    isin,
    key_list,
    reason_of,
)
from mangfold.population.model import AreaHierarchy, GroupScheme, Missing

__all__ = ["Counts"]


@dataclass(frozen=True, eq=False)
class Counts:
    """Population counts by (area, period, group), with a missing-value reason per row.

    Build with :meth:`from_arrays`, :meth:`from_records` or :meth:`from_pandas`. ``scheme``
    and ``areas`` (the group scheme and area hierarchy the counts refer to) are optional.
    """

    area: StrArray
    period: StrArray
    group: StrArray
    n: FloatArray
    missing: CodeArray
    scheme: GroupScheme | None = None
    areas: AreaHierarchy | None = None

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def from_arrays(
        cls,
        area: Iterable[Any] | npt.ArrayLike,
        period: Iterable[Any] | npt.ArrayLike,
        group: Iterable[Any] | npt.ArrayLike,
        n: npt.ArrayLike,
        missing: npt.ArrayLike | None = None,
        *,
        scheme: GroupScheme | None = None,
        areas: AreaHierarchy | None = None,
    ) -> Counts:
        """Counts from parallel arrays. Keys become strings (periods too: ``2008`` → "2008").

        Raises ``ValueError`` on unequal lengths, duplicate (area, period, group) keys, a NaN
        count with reason ``NONE``, or a negative count. Unknown cells get ``n = NaN`` and
        nil cells ``n = 0`` whatever was passed.
        """
        a, p, g = as_strings(area), as_strings(period), as_strings(group)
        values = np.asarray(n, dtype=np.float64).ravel().copy()
        m = (
            np.zeros(len(values), dtype=np.uint8)
            if missing is None
            else np.asarray(missing, dtype=np.uint8).ravel().copy()
        )
        if not len(a) == len(p) == len(g) == len(values) == len(m):
            raise ValueError("area, period, group, n and missing must have equal lengths")
        if len(m) and int(m.max()) >= len(Missing):
            raise ValueError(f"unknown missing-value code {int(m.max())}")
        unknown = UNKNOWN[m]
        values[unknown] = np.nan
        values[m == Missing.NIL] = 0.0
        problems = []
        if np.isnan(values[~unknown]).any():
            problems.append(_("a count is NaN but has no missing-value reason"))
        if (values[~unknown] < 0).any():
            problems.append(_("a count is negative"))
        if len(a):
            codes, uniq = factorize(a, p, g)
            if len(uniq[0]) < len(a):
                dup = np.ones(len(a), dtype=bool)
                dup[np.unique(codes, return_index=True)[1]] = False
                first = [(a[i], p[i], g[i]) for i in np.flatnonzero(dup)[:3]]
                message = _("{count} duplicate (area, period, group) keys, e.g. {keys}")
                problems.append(message.format(count=int(dup.sum()), keys=first))
        if problems:
            raise ValueError("; ".join(problems))
        return cls(frozen(a), frozen(p), frozen(g), frozen(values), frozen(m), scheme, areas)

    @classmethod
    def from_records(
        cls,
        records: Iterable[Sequence[Any]],
        *,
        scheme: GroupScheme | None = None,
        areas: AreaHierarchy | None = None,
    ) -> Counts:
        """Counts from ``(area, period, group, n)`` or ``(area, period, group, n, missing)``
        tuples; ``missing`` may be a :class:`Missing`, its code or a marker such as ``".."``,
        and ``n`` itself may be a marker (``".."``, ``"-"`` …)."""
        rows = list(records)
        cols: list[list[Any]] = [[], [], [], [], []]
        for r in rows:
            for i in range(3):
                cols[i].append(r[i])
            n, reason = r[3], reason_of(r[4]) if len(r) > 4 else Missing.NONE
            if isinstance(n, str) and Missing.from_marker(n) is not None:
                n, reason = np.nan, reason_of(n)
            cols[3].append(n)
            cols[4].append(reason)
        return cls.from_arrays(
            cols[0],
            cols[1],
            cols[2],
            np.asarray(cols[3], dtype=np.float64),
            np.asarray(cols[4], dtype=np.uint8),
            scheme=scheme,
            areas=areas,
        )

    @classmethod
    def empty(cls, scheme: GroupScheme | None = None) -> Counts:
        return cls.from_arrays([], [], [], [], scheme=scheme)

    @classmethod
    def concat(cls, parts: Sequence[Counts]) -> Counts:
        """The rows of several tables; keys must stay unique. Keeps the first scheme/areas."""
        if not parts:
            return cls.empty()
        areas = None
        for c in parts:
            if c.areas is not None:
                areas = c.areas if areas is None else areas.merge(c.areas)
        return cls.from_arrays(
            np.concatenate([c.area for c in parts]),
            np.concatenate([c.period for c in parts]),
            np.concatenate([c.group for c in parts]),
            np.concatenate([c.n for c in parts]),
            np.concatenate([c.missing for c in parts]),
            scheme=next((c.scheme for c in parts if c.scheme is not None), None),
            areas=areas,
        )

    def replace(self, **changes: Any) -> Counts:
        """A copy with ``scheme`` and/or ``areas`` replaced (other keywords are ignored)."""
        scheme, areas = changes.get("scheme", self.scheme), changes.get("areas", self.areas)
        return dataclasses.replace(self, scheme=scheme, areas=areas)

    # ---- conversion ---------------------------------------------------------------------
    def to_pandas(self) -> pd.DataFrame:
        """Columns ``area, period, group, n, missing`` (``missing``: lowercase reason name)."""
        names = np.array([r.name.lower() for r in Missing], dtype=object)
        return pd.DataFrame(
            {
                "area": self.area.astype(str),
                "period": self.period.astype(str),
                "group": self.group.astype(str),
                "n": self.n.copy(),
                "missing": names[self.missing],
            }
        )

    @classmethod
    def from_pandas(
        cls,
        df: pd.DataFrame,
        *,
        scheme: GroupScheme | None = None,
        areas: AreaHierarchy | None = None,
    ) -> Counts:
        """The inverse of :meth:`to_pandas`. Without a ``missing`` column, NaN counts are
        ``NOT_AVAILABLE``; ``missing`` may hold reason names, codes or markers."""
        n = pd.to_numeric(df["n"], errors="raise").to_numpy(dtype=np.float64)
        if "missing" in df.columns:
            m = np.array([reason_of(v) for v in df["missing"]], dtype=np.uint8)
        else:
            m = np.where(np.isnan(n), Missing.NOT_AVAILABLE, Missing.NONE).astype(np.uint8)
        return cls.from_arrays(df["area"], df["period"], df["group"], n, m, scheme=scheme, areas=areas)

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` with the columns of :meth:`to_pandas`."""
        import pyarrow as pa

        return pa.Table.from_pandas(self.to_pandas(), preserve_index=False)

    # ---- inspection ---------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.n)

    @property
    def periods(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.period.tolist())))

    @property
    def area_codes(self) -> tuple[str, ...]:
        """The area codes in order of first appearance."""
        return tuple(dict.fromkeys(self.area.tolist()))

    @property
    def groups(self) -> tuple[str, ...]:
        """The group codes in order of first appearance."""
        return tuple(dict.fromkeys(self.group.tolist()))

    @property
    def unknown(self) -> npt.NDArray[np.bool_]:
        """Per row: is the count unknown?"""
        return UNKNOWN[self.missing]

    def value(self, area: str, period: str | int, group: str) -> float:
        """One count (NaN if missing); ``KeyError`` if there is no such row."""
        return float(self.n[self._row(area, period, group)])

    def reason(self, area: str, period: str | int, group: str) -> Missing:
        """One count's missing-value reason; ``KeyError`` if there is no such row."""
        return Missing(int(self.missing[self._row(area, period, group)]))

    def _row(self, area: str, period: str | int, group: str) -> int:
        hit = np.flatnonzero((self.area == area) & (self.period == str(period)) & (self.group == group))
        if not len(hit):
            raise KeyError((area, str(period), group))
        return int(hit[0])

    # ---- selection ----------------------------------------------------------------------
    def take(self, mask: npt.NDArray[np.bool_]) -> Counts:
        """The rows where ``mask`` is true."""
        return Counts(
            frozen(self.area[mask]),
            frozen(self.period[mask]),
            frozen(self.group[mask]),
            frozen(self.n[mask]),
            frozen(self.missing[mask]),
            self.scheme,
            self.areas,
        )

    def select(
        self,
        *,
        period: str | int | Iterable[str | int] | None = None,
        area: str | Iterable[str] | None = None,
        group: str | Iterable[str] | None = None,
        level: str | None = None,
        within: str | None = None,
    ) -> Counts:
        """Rows of the given period(s), area(s), group(s), area ``level`` (needs ``areas``)
        and areas ``within`` a containing area (e.g. the parishes of one municipality)."""
        mask = np.ones(len(self), dtype=bool)
        if period is not None:
            mask &= isin(self.period, key_list(period))
        if area is not None:
            mask &= isin(self.area, key_list(area))
        if group is not None:
            mask &= isin(self.group, key_list(group))
        if level is not None or within is not None:
            h = self._hierarchy()
            if level is not None:
                codes = [a.code for a in h.at_level(level)]
                mask &= isin(self.area, codes)
            if within is not None:
                lvl = h[within].level
                inside = [a.code for a in h if h.ancestor(a.code, lvl) == within]
                mask &= isin(self.area, inside)
        return self.take(mask)

    def _hierarchy(self) -> AreaHierarchy:
        if self.areas is None:
            raise ValueError("these counts have no area hierarchy")
        return self.areas

    def _scheme(self, scheme: GroupScheme | None) -> GroupScheme:
        s = scheme or self.scheme
        if s is None:
            raise ValueError("these counts have no group scheme")
        return s

    # ---- presence -----------------------------------------------------------------------
    def present(self, period: str | int) -> tuple[str, ...]:
        """Areas with population in ``period``: some count > 0 or unknown (in first-seen order)."""
        sel = self.select(period=period)
        alive = sel.unknown | (np.nan_to_num(sel.n) > 0)
        return tuple(dict.fromkeys(sel.area[alive].tolist()))

    def absent_periods(self) -> dict[str, tuple[str, ...]]:
        """For each area, the periods of the table in which it is absent (no population)."""
        periods = self.periods
        present = {p: set(self.present(p)) for p in periods}
        return {a: tuple(p for p in periods if a not in present[p]) for a in self.area_codes}

    # ---- derived groups, aggregation, shares ------------------------------------------
    def with_derived(self, scheme: GroupScheme | None = None) -> Counts:
        """These counts plus the scheme's derived groups (sums of base groups) that are not
        in the table yet. A sum with an unknown component is unknown (the first reason in
        code order); a missing component row makes the sum ``NOT_AVAILABLE``."""
        s = self._scheme(scheme)
        parts = [self]
        have = set(self.groups)
        for g in s.derived:
            if g.code in have:
                continue
            parts.append(self._sum_groups(g.components, g.code))
        return Counts.concat(parts).replace(scheme=s, areas=self.areas)

    def _sum_groups(self, components: Sequence[str], code: str) -> Counts:
        sub = self.select(group=components)
        codes, uniq = factorize(sub.area, sub.period)
        total, reason, count = group_sum(codes, len(uniq[0]), sub.n, sub.missing)
        reason = np.where(
            (count < len(components)) & (reason == Missing.NONE), Missing.NOT_AVAILABLE, reason
        ).astype(np.uint8)
        return Counts.from_arrays(uniq[0], uniq[1], [code] * len(uniq[0]), total, reason)

    def aggregate(self, level: str, areas: AreaHierarchy | None = None) -> Counts:
        """Sum the counts up the hierarchy to the areas of ``level`` (per period and group).

        Rows whose area has no ancestor at ``level`` are dropped. Unknown cells make the sum
        unknown. Absent children (no rows) add nothing.
        """
        h = areas or self._hierarchy()
        ancestor = {a: h.ancestor(a, level) for a in self.area_codes}
        target = np.array([ancestor[a] for a in self.area.tolist()], dtype=object)
        keep = np.array([t is not None for t in target], dtype=bool)
        sub = self.take(keep)
        codes, uniq = factorize(target[keep], sub.period, sub.group)
        total, reason, _count = group_sum(codes, len(uniq[0]), sub.n, sub.missing)
        return Counts.from_arrays(uniq[0], uniq[1], uniq[2], total, reason, scheme=self.scheme, areas=h)

    def shares(self, total: str | Sequence[str] | None = None) -> Counts:
        """Each count as a share of its area's total in the same period.

        The total is the group ``total`` (a code, or codes to sum); by default the scheme's
        total group, or else the sum of the scheme's base groups. Shares are NaN
        (``NOT_AVAILABLE``) where the total is 0, and unknown where either part is unknown.
        """
        if isinstance(total, str):
            tot = self.select(group=total)
        elif total is not None:
            tot = self._sum_groups(list(total), "__total__")
        else:
            s = self._scheme(None)
            if s.total is not None and s.total in self.groups:
                tot = self.select(group=s.total)
            else:
                tot = self._sum_groups([g.code for g in s.base], "__total__")
        where = {k: i for i, k in enumerate(zip(tot.area.tolist(), tot.period.tolist(), strict=True))}
        idx = [where.get(k, -1) for k in zip(self.area.tolist(), self.period.tolist(), strict=True)]
        pos = np.asarray(idx, dtype=np.int64)
        found = pos >= 0
        pos = np.where(found, pos, 0)
        t = np.where(found, tot.n[pos] if len(tot) else np.nan, np.nan)
        t_reason = np.where(found, tot.missing[pos] if len(tot) else 0, Missing.NOT_AVAILABLE)
        reason = np.where(self.missing == Missing.NIL, Missing.NONE, self.missing)
        t_reason = np.where(t_reason == Missing.NIL, Missing.NONE, t_reason)
        reason = np.where(reason == Missing.NONE, t_reason, reason).astype(np.uint8)
        reason[(reason == Missing.NONE) & ~(t > 0)] = Missing.NOT_AVAILABLE
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(UNKNOWN[reason], np.nan, np.nan_to_num(self.n) / t)
        return Counts.from_arrays(
            self.area, self.period, self.group, share, reason, scheme=self.scheme, areas=self.areas
        )

    # ---- pivot --------------------------------------------------------------------------
    def pivot(
        self,
        period: str | int,
        groups: Sequence[str] | None = None,
        *,
        include_absent: bool = False,
    ) -> Matrix:
        """The (areas × groups) matrix of one period, absent areas left out.

        ``groups`` defaults to the scheme's base groups (or the table's groups). A derived
        group of the scheme that the table lacks is computed. A present area without a row
        for a group gets NaN / ``NOT_AVAILABLE`` there.
        """
        if groups is None:
            groups = [g.code for g in self.scheme.base] if self.scheme else list(self.groups)
        groups = list(groups)
        src = self.select(period=period)
        have = set(src.groups)
        lacking = [g for g in groups if g not in have]
        if lacking and self.scheme is not None:
            extra = [src._sum_groups(self.scheme.components(g), g) for g in lacking if g in self.scheme]
            src = Counts.concat([src, *extra])
        area_list = list(src.area_codes if include_absent else src.present(period))
        values = np.full((len(area_list), len(groups)), np.nan)
        missing = np.full(values.shape, Missing.NOT_AVAILABLE, dtype=np.uint8)
        i = pd.Index(area_list, dtype=object).get_indexer(pd.Index(src.area, dtype=object))
        j = pd.Index(groups, dtype=object).get_indexer(pd.Index(src.group, dtype=object))
        hit = (i >= 0) & (j >= 0)
        values[i[hit], j[hit]] = src.n[hit]
        missing[i[hit], j[hit]] = src.missing[hit]
        return Matrix(str(period), tuple(area_list), tuple(groups), frozen(values), frozen(missing))
