"""What is fuzzed: every reader of the project, each with its seed files and how it is called.

Seeds are the project's own test fixtures (copied into ``seeds/``: the PC-Axis, JSON-stat and CSV files of
the population tests, the questionnaire worked example and its answers) and slices of the shipped data
(``mangfold.data``: the bundled questionnaire, the first rows of KMSTA001, of the 2024 voting-area tables
and of the MLID ethnicity table, the Copenhagen district boundaries, a part of the parish topology).
Slices keep a case fast; the structure is that of the full files.

A target returns what the reader returned; :func:`check` then tests the properties every accepted file
must have (counts finite and non-negative; a questionnaire written back reads back equal).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["REFUSALS", "TARGETS", "Seed", "Target", "check", "refusal_types", "seeds_of"]

SEEDS = Path(str(resources.files("mangfold.fuzz"))) / "seeds"


@dataclass(frozen=True)
class Seed:
    """A valid file to mutate: its name (its suffix tells the reader) and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Target:
    """A reader under test: its name, the part of the project it belongs to, the kind of its files
    (which mutations apply), how many cases of a full run it gets, and how it is called."""

    name: str
    part: str
    kind: str
    share: int
    run: Callable[[Seed, bytes], Any]
    seeds: Callable[[], Sequence[Seed]]


def refusal_types() -> tuple[type[BaseException], ...]:
    """The project's own error types: raising one of them is a refusal, anything else a crash."""
    from mangfold.barometer.model import BarometerError
    from mangfold.index.errors import AnswerError, QuestionnaireError
    from mangfold.population.errors import PopulationError

    own: tuple[type[BaseException], ...] = (PopulationError, QuestionnaireError, AnswerError, BarometerError)
    legacy = sys.modules.get("mangfold.web.assessments.legacy")  # loaded (with Django) by its target only
    return (*own, legacy.LegacyImportError) if legacy is not None else own


REFUSALS = ", ".join(
    [
        "PopulationError (PopulationFileError, UnmappedLabelsError)",
        "QuestionnaireError",
        "AnswerError",
        "BarometerError",
        "LegacyImportError",
    ]
)


def _file(name: str) -> Seed:
    return Seed(name, (SEEDS / name).read_bytes())


def _shipped(*parts: str) -> Path:
    from mangfold.data import data_path

    return data_path(*parts)


