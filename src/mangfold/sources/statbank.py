"""A client for Statistics Denmark's StatBank API (api.statbank.dk v1): ``tableinfo`` and ``data``.

The API (documented at https://www.dst.dk/da/Statistik/brug-statistikken/muligheder-i-statistikbanken/api):

- ``POST {base}/tableinfo`` with ``{"table": "FOLK1C", "lang": "da"}`` describes a table: ``id, text,
  unit, updated`` and ``variables[{id, text, elimination, time, values[{id, text}]}]``.
- ``POST {base}/data`` with ``{"table", "format", "lang", "variables": [{"code", "values"}]}`` returns the
  cells. ``JSONSTAT`` comes in the older JSON-stat layout (``{"dataset": {...}}``, ``id``/``size``/``role``
  inside ``dimension``, a ``ContentsCode`` dimension, a request variable ``TID`` answered as ``Tid``). A
  variable not named is eliminated by the service (its total); ``*`` takes every value, totals included.
- Outside the streamed ``BULK`` format a request may hold at most 1,000,000 cells. ``BULK`` (a
  semicolon-separated CSV, one row per cell) needs values for every variable.
- Errors: HTTP 400 with ``{"errorTypeCode": "EXTRACT-NOTFOUND", "message": "Tabel findes ikke: X"}``.

:meth:`StatBankClient.fetch` checks the selection against ``tableinfo`` first (an unknown variable or
value is named before any data request), counts the cells (product of the numbers of values of the named
variables; an eliminated variable counts once), and then asks for JSON-stat in one request, or — over
the limit — with every variable named, for BULK; otherwise in parts split along the largest variable,
each under the limit. The answer is a JSON-stat document for the core's reader.
"""

from __future__ import annotations

import csv
import math
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

import httpx

from mangfold.i18n import gettext as _
from mangfold.population.labels import normalise_label
from mangfold.sources.cube import Cube, DimensionInfo
from mangfold.sources.errors import Failure, FetchError
from mangfold.sources.http import Retry, Transport

__all__ = [
    "CELL_LIMIT",
    "DEFAULT_URL",
    "Fetched",
    "StatBankClient",
    "TableInfo",
    "Variable",
    "count_cells",
    "split_selection",
]

DEFAULT_URL = "https://api.statbank.dk/v1"
CELL_LIMIT = 1_000_000
SERVICE = "Statistics Denmark (StatBank)"

Selection = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class Variable:
    """A variable of a table: code, text, whether it may be eliminated, whether it is the time."""

    id: str
    text: str
    values: tuple[tuple[str, str], ...]
    elimination: bool = False
    time: bool = False

    def codes(self) -> list[str]:
        return [code for code, _ in self.values]

    def match(self, wanted: str) -> list[str]:
        """The codes ``wanted`` names: ``*`` every one, a pattern with ``*`` those it matches, else the
        value with that code or text (compared case- and space-insensitively)."""
        if wanted == "*":
            return self.codes()
        if "*" in wanted:
            return [c for c in self.codes() if fnmatchcase(c, wanted)]
        key = normalise_label(wanted)
        for code, text in self.values:
            if code == wanted or normalise_label(code) == key or normalise_label(text) == key:
                return [code]
        return []


@dataclass(frozen=True)
class TableInfo:
    """What ``tableinfo`` says of a table."""

    id: str
    text: str
    unit: str
    updated: str | None
    variables: tuple[Variable, ...]

    @classmethod
    def from_json(cls, doc: Any) -> TableInfo:
        if not isinstance(doc, Mapping) or not isinstance(doc.get("variables"), list):
            raise FetchError(SERVICE, Failure.BAD_RESPONSE, "tableinfo without 'variables'")
        variables = tuple(
            Variable(
                str(v.get("id")),
                str(v.get("text", v.get("id"))),
                tuple((str(x.get("id")), str(x.get("text", x.get("id")))) for x in v.get("values") or []),
                bool(v.get("elimination")),
                bool(v.get("time")),
            )
            for v in doc["variables"]
            if isinstance(v, Mapping)
        )
        return cls(
            str(doc.get("id", "")),
            str(doc.get("text", "")),
            str(doc.get("unit", "")),
            doc.get("updated"),
            variables,
        )

    def variable(self, name: str) -> Variable | None:
        """The variable with this code or text (``TID`` finds ``Tid``)."""
        key = normalise_label(name)
        return next(
            (v for v in self.variables if key in (normalise_label(v.id), normalise_label(v.text))), None
        )


def count_cells(selection: Mapping[str, Sequence[str]]) -> int:
    """Cells of a request: the product of the numbers of values of the named variables (an eliminated
    variable contributes one cell, its total)."""
    return math.prod(len(codes) for codes in selection.values())


