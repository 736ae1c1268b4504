"""Stand-in servers that speak the StatBank and PxWeb APIs, on 127.0.0.1, for tests and the demo.

Layouts as the services document and send them (the counts are INVENTED for the tests, not published
figures):

- StatBank (api.statbank.dk v1; https://www.dst.dk/da/Statistik/brug-statistikken/muligheder-i-
  statistikbanken/api, and the requests and answers recorded in mikkelkrogsholm's DST API guide):
  ``POST /v1/tableinfo`` → ``{id, text, description, unit, suppressedDataValue, updated, active,
  footnote, variables[{id, text, elimination, time, values[{id, text}]}]}``; ``POST /v1/data`` with
  format ``JSONSTAT`` → the older JSON-stat layout ``{"dataset": {"dimension": {…, "ContentsCode", "Tid",
  "id", "size", "role"}, "label", "source", "updated", "value"}}``; format ``BULK`` → a ``;``-separated
  CSV with the variables' codes in upper case as header, value texts, then ``INDHOLD``; errors HTTP 400
  ``{"errorTypeCode", "message"}`` ("Tabel findes ikke: X", "Der skal vælges værdier for variabel: X",
  "Forespørgslen returnerer for mange observationer").
- PxWebApi 2 (Statistics Norway, data.ssb.no/api/pxwebapi/v2; janbrus/ssb-api-python-examples):
  ``GET /api/pxwebapi/v2/tables/ID/metadata`` and ``POST …/data?outputFormat=json-stat2`` with
  ``{"selection": [{"variableCode", "valueCodes"}]}`` → JSON-stat 2.0 with ``extension.elimination`` per
  dimension; errors as problem details ``{"type", "title", "status"}``.

FOLK1C's HERKOMST labels are the table's; its value codes are illustrative.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.sources.standin_pxweb import pxweb_answer

# (area, herkomst, quarter) → persons; INVENTED.
FOLK1C_COUNTS = {
    ("101", "1", "2024K1"): 477_210,
    ("101", "3", "2024K1"): 141_532,
    ("101", "4", "2024K1"): 41_905,
    ("101", "1", "2023K4"): 476_800,
    ("101", "3", "2023K4"): 139_950,
    ("101", "4", "2023K4"): 41_610,
    ("147", "1", "2024K1"): 80_110,
    ("147", "3", "2024K1"): 15_980,
    ("147", "4", "2024K1"): 4_020,
    ("147", "1", "2023K4"): 80_050,
    ("147", "3", "2023K4"): 15_870,
    ("147", "4", "2023K4"): 4_000,
}
FOLK1C = {
    "id": "FOLK1C",
    "text": "Befolkningen den 1. i kvartalet",
    "description": "Befolkningen den 1. i kvartalet efter område, køn, herkomst og tid",
    "unit": "Antal",
    "suppressedDataValue": "0",
    "updated": "2024-05-10T08:00:00",
    "active": True,
    "footnote": None,
    "variables": [
        {
            "id": "OMRÅDE",
            "text": "område",
            "elimination": True,
            "time": False,
            "map": "Denmark_municipality_07",
            "values": [
                {"id": "000", "text": "Hele landet"},
                {"id": "101", "text": "København"},
                {"id": "147", "text": "Frederiksberg"},
            ],
        },
        {
            "id": "KØN",
            "text": "køn",
            "elimination": True,
            "time": False,
            "values": [
                {"id": "TOT", "text": "I alt"},
                {"id": "1", "text": "Mænd"},
                {"id": "2", "text": "Kvinder"},
            ],
        },
        {
            "id": "HERKOMST",
            "text": "herkomst",
            "elimination": True,
            "time": False,
            "values": [
                {"id": "TOT", "text": "I alt"},
                {"id": "1", "text": "Personer med dansk oprindelse"},
                {"id": "3", "text": "Indvandrere"},
                {"id": "4", "text": "Efterkommere"},
            ],
        },
        {
            "id": "Tid",
            "text": "tid",
            "elimination": False,
            "time": True,
            "values": [{"id": "2023K4", "text": "2023K4"}, {"id": "2024K1", "text": "2024K1"}],
        },
    ],
}
# Share of each sex (INVENTED): men 49 %, women 51 %.
SEX_SHARE = {"TOT": 1.0, "1": 0.49, "2": 0.51}


def folk1c_value(codes: dict[str, str]) -> float:
    """A cell of the stand-in FOLK1C; totals are the sums of their parts."""
    areas = ["101", "147"] if codes.get("OMRÅDE", "000") == "000" else [codes.get("OMRÅDE", "000")]
    origins = ["1", "3", "4"] if codes.get("HERKOMST", "TOT") == "TOT" else [codes["HERKOMST"]]
    total = sum(FOLK1C_COUNTS[(a, h, codes["Tid"])] for a in areas for h in origins)
    return round(total * SEX_SHARE[codes.get("KØN", "TOT")])


# KMSTA001 (population 1 January by parish and herkomst): three parishes, two of them København's. INVENTED.
KMSTA001_ORIGINS = [
    ("TOT", "I alt"),
    ("5", "Personer med dansk oprindelse"),
    ("24", "Indvandrere fra vestlige lande"),
    ("25", "Indvandrere fra ikke-vestlige lande"),
    ("34", "Efterkommere fra vestlige lande"),
    ("35", "Efterkommere fra ikke-vestlige lande"),
]
KMSTA001_COUNTS = {  # parish → the five groups in the order above, 2024; 2023 is 1 % fewer
    "7002": [3100, 450, 180, 30, 25],
    "7003": [2500, 270, 140, 20, 30],
    "7150": [8000, 300, 900, 40, 400],
}
KMSTA001 = {
    "id": "KMSTA001",
    "text": "Befolkningen 1. januar",
    "description": "Befolkningen 1. januar efter sogn, herkomst og tid",
    "unit": "Antal",
    "suppressedDataValue": "0",
    "updated": "2024-02-12T08:00:00",
    "active": True,
    "footnote": None,
    "variables": [
        {
            "id": "SOGN",
            "text": "sogn",
            "elimination": True,
            "time": False,
            "values": [
                {"id": "7002", "text": "7002 Helligånds (Københavns Kommune)"},
                {"id": "7003", "text": "7003 Trinitatis (Københavns Kommune)"},
                {"id": "7150", "text": "7150 Taastrup Nykirke (Høje-Taastrup Kommune)"},
            ],
        },
        {
            "id": "HERKOMST",
            "text": "herkomst",
            "elimination": True,
            "time": False,
            "values": [{"id": c, "text": t} for c, t in KMSTA001_ORIGINS],
        },
        {
            "id": "Tid",
            "text": "tid",
            "elimination": False,
            "time": True,
            "values": [{"id": "2023", "text": "2023"}, {"id": "2024", "text": "2024"}],
        },
    ],
}


def kmsta001_value(codes: dict[str, str]) -> float:
    parishes = list(KMSTA001_COUNTS) if codes.get("SOGN", "TOT") == "TOT" else [codes["SOGN"]]
    origin = codes.get("HERKOMST", "TOT")
    groups = [c for c, _ in KMSTA001_ORIGINS[1:]]
    chosen = range(5) if origin == "TOT" else [groups.index(origin)]
    total = sum(KMSTA001_COUNTS[p][i] for p in parishes for i in chosen)
    return total if codes["Tid"] == "2024" else round(total * 0.99)


#: The stand-in's tables: tableinfo, cell function, the content's label.
TABLES = {
    "FOLK1C": (FOLK1C, folk1c_value, "Befolkningen den 1. i kvartalet"),
    "KMSTA001": (KMSTA001, kmsta001_value, "Befolkningen 1. januar"),
}


@dataclass
class Recorded:
    """A request the stand-in received."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: Any