def _head(path: Path, lines: int) -> bytes:
    """The first ``lines`` lines of a shipped (maybe gzipped) text file."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        return b"".join(handle.readline() for _ in range(lines))


def _geojson_head(path: Path, features: int) -> bytes:
    document = json.loads(path.read_bytes())
    document["features"] = document["features"][:features]
    return json.dumps(document, ensure_ascii=False).encode()


def _topology_head(path: Path, geometries: int) -> bytes:
    """The first geometries of a shipped topology with only the arcs they use (renumbered)."""
    topology = json.loads(gzip.decompress(path.read_bytes()))
    (name, obj), *_ = topology["objects"].items()
    kept = obj["geometries"][:geometries]
    used: dict[int, int] = {}

    def renumber(arcs: Any) -> Any:
        if isinstance(arcs, list):
            return [renumber(a) for a in arcs]
        index = arcs if arcs >= 0 else ~arcs
        new = used.setdefault(index, len(used))
        return new if arcs >= 0 else ~new

    for geometry in kept:
        geometry["arcs"] = renumber(geometry["arcs"])
    arcs = [topology["arcs"][old] for old in used]
    obj["geometries"] = kept
    topology["objects"] = {name: obj}
    topology["arcs"] = arcs
    return json.dumps(topology, ensure_ascii=False).encode()


def _population_workbook(csv_bytes: bytes) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in csv.reader(io.StringIO(csv_bytes.decode("utf-8"))):
        sheet.append([int(c) if c.isdigit() else c for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _dst_origin() -> Any:
    from mangfold.population.schemes import dst_origin

    return dst_origin()


def _px(seed: Seed, data: bytes) -> Any:
    from mangfold.population.readers import read_px

    return read_px(data, scheme=_dst_origin(), name=seed.name)


def _jsonstat(seed: Seed, data: bytes) -> Any:
    from mangfold.population.readers import read_jsonstat

    return read_jsonstat(data, scheme=_dst_origin(), name=seed.name)


def _csv(seed: Seed, data: bytes) -> Any:
    from mangfold.population.readers import read_csv, read_kmsta001
    from mangfold.population.schemes import ew_ethnicity_2011

    if seed.name.startswith("KMSTA001"):
        return read_kmsta001(data, name=seed.name)
    if seed.name.startswith("england_wales"):
        options: dict[str, Any] = {"layout": "wide", "area": "LSOA", "parent": "LAD"}
        options["ignore"] = ["Persons", "MSOA", "RGN"]
        return read_csv(data, scheme=ew_ethnicity_2011(), name=seed.name, default_period="2011", **options)
    return read_csv(data, scheme=_dst_origin(), name=seed.name)


def _voting_areas(seed: Seed, data: bytes) -> Any:
    from mangfold.population.readers import read_voting_areas_2024

    origin, citizenship = _voting_seeds()
    if seed.name == citizenship.name:
        return read_voting_areas_2024(origin.data, data, municipalities={"101": "København"})
    return read_voting_areas_2024(data, citizenship.data, municipalities={"101": "København"})


def _excel(seed: Seed, data: bytes) -> Any:
    from mangfold.population.readers import read_excel

    return read_excel(data, scheme=_dst_origin(), name=seed.name)


def _boundaries(seed: Seed, data: bytes) -> Any:
    """As the web reads boundaries: JSON (gzip allowed), a topology or GeoJSON, keyed by a property."""
    from mangfold.population.geo import boundaries_from_features
    from mangfold.population.geojson import load_json, parse_geojson
    from mangfold.population.topojson import parse_topojson

    with tempfile.NamedTemporaryFile(suffix=".json") as handle:
        handle.write(data)
        handle.flush()
        document = load_json(handle.name)
    if isinstance(document, dict) and document.get("type") == "Topology":
        features = parse_topojson(document, source=seed.name)
    else:
        features = parse_geojson(document, source=seed.name)
    key = {"bydel.json": "navn", "f_udsatte_byomraader.json": "byomraade"}.get(seed.name, "code")
    if seed.name.startswith("sogne"):
        key = "SOGNEKODE"
    return boundaries_from_features(features, key, source=seed.name, numeric_codes=True)


def _xlsform(seed: Seed, data: bytes, *, pyxform: bool = False) -> Any:
    from mangfold.index.xlsform import read_xlsform

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / seed.name
        path.write_bytes(data)
        return read_xlsform(path, check_xlsform=pyxform)


def _xlsform_pyxform(seed: Seed, data: bytes) -> Any:
    """As an upload is read: mangfold's validator, then pyxform's conversion (about 0.5 s a case)."""
    return _xlsform(seed, data, pyxform=True)


@cache
def _worked_example() -> Any:
    from mangfold.index.xlsform import read_xlsform

    return read_xlsform(SEEDS / "worked_example.xlsx", check_xlsform=False)


def _answers(seed: Seed, data: bytes) -> Any:
    from mangfold.index.answers import parse_answers, read_answers

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / seed.name
        path.write_bytes(data)
        return parse_answers(_worked_example(), read_answers(path))


@cache
def _voting_seeds() -> tuple[Seed, Seed]:
    folder = _shipped("dk_election2024")
    origin = next(folder.glob("Indvandrere*.csv.gz"))
    citizenship = next(folder.glob("Antal*.csv.gz"))
    return Seed("origin_2024.csv", _head(origin, 6)), Seed("citizenship_2024.csv", _head(citizenship, 6))


def _px_seeds() -> list[Seed]:
    return [_file("kmsta001_parishes.px"), _file("origin_by_sex_elimination.px")]


def _jsonstat_seeds() -> list[Seed]:
    return [_file("kmsta001_one_parish.json"), _file("kmsta001_statbank.json")]


def _csv_seeds() -> list[Seed]:
    kmsta = next(_shipped("kmsta001").glob("KMSTA001*.csv.gz"))
    mlid = _shipped("uk_mlid", "england_wales_2011_lsoa_ethnicity.csv.gz")
    return [
        _file("long_with_markers.csv"),
        _file("wide_parishes.csv"),
        Seed("KMSTA001_sample.csv", _file("kmsta001_sample.csv").data),
        Seed("KMSTA001_capital_region_head.csv", _head(kmsta, 40)),
        Seed("england_wales_2011_lsoa_head.csv", _head(mlid, 20)),
    ]


def _excel_seeds() -> list[Seed]:
    return [
        Seed("long_with_markers.xlsx", _population_workbook(_file("long_with_markers.csv").data)),
        Seed("wide_parishes.xlsx", _population_workbook(_file("wide_parishes.csv").data)),
    ]


def _boundary_seeds() -> list[Seed]:
    return [
        _file("tiny_topology.json"),
        Seed("sogne.topojson", _topology_head(_shipped("dk_boundaries", "sogne.topojson.gz"), 4)),
        Seed("bydel.json", _geojson_head(_shipped("cph_bydele", "bydel.json"), 2)),
        Seed(
            "f_udsatte_byomraader.json", _geojson_head(_shipped("cph_bydele", "f_udsatte_byomraader.json"), 4)
        ),
    ]


def _xlsform_seeds() -> list[Seed]:
    bundled = _shipped("questionnaires", "mangfold-2026.xlsx")
    return [_file("worked_example.xlsx"), Seed(bundled.name, bundled.read_bytes())]


def _answer_seeds() -> list[Seed]:
    return [_file("worked_example_answers.csv"), _file("worked_example_answers.json")]


def _barometer_workbook(seed: Seed, data: bytes) -> Any:
    from mangfold.barometer.workbook import read_workbook

    return read_workbook(data)


def _barometer_values(seed: Seed, data: bytes) -> Any:
    from mangfold.barometer.workbook import read_values_csv

    return read_values_csv(data.decode("utf-8-sig", errors="replace"), name=seed.name)


def _barometer_workbook_seeds() -> list[Seed]:
    from mangfold.barometer.demo import DEMO_BAROMETERS, demo_barometer
    from mangfold.barometer.workbook import write_workbook

    return [Seed(f"{slug}.xlsx", write_workbook(demo_barometer(slug)[0])) for slug in DEMO_BAROMETERS]


def _barometer_values_seeds() -> list[Seed]:
    from mangfold.barometer.demo import DEMO_BAROMETERS

    folder = _shipped("barometer")
    return [Seed(f"{slug}-values.csv", _head(folder / f"{slug}-values.csv", 40)) for slug in DEMO_BAROMETERS]


@cache
def _django() -> None:
    import importlib
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangfold.web.settings")
    importlib.import_module("django").setup()


def _legacy_results(seed: Seed, data: bytes) -> Any:
    """The published-results CSV of the admin's import (read as the form does: UTF-8 text)."""
    _django()
    from mangfold.web.assessments.legacy import read_legacy_csv

    return read_legacy_csv(data.decode("utf-8-sig", errors="replace"))


