"""``python -m mangfold.fuzz --target pc-axis --case 123 [--seed 1] [--save FILE]``: one case again,
with the full traceback of a crash (``--save`` writes the mutated file)."""

from __future__ import annotations

import argparse
import signal
import traceback
from pathlib import Path

from mangfold.fuzz.runner import Case, alarm, case_input
from mangfold.fuzz.targets import TARGETS, check, refusal_types, seeds_of


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mangfold.fuzz", description=__doc__)
    parser.add_argument("--target", required=True, choices=[t.name for t in TARGETS])
    parser.add_argument("--case", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args(argv)
    case = Case(args.seed, args.target, args.case)
    seed_name, mutation, data = case_input(case)
    print(f"{args.target} case {args.case}: {seed_name}, {mutation}, {len(data)} bytes")
    if args.save:
        args.save.write_bytes(data)
    target = next(t for t in TARGETS if t.name == args.target)
    seed = next(s for s in seeds_of(args.target) if s.name == seed_name)
    signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, args.time_limit)
    try:
        violation = check(target, seed, target.run(seed, data))
    except refusal_types() as exc:
        print(f"refusal: {exc}")
    except BaseException:
        traceback.print_exc()
        return 1
    else:
        print(f"property violated: {violation}" if violation else "success")
        return 1 if violation else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