@dataclass
class StandIn:
    """The servers' state: requests received, failures to send first, the cell limit."""

    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    fail_next: int = 0
    fail_status: int = 503
    retry_after: str = ""
    cell_limit: int = 1_000_000

    @property
    def statbank(self) -> str:
        return f"{self.url}/v1"

    @property
    def pxweb_table(self) -> str:
        return f"{self.url}/api/pxwebapi/v2/tables/09817"

    def data_bodies(self) -> list[Any]:
        return [r.body for r in self.requests if r.path.endswith("/data")]


def _error(code: str, message: str) -> tuple[int, str, bytes]:
    body = json.dumps({"errorTypeCode": code, "message": message}, ensure_ascii=False).encode()
    return 400, "application/json; charset=utf-8", body


def statbank_data(body: dict[str, Any], limit: int) -> tuple[int, str, bytes]:
    """What StatBank answers to a ``data`` request on a stand-in table."""
    table_id = str(body.get("table", "")).upper()
    if table_id not in TABLES:
        return _error("EXTRACT-NOTFOUND", f"Tabel findes ikke: {body.get('table', '')}")
    info, value_of, contents = TABLES[table_id]
    variables = {v["id"].upper(): v for v in info["variables"]}
    chosen: dict[str, list[str]] = {}
    for item in body.get("variables", []):
        variable = variables.get(str(item["code"]).upper())
        if variable is None:
            return _error("EXTRACT-NOTFOUND", f"Variablen blev ikke fundet: {item['code']}")
        codes = [v["id"] for v in variable["values"]]
        values = codes if item["values"] == ["*"] else item["values"]
        if any(v not in codes for v in values):
            return _error("EXTRACT-NOTFOUND", "Værdien blev ikke fundet")
        chosen[variable["id"]] = values
    if "Tid" not in chosen:
        return _error("EXTRACT-NOTALLOWED", "Der skal vælges værdier for variabel: Tid")
    fmt = body.get("format")
    names = [v["id"] for v in info["variables"] if v["id"] in chosen]
    if fmt == "BULK":
        missing = [v["id"] for v in info["variables"] if v["id"] not in chosen]
        if missing:
            return _error("EXTRACT-NOTALLOWED", f"Der skal vælges værdier for variabel: {missing[0]}")
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([n.upper() for n in names] + ["INDHOLD"])
        texts = {v["id"]: {x["id"]: x["text"] for x in v["values"]} for v in info["variables"]}
        for combo in itertools.product(*[chosen[n] for n in names]):
            codes = dict(zip(names, combo, strict=True))
            writer.writerow([texts[n][c] for n, c in codes.items()] + [str(int(value_of(codes)))])
        return 200, "text/csv; charset=utf-8", out.getvalue().encode()
    cells = 1
    for n in names:
        cells *= len(chosen[n])
    if cells > limit:
        return _error("REQUEST-LIMIT", "Forespørgslen returnerer for mange observationer")
    order = [n for n in names if n != "Tid"] + ["ContentsCode", "Tid"]
    chosen["ContentsCode"] = [table_id]
    dimension: dict[str, Any] = {}
    for n in order:
        if n == "ContentsCode":
            dimension[n] = {
                "label": "Indhold",
                "category": {
                    "index": {table_id: 0},
                    "label": {table_id: contents},
                    "unit": {table_id: {"base": "Antal", "decimals": 0}},
                },
            }
            continue
        texts = {x["id"]: x["text"] for x in variables[n.upper()]["values"]}
        dimension[n] = {
            "label": variables[n.upper()]["text"],
            "category": {
                "index": {c: i for i, c in enumerate(chosen[n])},
                "label": {c: texts[c] for c in chosen[n]},
            },
        }
    dimension["id"] = order
    dimension["size"] = [len(chosen[n]) for n in order]
    dimension["role"] = {"metric": ["ContentsCode"], "time": ["Tid"]}
    values = [
        value_of(dict(zip(order, combo, strict=True)))
        for combo in itertools.product(*[chosen[n] for n in order])
    ]
    dataset = {
        "dataset": {
            "dimension": dimension,
            "label": info["description"],
            "source": "Danmarks Statistik",
            "updated": info["updated"] + "Z",
            "value": values,
            "extension": {"px": {"infofile": "None", "tableid": table_id, "decimals": 0}},
        }
    }
    return 200, "application/json; charset=utf-8", json.dumps(dataset, ensure_ascii=False).encode()


