"""A fetched table → tidy counts, with the core's JSON-stat reader; and the counts as CSV.

Rules:

- The reader is :func:`mangfold.population.readers.read_jsonstat`, with the dimensions the caller names
  (``area``, ``period``, ``group``) or those it finds (the time role, usual names such as OMRÅDE, SOGN,
  HERKOMST). So a fetched table and the same table downloaded as a file give the same counts.
- Scheme: the one the caller names; else, for Statistics Denmark, its origin scheme (``dst_origin``)
  when every category of the group dimension is one of its groups or its total (the herkomst
  categories of FOLK1C, FOLK1E, KMSTA001 …); else none, and the groups stay as the table names them.
- In a scheme the total category ("I alt", "Total") is dropped when the table has every base group of
  the scheme: it is not a group, and the scheme derives it exactly. A table with coarser categories
  (FOLK1C: Danish origin, immigrants, descendants, without the Western split) keeps it as the scheme's
  total, since the scheme could not derive the population from them. Outside a scheme every category
  is kept as named, totals included.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mangfold.population.labels import map_labels
from mangfold.population.model import GroupScheme
from mangfold.population.readers import ReadResult, read_jsonstat
from mangfold.population.schemes import dst_origin

__all__ = ["Converted", "counts_csv", "labelled", "to_counts"]


@dataclass(frozen=True)
class Converted:
    """The counts read from a fetch, the scheme used (``None``: groups as named) and the table's labels
    of every group code (for output in the table's language)."""

    result: ReadResult
    scheme: GroupScheme | None
    group_labels: Mapping[str, str] = field(default_factory=dict)
    period_labels: Mapping[str, str] = field(default_factory=dict)
    notices: tuple[str, ...] = ()


def _role_dimension(result: ReadResult, role: str) -> Mapping[str, Any] | None:
    dims = result.metadata.get("dimensions") or {}
    return next((d for d in dims.values() if d.get("role") == role), None)


def _labels(dim: Mapping[str, Any] | None) -> tuple[list[str], list[str]]:
    if dim is None:
        return [], []
    labels = dim.get("labels") or {}
    first = next(iter(labels.values()), dim.get("codes", []))
    return list(dim.get("codes", [])), list(first)


def is_origin_table(labels: Sequence[str]) -> bool:
    """Whether every label is a group (or the total) of Statistics Denmark's origin scheme."""
    return bool(labels) and not map_labels(list(labels), dst_origin(), strict=False).unmapped


def to_counts(
    document: Mapping[str, Any],
    *,
    service: str = "",
    scheme: GroupScheme | None = None,
    area: str | None = None,
    period: str | None = None,
    group: str | None = None,
    select: Mapping[str, Any] | None = None,
    level: str = "small_area",
    name: str = "<fetched>",
) -> Converted:
    """Tidy counts of a fetched JSON-stat ``document`` by the rules above."""
    options: dict[str, Any] = {"area": area, "period": period, "group": group, "level": level, "name": name}
    if select:
        options["select"] = select
    if scheme is None and "Denmark" in service and _has_origin_dimension(document, group):
        scheme = dst_origin()
    result = read_jsonstat(document, scheme=scheme, **options)
    return labelled(result, scheme)


def _has_origin_dimension(document: Mapping[str, Any], group: str | None) -> bool:
    """Whether a dimension of the document (``group`` when named) has only origin categories (see
    :func:`is_origin_table`): looked up in the document itself, so the cells are read once."""
    ds = document.get("dataset", document)
    dims = ds.get("dimension") if isinstance(ds, Mapping) else None
    if not isinstance(dims, Mapping):
        return False
    for name, d in dims.items():
        if name in ("id", "size", "role") or not isinstance(d, Mapping):
            continue
        if group is not None and group.casefold() not in (
            str(name).casefold(),
            str(d.get("label", "")).casefold(),
        ):
            continue
        labels = (d.get("category") or {}).get("label") or {}
        if (
            isinstance(labels, Mapping)
            and len(labels) > 1
            and is_origin_table([str(x) for x in labels.values()])
        ):
            return True
    return False


def labelled(result: ReadResult, scheme: GroupScheme | None) -> Converted:
    """``result`` with the table's labels of its group and period codes, the total rule applied."""
    codes, labels = _labels(_role_dimension(result, "group"))
    if scheme is not None:
        mapping = map_labels(labels, scheme, strict=False).mapping
        group_labels = {mapping[lab]: lab for lab in labels if lab in mapping}
        complete = {g.code for g in scheme.base} <= set(result.counts.groups)
        if scheme.total is not None and complete:
            keep = result.counts.group != scheme.total
            if not bool(np.all(keep)):
                counts = result.counts.take(np.asarray(keep))
                result = ReadResult(counts, result.areas, result.metadata)
    else:
        group_labels = dict(zip(codes, labels, strict=False))
    p_codes, p_labels = _labels(_role_dimension(result, "period"))
    warnings = tuple(str(w) for w in result.metadata.get("warnings") or ())
    return Converted(result, scheme, group_labels, dict(zip(p_codes, p_labels, strict=False)), warnings)


def counts_csv(converted: Converted) -> str:
    """The counts as CSV: ``area,period,group,count,area_code,period_code,group_code`` (labels in the
    table's language; an empty count is missing)."""
    result = converted.result
    counts = result.counts
    names = {a.code: a.name or a.code for a in result.areas}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["area", "period", "group", "count", "area_code", "period_code", "group_code"])
    for a, p, g, n in zip(
        counts.area.tolist(), counts.period.tolist(), counts.group.tolist(), counts.n.tolist(), strict=True
    ):
        value = "" if n != n else (str(int(n)) if float(n).is_integer() else repr(float(n)))
        writer.writerow(
            [
                names.get(a, a),
                converted.period_labels.get(p, p),
                converted.group_labels.get(g, g),
                value,
                a,
                p,
                g,
            ]
        )
    return out.getvalue()
