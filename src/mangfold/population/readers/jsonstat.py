"""A JSON-stat reader (version 2.0, as PxWeb and Statistics Denmark's StatBank emit it; 1.x too).

JSON-stat 2.0 (json-stat.org/format): a ``dataset`` has ``id`` (dimension ids, in the order
of the cells), ``size`` (their sizes), ``dimension`` (per id: ``label`` and ``category`` with
``index`` — an array of codes or an object code → position — and ``label`` code → text),
``value`` (an array in row-major order of ``id``, or a sparse object "position" → value,
where absent positions are null) and optional ``status`` (one string for all cells, an array,
or a sparse object). ``role`` names the ``time`` and ``geo`` dimensions.

A ``collection`` whose ``link.item`` holds embedded datasets, or a 1.x *bundle* (an object of
named datasets with ``dimension.id`` / ``dimension.size``), is read when it has one dataset
(or the one named by ``dataset``).

A null value is missing: its reason is its status when that is a PX marker (``".."``, ``"."``,
``"..."`` …), else ``NOT_AVAILABLE``; a 0 with status ``"-"`` is nil. Never 0.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.model import GroupScheme, Missing
from mangfold.population.readers.common import (
    Dimension,
    ReadResult,
    Source,
    cube_to_result,
    read_bytes,
    source_name,
)

__all__ = ["find_dataset", "read_jsonstat"]


def _is_dataset(obj: Any) -> bool:
    return isinstance(obj, dict) and "dimension" in obj and "value" in obj


def find_dataset(doc: Any, file: str, dataset: str | int | None = None) -> dict[str, Any]:
    """The one dataset of a JSON-stat document (dataset, collection or 1.x bundle)."""
    if not isinstance(doc, dict):
        raise PopulationFileError(_("a JSON-stat document must be a JSON object"), file=file)
    cls = doc.get("class")
    if cls == "dataset" or (cls is None and _is_dataset(doc)):
        return doc
    if cls == "collection":
        items = doc.get("link", {}).get("item", []) if isinstance(doc.get("link"), dict) else []
        found = {
            str(x.get("label", i)): x for i, x in enumerate(items) if isinstance(x, dict) and _is_dataset(x)
        }
    elif cls is None:
        found = {k: v for k, v in doc.items() if _is_dataset(v)}
    else:
        raise PopulationFileError(_("a JSON-stat {kind!r} holds no counts").format(kind=cls), file=file)
    if not found:
        raise PopulationFileError(_("the document holds no embedded dataset"), file=file)
    if dataset is not None:
        key = dataset if isinstance(dataset, str) else list(found)[dataset]
        if key not in found:
            raise PopulationFileError(
                _("no dataset {name!r} (found: {found})").format(name=dataset, found=", ".join(found)),
                file=file,
            )
        return dict(found[key])
    if len(found) > 1:
        raise PopulationFileError(
            _("{count} datasets ({names}); choose one with dataset=").format(
                count=len(found), names=", ".join(found)
            ),
            file=file,
        )
    return dict(next(iter(found.values())))


def _categories(dim_id: str, d: Any, size: int, problems: list[Problem], file: str) -> Dimension | None:
    if not isinstance(d, dict) or not isinstance(d.get("category"), dict):
        problems.append(Problem(_("dimension {name!r} has no category object").format(name=dim_id), file))
        return None
    cat = d["category"]
    index = cat.get("index")
    labels = cat.get("label") if isinstance(cat.get("label"), dict) else {}
    if index is None:
        codes = list(labels) if labels else []
    elif isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        try:
            codes = [str(c) for c, _ in sorted(index.items(), key=lambda kv: int(kv[1]))]
        except (TypeError, ValueError):
            message = _("dimension {name!r}: category index positions are not numbers")
            problems.append(Problem(message.format(name=dim_id), file))
            return None
    else:
        message = _("dimension {name!r}: category index is neither array nor object")
        problems.append(Problem(message.format(name=dim_id), file))
        return None
    if len(codes) != size or len(set(codes)) != len(codes):
        problems.append(
            Problem(
                _("dimension {name!r}: {count} distinct categories expected {size}").format(
                    name=dim_id, count=len(codes), size=size
                ),
                file,
            )
        )
        return None
    label = d.get("label")
    names = {"label": str(label)} if isinstance(label, str) else {}
    text = tuple(str(labels.get(c, c)) for c in codes)
    return Dimension(dim_id, tuple(codes), {"": text}, names)


def _cells(
    ds: Mapping[str, Any], total: int, file: str, problems: list[Problem]
) -> tuple[np.ndarray, np.ndarray]:
    values = np.full(total, np.nan)
    reasons = np.full(total, Missing.NOT_AVAILABLE, dtype=np.uint8)
    raw = ds.get("value")
    status = ds.get("status")

    def marker_at(k: int) -> Missing | None:
        """The PX marker (``".."``, ``"-"`` …) that cell ``k``'s status is, if any."""
        if isinstance(status, list):
            st = status[k] if k < len(status) else None
        elif isinstance(status, dict):
            st = status.get(str(k))
        else:
            st = status
        return Missing.from_marker(st) if isinstance(st, str) else None

    items: list[tuple[int, Any]] = []
    if isinstance(raw, list):
        if len(raw) != total:
            problems.append(
                Problem(
                    _("'value' has {cells} cells, expected {expected} (product of 'size')").format(
                        cells=len(raw), expected=total
                    ),
                    file,
                )
            )
            return values, reasons
        items = list(enumerate(raw))
    elif isinstance(raw, dict):
        for key, v in raw.items():
            try:
                k = int(key)
            except ValueError:
                problems.append(
                    Problem(_("'value' key {key!r} is not a cell position").format(key=key), file)
                )
                continue
            if not 0 <= k < total:
                message = _("'value' position {position} is outside 0…{last}")
                problems.append(Problem(message.format(position=k, last=total - 1), file))
                continue
            items.append((k, v))
    else:
        problems.append(Problem(_("'value' must be an array or an object"), file))
        return values, reasons
    for k, v in items:
        marker = marker_at(k)
        if v is None:
            if marker is Missing.NIL:
                values[k], reasons[k] = 0.0, Missing.NIL
            else:
                reasons[k] = Missing.NOT_AVAILABLE if marker is None else marker
            continue
        problem = _number_problem(v)
        if problem is not None:
            problems.append(Problem(_("cell {number}: {problem}").format(number=k, problem=problem), file))
            continue
        values[k] = float(v)
        reasons[k] = Missing.NIL if marker is Missing.NIL and v == 0 else Missing.NONE
    if isinstance(raw, dict):  # absent positions of a sparse value: null, reason from status
        for pos in np.flatnonzero(np.isnan(values) & (reasons == Missing.NOT_AVAILABLE)):
            marker = marker_at(int(pos))
            if marker is not None and marker.is_missing:
                reasons[pos] = marker
    return values, reasons