@contextmanager
def serve(state: StandIn | None = None) -> Iterator[StandIn]:
    """Run the stand-in on a free port of 127.0.0.1 in a thread while the block runs."""
    state = state or StandIn()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self, method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw.decode("utf-8")) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
            state.requests.append(Recorded(method, parts.path, parse_qs(parts.query), body))
            extra: dict[str, str] = {}
            if state.fail_next > 0:
                state.fail_next -= 1
                status, kind, payload = state.fail_status, "text/plain", b"Service Unavailable"
                if state.retry_after:
                    extra["Retry-After"] = state.retry_after
            elif parts.path == "/v1/tableinfo":
                table = str((body or {}).get("table", "")).upper()
                if table in TABLES:
                    status, kind = 200, "application/json; charset=utf-8"
                    payload = json.dumps(TABLES[table][0], ensure_ascii=False).encode()
                else:
                    status, kind, payload = _error("EXTRACT-NOTFOUND", f"Tabel findes ikke: {table}")
            elif parts.path == "/v1/data":
                status, kind, payload = statbank_data(body or {}, state.cell_limit)
            else:
                status, kind, payload = pxweb_answer(method, parts.path, body)
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            for header, value in extra.items():
                self.send_header(header, value)
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:
            self._answer("GET")

        def do_POST(self) -> None:
            self._answer("POST")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


if __name__ == "__main__":  # pragma: no cover - by hand: python -m tests.sources.standin
    import time

    with serve() as running:
        print(f"MANGFOLD_STATBANK_URL={running.statbank}")
        print(f"PxWeb table: {running.pxweb_table}")
        while True:
            time.sleep(3600)
