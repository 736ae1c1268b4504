"""Data cubes (PC-Axis, JSON-stat) → tidy counts: which dimension is what, which categories count.

A cube has dimensions with coded, labelled categories and one cell per combination, in row-major
order. Reading one takes three steps, in this order:

1. :func:`plan_cube` names the area, period and group dimensions (given by the caller by name or
   code in any of the file's languages, else found by role and usual names), resolves the
   caller's ``select`` (dimension → categories, by code or label) and decides how every other
   dimension is reduced: one category (selected, or its elimination value), a sum (an
   eliminable dimension, or one with one category), or a refusal naming it.
2. Only the cells inside the selection are checked (:func:`cube_to_result`): a negative figure
   of another content (a net migration beside a population) does not stop the import.
3. The kept cells are reduced and returned as :class:`~mangfold.population.tables.Counts`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.mapping import map_labels, normalise_label
from mangfold.population.model import LEVELS, Area, AreaHierarchy, GroupScheme, Missing
from mangfold.population.readers.common import (
    AREA_NAMES,
    GROUP_NAMES,
    PERIOD_NAMES,
    ReadResult,
)
from mangfold.population.tables import Counts, is_unknown

__all__ = ["CellProblem", "CubePlan", "Dimension", "Selection", "cube_to_result", "plan_cube"]

#: Category codes and labels of a table's total, dropped when the groups are mapped onto a scheme.
TOTAL_NAMES = frozenset(
    (
        "i alt",
        "ialt",
        "tot",
        "total",
        "totalt",
        "in total",
        "all",
        "alle",
        "yhteensä",
        "samtliga",
        "insgesamt",
    )
)
#: How many problem cells an error lists (the rest are counted).
MAX_CELL_PROBLEMS = 1000
#: The caller's choice of categories: dimension (code or label) → categories (codes or labels).
Selection = Mapping[str, Sequence[str] | str]
#: How a reader places a problem of cell ``k`` (flat position): ``(k, message) → Problem``.
CellProblem = Callable[[int, str], Problem]


@dataclass(frozen=True)
class Dimension:
    """A dimension of a cube: its name per language, category codes and labels per language.

    ``elimination`` is the category (code or label) that stands for the whole dimension, ``True``
    when the dimension may be summed away, ``None`` when it may not. ``role`` is "time", "geo" or
    "metric" where the file says so.
    """

    name: str
    codes: tuple[str, ...]
    labels: Mapping[str, tuple[str, ...]]
    names: Mapping[str, str] = field(default_factory=dict)
    elimination: str | bool | None = None
    role: str | None = None

    def __len__(self) -> int:
        return len(self.codes)

    def all_names(self) -> list[str]:
        return [self.name, *self.names.values()]

    def label(self, i: int, lang: str | None = None) -> str:
        if lang is not None and lang in self.labels:
            return self.labels[lang][i]
        first = next(iter(self.labels.values()), self.codes)
        return first[i]

    def index_of(self, value: str) -> int | None:
        """The category whose code or label (any language) is ``value``."""
        key = normalise_label(value)
        for i, code in enumerate(self.codes):
            if normalise_label(code) == key:
                return i
        for labels in self.labels.values():
            for i, lab in enumerate(labels):
                if normalise_label(lab) == key:
                    return i
        return None

    def subset(self, positions: Sequence[int]) -> Dimension:
        """The same dimension with only the categories at ``positions``."""
        return Dimension(
            self.name,
            tuple(self.codes[i] for i in positions),
            {lang: tuple(labs[i] for i in positions) for lang, labs in self.labels.items()},
            self.names,
            self.elimination,
            self.role,
        )


@dataclass(frozen=True)
class CubePlan:
    """What to do with each dimension of a cube.

    ``area``, ``period`` (``None`` when the period is ``period_value``) and ``group`` are dimension
    positions; ``keep[i]`` the category positions of dimension ``i`` inside the selection (file
    order); ``reduce[i]`` is "keep" (area, period, group), "take" (one category) or "sum".
    """

    dims: tuple[Dimension, ...]
    area: int
    period: int | None
    group: int
    keep: tuple[tuple[int, ...], ...]
    reduce: tuple[str, ...]
    period_value: str | None = None

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(d) for d in self.dims)

    def selects_all(self) -> bool:
        return all(len(k) == len(d) for k, d in zip(self.keep, self.dims, strict=True))


def _find_dim(dims: Sequence[Dimension], wanted: str) -> int | None:
    key = normalise_label(wanted)
    for i, d in enumerate(dims):
        if any(normalise_label(n) == key for n in d.all_names()):
            return i
    return None


def _guess(dims: Sequence[Dimension], taken: set[int], role: str, names: Sequence[str]) -> int | None:
    for i, d in enumerate(dims):
        if i not in taken and d.role == role:
            return i
    wanted = {normalise_label(n) for n in names}
    for i, d in enumerate(dims):
        if i not in taken and any(normalise_label(n) in wanted for n in d.all_names()):
            return i
    return None


def _group_by_scheme(
    dims: Sequence[Dimension], taken: set[int], scheme: GroupScheme, aliases: Mapping[str, str] | None
) -> int | None:
    best, best_hits = None, 0
    for i, d in enumerate(dims):
        if i in taken:
            continue
        labels = [x for labs in d.labels.values() for x in labs] + list(d.codes)
        hits = len(map_labels(labels, scheme, aliases, strict=False).mapping)
        if hits > best_hits:
            best, best_hits = i, hits
    return best


def _selection(
    dims: Sequence[Dimension], select: Selection | None, file: str, problems: list[Problem]
) -> dict[int, tuple[int, ...]]:
    """Dimension position → selected category positions (file order), from codes or labels."""
    chosen: dict[int, tuple[int, ...]] = {}
    for name, wanted in (select or {}).items():
        i = _find_dim(dims, name)
        if i is None:
            text = _("no dimension named {name!r} to select from").format(name=name)
            problems.append(Problem(text, file))
            continue
        values = [wanted] if isinstance(wanted, str) else list(wanted)
        found: set[int] = set(chosen.get(i, ()))
        for value in values:
            j = dims[i].index_of(str(value))
            if j is None:
                text = _("dimension {name!r} has no category {category!r}")
                problems.append(Problem(text.format(name=dims[i].name, category=value), file))
            else:
                found.add(j)
        if not values:
            text = _("the selection of dimension {name!r} names no category").format(name=dims[i].name)
            problems.append(Problem(text, file))
        chosen[i] = tuple(sorted(found))
    return chosen


def plan_cube(
    dims: Sequence[Dimension],
    *,
    file: str,
    area: str | None = None,
    period: str | None = None,
    group: str | None = None,
    select: Selection | None = None,
    scheme: GroupScheme | None = None,
    aliases: Mapping[str, str] | None = None,
    period_value: str | None = None,
) -> CubePlan:
    """Name the area, period and group dimensions and decide how every other one is reduced.

    ``area``, ``period`` and ``group`` name dimensions (by name in any of the file's languages);
    left out, they are found by role (time, geo), by usual names (``tid``, ``område``,
    ``herkomst`` …), the group by the scheme's labels, or — the group only — as the one dimension
    left that is not reduced to one category. ``select`` restricts any dimension (the three
    included) to some categories. Every other dimension is reduced to its one selected category,
    else to its elimination value, else summed (over the selected categories) if it may be
    eliminated or has one category; otherwise the file is refused with a message naming it.
    Raises :class:`PopulationFileError` listing every problem.
    """
    problems: list[Problem] = []
    for d in dims:
        repeated = sorted(c for c, k in Counter(d.codes).items() if k > 1)
        if repeated:
            text = _("dimension {name!r} repeats categories {categories}")
            problems.append(Problem(text.format(name=d.name, categories=repeated), file))
    if problems:
        raise PopulationFileError(problems, file=file)
    chosen = _selection(dims, select, file, problems)
    taken: set[int] = set()
    pos: dict[str, int | None] = {}
    not_found = {
        "period": _("no dimension named {name!r} (the period)"),
        "area": _("no dimension named {name!r} (the area)"),
        "group": _("no dimension named {name!r} (the group)"),
    }
    for key, wanted, role, names in (
        ("period", period, "time", PERIOD_NAMES),
        ("area", area, "geo", AREA_NAMES),
        ("group", group, "", GROUP_NAMES),
    ):
        if wanted is not None:
            i = _find_dim(dims, wanted)
            if i is None:
                problems.append(Problem(not_found[key].format(name=wanted), file))
        else:
            i = _guess(dims, taken, role, names)
        pos[key] = i
        if i is not None:
            taken.add(i)
    if pos["group"] is None and group is None:
        if scheme is not None:
            pos["group"] = _group_by_scheme(dims, taken, scheme, aliases)
        else:
            left = [i for i, d in enumerate(dims) if i not in taken and len(chosen.get(i, range(len(d)))) > 1]
            pos["group"] = left[0] if len(left) == 1 else None
        if pos["group"] is not None:
            taken.add(pos["group"])
    dim_list = ", ".join(repr(d.name) for d in dims)
    unknown = {
        "area": _("cannot tell which dimension is the area (dimensions: {dimensions})"),
        "group": _("cannot tell which dimension is the group (dimensions: {dimensions})"),
    }
    for key, wanted in (("area", area), ("group", group)):
        if pos[key] is None and wanted is None:
            problems.append(Problem(unknown[key].format(dimensions=dim_list), file))
    if pos["period"] is None and period_value is None and period is None:
        text = _("no time dimension (dimensions: {dimensions}); pass the period")
        problems.append(Problem(text.format(dimensions=dim_list), file))
    keep: list[tuple[int, ...]] = []
    reduce: list[str] = []
    for i, d in enumerate(dims):
        sel = chosen.get(i)
        if sel is not None and not sel:  # its selection matched nothing: reported above
            keep.append(())
            reduce.append("take")
        elif i in taken:
            keep.append(sel if sel is not None else tuple(range(len(d))))
            reduce.append("keep")
        elif sel is not None and len(sel) == 1:
            keep.append(sel)
            reduce.append("take")
        elif sel is None and isinstance(d.elimination, str):
            j = d.index_of(d.elimination)
            if j is None:
                text = _("dimension {name!r} has no category {category!r}")
                problems.append(Problem(text.format(name=d.name, category=d.elimination), file))
            keep.append((j or 0,))
            reduce.append("take")
        elif d.elimination is not None or len(d) == 1:
            keep.append(sel if sel is not None else tuple(range(len(d))))
            reduce.append("sum")
        else:
            text = _(
                "dimension {name!r} is neither area, period nor group and cannot be "
                "eliminated; choose one of its categories"
            )
            problems.append(Problem(text.format(name=d.name), file))
            keep.append(())
            reduce.append("take")
    if problems:
        raise PopulationFileError(problems, file=file)
    a, g = pos["area"], pos["group"]
    if a is None or g is None:  # pragma: no cover - refused above
        raise PopulationFileError(unknown["area"].format(dimensions=dim_list), file=file)
    return CubePlan(tuple(dims), a, pos["period"], g, tuple(keep), tuple(reduce), period_value)


def _check(
    plan: CubePlan,
    values: npt.NDArray[np.float64],
    reasons: npt.NDArray[np.uint8],
    bad: Mapping[int, str],
    cell_problem: CellProblem,
) -> list[Problem]:
    """Problems of the cells inside the selection: unreadable, negative or not finite."""
    shape = plan.shape
    kept = [set(k) for k in plan.keep]
    flagged: list[tuple[int, str]] = []
    for k in sorted(bad):
        where = np.unravel_index(k, shape)
        if all(int(w) in s for w, s in zip(where, kept, strict=True)):
            flagged.append((k, bad[k]))
    with np.errstate(invalid="ignore"):
        wrong = (reasons == Missing.NONE) & ~(np.isfinite(values) & (values >= 0))
    local = np.nonzero(wrong)  # in C order of the selection, so in increasing file order
    wrong_k = (
        np.ravel_multi_index(
            tuple(np.asarray(plan.keep[d], dtype=np.intp)[ix] for d, ix in enumerate(local)), shape
        )
        if len(shape)
        else np.zeros(0, dtype=np.intp)
    )
    wrong_v = values[wrong]
    total = len(flagged) + len(wrong_k)
    for n, k in enumerate(wrong_k[:MAX_CELL_PROBLEMS].tolist()):
        v = float(wrong_v[n])
        if v != v or v in (np.inf, -np.inf):
            flagged.append((k, _("not a finite number")))
        else:
            flagged.append((k, _("negative count: {value}").format(value=_number(v))))
    flagged.sort()
    problems = [cell_problem(k, message) for k, message in flagged[:MAX_CELL_PROBLEMS]]
    if total > MAX_CELL_PROBLEMS:
        text = _("{count} more cells with problems are not listed")
        problems.append(Problem(text.format(count=total - MAX_CELL_PROBLEMS)))
    return problems


def _number(v: float) -> str:
    return str(int(v)) if v.is_integer() else str(v)


def _reduce(
    values: npt.NDArray[np.float64], reasons: npt.NDArray[np.uint8], axis: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.uint8]]:
    """Sum over ``axis``; unknown cells make the sum unknown (lowest reason code)."""
    unknown = is_unknown(reasons)
    if not unknown.any():  # the common case: a plain sum, no temporaries the size of the cube
        with np.errstate(over="ignore"):  # a sum past the largest float is refused by the caller
            plain = values.sum(axis=axis)
        return plain, np.zeros(plain.shape, dtype=np.uint8)
    with np.errstate(over="ignore"):
        total = np.where(unknown, 0.0, np.nan_to_num(values)).sum(axis=axis)
    r = np.where(unknown, reasons, 255).min(axis=axis).astype(np.uint8)
    r[r == 255] = Missing.NONE
    total[r != Missing.NONE] = np.nan
    return total, r


def cube_to_result(
    plan: CubePlan,
    values: npt.NDArray[np.float64],
    reasons: npt.NDArray[np.uint8],
    *,
    file: str,
    cell_problem: CellProblem,
    bad: Mapping[int, str] | None = None,
    scheme: GroupScheme | None = None,
    aliases: Mapping[str, str] | None = None,
    level: str = "small_area",
    metadata: Mapping[str, Any] | None = None,
) -> ReadResult:
    """Tidy counts from the cells of a cube (row-major order of ``plan.dims``).

    Only the cells inside the plan's selection are checked: a cell there that was not a number
    (``bad``: position → message), a negative or a non-finite number is refused, placed by the
    reader's ``cell_problem``. A sum over an eliminated dimension that is too large to be a count
    is refused. Without ``scheme`` the groups keep the codes the table gives them (totals
    included); with one, a category that is the table's total (:data:`TOTAL_NAMES`, e.g. "I alt")
    and no group of the scheme is dropped.
    """
    dims = plan.dims
    v = values.reshape(plan.shape)
    r = reasons.reshape(plan.shape)
    if not plan.selects_all():
        index = np.ix_(*[np.asarray(k, dtype=np.intp) for k in plan.keep])
        v, r = v[index], r[index]
    problems = _check(plan, v, r, bad or {}, cell_problem)
    if problems:
        raise PopulationFileError(problems, file=file)
    # Reduce the other dimensions, last first so that axis numbers stay valid.
    for i in reversed(range(len(dims))):
        if plan.reduce[i] == "take":
            v, r = np.take(v, 0, axis=i), np.take(r, 0, axis=i)
        elif plan.reduce[i] == "sum":
            v, r = _reduce(v, r, axis=i)
            if np.isinf(v).any():
                text = _("the sum over dimension {name!r} is too large to be a count")
                raise PopulationFileError(text.format(name=dims[i].name), file=file)
    keep = [i for i in (plan.area, plan.period, plan.group) if i is not None]
    order = sorted(keep)
    v = np.transpose(v, [order.index(i) for i in keep])  # → (area, [period,] group)
    r = np.transpose(r, [order.index(i) for i in keep])
    a_dim = dims[plan.area].subset(plan.keep[plan.area])
    g_dim = dims[plan.group].subset(plan.keep[plan.group])
    p_dim = dims[plan.period].subset(plan.keep[plan.period]) if plan.period is not None else None
    if p_dim is None:
        v, r = v[:, None, :], r[:, None, :]
    group_codes = _group_codes(g_dim, scheme, aliases, file) if scheme is not None else list(g_dim.codes)
    totals = [i for i, c in enumerate(group_codes) if c == ""]  # a scheme's total: dropped, not a group
    if totals:
        kept = [i for i in range(len(group_codes)) if i not in totals]
        v, r = np.take(v, kept, axis=-1), np.take(r, kept, axis=-1)
        group_codes = [group_codes[i] for i in kept]
    periods = list(p_dim.codes) if p_dim is not None else [str(plan.period_value)]
    na, np_, ng = v.shape
    counts = Counts.from_arrays(
        np.repeat(np.array(a_dim.codes, dtype=object), np_ * ng),
        np.tile(np.repeat(np.array(periods, dtype=object), ng), na),
        np.tile(np.array(group_codes, dtype=object), na * np_),
        v.ravel(),
        r.ravel(),
        scheme=scheme,
    )
    levels = LEVELS if level in LEVELS else (*LEVELS, level)
    areas = AreaHierarchy.of([Area(c, a_dim.label(i), level) for i, c in enumerate(a_dim.codes)], levels)
    meta = dict(metadata or {})
    roles = {plan.area: "area", plan.group: "group"}
    if plan.period is not None:
        roles[plan.period] = "period"
    meta["dimensions"] = {
        d.name: {
            "names": dict(d.names),
            "codes": list(d.codes),
            "labels": {lang: list(x) for lang, x in d.labels.items()},
            "role": roles.get(j),
            "selected": [d.codes[i] for i in plan.keep[j]],
        }
        for j, d in enumerate(dims)
    }
    meta.setdefault("warnings", [])
    return ReadResult(counts.replace(areas=areas), areas, meta)


def _group_codes(
    dim: Dimension, scheme: GroupScheme, aliases: Mapping[str, str] | None, file: str
) -> list[str]:
    candidates = [[*(labs[i] for labs in dim.labels.values()), dim.codes[i]] for i in range(len(dim))]
    flat = [c for cs in candidates for c in cs]
    found = map_labels(flat, scheme, aliases, strict=False).mapping
    codes: list[str] = []
    problems = []
    unmapped = _("category {label!r} (code {code!r}) matches no group of scheme {scheme!r}")
    for i, cs in enumerate(candidates):
        hit = next((found[c] for c in cs if c in found), None)
        if hit is None and any(normalise_label(c) in TOTAL_NAMES for c in cs):
            codes.append("")  # the table's total ("I alt"): not a group of the scheme
            continue
        if hit is None:
            text = unmapped.format(label=dim.label(i), code=dim.codes[i], scheme=scheme.name)
            problems.append(Problem(text, file, column=dim.name))
        codes.append(hit or "")
    seen: dict[str, int] = {}
    twice = _("categories {first!r} and {second!r} both map to group {group!r}")
    for i, c in enumerate(codes):
        if c and c in seen:
            text = twice.format(first=dim.label(seen[c]), second=dim.label(i), group=c)
            problems.append(Problem(text, file, column=dim.name))
        seen.setdefault(c, i)
    if problems:
        raise PopulationFileError(problems, file=file)
    return codes
