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

**Limits.** A document over ``max_bytes`` (default 64 MiB) is refused before it is parsed, one nested deeper
than Python's parser goes is refused as such, and the product of ``size`` is checked against
``max_cells`` before any cell is allocated. An integer of more than 18 digits is read as a
float (a count too large to be one is refused at its cell); ``NaN`` and ``Infinity`` are not
numbers. Every problem names its place as a JSON path (``dimension.SOGN.category.index``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem
from mangfold.population.model import GroupScheme, Missing
from mangfold.population.readers.common import (
    MAX_CELLS,
    MAX_JSON_BYTES,
    ReadResult,
    Source,
    read_bytes,
    source_name,
)
from mangfold.population.readers.cube import Dimension, Selection, cube_to_result, plan_cube

__all__ = ["find_dataset", "read_jsonstat"]

_ROLES = ("time", "geo", "metric")


def _is_dataset(obj: Any) -> bool:
    return isinstance(obj, dict) and "dimension" in obj and "value" in obj


def _integer(text: str) -> int | float:
    """A JSON integer; a float past 18 digits (no 4,300-digit conversion limit to trip)."""
    return int(text) if len(text) <= 18 else float(text)


def _load(raw: bytes, file: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_int=_integer)
    except UnicodeDecodeError as exc:
        raise PopulationFileError(
            _("not UTF-8 text (byte {position})").format(position=exc.start), file=file
        ) from None
    except json.JSONDecodeError as exc:
        raise PopulationFileError(
            Problem(_("not valid JSON: {reason}").format(reason=exc.msg), file, exc.lineno)
        ) from None
    except RecursionError:
        raise PopulationFileError(
            _("the JSON is nested too deeply to be read (more than about 1,000 levels)"), file=file
        ) from None


def find_dataset(doc: Any, file: str, dataset: str | int | None = None) -> dict[str, Any]:
    """The one dataset of a JSON-stat document (dataset, collection or 1.x bundle)."""
    if not isinstance(doc, dict):
        raise PopulationFileError(_("a JSON-stat document must be a JSON object"), file=file)
    cls = doc.get("class")
    if cls == "dataset" or (cls is None and _is_dataset(doc)):
        return doc
    if cls == "collection":
        link = doc.get("link")
        items = link.get("item", []) if isinstance(link, dict) else []
        items = items if isinstance(items, list) else []
        found = {
            str(x.get("label", i)): x for i, x in enumerate(items) if isinstance(x, dict) and _is_dataset(x)
        }
    elif cls is None:
        found = {str(k): v for k, v in doc.items() if _is_dataset(v)}
    else:
        raise PopulationFileError(_("a JSON-stat {kind!r} holds no counts").format(kind=str(cls)), file=file)
    if not found:
        raise PopulationFileError(_("the document holds no embedded dataset"), file=file)
    if dataset is not None:
        names = list(found)
        key = (
            dataset
            if isinstance(dataset, str)
            else names[dataset]
            if -len(names) <= dataset < len(names)
            else None
        )
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


def _position(value: Any, size: int) -> int | None:
    """A category position: an integer (not a boolean) in 0 … size − 1."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        return None
    return value


def _categories(dim_id: str, d: Any, size: int, problems: list[Problem], file: str) -> Dimension | None:
    path = f"dimension.{dim_id}"
    if not isinstance(d, dict) or not isinstance(d.get("category"), dict):
        text = _("dimension {name!r} has no category object").format(name=dim_id)
        problems.append(Problem(text, file, place=path))
        return None
    cat = d["category"]
    index = cat.get("index")
    labels = cat.get("label") if isinstance(cat.get("label"), dict) else {}
    if index is None:
        codes = [str(c) for c in labels] if labels else []
    elif isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        positions = {str(c): _position(p, size) for c, p in index.items()}
        if any(p is None for p in positions.values()) or len(set(positions.values())) != len(positions):
            text = _("dimension {name!r}: category index positions must be distinct integers 0 … {last}")
            problems.append(
                Problem(text.format(name=dim_id, last=size - 1), file, place=f"{path}.category.index")
            )
            return None
        codes = sorted(positions, key=lambda c: positions[c] or 0)
    else:
        message = _("dimension {name!r}: category index is neither array nor object")
        problems.append(Problem(message.format(name=dim_id), file, place=f"{path}.category.index"))
        return None
    if len(codes) != size or len(set(codes)) != len(codes):
        problems.append(
            Problem(
                _("dimension {name!r}: {count} distinct categories expected {size}").format(
                    name=dim_id, count=len(set(codes)), size=size
                ),
                file,
                place=f"{path}.category",
            )
        )
        return None
    label = d.get("label")
    names = {"label": label} if isinstance(label, str) else {}
    shown = tuple(str(labels.get(c, c)) for c in codes)
    return Dimension(dim_id, tuple(codes), {"": shown}, names)


def _roles(ds: Mapping[str, Any], dim_obj: Mapping[str, Any], file: str) -> dict[str, str]:
    """Dimension id → "time", "geo" or "metric" from ``role`` (an object of arrays of ids)."""
    role = ds.get("role", dim_obj.get("role"))
    if role is None:
        return {}
    bad = _("'role' must be an object whose members are arrays of dimension ids")
    if not isinstance(role, dict):
        raise PopulationFileError(Problem(bad, file, place="role"))
    found: dict[str, str] = {}
    for kind, ids in role.items():
        if ids is None:
            continue
        if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids):
            raise PopulationFileError(Problem(bad, file, place=f"role.{kind}"))
        if kind in _ROLES:
            for x in ids:
                found.setdefault(x, kind)
    return found


def _cells(
    ds: Mapping[str, Any], total: int, file: str, problems: list[Problem]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.uint8], dict[int, str]]:
    """Values, reasons and the cells that are no numbers (position → message).

    Negative and non-finite numbers are kept as they are: they are judged inside the caller's
    selection.
    """
    values = np.full(total, np.nan)
    reasons = np.full(total, Missing.NOT_AVAILABLE, dtype=np.uint8)
    bad: dict[int, str] = {}
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
            return values, reasons, bad
        items = list(enumerate(raw))
    elif isinstance(raw, dict):
        for key, v in raw.items():
            k = int(key) if key.isascii() and key.isdigit() and len(key) <= 18 else None
            if k is None:
                message = _("'value' key {key!r} is not a cell position").format(key=key[:40])
                problems.append(Problem(message, file, place="value"))
                continue
            if not k < total:
                message = _("'value' position {position} is outside 0…{last}")
                problems.append(Problem(message.format(position=k, last=total - 1), file, place="value"))
                continue
            items.append((k, v))
    else:
        problems.append(Problem(_("'value' must be an array or an object"), file, place="value"))
        return values, reasons, bad
    for k, v in items:
        marker = marker_at(k)
        if v is None:
            if marker is Missing.NIL:
                values[k], reasons[k] = 0.0, Missing.NIL
            else:
                reasons[k] = Missing.NOT_AVAILABLE if marker is None else marker
            continue
        if isinstance(v, bool) or not isinstance(v, int | float):
            bad[k] = _("not a number: {value!r}").format(value=_shown(v))
            continue
        number = float(v)
        values[k] = number
        reasons[k] = Missing.NIL if marker is Missing.NIL and number == 0 else Missing.NONE
    if isinstance(raw, dict):  # absent positions of a sparse value: null, reason from status
        for pos in np.flatnonzero(np.isnan(values) & (reasons == Missing.NOT_AVAILABLE)):
            marker = marker_at(int(pos))
            if marker is not None and marker.is_missing:
                reasons[pos] = marker
    return values, reasons, bad


def _shown(v: Any) -> Any:
    text = repr(v)
    return v if len(text) <= 40 else text[:39] + "…"


def read_jsonstat(
    source: Source | Mapping[str, Any],
    *,
    scheme: GroupScheme | None = None,
    area: str | None = None,
    period: str | None = None,
    group: str | None = None,
    select: Selection | None = None,
    aliases: Mapping[str, str] | None = None,
    level: str = "small_area",
    period_value: str | int | None = None,
    default_period: str | int | None = None,
    dataset: str | int | None = None,
    name: str | None = None,
    max_bytes: int = MAX_JSON_BYTES,
    max_cells: int = MAX_CELLS,
) -> ReadResult:
    """Read a JSON-stat document (path, bytes, file or already-parsed dict) into tidy counts.

    Arguments as :func:`~mangfold.population.readers.px.read_px` (dimensions named by id or
    label, ``select`` applied before the cells are checked, ``period_value`` for a dataset
    without a time dimension); ``dataset`` picks a dataset of a collection or bundle by
    label/name or position. Every problem is listed in one :class:`PopulationFileError`, with
    its JSON path.
    """
    if isinstance(source, Mapping):
        file, doc = name or "<json-stat>", dict(source)
    else:
        file = source_name(source, name)
        doc = _load(read_bytes(source, file, max_bytes), file)
    ds = find_dataset(doc, file, dataset)
    dim_obj = ds.get("dimension")
    if not isinstance(dim_obj, dict):
        raise PopulationFileError(Problem(_("'dimension' must be an object"), file, place="dimension"))
    ids, sizes = ds.get("id", dim_obj.get("id")), ds.get("size", dim_obj.get("size"))
    if not (isinstance(ids, list) and isinstance(sizes, list) and len(ids) == len(sizes)):
        raise PopulationFileError(_("'id' and 'size' must be arrays of the same length"), file=file)
    if not all(_position(s, 2**63) is not None for s in sizes):
        raise PopulationFileError(Problem(_("'size' must hold non-negative integers"), file, place="size"))
    if not all(isinstance(x, str) for x in ids) or len(set(ids)) != len(ids):
        raise PopulationFileError(Problem(_("'id' must hold distinct texts"), file, place="id"))
    total = math.prod(sizes)
    if total > max_cells:
        text = _(
            "the dataset declares {cells} cells ({sizes}), more than the limit of {limit} (max_cells); "
            "it was not read"
        )
        shown = " × ".join(f"{n} {d}" for d, n in zip(ids, sizes, strict=True))
        raise PopulationFileError(text.format(cells=total, sizes=shown, limit=max_cells), file=file)
    roles = _roles(ds, dim_obj, file)
    problems: list[Problem] = []
    dims = []
    for dim_id, size in zip(ids, sizes, strict=True):
        d = _categories(dim_id, dim_obj.get(dim_id), size, problems, file)
        if d is not None:
            dims.append(Dimension(d.name, d.codes, d.labels, d.names, None, roles.get(dim_id)))
    values, reasons, bad = _cells(ds, total, file, problems)
    if problems:
        raise PopulationFileError(problems, file=file)
    given = period_value if period_value is not None else default_period
    plan = plan_cube(
        dims,
        file=file,
        area=area,
        period=period,
        group=group,
        select=select,
        scheme=scheme,
        aliases=aliases,
        period_value=None if given is None else str(given),
    )

    def cell_problem(k: int, message: str) -> Problem:
        text = _("cell {number}: {problem}").format(number=k, problem=message)
        return Problem(text, file, place=f"value[{k}]")

    meta = {
        "format": "json-stat",
        "version": ds.get("version", doc.get("version")),
        "label": ds.get("label"),
        "source": ds.get("source"),
        "updated": ds.get("updated"),
        "statuses": sorted({str(s) for s in _all_statuses(ds.get("status"))}),
    }
    return cube_to_result(
        plan,
        values,
        reasons,
        file=file,
        cell_problem=cell_problem,
        bad=bad,
        level=level,
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