def split_selection(selection: Mapping[str, Sequence[str]], limit: int) -> list[dict[str, list[str]]]:
    """Parts of ``selection`` of at most ``limit`` cells each, together exactly the selection.

    The variable with the most values is cut into runs of ``⌊limit / cells of the rest⌋`` values (at least
    one); when one value of it is still too many cells, each part is split again along the next variable.
    """
    parts = [{k: list(v) for k, v in selection.items()}]
    done: list[dict[str, list[str]]] = []
    while parts:
        part = parts.pop()
        cells = count_cells(part)
        if cells <= limit:
            done.append(part)
            continue
        name = max(part, key=lambda k: len(part[k]))
        codes = part[name]
        rest = cells // len(codes)
        size = max(1, limit // rest)
        parts.extend({**part, name: codes[i : i + size]} for i in range(0, len(codes), size))
    done.reverse()
    return done


@dataclass(frozen=True)
class Fetched:
    """A fetched table: the JSON-stat document for the reader, and its provenance."""

    service: str
    table: str
    title: str
    updated: str | None
    selection: dict[str, list[str]]
    document: dict[str, Any]
    requests: int = 1
    mode: str = "JSONSTAT"
    notices: tuple[str, ...] = field(default_factory=tuple)
    language: str = "da"


def _explain(response: httpx.Response) -> FetchError:
    """StatBank's own error (``errorTypeCode``, ``message``) as a FetchError."""
    try:
        doc = response.json()
    except ValueError:
        doc = {}
    code = str(doc.get("errorTypeCode", "")) if isinstance(doc, Mapping) else ""
    message = str(doc.get("message", "")) if isinstance(doc, Mapping) else ""
    message = message or response.text[:300] or f"HTTP {response.status_code}"
    lowered = message.lower()
    if code == "EXTRACT-NOTFOUND" and ("tabel" in lowered or "table" in lowered):
        kind = Failure.UNKNOWN_TABLE
    elif "variab" in lowered and ("ikke fundet" in lowered or "not found" in lowered):
        kind = Failure.UNKNOWN_VARIABLE
    elif "værdi" in lowered or "value" in lowered:
        kind = Failure.UNKNOWN_VALUE
    else:
        kind = Failure.REFUSED
    detail = f"{message} ({code})" if code else message
    return FetchError(SERVICE, kind, detail, status=response.status_code)


class StatBankClient:
    """Talks to one StatBank (``base_url``, default the setting ``MANGFOLD_STATBANK_URL`` or
    api.statbank.dk/v1) in one language (``da`` or ``en``)."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        lang: str = "da",
        retry: Retry | None = None,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] | None = None,
        cell_limit: int = CELL_LIMIT,
    ) -> None:
        self.base_url = (base_url or os.environ.get("MANGFOLD_STATBANK_URL") or DEFAULT_URL).rstrip("/")
        self.lang = lang
        self.cell_limit = cell_limit
        self.transport = Transport(SERVICE, _explain, retry=retry, client=client, sleep=sleep or time.sleep)

    def _post(self, endpoint: str, body: Mapping[str, Any]) -> httpx.Response:
        return self.transport.send("POST", f"{self.base_url}/{endpoint}", json=body)

    def tableinfo(self, table: str) -> TableInfo:
        response = self._post("tableinfo", {"table": table, "lang": self.lang, "format": "JSON"})
        try:
            return TableInfo.from_json(response.json())
        except ValueError:
            raise FetchError(SERVICE, Failure.BAD_RESPONSE, "tableinfo is not JSON") from None

    def resolve(self, info: TableInfo, selection: Selection) -> dict[str, list[str]]:
        """The selection with the table's variable codes and every value spelled out; FetchError naming
        the first unknown variable or value (with what the table has)."""
        resolved: dict[str, list[str]] = {}
        for name, wanted in selection.items():
            variable = info.variable(name)
            if variable is None:
                known = ", ".join(v.id for v in info.variables)
                detail = _("{table} has no variable {name!r} (it has {known})")
                raise FetchError(
                    SERVICE, Failure.UNKNOWN_VARIABLE, detail.format(table=info.id, name=name, known=known)
                )
            codes: list[str] = []
            for value in wanted:
                found = variable.match(value)
                if not found:
                    sample = ", ".join(variable.codes()[:8]) + (" …" if len(variable.values) > 8 else "")
                    detail = _("{table}: variable {name} has no value {value!r} (values: {sample})")
                    raise FetchError(
                        SERVICE,
                        Failure.UNKNOWN_VALUE,
                        detail.format(table=info.id, name=variable.id, value=value, sample=sample),
                    )
                codes.extend(c for c in found if c not in codes)
            resolved[variable.id] = codes
        return resolved

    def fetch(self, table: str, selection: Selection) -> Fetched:
        """The cells of ``selection`` (variable → codes, ``*`` for all) of ``table``; see the module."""
        info = self.tableinfo(table)
        resolved = self.resolve(info, selection)
        whole = {
            name: ["*"] if len(codes) == len(info.variable(name).values) else codes  # type: ignore[union-attr]
            for name, codes in resolved.items()
        }
        cells = count_cells(resolved)
        notices: list[str] = []
        if cells <= self.cell_limit:
            document = self._jsonstat(info.id, whole)
            return Fetched(SERVICE, info.id, info.text, info.updated, resolved, document, language=self.lang)
        if all(v.id in resolved for v in info.variables):
            notice = _(
                "{cells} cells are over StatBank's limit of {limit} a request: fetched as BULK (streamed)"
            )
            notices.append(notice.format(cells=cells, limit=self.cell_limit))
            cube = self._bulk(info, resolved)
            return Fetched(
                SERVICE,
                info.id,
                info.text,
                info.updated,
                resolved,
                cube.to_jsonstat(),
                1,
                "BULK",
                tuple(notices),
                self.lang,
            )
        parts = split_selection(resolved, self.cell_limit)
        notice = _("{cells} cells are over StatBank's limit of {limit} a request: fetched in {parts} parts")
        notices.append(notice.format(cells=cells, limit=self.cell_limit, parts=len(parts)))
        merged: Cube | None = None
        for part in parts:
            cube = Cube.from_jsonstat(self._jsonstat(info.id, part), SERVICE)
            if merged is None:
                merged = cube
            else:
                merged.merge(cube)
        assert merged is not None  # noqa: S101 - a selection has at least one part
        merged.order({v.id: v.codes() for v in info.variables})
        return Fetched(
            SERVICE,
            info.id,
            info.text,
            info.updated,
            resolved,
            merged.to_jsonstat(),
            len(parts),
            "JSONSTAT",
            tuple(notices),
            self.lang,
        )

    def _body(self, table: str, selection: Selection, fmt: str) -> dict[str, Any]:
        return {
            "table": table,
            "format": fmt,
            "lang": self.lang,
            "variables": [{"code": name, "values": list(codes)} for name, codes in selection.items()],
        }

    def _jsonstat(self, table: str, selection: Selection) -> dict[str, Any]:
        response = self._post("data", self._body(table, selection, "JSONSTAT"))
        try:
            doc = response.json()
        except ValueError:
            raise FetchError(SERVICE, Failure.BAD_RESPONSE, "the data are not JSON") from None
        if not isinstance(doc, dict):
            raise FetchError(SERVICE, Failure.BAD_RESPONSE, "the data are not a JSON-stat document")
        return doc

    def _bulk(self, info: TableInfo, selection: Mapping[str, Sequence[str]]) -> Cube:
        """The BULK CSV, read row by row as it streams in: one column per variable (its code in upper
        case, a value's code or text), then ``INDHOLD``."""
        chosen = {name: set(codes) for name, codes in selection.items()}
        dims = [
            DimensionInfo(
                v.id, v.text, {c: t for c, t in v.values if c in chosen[v.id]}, "time" if v.time else None
            )
            for v in info.variables
        ]
        cube = Cube(dims, label=info.text, source="Danmarks Statistik", updated=info.updated)
        lookup = [_lookup(d.categories) for d in dims]
        body = self._body(info.id, selection, "BULK")
        with self.transport.open("POST", f"{self.base_url}/data", json=body) as response:
            reader = csv.reader(response.iter_lines(), delimiter=";")
            header = next(reader, None)
            if header is None:
                raise FetchError(SERVICE, Failure.BAD_RESPONSE, "an empty BULK answer")
            names = [normalise_label(h.lstrip("\ufeff")) for h in header]
            try:
                columns = [names.index(normalise_label(v.id)) for v in info.variables]
            except ValueError:
                raise FetchError(SERVICE, Failure.BAD_RESPONSE, f"BULK columns {header}") from None
            pairs = list(zip(lookup, columns, strict=True))
            value_column = len(header) - 1
            cells = cube.cells
            for row in reader:
                if not row:
                    continue
                try:
                    key = tuple([table[row[i]] for table, i in pairs])
                except KeyError:
                    key = _slow_key(row, pairs, dims)
                cells[key] = _bulk_value(row[value_column])
        return cube


def _lookup(categories: Mapping[str, str]) -> dict[str, str]:
    """Code, text and normalised text of each category → its code."""
    table: dict[str, str] = {}
    for code, text in categories.items():
        table.setdefault(normalise_label(text), code)
        table.setdefault(text, code)
    table.update({code: code for code in categories})
    return table


def _slow_key(
    row: Sequence[str], pairs: Sequence[tuple[dict[str, str], int]], dims: Sequence[DimensionInfo]
) -> tuple[str, ...]:
    key = []
    for (table, i), d in zip(pairs, dims, strict=True):
        code = table.get(row[i]) or table.get(normalise_label(row[i]))
        if code is None:
            raise FetchError(SERVICE, Failure.BAD_RESPONSE, f"BULK row {list(row)}: {d.id} {row[i]!r}")
        key.append(code)
    return tuple(key)


def _bulk_value(text: str) -> tuple[float | None, str | None]:
    """A BULK cell: a number (decimal comma or point), else the marker it holds (``..``) or nothing."""
    try:
        return float(text), None
    except ValueError:
        s = text.strip()
        try:
            return float(s.replace(",", ".")), None
        except ValueError:
            return None, s or None
