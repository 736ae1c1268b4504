"""The dimensions of a data cube and the plan for reading it: which dimension is the area, the
period and the group, which categories the caller selected, how every other dimension is reduced.

:func:`plan_cube` is the first step of :func:`~mangfold.population.readers.cube.cube_to_result`
(see there); it only looks at dimensions, never at cells.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.labels import map_labels, normalise_label
from mangfold.population.model import GroupScheme
from mangfold.population.readers.common import AREA_NAMES, GROUP_NAMES, PERIOD_NAMES

__all__ = ["CubePlan", "Dimension", "Selection", "plan_cube"]

#: The caller's choice of categories: dimension (code or label) → categories (codes or labels).
Selection = Mapping[str, Sequence[str] | str]


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
    ``scheme`` and ``aliases`` are those the group dimension was found by; its categories are mapped
    onto the scheme's groups with them.
    """

    dims: tuple[Dimension, ...]
    area: int
    period: int | None
    group: int
    keep: tuple[tuple[int, ...], ...]
    reduce: tuple[str, ...]
    period_value: str | None = None
    scheme: GroupScheme | None = None
    aliases: Mapping[str, str] | None = None

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
    return CubePlan(
        tuple(dims), a, pos["period"], g, tuple(keep), tuple(reduce), period_value, scheme, aliases
    )
