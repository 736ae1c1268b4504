"""The JSON-stat reader: datasets (dense and sparse), status → missing reasons, collections, bundles."""

from __future__ import annotations

import copy
import json
import math
from typing import Any

import pytest

from mangfold.population import Missing, PopulationFileError
from mangfold.population.readers import read, read_csv, read_jsonstat
from mangfold.population.schemes import dst_origin

# A KMSTA001-like dataset as Statistics Denmark's StatBank API emits it (JSON-stat 2.0).
DATASET: dict[str, Any] = {
    "version": "2.0",
    "class": "dataset",
    "label": "Befolkningen 1. januar efter sogn, herkomst og tid",
    "source": "Danmarks Statistik",
    "updated": "2024-02-11T07:00:00Z",
    "id": ["SOGN", "HERKOMST", "Tid"],
    "size": [2, 5, 2],
    "role": {"time": ["Tid"], "metric": []},
    "dimension": {
        "SOGN": {
            "label": "sogn",
            "category": {
                "index": {"7002": 0, "7003": 1},
                "label": {"7002": "7002 Helligånds (København)", "7003": "7003 Holmens (København)"},
            },
        },
        "HERKOMST": {
            "label": "herkomst",
            "category": {
                "index": ["1", "24", "25", "34", "35"],
                "label": {
                    "1": "Personer med dansk oprindelse",
                    "24": "Indvandrere fra vestlige lande",
                    "25": "Indvandrere fra ikke-vestlige lande",
                    "34": "Efterkommere fra vestlige lande",
                    "35": "Efterkommere fra ikke-vestlige lande",
                },
            },
        },
        "Tid": {"label": "tid", "category": {"index": {"2008": 0, "2020": 1}}},
    },
    "value": [
        3025,
        3100,
        436,
        None,
        166,
        170.5,
        28,
        None,
        0,
        12,
        1000,
        1100,
        500,
        600,
        100,
        120,
        10,
        20,
        5,
        6,
    ],
    "status": {"3": "..", "7": ".", "8": "-"},
}

CSV = """SOGN;HERKOMST;TID;INDHOLD
7002;Personer med dansk oprindelse;2008;3025
7002;Personer med dansk oprindelse;2020;3100
7002;Indvandrere fra vestlige lande;2008;436
7002;Indvandrere fra vestlige lande;2020;..
7002;Indvandrere fra ikke-vestlige lande;2008;166
7002;Indvandrere fra ikke-vestlige lande;2020;170,5
7002;Efterkommere fra vestlige lande;2008;28
7002;Efterkommere fra vestlige lande;2020;.
7002;Efterkommere fra ikke-vestlige lande;2008;-
7002;Efterkommere fra ikke-vestlige lande;2020;12
7003;Personer med dansk oprindelse;2008;1000
7003;Personer med dansk oprindelse;2020;1100
7003;Indvandrere fra vestlige lande;2008;500
7003;Indvandrere fra vestlige lande;2020;600
7003;Indvandrere fra ikke-vestlige lande;2008;100
7003;Indvandrere fra ikke-vestlige lande;2020;120
7003;Efterkommere fra vestlige lande;2008;10
7003;Efterkommere fra vestlige lande;2020;20
7003;Efterkommere fra ikke-vestlige lande;2008;5
7003;Efterkommere fra ikke-vestlige lande;2020;6
"""


def as_dict(result: Any) -> dict[tuple[str, str, str], tuple[float, int]]:
    c = result.counts
    return {
        (a, p, g): (-1.0 if math.isnan(n) else n, int(m))
        for a, p, g, n, m in zip(c.area, c.period, c.group, c.n, c.missing, strict=True)
    }


def test_jsonstat_loads_to_exactly_the_counts_of_the_equivalent_csv() -> None:
    js = read_jsonstat(json.dumps(DATASET).encode(), scheme=dst_origin(), name="k.json")
    # A Danish CSV: ';'-separated with decimal commas.
    csv = read_csv(CSV.encode("cp1252"), encoding="cp1252", scheme=dst_origin(), name="k.csv")
    assert as_dict(js) == as_dict(csv)
    c = js.counts
    assert c.reason("7002", 2020, "imm_western") is Missing.CONFIDENTIAL
    assert c.reason("7002", 2020, "desc_western") is Missing.NOT_AVAILABLE
    assert c.reason("7002", 2008, "desc_nonwestern") is Missing.NIL
    assert js.areas["7003"].name == "7003 Holmens (København)"
    assert js.metadata["statuses"] == ["-", ".", ".."]


