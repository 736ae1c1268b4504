"""The fuzz campaign: seeded mutations of the project's fixtures and shipped data for every reader.

Runs :func:`mangfold.fuzz.fuzz` (11,400 cases by default, each in a worker process with a 10 s limit and
a 3 GB address-space limit) and writes ``benchmarks/results/fuzz.json``: cases, refusals, successes,
crashes by signature (with a case that reproduces each: ``python -m mangfold.fuzz --target T --case N``)
and timeouts. The goal is 0 crashes and 0 timeouts; ``--strict`` exits 1 otherwise (``make fuzz``).

    .venv/bin/python benchmarks/fuzz.py                   # the full campaign, seed 1, 2 workers
    .venv/bin/python benchmarks/fuzz.py --cases 2000 --seed 7 --no-write
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import write_result
from mangfold.fuzz import REFUSALS, TARGETS, fuzz


def _notes(summary: dict[str, Any]) -> str:
    lines = [
        f"Refusals are the project's own errors: {REFUSALS}. Anything else is a crash. `refusal_placed` "
        "counts the refusals that name a place in the file (row, column, sheet, PC-Axis keyword, JSON path, "
        "workbook cell); a file that is no zip archive or no JSON at all has none to name."
    ]
    crashes = summary["crash_signatures"]
    if crashes:
        lines += ["", "Crashes by signature (exception type and innermost frame in mangfold):", ""]
        lines += ["| signature | cases | readers | reproduce | message |", "|---|---|---|---|---|"]
        for crash in crashes:
            example = crash["example"]
            command = f"`python -m mangfold.fuzz --target {example['target']} --case {example['case']}`"
            message = str(crash["message"]).replace("|", "\\|")[:120]
            lines.append(
                f"| `{crash['signature']}` | {crash['count']} | {', '.join(crash['targets'])} | {command} "
                f"| {message} |"
            )
    else:
        lines.append("No crash.")
    if summary["timeouts"]:
        lines += ["", f"Cases over {summary['time_limit_s']:g} s: " + json.dumps(summary["timeouts"])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=None, help="total cases (default: every share, 11,400)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 on any crash or timeout")
    args = parser.parse_args(argv)
    summary = fuzz(args.seed, args.cases, workers=args.workers, time_limit=args.time_limit)
    outcomes = summary["outcomes"]
    rows = [{"reader": name, **counts} for name, counts in summary["by_target"].items()]
    result = {
        "title": "Fuzzing every reader",
        "summary": (
            f"{summary['cases']:,} seeded cases (seed {summary['seed']}) over {len(TARGETS)} readers in "
            f"{summary['elapsed_s']:.0f} s on {summary['workers']} workers: "
            f"{outcomes['refusal']:,} refusals, "
            f"{outcomes['success']:,} successes, {outcomes['crash']:,} crashes in "
            f"{len(summary['crash_signatures'])} signature(s), {outcomes['timeout']} over "
            f"{summary['time_limit_s']:g} s. `make fuzz` runs it; a 300-case slice runs in `make test`."
        ),
        "rows": rows,
        "notes": _notes(summary),
        **summary,
    }
    print(result["summary"])
    for crash in summary["crash_signatures"]:
        print(f"  {crash['count']:5d}  {crash['signature']}  e.g. {crash['example']}")
    if not args.no_write:
        print(f"wrote {write_result('fuzz', result)}")
    failed = outcomes["crash"] or outcomes["timeout"]
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
