"""Random corruptions of valid files: a reader either loads correct counts or raises PopulationFileError."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mangfold.population import PopulationFileError
from mangfold.population.columns import is_unknown
from mangfold.population.readers import ReadResult, read_csv, read_jsonstat, read_kmsta001, read_px
from mangfold.population.schemes import dst_origin

CSV = b"""area,period,group,n
7002,2008,Persons of Danish origin,3025
7002,2008,Immigrants from western countries,..
7002,2008,Immigrants from non-western countries,166.5
7002,2008,Descendants from western countries,-
7002,2008,Descendants from non-western countries,.
"""

PX = """CHARSET="ANSI";
LANGUAGE="da";
LANGUAGES="da","en";
STUB="sogn";
STUB[en]="parish";
HEADING="herkomst","tid";
HEADING[en]="ancestry","time";
VALUES("sogn")="7002 Helligånds","7003 Østerbro";
VALUES[en]("parish")="7002 Helligånds","7003 Østerbro";
VALUES("herkomst")="Personer med dansk oprindelse","Indvandrere fra vestlige lande",
"Indvandrere fra ikke-vestlige lande","Efterkommere fra vestlige lande",
"Efterkommere fra ikke-vestlige lande";
VALUES[en]("ancestry")="Persons of Danish origin","Immigrants from western countries",
"Immigrants from non-western countries","Descendants from western countries",
"Descendants from non-western countries";
VALUES("tid")="2020";
VALUES[en]("time")="2020";
CODES("sogn")="7002","7003";
TIMEVAL("tid")=TLIST(A1),"2020";
DATA=
3025 436 ".." "." "-"
1000 500 100 10 5.5;
""".encode("cp1252")

JSONSTAT = json.dumps(
    {
        "version": "2.0",
        "class": "dataset",
        "id": ["SOGN", "HERKOMST", "Tid"],
        "size": [1, 5, 1],
        "role": {"time": ["Tid"]},
        "dimension": {
            "SOGN": {"category": {"index": ["7002"], "label": {"7002": "7002 Helligånds"}}},
            "HERKOMST": {
                "category": {
                    "index": ["1", "24", "25", "34", "35"],
                    "label": {
                        "1": "Persons of Danish origin",
                        "24": "Immigrants from western countries",
                        "25": "Immigrants from non-western countries",
                        "34": "Descendants from western countries",
                        "35": "Descendants from non-western countries",
                    },
                }
            },
            "Tid": {"category": {"index": {"2020": 0}}},
        },
        "value": [3025, None, 166.5, 0, None],
        "status": {"1": "..", "3": "-"},
    },
    ensure_ascii=False,
).encode()

KMSTA = (
    '"SOGN","HERKOMST","TID","INDHOLD"\n'
    '"7002 Helligånds (København Municipality)","Persons of Danish origin",2008,3025\n'
    '"7002 Helligånds (København Municipality)","Immigrants from western countries",2008,436\n'
    '"7003 Holmens (København Municipality)","Persons of Danish origin",2008,1000\n'
).encode()

READERS: dict[str, tuple[bytes, Callable[[bytes], ReadResult]]] = {
    "csv": (CSV, lambda raw: read_csv(raw, scheme=dst_origin(), name="f.csv")),
    "px": (PX, lambda raw: read_px(raw, scheme=dst_origin(), name="f.px")),
    "jsonstat": (JSONSTAT, lambda raw: read_jsonstat(raw, scheme=dst_origin(), name="f.json")),
    "kmsta001": (KMSTA, lambda raw: read_kmsta001(raw, name="k.csv")),
}


@st.composite
def corrupted(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "replace", "insert", "truncate"]))
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        if kind == "delete":
            del data[i : i + draw(st.integers(1, 8))]
        elif kind == "replace":
            data[i] = draw(st.sampled_from(b'0123456789.-,;"\n\r =()[]x\xe5\xc3\xff\x00'))
        elif kind == "insert":
            data[i:i] = draw(
                st.sampled_from([b'"', b";", b",", b"..", b"-", b"\n", b"9e999", b"-1", b"\xff"])
            )
        else:
            del data[i:]
    return bytes(data)


def _check(result: ReadResult) -> None:
    c = result.counts
    unknown = is_unknown(c.missing)
    assert np.isnan(c.n[unknown]).all()
    known = c.n[~unknown]
    assert np.isfinite(known).all() and (known >= 0).all()
    assert set(c.group) <= set(dst_origin().codes)
    assert set(c.area) <= {a.code for a in result.areas}


def _load_or_refuse(kind: str, raw: bytes) -> None:
    reader = READERS[kind][1]
    try:
        result = reader(raw)
    except PopulationFileError as exc:
        assert str(exc)  # a message, never an empty error
        return
    _check(result)


def test_the_originals_load() -> None:
    for original, reader in READERS.values():
        _check(reader(original))


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.data())
def test_corrupted_csv(data: st.DataObject) -> None:
    _load_or_refuse("csv", data.draw(corrupted(CSV)))


@FUZZ
@given(st.data())
def test_corrupted_px(data: st.DataObject) -> None:
    _load_or_refuse("px", data.draw(corrupted(PX)))


@FUZZ
@given(st.data())
def test_corrupted_jsonstat(data: st.DataObject) -> None:
    _load_or_refuse("jsonstat", data.draw(corrupted(JSONSTAT)))


@FUZZ
@given(st.data())
def test_corrupted_kmsta001(data: st.DataObject) -> None:
    _load_or_refuse("kmsta001", data.draw(corrupted(KMSTA)))
