"""mangfold's fuzzer: seeded mutations of the project's own fixtures and shipped data, for every reader.

Each case mutates a valid file (byte flips, truncation, nasty tokens, and structure-aware changes to
JSON, PC-Axis keywords, CSV cells and the XML inside ``.xlsx``), runs the reader in a worker process
with a time limit and classifies the outcome: a *refusal* (the project's own error type), a *success*
(whose properties are checked), a *crash* (anything else, by signature) or a *timeout*.
``make fuzz`` runs the full set (``benchmarks/fuzz.py``); ``tests/fuzz`` runs a seeded slice.
Reproduce one case with ``python -m mangfold.fuzz --target pc-axis --case 123 [--seed 1]``.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

from mangfold.fuzz.runner import Case, Outcome, cases_for, run_case, run_cases
from mangfold.fuzz.targets import REFUSALS, TARGETS

__all__ = [
    "REFUSALS",
    "TARGETS",
    "Case",
    "Outcome",
    "cases_for",
    "fuzz",
    "run_case",
    "run_cases",
    "summarise",
]


def fuzz(
    seed: int = 1,
    total: int | None = None,
    *,
    targets: Iterable[str] | None = None,
    workers: int = 2,
    time_limit: float = 10.0,
) -> dict[str, Any]:
    """Run a fuzz campaign and summarise it (see :func:`summarise`)."""
    cases = cases_for(seed, total, targets)
    started = time.perf_counter()
    outcomes = list(run_cases(cases, workers=workers, time_limit=time_limit))
    summary = summarise(outcomes)
    summary.update(
        seed=seed, workers=workers, time_limit_s=time_limit, elapsed_s=round(time.perf_counter() - started, 1)
    )
    return summary


def summarise(outcomes: list[Outcome]) -> dict[str, Any]:
    """Cases, outcomes by kind and by target (with the refusals that name a place in the file: row,
    column, sheet, keyword, JSON path or part), crashes by signature (count, targets, an example case to
    reproduce), timeouts and the slowest cases."""
    kinds = Counter(o.kind for o in outcomes)
    by_target: dict[str, Counter[str]] = {}
    seconds: dict[str, list[float]] = {}
    placed: Counter[str] = Counter(o.case.target for o in outcomes if o.kind == "refusal" and o.placed)
    for o in outcomes:
        by_target.setdefault(o.case.target, Counter())[o.kind] += 1
        if not math.isnan(o.seconds):
            seconds.setdefault(o.case.target, []).append(o.seconds)
    crashes: dict[str, dict[str, Any]] = {}
    for o in sorted((o for o in outcomes if o.kind == "crash"), key=lambda o: (o.case.target, o.case.index)):
        entry = crashes.setdefault(
            o.signature,
            {
                "signature": o.signature,
                "count": 0,
                "targets": [],
                "example": _example(o),
                "message": o.message,
            },
        )
        entry["count"] += 1
        if o.case.target not in entry["targets"]:
            entry["targets"].append(o.case.target)
    part = {t.name: t.part for t in TARGETS}
    return {
        "cases": len(outcomes),
        "outcomes": {k: kinds.get(k, 0) for k in ("refusal", "success", "crash", "timeout")},
        "by_target": {
            name: {
                "part": part.get(name, "?"),
                "cases": sum(counter.values()),
                **{k: counter.get(k, 0) for k in ("refusal", "success", "crash", "timeout")},
                "refusal_placed": placed.get(name, 0),
                "mean_ms": round(1000 * sum(seconds.get(name, [0])) / max(1, len(seconds.get(name, []))), 1),
                "max_s": round(max(seconds.get(name, [0.0])), 2),
            }
            for name, counter in by_target.items()
        },
        "crash_signatures": sorted(crashes.values(), key=lambda c: (-c["count"], c["signature"])),
        "timeouts": [_example(o) for o in outcomes if o.kind == "timeout"],
        "slowest": [
            {**_example(o), "seconds": round(o.seconds, 2)}
            for o in sorted((o for o in outcomes if not math.isnan(o.seconds)), key=lambda o: -o.seconds)[:5]
        ],
    }


def _example(o: Outcome) -> dict[str, Any]:
    return {
        "target": o.case.target,
        "case": o.case.index,
        "seed": o.case.seed,
        "file": o.seed_file,
        "mutation": o.mutation,
    }