def _legacy_seeds() -> list[Seed]:
    shipped = Path(str(resources.files("mangfold.web.assessments"))) / "data" / "icc-published-results.csv"
    return [Seed("icc-published-results.csv", shipped.read_bytes())]


TARGETS: tuple[Target, ...] = (
    Target("pc-axis", "population", "px", 2500, _px, _px_seeds),
    Target("json-stat", "population", "json", 2000, _jsonstat, _jsonstat_seeds),
    Target("csv", "population", "csv", 2000, _csv, _csv_seeds),
    Target("voting-areas-2024", "population", "csv", 300, _voting_areas, lambda: list(_voting_seeds())),
    Target("population-xlsx", "population", "xlsx", 1000, _excel, _excel_seeds),
    Target("geojson-topojson", "population", "json", 900, _boundaries, _boundary_seeds),
    Target("xlsform", "index", "xlsx", 1000, _xlsform, _xlsform_seeds),
    Target("xlsform-pyxform", "index", "xlsx", 200, _xlsform_pyxform, lambda: [_file("worked_example.xlsx")]),
    Target("answers", "index", "json", 500, _answers, _answer_seeds),
    Target("barometer-workbook", "barometer", "xlsx", 400, _barometer_workbook, _barometer_workbook_seeds),
    Target("barometer-values", "barometer", "csv", 300, _barometer_values, _barometer_values_seeds),
    Target("legacy-results", "web", "csv", 300, _legacy_results, _legacy_seeds),
)
"""Every reader; ``share`` is its number of cases in the full run (11,400 in all)."""


@cache
def seeds_of(name: str) -> tuple[Seed, ...]:
    """The seeds of a target, built once per process."""
    target = next(t for t in TARGETS if t.name == name)
    return tuple(target.seeds())


def check(target: Target, seed: Seed, result: Any) -> str | None:
    """A property every accepted file must have, or None when it holds: counts are finite and not
    negative; a questionnaire written back with :func:`write_xlsform` reads back equal."""
    counts = getattr(result, "counts", None)
    if counts is not None:
        values = np.asarray(counts.n, dtype=np.float64)
        if not np.all(np.isfinite(values[~np.isnan(values)])):
            return "a count that is not finite was accepted"
        if np.any(values < 0):
            return "a negative count was accepted"
    if target.name.startswith("xlsform"):
        return _round_trip(seed, result)
    return None


def _round_trip(seed: Seed, questionnaire: Any) -> str | None:
    from mangfold.index.xlsform import read_xlsform, write_xlsform

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / seed.name
        write_xlsform(questionnaire, path)
        again = read_xlsform(path, check_xlsform=False)
    if again.rows != questionnaire.rows or again.choice_lists != questionnaire.choice_lists:
        return "the questionnaire written back reads back different"
    return None
