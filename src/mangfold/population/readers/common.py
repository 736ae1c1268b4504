"""What the readers share: the result type, cell parsing, and data cubes → tidy counts.

PC-Axis and JSON-stat both publish a *cube*: dimensions with coded, labelled categories and one
value per combination. :func:`cube_to_result` picks the area, period and group dimensions,
reduces every other dimension (a chosen value, its elimination value, or a sum), maps the
group categories onto a scheme and returns tidy :class:`~mangfold.population.tables.Counts`.
"""

from __future__ import annotations

import gzip
import math
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.mapping import map_labels, normalise_label
from mangfold.population.model import LEVELS, Area, AreaHierarchy, GroupScheme, Missing
from mangfold.population.tables import Counts, is_unknown

__all__ = [
    "AREA_NAMES",
    "GROUP_NAMES",
    "PERIOD_NAMES",
    "Dimension",
    "ReadResult",
    "Source",
    "cube_to_result",
    "parse_cell",
    "read_bytes",
]

Source = str | os.PathLike[str] | bytes | IO[bytes]

#: Column / dimension names recognised when the caller names none (compared normalised).
AREA_NAMES = (
    "area",
    "area_code",
    "areacode",
    "område",
    "omraade",
    "omrade",
    "region",
    "sogn",
    "parish",
    "kommune",
    "municipality",
    "valgstedid",
    "geo",
    "lsoa",
    "oa",
    "msoa",
    "code",
    "kode",
)
PERIOD_NAMES = ("period", "periode", "year", "år", "aar", "tid", "time", "date", "tidspunkt")
GROUP_NAMES = (
    "group",
    "gruppe",
    "herkomst",
    "origin",
    "oprindelse",
    "ancestry",
    "ethnicity",
    "statsborgerskab",
    "citizenship",
    "category",
    "kategori",
)
N_NAMES = (
    "n",
    "count",
    "counts",
    "value",
    "values",
    "indhold",
    "persons",
    "personer",
    "antal",
    "population",
    "befolkning",
    "obs_value",
)


@dataclass(frozen=True)
class ReadResult:
    """What a reader returns: the counts, the areas it found, and the file's metadata."""

    counts: Counts
    areas: AreaHierarchy
    metadata: Mapping[str, Any] = field(default_factory=dict)


def source_name(source: Source, name: str | None = None) -> str:
    """The name to show in messages: ``name``, the file name, or ``"<data>"``."""
    if name:
        return name
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    return str(getattr(source, "name", "<data>"))


def read_bytes(source: Source, name: str) -> bytes:
    """The bytes of a path, bytes or binary file; gunzipped when gzip-compressed."""
    try:
        if isinstance(source, bytes):
            raw = source
        elif isinstance(source, str | os.PathLike):
            raw = Path(source).read_bytes()
        else:
            raw = source.read()
    except OSError as exc:
        raise PopulationFileError(
            _("cannot read the file: {reason}").format(reason=exc.strerror or exc), file=name
        ) from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise PopulationFileError(_("damaged gzip file: {error}").format(error=exc), file=name) from None
    return raw


def parse_cell(text: str, decimal: str = ".") -> tuple[float, Missing] | str:
    """A cell's count and missing reason, or an error message.

    Markers (``"."`` … ``"......"``, ``"-"``, quoted or not) give their reason; an empty cell
    is ``NOT_AVAILABLE``. Numbers may be non-integer; negative numbers and non-finite numbers
    are refused.
    """
    s = text.strip()
    if len(s) >= 2 and s[0] == s[-1] == '"':
        s = s[1:-1].strip()
    if s == "":
        return math.nan, Missing.NOT_AVAILABLE
    reason = Missing.from_marker(s)
    if reason is not None:
        return (0.0 if reason is Missing.NIL else math.nan), reason
    t = s.replace(",", ".") if decimal == "," else s
    try:
        v = float(t)
    except ValueError:
        return _("not a number: {value!r}").format(value=text.strip())
    if not math.isfinite(v):
        return _("not a finite number: {value!r}").format(value=text.strip())
    if v < 0:
        return _("negative count: {value}").format(value=text.strip())
    return v, Missing.NONE


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


def _reduce(
    values: npt.NDArray[np.float64], reasons: npt.NDArray[np.uint8], axis: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.uint8]]:
    """Sum over ``axis``; unknown cells make the sum unknown (lowest reason code)."""
    unknown = is_unknown(reasons)
    total = np.where(unknown, 0.0, np.nan_to_num(values)).sum(axis=axis)
    r = np.where(unknown, reasons, 255).min(axis=axis).astype(np.uint8)
    r[r == 255] = Missing.NONE
    total[r != Missing.NONE] = np.nan
    return total, r