def _number_problem(v: Any) -> str | None:
    """Why a JSON value cannot be a count (not a finite number, or negative); None when it can."""
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        return _("not a number: {value!r}").format(value=v)
    if v < 0:
        return _("negative count: {value}").format(value=v)
    return None


def read_jsonstat(
    source: Source | Mapping[str, Any],
    *,
    scheme: GroupScheme | None = None,
    area: str | None = None,
    period: str | None = None,
    group: str | None = None,
    select: Mapping[str, str] | None = None,
    aliases: Mapping[str, str] | None = None,
    level: str = "small_area",
    default_period: str | int | None = None,
    dataset: str | int | None = None,
    name: str | None = None,
) -> ReadResult:
    """Read a JSON-stat document (path, bytes, file or already-parsed dict) into tidy counts.

    Arguments as :func:`~mangfold.population.readers.px.read_px`; ``dataset`` picks a dataset
    of a collection or bundle by label/name or position. Every problem is listed in one
    :class:`PopulationFileError`.
    """
    if isinstance(source, Mapping):
        file, doc = name or "<json-stat>", dict(source)
    else:
        file = source_name(source, name)
        raw = read_bytes(source, file)
        try:
            doc = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise PopulationFileError(
                _("not UTF-8 text (byte {position})").format(position=exc.start), file=file
            ) from None
        except json.JSONDecodeError as exc:
            raise PopulationFileError(
                Problem(_("not valid JSON: {reason}").format(reason=exc.msg), file, exc.lineno)
            ) from None
    ds = find_dataset(doc, file, dataset)
    dim_obj = ds.get("dimension")
    if not isinstance(dim_obj, dict):
        raise PopulationFileError(_("'dimension' must be an object"), file=file)
    ids, sizes = ds.get("id", dim_obj.get("id")), ds.get("size", dim_obj.get("size"))
    if not (isinstance(ids, list) and isinstance(sizes, list) and len(ids) == len(sizes)):
        raise PopulationFileError(_("'id' and 'size' must be arrays of the same length"), file=file)
    if not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes):
        raise PopulationFileError(_("'size' must hold non-negative integers"), file=file)
    role = ds.get("role", dim_obj.get("role")) or {}
    problems: list[Problem] = []
    dims = []
    for dim_id, size in zip(ids, sizes, strict=True):
        d = _categories(str(dim_id), dim_obj.get(str(dim_id)), size, problems, file)
        if d is not None:
            r = next((k for k in ("time", "geo", "metric") if str(dim_id) in (role.get(k) or [])), None)
            dims.append(dataclasses.replace(d, role=r))
    total = int(np.prod(sizes)) if sizes else 0
    values, reasons = _cells(ds, total, file, problems)
    if problems:
        raise PopulationFileError(problems, file=file)
    meta = {
        "format": "json-stat",
        "version": ds.get("version", doc.get("version")),
        "label": ds.get("label"),
        "source": ds.get("source"),
        "updated": ds.get("updated"),
        "statuses": sorted({str(s) for s in _all_statuses(ds.get("status"))}),
    }
    return cube_to_result(
        dims,
        values,
        reasons,
        file=file,
        area=area,
        period=period,
        group=group,
        select=select,
        scheme=scheme,
        aliases=aliases,
        level=level,
        default_period=None if default_period is None else str(default_period),
        metadata=meta,
    )


def _all_statuses(status: Any) -> list[Any]:
    if isinstance(status, str):
        return [status]
    if isinstance(status, list):
        return [s for s in status if s is not None]
    if isinstance(status, dict):
        return list(status.values())
    return []
