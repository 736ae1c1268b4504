"""The PxWebApi 2 half of the stand-in (see ``standin.py``): Statistics Norway's table 09817 layout.

``GET /api/pxwebapi/v2/tables/09817/metadata`` → JSON-stat 2.0 without values; ``POST …/data`` with
``{"selection": [{"variableCode", "valueCodes"}]}`` → JSON-stat 2.0 (as in janbrus/ssb-api-python-examples,
PxWebApi2/laks_eng.ipynb: ``extension.elimination`` per dimension, ``role`` with time and metric); errors as
problem details ``{"type", "title", "status"}``. The counts are INVENTED.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

# PxWebApi 2: Statistics Norway's 09817 layout (immigrants by region, category and contents); INVENTED counts.
PX_DIMENSIONS: dict[str, tuple[str, dict[str, str], bool]] = {
    "Region": ("region", {"0301": "Oslo", "4601": "Bergen"}, False),
    "InnvandrKat": (
        "innvandringskategori",
        {"B": "Innvandrere", "C": "Norskfødte med innvandrerforeldre"},
        False,
    ),
    "ContentsCode": (
        "statistikkvariabel",
        {"Personer1": "Personer", "Andel": "Andel av befolkningen"},
        False,
    ),
    "Tid": ("år", {"2023": "2023", "2024": "2024"}, False),
}
PX_VALUES = {
    ("0301", "B", "Personer1", "2024"): 183_000,
    ("0301", "C", "Personer1", "2024"): 50_100,
    ("4601", "B", "Personer1", "2024"): 45_500,
    ("4601", "C", "Personer1", "2024"): 9_900,
}


def pxweb_dataset(chosen: dict[str, list[str]], with_values: bool) -> dict[str, Any]:
    dims = list(PX_DIMENSIONS)
    dimension = {
        d: {
            "label": PX_DIMENSIONS[d][0],
            "category": {
                "index": {c: i for i, c in enumerate(chosen[d])},
                "label": {c: PX_DIMENSIONS[d][1][c] for c in chosen[d]},
            },
            "extension": {"elimination": PX_DIMENSIONS[d][2], "show": "value"},
        }
        for d in dims
    }
    doc: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": "09817: Innvandrere og norskfødte med innvandrerforeldre, etter region, "
        "innvandringskategori, statistikkvariabel og år",
        "source": "Statistisk sentralbyrå",
        "updated": "2024-03-05T07:00:00Z",
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
        "id": dims,
        "size": [len(chosen[d]) for d in dims],
        "dimension": dimension,
        "extension": {"px": {"tableid": "09817", "language": "no", "decimals": 0}},
    }
    if with_values:
        values = []
        for combo in itertools.product(*[chosen[d] for d in dims]):
            if combo[2] == "Andel":
                values.append(
                    round(PX_VALUES.get((combo[0], combo[1], "Personer1", combo[3]), 0) / 7000.0, 1)
                )
            else:
                values.append(PX_VALUES.get(combo))
        doc["value"] = values
    return doc


V1_TABLE = "/api/v0/no/table/09817"


def pxweb_v1_answer(method: str, body: Any) -> tuple[int, str, bytes]:
    """PxWeb API v1: GET the table → its variables; POST a query → JSON-stat 2.0 (``response.format``)."""
    if method == "GET":
        meta = {
            "title": "Innvandrere etter region, innvandringskategori, statistikkvariabel og år",
            "variables": [
                {
                    "code": code,
                    "text": text,
                    "values": list(values),
                    "valueTexts": list(values.values()),
                    "elimination": elimination,
                    **({"time": True} if code == "Tid" else {}),
                }
                for code, (text, values, elimination) in PX_DIMENSIONS.items()
            ],
        }
        return 200, "application/json", json.dumps(meta, ensure_ascii=False).encode()
    chosen = {d: list(PX_DIMENSIONS[d][1]) for d in PX_DIMENSIONS}
    for item in (body or {}).get("query", []):
        chosen[item["code"]] = item["selection"]["values"]
    if (body or {}).get("response", {}).get("format") != "json-stat2":
        return 400, "text/plain", b"Bad Request"
    return 200, "application/json", json.dumps(pxweb_dataset(chosen, True)).encode()


def pxweb_answer(method: str, path: str, body: Any) -> tuple[int, str, bytes]:
    if path == V1_TABLE:
        return pxweb_v1_answer(method, body)
    if not path.startswith("/api/pxwebapi/v2/tables/09817"):
        problem = {
            "type": "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            "title": "Non-existent table",
            "status": 404,
        }
        return 404, "application/problem+json", json.dumps(problem).encode()
    everything = {d: list(PX_DIMENSIONS[d][1]) for d in PX_DIMENSIONS}
    if path.endswith("/metadata") and method == "GET":
        return 200, "application/json", json.dumps(pxweb_dataset(everything, False)).encode()
    if path.endswith("/data") and method == "POST":
        chosen = dict(everything)
        for item in (body or {}).get("selection", []):
            code = item["variableCode"]
            if code not in PX_DIMENSIONS or any(v not in PX_DIMENSIONS[code][1] for v in item["valueCodes"]):
                problem = {
                    "type": "about:blank",
                    "title": "Bad Request",
                    "status": 400,
                    "detail": "Non-existent value",
                }
                return 400, "application/problem+json", json.dumps(problem).encode()
            chosen[code] = item["valueCodes"]
        return 200, "application/json", json.dumps(pxweb_dataset(chosen, True)).encode()
    return 405, "text/plain", b"Method not allowed"