def cube_to_result(
    dims: Sequence[Dimension],
    values: npt.NDArray[np.float64],
    reasons: npt.NDArray[np.uint8],
    *,
    file: str,
    area: str | None = None,
    period: str | None = None,
    group: str | None = None,
    select: Mapping[str, str] | None = None,
    scheme: GroupScheme | None = None,
    aliases: Mapping[str, str] | None = None,
    level: str = "small_area",
    default_period: str | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> ReadResult:
    """Tidy counts from a cube whose cells are in row-major order of ``dims``.

    ``area``, ``period`` and ``group`` name dimensions (in any of the file's languages); left
    out, they are found by role (time, geo) and by usual names. Every other dimension is reduced
    by ``select[dim]`` (a code or label), else its elimination value, else summed if it may be
    eliminated or has one category; otherwise the file is refused with a message naming it.
    """
    problems: list[Problem] = []
    for d in dims:
        repeated = sorted(c for c, k in Counter(d.codes).items() if k > 1)
        if repeated:
            text = _("dimension {name!r} repeats categories {categories}")
            problems.append(Problem(text.format(name=d.name, categories=repeated), file))
    if problems:
        raise PopulationFileError(problems, file=file)
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
    if pos["group"] is None and scheme is not None:
        pos["group"] = _group_by_scheme(dims, taken, scheme, aliases)
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
    if pos["period"] is None and default_period is None and period is None:
        text = _("no time dimension (dimensions: {dimensions}); pass the period")
        problems.append(Problem(text.format(dimensions=dim_list), file))
    if problems:
        raise PopulationFileError(problems, file=file)

    v = values.reshape([len(d) for d in dims])
    r = reasons.reshape(v.shape)
    keep = [i for i in (pos["area"], pos["period"], pos["group"]) if i is not None]
    select = dict(select or {})
    # Reduce the other dimensions, last first so that axis numbers stay valid.
    for i in sorted(set(range(len(dims))) - set(keep), reverse=True):
        d = dims[i]
        choice = next((select.pop(n) for n in list(select) if _find_dim([d], n) == 0), None)
        if choice is None and isinstance(d.elimination, str):
            choice = d.elimination
        if choice is not None:
            j = d.index_of(choice)
            if j is None:
                text = _("dimension {name!r} has no category {category!r}")
                problems.append(Problem(text.format(name=d.name, category=choice), file))
                continue
            v, r = np.take(v, j, axis=i), np.take(r, j, axis=i)
        elif d.elimination is True or len(d) == 1:
            v, r = _reduce(v, r, axis=i)
        else:
            text = _(
                "dimension {name!r} is neither area, period nor group and cannot be "
                "eliminated; choose one of its categories"
            )
            problems.append(Problem(text.format(name=d.name), file))
    for name in select:
        problems.append(Problem(_("no dimension named {name!r} to select from").format(name=name), file))
    if problems:
        raise PopulationFileError(problems, file=file)

    order = sorted(keep)
    axes = [order.index(i) for i in keep]  # → (area, [period,] group)
    v, r = np.transpose(v, axes), np.transpose(r, axes)
    a_dim, g_dim = dims[pos["area"] or 0], dims[pos["group"] or 0]
    p_dim = dims[pos["period"]] if pos["period"] is not None else None
    if p_dim is None:
        v, r = v[:, None, :], r[:, None, :]
    group_codes = _group_codes(g_dim, scheme, aliases, file) if scheme is not None else list(g_dim.codes)
    periods = list(p_dim.codes) if p_dim is not None else [str(default_period)]
    na, np_, ng = v.shape
    counts = Counts.from_arrays(
        np.repeat(np.array(a_dim.codes, dtype=object), np_ * ng),
        np.tile(np.repeat(np.array(periods, dtype=object), ng), na),
        np.tile(np.array(group_codes, dtype=object), na * np_),
        v.ravel(),
        r.ravel(),
        scheme=scheme,
    )
    areas = AreaHierarchy.of(
        [Area(c, a_dim.label(i), level) for i, c in enumerate(a_dim.codes)], _levels(level)
    )
    meta = dict(metadata or {})
    meta["dimensions"] = {
        d.name: {
            "names": dict(d.names),
            "codes": list(d.codes),
            "labels": {lang: list(v) for lang, v in d.labels.items()},
            "role": next((k for k, i in pos.items() if i == j), None),
        }
        for j, d in enumerate(dims)
    }
    return ReadResult(counts.replace(areas=areas), areas, meta)


def _levels(level: str) -> tuple[str, ...]:
    return LEVELS if level in LEVELS else (*LEVELS, level)


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
