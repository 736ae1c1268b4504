"""The fuzzer's mutations: deterministic for a seed, and the structure-aware ones change the structure."""

from __future__ import annotations

import io
import json
import random
import zipfile

import pytest

from mangfold.fuzz.mutate import MUTATORS, csv_structure, json_structure, mutate, px_structure, xlsx_structure
from mangfold.fuzz.targets import seeds_of

PX = seeds_of("pc-axis")[0].data
JSON = seeds_of("json-stat")[0].data
CSV = seeds_of("csv")[0].data
XLSX = seeds_of("xlsform")[0].data


@pytest.mark.parametrize(("kind", "data"), [("px", PX), ("json", JSON), ("csv", CSV), ("xlsx", XLSX)])
def test_every_mutation_is_the_same_for_the_same_seed_and_gives_bytes(kind: str, data: bytes) -> None:
    for seed in range(40):
        first = mutate(random.Random(seed), data, kind)
        assert first == mutate(random.Random(seed), data, kind)
        assert isinstance(first[1], bytes)
    assert {m.__name__ for m in MUTATORS[kind]} >= {"flip_bits", "truncate"}


def test_a_json_mutation_changes_one_node_and_keeps_the_rest() -> None:
    original = json.loads(JSON)
    changed = 0
    for seed in range(30):
        out = json_structure(random.Random(seed), JSON)
        changed += out != JSON
        try:
            doc = json.loads(out)
        except (ValueError, RecursionError):
            continue  # a raw token such as 10^400 or deep nesting
        if isinstance(doc, dict):
            differing = [k for k in original.keys() | doc.keys() if original.get(k) != doc.get(k)]
            assert len(differing) <= 1, differing
    assert changed >= 28


def test_a_pc_axis_mutation_works_on_its_statements() -> None:
    outputs = {px_structure(random.Random(seed), PX) for seed in range(60)}
    assert len(outputs) > 40
    assert any(b'CODEPAGE="base64"' in o or b'"base64"' in o for o in outputs)
    assert any(
        o.count(b"STUB") != PX.count(b"STUB") or o.count(b"VALUES") != PX.count(b"VALUES") for o in outputs
    )


def test_a_csv_mutation_keeps_the_lines_it_does_not_touch() -> None:
    for seed in range(20):
        out = csv_structure(random.Random(seed), CSV)
        same = set(out.split(b"\n")) & set(CSV.split(b"\n"))
        assert len(same) >= len(CSV.split(b"\n")) - 2


def test_an_xlsx_mutation_rewrites_a_readable_archive_with_one_entry_changed() -> None:
    with zipfile.ZipFile(io.BytesIO(XLSX)) as archive:
        original = {name: archive.read(name) for name in archive.namelist()}
    for seed in range(20):
        with zipfile.ZipFile(io.BytesIO(xlsx_structure(random.Random(seed), XLSX))) as archive:
            assert archive.testzip() is None  # checksums are right: the XML inside is what changed
            entries = {name: archive.read(name) for name in archive.namelist()}
        changed = [n for n in original if entries.get(n) != original[n]]
        assert len(changed) <= 1
