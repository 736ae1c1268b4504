"""One fetch from request to tidy counts, without a database: what ``mangfold fetch … --dry-run`` prints
and what the web and the scheduled refresh store.

A :class:`FetchPlan` is plain data (it is stored with a fetched dataset, so that the refresh asks again
for exactly the same): the service, the table, the selection sent to the service, and how to read the
answer (the area, period and group dimensions, a selection applied when reading, the scheme, the area
level). :func:`run` fetches and converts.

The area level: ``level`` when given; otherwise ``municipality`` when the area dimension is StatBank's
``OMRÅDE`` or ``KOMMUNE`` (the FOLK1 tables list municipalities there; choose the municipalities you
want), else ``small_area`` (parishes of KMSTA001, city districts, regions of a PxWeb table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from mangfold.population.labels import normalise_label
from mangfold.population.schemes import SCHEME_ALIASES
from mangfold.population.schemes import scheme as built_in_scheme
from mangfold.sources.convert import Converted, to_counts
from mangfold.sources.pxweb import PxWebClient
from mangfold.sources.statbank import Fetched, StatBankClient

__all__ = ["FetchPlan", "parse_selection", "run"]

MUNICIPALITY_DIMENSIONS = ("område", "omraade", "kommune", "municipality")


def parse_selection(items: Sequence[str]) -> dict[str, list[str]]:
    """``["OMRÅDE=101", "HERKOMST=*", "Tid=2024K1,2024K2"]`` → ``{"OMRÅDE": ["101"], …}``; ValueError on an
    item without ``=`` or without values. A variable named twice gets the values of both."""
    selection: dict[str, list[str]] = {}
    for item in items:
        name, sep, values = item.partition("=")
        codes = [v.strip() for v in values.split(",") if v.strip()]
        if not sep or not name.strip() or not codes:
            raise ValueError(f"{item!r}: expected VARIABLE=VALUE[,VALUE…]")
        selection.setdefault(name.strip(), []).extend(
            c for c in codes if c not in selection.get(name.strip(), [])
        )
    return selection


@dataclass(frozen=True)
class FetchPlan:
    """What to fetch and how to read it (see the module)."""

    service: str  # "statbank" or "pxweb"
    table: str  # a StatBank table id, or a PxWeb table address
    selection: Mapping[str, Sequence[str]]
    area: str | None = None
    period: str | None = None
    group: str | None = None
    select: Mapping[str, Sequence[str]] = field(default_factory=dict)
    scheme: str | None = None
    level: str | None = None
    lang: str | None = None
    base_url: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The plan as JSON, each selection as ``[[variable, [codes…]], …]``: pairs keep the order the
        variables were named in, which PostgreSQL's jsonb does not keep for an object's keys."""
        return {k: (_pairs(v) if isinstance(v, Mapping) else v) for k, v in asdict(self).items()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FetchPlan:
        """The plan :meth:`as_json` stored; a selection stored as an object (older rows) is read too."""
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for name in ("selection", "select"):
            if name in fields:
                fields[name] = _selection(fields[name])
        return cls(**fields)


def _pairs(selection: Mapping[str, Sequence[str]]) -> list[list[Any]]:
    return [[name, list(codes)] for name, codes in selection.items()]


def _selection(stored: Mapping[str, Sequence[str]] | Sequence[Sequence[Any]]) -> dict[str, list[str]]:
    items = stored.items() if isinstance(stored, Mapping) else stored
    return {str(name): [str(code) for code in codes] for name, codes in items}


def _level(plan: FetchPlan, fetched: Fetched, converted: Converted) -> str | None:
    if plan.level:
        return plan.level
    dims = converted.result.metadata.get("dimensions") or {}
    area = next((name for name, d in dims.items() if d.get("role") == "area"), None)
    if area is not None and normalise_label(area) in MUNICIPALITY_DIMENSIONS and "Denmark" in fetched.service:
        return "municipality"
    return None


def run(plan: FetchPlan, **client_options: Any) -> tuple[Fetched, Converted]:
    """Fetch ``plan`` and read the answer into tidy counts (FetchError, PopulationFileError)."""
    client: StatBankClient | PxWebClient
    if plan.service == "statbank":
        client = StatBankClient(plan.base_url, lang=plan.lang or "da", **client_options)
    elif plan.service == "pxweb":
        client = PxWebClient(plan.table, lang=plan.lang, **client_options)
    else:
        raise ValueError(f"unknown service {plan.service!r}")
    try:
        if isinstance(client, StatBankClient):
            fetched = client.fetch(plan.table, plan.selection)
        else:
            fetched = client.fetch(plan.selection)
    finally:
        client.transport.close()
    scheme = built_in_scheme(SCHEME_ALIASES.get(plan.scheme, plan.scheme)) if plan.scheme else None
    options: dict[str, Any] = {
        "service": fetched.service,
        "scheme": scheme,
        "area": plan.area,
        "period": plan.period,
        "group": plan.group,
        "select": {k: list(v) for k, v in plan.select.items()} or None,
        "name": f"{fetched.table}",
    }
    converted = to_counts(fetched.document, level=plan.level or "small_area", **options)
    level = _level(plan, fetched, converted)
    if level and level != (plan.level or "small_area"):
        converted = to_counts(fetched.document, level=level, **options)
    return fetched, converted
