"""A fetched table as cells keyed by category codes, merged from several answers, written as JSON-stat 2.0.

A selection too large for one request is fetched in parts (StatBank: at most 1,000,000 cells a request),
and the streamed BULK CSV arrives as rows. Both become a :class:`Cube`: the dimensions in the table's
order, each with the categories seen (codes and labels, in the table's order), and one value and status
per combination. :meth:`Cube.to_jsonstat` writes it as a JSON-stat 2.0 dataset, which the core's
:func:`~mangfold.population.readers.read_jsonstat` reads like any file: one path from answer to counts.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mangfold.sources.errors import Failure, FetchError

__all__ = ["Cube", "DimensionInfo"]


@dataclass
class DimensionInfo:
    """A dimension: its code, label, and the categories (code → label) in the table's order."""

    id: str
    label: str
    categories: dict[str, str] = field(default_factory=dict)
    role: str | None = None


@dataclass
class Cube:
    """Cells keyed by one category code per dimension (in the order of ``dimensions``)."""

    dimensions: list[DimensionInfo]
    cells: dict[tuple[str, ...], tuple[float | None, str | None]] = field(default_factory=dict)
    label: str = ""
    source: str = ""
    updated: str | None = None

    @classmethod
    def from_jsonstat(cls, doc: Mapping[str, Any], service: str) -> Cube:
        """The cells of a JSON-stat dataset: 2.0, or the older layout StatBank sends (``{"dataset":
        {...}}`` with ``id``, ``size`` and ``role`` inside ``dimension``)."""
        ds = doc.get("dataset", doc) if isinstance(doc, Mapping) else None
        if not isinstance(ds, Mapping) or not isinstance(ds.get("dimension"), Mapping):
            raise FetchError(service, Failure.BAD_RESPONSE, "no JSON-stat dataset in the answer")
        dims_obj = ds["dimension"]
        ids = ds.get("id", dims_obj.get("id"))
        role = ds.get("role", dims_obj.get("role")) or {}
        if not isinstance(ids, list):
            raise FetchError(service, Failure.BAD_RESPONSE, "the JSON-stat dataset has no 'id'")
        dims: list[DimensionInfo] = []
        for dim_id in ids:
            d = dims_obj.get(dim_id) or {}
            category = d.get("category") or {}
            index = category.get("index")
            labels = category.get("label") or {}
            if isinstance(index, Mapping):
                codes = [c for c, _ in sorted(index.items(), key=lambda kv: int(kv[1]))]
            elif isinstance(index, list):
                codes = [str(c) for c in index]
            else:
                codes = list(labels)
            r = next((k for k in ("time", "geo", "metric") if dim_id in (role.get(k) or [])), None)
            dims.append(
                DimensionInfo(
                    str(dim_id), str(d.get("label", dim_id)), {c: str(labels.get(c, c)) for c in codes}, r
                )
            )
        values = ds.get("value")
        status = ds.get("status")
        cube = cls(
            dims, label=str(ds.get("label", "")), source=str(ds.get("source", "")), updated=ds.get("updated")
        )
        combos = list(itertools.product(*[list(d.categories) for d in dims]))
        for k, key in enumerate(combos):
            if isinstance(values, list):
                v = values[k] if k < len(values) else None
            elif isinstance(values, Mapping):
                v = values.get(str(k))
            else:
                raise FetchError(service, Failure.BAD_RESPONSE, "the JSON-stat dataset has no values")
            if isinstance(status, list):
                st = status[k] if k < len(status) else None
            elif isinstance(status, Mapping):
                st = status.get(str(k))
            else:
                st = status
            cube.cells[key] = (v, st if isinstance(st, str) else None)
        return cube

    def merge(self, other: Cube) -> None:
        """Add the cells (and categories) of another part of the same table."""
        if [d.id for d in other.dimensions] != [d.id for d in self.dimensions]:
            raise ValueError("the parts of a table have different dimensions")
        for mine, theirs in zip(self.dimensions, other.dimensions, strict=True):
            for code, text in theirs.categories.items():
                mine.categories.setdefault(code, text)
        self.cells.update(other.cells)
        self.updated = self.updated or other.updated

    def order(self, orders: Mapping[str, Sequence[str]]) -> None:
        """Put each dimension's categories in the given order of codes (the table's)."""
        for d in self.dimensions:
            wanted = orders.get(d.id)
            if wanted is not None:
                rank = {c: i for i, c in enumerate(wanted)}
                d.categories = dict(sorted(d.categories.items(), key=lambda kv: rank.get(kv[0], len(rank))))

    def to_jsonstat(self) -> dict[str, Any]:
        """A JSON-stat 2.0 dataset of the cells (absent combinations are null)."""
        values: list[float | None] = []
        status: dict[str, str] = {}
        combos = itertools.product(*[list(d.categories) for d in self.dimensions])
        for k, key in enumerate(combos):
            v, st = self.cells.get(key, (None, None))
            values.append(v)
            if st:
                status[str(k)] = st
        doc: dict[str, Any] = {
            "version": "2.0",
            "class": "dataset",
            "label": self.label,
            "source": self.source,
            "updated": self.updated,
            "id": [d.id for d in self.dimensions],
            "size": [len(d.categories) for d in self.dimensions],
            "role": {
                r: [d.id for d in self.dimensions if d.role == r]
                for r in ("time", "geo", "metric")
                if any(d.role == r for d in self.dimensions)
            },
            "dimension": {
                d.id: {
                    "label": d.label,
                    "category": {
                        "index": {c: i for i, c in enumerate(d.categories)},
                        "label": dict(d.categories),
                    },
                }
                for d in self.dimensions
            },
            "value": values,
        }
        if status:
            doc["status"] = status
        return doc
