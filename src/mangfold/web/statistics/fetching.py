"""Fetched statistics in the database: a city's fetch, stored in one transaction with its provenance.

The fetch itself (service → tidy counts) is :func:`mangfold.sources.plan.run`; this module writes it like
any import (:func:`.storing.store`: one transaction, nothing written when anything is wrong) together with
a :class:`~.models.FetchedSource` row (service, table, selection, the table's last update, the time of
the fetch). The two offers of the city's statistics page:

- **FOLK1C** (population on the first day of the quarter by municipality and herkomst): ``OMRÅDE`` = the
  city's municipality code, ``HERKOMST`` = every category, ``Tid`` = every quarter;
- **KMSTA001** (population on 1 January by parish and herkomst): the parishes of the municipality (those
  whose text ends in ``(<municipality> Kommune)`` or ``(<municipality> Municipality)``, the municipality's
  name optionally in the genitive), every herkomst category, every year.

The municipality code is the city's ``municipality_code``, else the code whose name in the shipped list
of Danish municipalities is the city's name.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from mangfold.population.detect import municipality_names, within_municipality
from mangfold.population.errors import PopulationFileError
from mangfold.population.labels import normalise_label
from mangfold.sources.convert import Converted
from mangfold.sources.plan import FetchPlan
from mangfold.sources.statbank import Fetched, StatBankClient, TableInfo
from mangfold.web.core.i18n import gettext as _
from mangfold.web.network.models import City
from mangfold.web.statistics.models import Dataset, FetchedSource
from mangfold.web.statistics.storing import CityLink, DatasetInfo, store

__all__ = ["PRESETS", "municipality_code", "parishes_of", "preset_plan", "store_fetch"]

PRESETS = ("FOLK1C", "KMSTA001")
_PARISH = re.compile(r"\((.*?)\s+(?:Kommune|Municipality)\)\s*$", re.IGNORECASE)


def municipality_code(city: City) -> str | None:
    """The city's municipality code: its own field, else the code of the municipality named like it."""
    if city.municipality_code:
        return city.municipality_code
    if city.country != "DK":
        return None
    wanted = normalise_label(city.name)
    return next(
        (code for code, name in municipality_names().items() if normalise_label(name) == wanted), None
    )


def parishes_of(info: TableInfo, name: str, variable: str = "SOGN") -> list[str]:
    """The codes of the parishes of municipality ``name`` in a StatBank table (see the module)."""
    found = info.variable(variable)
    if found is None:
        return []
    wanted = normalise_label(name)
    codes = []
    for code, text in found.values:
        match = _PARISH.search(text)
        if match is not None and normalise_label(match.group(1)) in (wanted, wanted + "s"):
            codes.append(code)
    return codes


def preset_plan(city: City, table: str, client: StatBankClient | None = None) -> FetchPlan:
    """The fetch the statistics page offers for ``table`` (FOLK1C or KMSTA001) of the city."""
    code = municipality_code(city)
    if code is None:
        raise PopulationFileError(
            _("%(city)s has no municipality code; an administrator can set it on the city")
            % {"city": city.name}
        )
    client = client or StatBankClient()
    base = client.base_url
    if table == "FOLK1C":
        selection = {"OMRÅDE": [code], "HERKOMST": ["*"], "Tid": ["*"]}
        return FetchPlan("statbank", "FOLK1C", selection, level="municipality", base_url=base)
    name = municipality_names().get(code, city.name)
    try:
        parishes = parishes_of(client.tableinfo("KMSTA001"), name)
    finally:
        client.transport.close()
    if not parishes:
        raise PopulationFileError(_("KMSTA001 lists no parish of %(municipality)s") % {"municipality": name})
    selection = {"SOGN": parishes, "HERKOMST": ["*"], "Tid": ["*"]}
    return FetchPlan("statbank", "KMSTA001", selection, area="SOGN", level="small_area", base_url=base)


def _attribution(fetched: Fetched, document_source: str) -> tuple[str, str]:
    if "Denmark" in fetched.service:
        return (
            f"Source: Statistics Denmark, StatBank table {fetched.table} "
            f"(statistikbanken.dk/{fetched.table})",
            f"Kilde: Danmarks Statistik, Statistikbanken, tabel {fetched.table} "
            f"(statistikbanken.dk/{fetched.table})",
        )
    source = document_source or fetched.service
    return f"Source: {source}, table {fetched.table}", f"Kilde: {source}, tabel {fetched.table}"


@transaction.atomic
def store_fetch(
    plan: FetchPlan,
    fetched: Fetched,
    converted: Converted,
    *,
    city: City,
    name: str | None = None,
    user: Any = None,
    replace: bool = False,
    refresh: bool = False,
    uploaded_for_city: bool = False,
) -> Dataset:
    """Store a fetch for ``city`` with its provenance, in one transaction (PopulationFileError: nothing
    written). The dataset is named ``name`` or ``"<table> <city>"``; a dataset of that name fetched for
    the same city before is replaced (that is the refresh)."""
    if converted.scheme is None:
        raise PopulationFileError(
            _(
                "the groups of %(table)s are no known scheme; name the scheme to import them "
                "(or print them with --dry-run)"
            )
            % {"table": fetched.table}
        )
    result = converted.result
    code = municipality_code(city)
    municipalities = [a.code for a in result.areas.at_level("municipality")]
    if municipalities and code is not None and code not in municipalities:
        raise PopulationFileError(
            _("the fetch has no area %(code)s, the municipality of %(city)s (it has %(areas)s)")
            % {"code": code, "city": city.name, "areas": ", ".join(municipalities[:12])}
        )
    if municipalities:
        link = CityLink(city, code)
    else:
        result = within_municipality(result, code or city.name, city.name)
        link = CityLink(city, code or city.name)
    name = name or f"{fetched.table} {city.name}"
    old = FetchedSource.objects.filter(dataset__name=name, city=city).first()
    english, danish = _attribution(fetched, str(fetched.document.get("source") or ""))
    document = json.dumps(fetched.document, sort_keys=True, ensure_ascii=False).encode()
    dataset = store(
        result,
        DatasetInfo(
            name=name,
            scheme=converted.scheme.name,
            source=f"{fetched.service}: {fetched.table} {fetched.title}".strip()[:300],
            file_name=f"{fetched.table} ({fetched.service})",
            sha256=hashlib.sha256(document).hexdigest(),
            attribution_en=english,
            attribution_da=danish,
            city=city if uploaded_for_city else None,
            uploaded_by=user,
        ),
        links=[link],
        replace=replace or old is not None,
    )
    FetchedSource.objects.create(
        dataset=dataset,
        city=city,
        service=fetched.service,
        table=fetched.table,
        title=fetched.title[:500],
        selection=[[name, list(codes)] for name, codes in fetched.selection.items()],  # pairs keep order
        plan=plan.as_json(),
        table_updated=(fetched.updated or "")[:40],
        fetched_at=timezone.now(),
        requests=fetched.requests,
        refresh=refresh or (old is not None and old.refresh),
    )
    return dataset
