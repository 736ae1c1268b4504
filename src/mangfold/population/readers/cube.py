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
3. The kept cells are reduced and returned as :class:`~mangfold.population.counts.Counts`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from mangfold.i18n import gettext as _
from mangfold.population.columns import is_unknown
from mangfold.population.counts import Counts
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.labels import map_labels, normalise_label
from mangfold.population.model import LEVELS, Area, AreaHierarchy, GroupScheme, Missing
from mangfold.population.readers.common import ReadResult
from mangfold.population.readers.dims import CubePlan, Dimension, Selection, plan_cube

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
#: How a reader places a problem of cell ``k`` (flat position): ``(k, message) → Problem``.
CellProblem = Callable[[int, str], Problem]


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
    level: str = "small_area",
    metadata: Mapping[str, Any] | None = None,
) -> ReadResult:
    """Tidy counts from the cells of a cube (row-major order of ``plan.dims``).

    Only the cells inside the plan's selection are checked: a cell there that was not a number
    (``bad``: position → message), a negative or a non-finite number is refused, placed by the
    reader's ``cell_problem``. A sum over an eliminated dimension that is too large to be a count
    is refused. Without a scheme (``plan.scheme``) the groups keep the codes the table gives them
    (totals included); with one, a category that is the table's total (:data:`TOTAL_NAMES`, e.g.
    "I alt") and no group of the scheme is dropped.
    """
    v, r = _selected_cells(plan, values, reasons, bad or {}, cell_problem, file)
    v, r = _reduce_others(plan, v, r, file)
    v, r = _area_period_group(plan, v, r)
    a_dim = plan.dims[plan.area].subset(plan.keep[plan.area])
    g_dim = plan.dims[plan.group].subset(plan.keep[plan.group])
    p_dim = plan.dims[plan.period].subset(plan.keep[plan.period]) if plan.period is not None else None
    scheme = plan.scheme
    if scheme is not None:
        group_codes, v, r = _scheme_groups(g_dim, scheme, plan.aliases, file, v, r)
    else:
        group_codes = list(g_dim.codes)
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
    meta = {**(metadata or {}), "dimensions": _dimensions_metadata(plan)}
    meta.setdefault("warnings", [])
    return ReadResult(counts.replace(areas=areas), areas, meta)


_Arrays = tuple[npt.NDArray[np.float64], npt.NDArray[np.uint8]]


def _selected_cells(
    plan: CubePlan,
    values: npt.NDArray[np.float64],
    reasons: npt.NDArray[np.uint8],
    bad: Mapping[int, str],
    cell_problem: CellProblem,
    file: str,
) -> _Arrays:
    """The cells inside the plan's selection, in the cube's shape; refused when one is not a count."""
    v = values.reshape(plan.shape)
    r = reasons.reshape(plan.shape)
    if not plan.selects_all():
        index = np.ix_(*[np.asarray(k, dtype=np.intp) for k in plan.keep])
        v, r = v[index], r[index]
    problems = _check(plan, v, r, bad, cell_problem)
    if problems:
        raise PopulationFileError(problems, file=file)
    return v, r


def _reduce_others(
    plan: CubePlan, v: npt.NDArray[np.float64], r: npt.NDArray[np.uint8], file: str
) -> _Arrays:
    """Every dimension but area, period and group reduced as the plan says (its one category taken, or
    summed); a sum too large to be a count is refused. Last dimension first, so axis numbers stay valid."""
    for i in reversed(range(len(plan.dims))):
        if plan.reduce[i] == "take":
            v, r = np.take(v, 0, axis=i), np.take(r, 0, axis=i)
        elif plan.reduce[i] == "sum":
            v, r = _reduce(v, r, axis=i)
            if np.isinf(v).any():
                text = _("the sum over dimension {name!r} is too large to be a count")
                raise PopulationFileError(text.format(name=plan.dims[i].name), file=file)
    return v, r


def _area_period_group(plan: CubePlan, v: npt.NDArray[np.float64], r: npt.NDArray[np.uint8]) -> _Arrays:
    """The reduced cells with axes (area, period, group); a period axis of one when the file has none."""
    keep = [i for i in (plan.area, plan.period, plan.group) if i is not None]
    order = sorted(keep)
    v = np.transpose(v, [order.index(i) for i in keep])
    r = np.transpose(r, [order.index(i) for i in keep])
    if plan.period is None:
        v, r = v[:, None, :], r[:, None, :]
    return v, r


def _scheme_groups(
    dim: Dimension,
    scheme: GroupScheme,
    aliases: Mapping[str, str] | None,
    file: str,
    v: npt.NDArray[np.float64],
    r: npt.NDArray[np.uint8],
) -> tuple[list[str], npt.NDArray[np.float64], npt.NDArray[np.uint8]]:
    """The scheme's group code of each category of the group axis (the last), the table's total
    dropped with its cells (it is no group of the scheme)."""
    group_codes = _group_codes(dim, scheme, aliases, file)
    totals = [i for i, c in enumerate(group_codes) if c == ""]
    if totals:
        kept = [i for i in range(len(group_codes)) if i not in totals]
        v, r = np.take(v, kept, axis=-1), np.take(r, kept, axis=-1)
        group_codes = [group_codes[i] for i in kept]
    return group_codes, v, r


def _dimensions_metadata(plan: CubePlan) -> dict[str, dict[str, Any]]:
    """Each dimension of the file: its names, codes and labels, its role and the categories selected."""
    roles = {plan.area: "area", plan.group: "group"}
    if plan.period is not None:
        roles[plan.period] = "period"
    return {
        d.name: {
            "names": dict(d.names),
            "codes": list(d.codes),
            "labels": {lang: list(x) for lang, x in d.labels.items()},
            "role": roles.get(j),
            "selected": [d.codes[i] for i in plan.keep[j]],
        }
        for j, d in enumerate(plan.dims)
    }


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