def test_sparse_values_and_status_arrays_give_the_same_counts() -> None:
    sparse = copy.deepcopy(DATASET)
    sparse["value"] = {str(i): v for i, v in enumerate(DATASET["value"]) if v is not None}
    dense_status = copy.deepcopy(DATASET)
    dense_status["status"] = [DATASET["status"].get(str(i)) for i in range(20)]
    base = as_dict(read_jsonstat(DATASET, scheme=dst_origin()))
    assert as_dict(read_jsonstat(sparse, scheme=dst_origin())) == base
    assert as_dict(read_jsonstat(dense_status, scheme=dst_origin())) == base


def test_a_null_without_status_is_not_available_never_zero() -> None:
    doc = copy.deepcopy(DATASET)
    doc["status"] = None
    doc["value"][8] = None
    c = read_jsonstat(doc, scheme=dst_origin()).counts
    assert math.isnan(c.value("7002", 2008, "desc_nonwestern"))
    assert c.reason("7002", 2020, "imm_western") is Missing.NOT_AVAILABLE


def test_a_collection_or_bundle_with_one_dataset_is_read() -> None:
    collection = {"version": "2.0", "class": "collection", "link": {"item": [DATASET]}}
    assert as_dict(read_jsonstat(collection, scheme=dst_origin())) == as_dict(
        read_jsonstat(DATASET, scheme=dst_origin())
    )
    legacy = copy.deepcopy(DATASET)  # JSON-stat 1.x: id and size inside "dimension"
    for key in ("id", "size", "role"):
        legacy["dimension"][key] = legacy.pop(key)
    del legacy["class"], legacy["version"]
    bundle = {"KMSTA001": legacy}
    assert len(read_jsonstat(bundle, scheme=dst_origin()).counts) == 20
    with pytest.raises(PopulationFileError, match="2 datasets"):
        read_jsonstat({"a": legacy, "b": legacy}, scheme=dst_origin())
    assert len(read_jsonstat({"a": legacy, "b": legacy}, scheme=dst_origin(), dataset="b").counts) == 20


def test_read_picks_the_json_stat_reader_by_suffix() -> None:
    result = read(json.dumps(DATASET).encode(), name="kmsta001.json", scheme=dst_origin())
    assert result.metadata["format"] == "json-stat"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(value=d["value"][:-1]), "'value' has 19 cells, expected 20"),
        (lambda d: d["value"].__setitem__(0, -3), "cell 0: negative count"),
        (lambda d: d["value"].__setitem__(1, "3100"), "cell 1: not a number"),
        (lambda d: d.update(size=[2, 5]), "'id' and 'size' must be arrays of the same length"),
        (lambda d: d["dimension"]["Tid"]["category"].update(index=["2008"]), "'Tid': 1 distinct categories"),
        (lambda d: d.update(value={"99": 1}), "position 99 is outside"),
        (lambda d: d["dimension"]["HERKOMST"]["category"]["label"].update({"1": "Marsboere"}), "'Marsboere'"),
    ],
)
def test_malformed_documents_are_refused_with_precise_messages(change: Any, message: str) -> None:
    doc = copy.deepcopy(DATASET)
    change(doc)
    with pytest.raises(PopulationFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_jsonstat(doc, scheme=dst_origin(), name="bad.json")


def test_invalid_json_names_the_line() -> None:
    text = json.dumps(DATASET, indent=1).replace('"size"', "size", 1)
    with pytest.raises(PopulationFileError, match="not valid JSON") as err:
        read_jsonstat(text.encode(), name="bad.json")
    assert err.value.problems[0].row == next(i for i, ln in enumerate(text.splitlines(), 1) if "size" in ln)
