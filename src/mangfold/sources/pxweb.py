"""A client for PxWeb: PxWebApi 2 (JSON-stat 2.0) and, where still served, the PxWeb API v1.

PxWebApi 2 (Statistics Sweden, Statistics Norway — https://data.ssb.no/api/pxwebapi/v2/):

- ``GET {table}/metadata?lang=no&outputFormat=json-stat2`` describes the table as a JSON-stat 2.0 dataset
  without values (each dimension's categories; ``extension.elimination`` tells an eliminable one);
- ``POST {table}/data?lang=no&outputFormat=json-stat2`` with ``{"selection": [{"variableCode": "Region",
  "valueCodes": ["0301"]}, …]}`` returns the cells as JSON-stat 2.0; a variable not named is eliminated
  by the service or, if it cannot be, answered with its default values;
- errors are problem details (RFC 9457): ``{"type", "title", "status", "detail"}``.

PxWeb API v1 (``…/api/v0/no/table/07459``, ``…/api/v1/sv/ssd/…``): ``GET {table}`` gives ``{"title",
"variables": [{"code", "text", "values", "valueTexts", "elimination", "time"}]}``, and ``POST {table}``
with ``{"query": [{"code", "selection": {"filter": "item", "values": […]}}], "response": {"format":
"json-stat2"}}`` the cells. A table address containing ``/tables/`` is taken as PxWebApi 2.

Statistics Norway allows 30 calls a minute from one address: every client of a host shares one limiter
for the process and waits (a sliding window of call times) rather than be refused;
:data:`CALLS_PER_MINUTE` is the limit, ``MANGFOLD_PXWEB_CALLS_PER_MINUTE`` changes it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import urlsplit

import httpx

from mangfold.i18n import gettext as _
from mangfold.population.labels import normalise_label
from mangfold.sources.errors import Failure, FetchError
from mangfold.sources.http import RateLimiter, Retry, Transport
from mangfold.sources.statbank import Fetched

__all__ = ["CALLS_PER_MINUTE", "PxVariable", "PxWebClient", "shared_limiter"]

CALLS_PER_MINUTE = 30
SERVICE = "PxWeb"


@dataclass(frozen=True)
class PxVariable:
    """A variable of a PxWeb table: code, text, values (code, text), eliminable or not."""

    code: str
    text: str
    values: tuple[tuple[str, str], ...]
    elimination: bool = False

    def match(self, wanted: str) -> list[str]:
        """``*`` every value, a pattern with ``*`` the codes it matches, else the value of that code/text."""
        codes = [c for c, _ in self.values]
        if wanted == "*":
            return codes
        if "*" in wanted:
            return [c for c in codes if fnmatchcase(c, wanted)]
        key = normalise_label(wanted)
        return next(([c] for c, t in self.values if key in (normalise_label(c), normalise_label(t))), [])


_LIMITERS: dict[str, RateLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def shared_limiter(host: str, calls: int, sleep: Callable[[float], None] = time.sleep) -> RateLimiter:
    """One limiter per service host for the whole process: every client of that host counts its calls."""
    with _LIMITERS_LOCK:
        limiter = _LIMITERS.get(host)
        if limiter is None or limiter.calls != calls:
            limiter = _LIMITERS[host] = RateLimiter(calls, 60.0, sleep=sleep)
        return limiter


def _service(url: str) -> str:
    host = urlsplit(url).hostname or "PxWeb"
    return f"PxWeb ({host})"


def _explainer(service: str) -> Callable[[httpx.Response], FetchError]:
    def explain(response: httpx.Response) -> FetchError:
        try:
            doc = response.json()
        except ValueError:
            doc = None
        if isinstance(doc, Mapping):
            parts = [str(doc[k]) for k in ("title", "detail") if doc.get(k)]
            message = ": ".join(parts) or str(doc)[:300]
        else:
            message = response.text.strip()[:300] or f"HTTP {response.status_code}"
        kind = Failure.UNKNOWN_TABLE if response.status_code == 404 else Failure.REFUSED
        return FetchError(
            service, kind, f"{message} (HTTP {response.status_code})", status=response.status_code
        )

    return explain


class PxWebClient:
    """Fetches one PxWeb table, given its address (PxWebApi 2 ``…/tables/ID`` or a v1 table address)."""

    def __init__(
        self,
        table_url: str,
        *,
        lang: str | None = None,
        retry: Retry | None = None,
        client: httpx.Client | None = None,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = table_url.split("?")[0].rstrip("/")
        for suffix in ("/data", "/metadata"):
            if self.url.endswith(suffix):
                self.url = self.url[: -len(suffix)]
        self.v2 = "/tables/" in self.url
        self.lang = lang
        self.service = _service(self.url)
        per_minute = int(os.environ.get("MANGFOLD_PXWEB_CALLS_PER_MINUTE", CALLS_PER_MINUTE))
        self.transport = Transport(
            self.service,
            _explainer(self.service),
            retry=retry,
            client=client,
            limiter=limiter or shared_limiter(urlsplit(self.url).netloc, per_minute, sleep),
            sleep=sleep,
        )

    def _params(self) -> dict[str, str]:
        params = {"outputFormat": "json-stat2"}
        if self.lang:
            params["lang"] = self.lang
        return params

    def variables(self) -> tuple[str, str | None, tuple[PxVariable, ...]]:
        """The table's title, last update and variables."""
        if self.v2:
            doc = self._json(self.transport.send("GET", f"{self.url}/metadata", params=self._params()))
            dims = doc.get("dimension") or {}
            found = []
            for code in doc.get("id") or list(dims):
                d = dims.get(code) or {}
                category = d.get("category") or {}
                index = category.get("index") or {}
                labels = category.get("label") or {}
                codes = (
                    sorted(index, key=lambda c: int(index[c])) if isinstance(index, Mapping) else list(index)
                )
                extension = d.get("extension") or {}
                found.append(
                    PxVariable(
                        str(code),
                        str(d.get("label", code)),
                        tuple((str(c), str(labels.get(c, c))) for c in codes),
                        bool(extension.get("elimination", False)),
                    )
                )
            return str(doc.get("label", "")), doc.get("updated"), tuple(found)
        doc = self._json(self.transport.send("GET", self.url))
        variables = tuple(
            PxVariable(
                str(v.get("code")),
                str(v.get("text", v.get("code"))),
                tuple(
                    zip(map(str, v.get("values") or []), map(str, v.get("valueTexts") or []), strict=False)
                ),
                bool(v.get("elimination", False)),
            )
            for v in doc.get("variables") or []
        )
        return str(doc.get("title", "")), None, variables

    def _json(self, response: httpx.Response) -> dict[str, Any]:
        try:
            doc = response.json()
        except ValueError:
            raise FetchError(self.service, Failure.BAD_RESPONSE, "the answer is not JSON") from None
        if not isinstance(doc, dict):
            raise FetchError(self.service, Failure.BAD_RESPONSE, "the answer is not a JSON object")
        return doc

    def resolve(
        self, variables: Sequence[PxVariable], selection: Mapping[str, Sequence[str]]
    ) -> dict[str, list[str]]:
        """The selection in the table's variable and value codes; FetchError naming an unknown one."""
        resolved: dict[str, list[str]] = {}
        for name, wanted in selection.items():
            key = normalise_label(name)
            variable = next(
                (v for v in variables if key in (normalise_label(v.code), normalise_label(v.text))), None
            )
            if variable is None:
                known = ", ".join(v.code for v in variables)
                detail = _("the table has no variable {name!r} (it has {known})").format(
                    name=name, known=known
                )
                raise FetchError(self.service, Failure.UNKNOWN_VARIABLE, detail)
            codes: list[str] = []
            for value in wanted:
                found = variable.match(value)
                if not found:
                    detail = _("variable {name} has no value {value!r}").format(
                        name=variable.code, value=value
                    )
                    raise FetchError(self.service, Failure.UNKNOWN_VALUE, detail)
                codes.extend(c for c in found if c not in codes)
            resolved[variable.code] = codes
        return resolved

    def body(self, selection: Mapping[str, Sequence[str]]) -> dict[str, Any]:
        """The request body each API documents for ``selection``."""
        if self.v2:
            return {"selection": [{"variableCode": k, "valueCodes": list(v)} for k, v in selection.items()]}
        return {
            "query": [
                {"code": k, "selection": {"filter": "item", "values": list(v)}} for k, v in selection.items()
            ],
            "response": {"format": "json-stat2"},
        }

    def fetch(self, selection: Mapping[str, Sequence[str]]) -> Fetched:
        """The cells of ``selection`` (variable → codes, ``*`` for all) as a JSON-stat 2.0 document."""
        title, updated, variables = self.variables()
        resolved = self.resolve(variables, selection)
        if self.v2:
            response = self.transport.send(
                "POST", f"{self.url}/data", params=self._params(), json=self.body(resolved)
            )
        else:
            response = self.transport.send("POST", self.url, json=self.body(resolved))
        document = self._json(response)
        table = self.url.rsplit("/", 1)[-1]
        return Fetched(
            self.service,
            table,
            str(document.get("label") or title),
            str(document.get("updated") or updated or "") or None,
            resolved,
            document,
            requests=self.transport.calls,
            mode="json-stat2",
            language=self.lang or "",
        )
