"""Running fuzz cases in worker processes, each with a time limit, and classifying what happened.

A case is ``(seed, target, index)``: its random generator is seeded with those three, so any case is
reproduced alone (``python -m mangfold.fuzz --target pc-axis --case 123``). Workers are fresh processes
(``spawn``) with an address-space limit (a reader that tries to allocate terabytes gets ``MemoryError``
instead of stalling the machine) and an interval timer per case (``SIGALRM`` raises :class:`CaseTimeout`,
which no ``except Exception`` in a reader can swallow).

Outcomes: ``refusal`` (one of the project's own error types), ``success`` (and every property of
:func:`mangfold.fuzz.targets.check` holds), ``crash`` (any other exception, or a property that fails:
recorded by signature, the exception type and the innermost frame in mangfold's code) and ``timeout``.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import re
import resource
import signal
import time
import traceback
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from mangfold.fuzz.mutate import mutate
from mangfold.fuzz.targets import TARGETS, Target, check, refusal_types, seeds_of

__all__ = ["Case", "CaseTimeout", "Outcome", "cases_for", "run_case", "run_cases"]

_PACKAGE = str(Path(__file__).resolve().parents[1])
_FUZZ = str(Path(__file__).resolve().parent)


class CaseTimeout(BaseException):
    """A case ran past its time limit (a BaseException, so that readers cannot catch it)."""


@dataclass(frozen=True)
class Case:
    seed: int
    target: str
    index: int


@dataclass(frozen=True)
class Outcome:
    """What one case did: its kind, the crash signature and message (for crashes), and its time."""

    case: Case
    kind: str
    seconds: float
    seed_file: str = ""
    mutation: str = ""
    signature: str = ""
    message: str = ""
    placed: bool = False
    """For a refusal: whether it names a place in the file (row, column, sheet, keyword, JSON path, part)."""


def cases_for(seed: int, total: int | None = None, targets: Iterable[str] | None = None) -> list[Case]:
    """The cases of a run: each target's share, scaled so that they add up to about ``total``."""
    chosen = [t for t in TARGETS if targets is None or t.name in set(targets)]
    full = sum(t.share for t in chosen)
    scale = 1.0 if total is None else total / full
    return [Case(seed, t.name, i) for t in chosen for i in range(max(1, round(t.share * scale)))]


def _target(name: str) -> Target:
    return next(t for t in TARGETS if t.name == name)


def _signature(exc: BaseException) -> str:
    """``ValueError in population/readers/px.py:parse_px``: the type and the innermost project frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(_PACKAGE) and not f.filename.startswith(_FUZZ)]
    if ours:
        where = f"{os.path.relpath(ours[-1].filename, _PACKAGE)}:{ours[-1].name}"
    elif frames:
        where = f"{Path(frames[-1].filename).name}:{frames[-1].name} (outside mangfold)"
    else:
        where = "?"
    return f"{type(exc).__name__} in {where}"


def _placed(error: BaseException) -> bool:
    """Whether a refusal names where in the file the fault is (not only the file)."""
    problems = getattr(error, "problems", None)
    if problems is None:  # BarometerError: the place is in its message
        return bool(re.search(r"\b(row|sheet|column|række|ark|kolonne)\b", str(error)))
    return any(
        getattr(p, "row", None) is not None
        or getattr(p, "column", None)
        or getattr(p, "place", None)
        or getattr(p, "sheet", None)
        for p in problems
    )


def alarm(signum: int, frame: FrameType | None) -> None:
    """The SIGALRM handler of a worker: the case's time is up."""
    raise CaseTimeout


def case_input(case: Case) -> tuple[str, str, bytes]:
    """The seed file's name, the mutations applied and the mutated bytes of a case."""
    rng = random.Random(f"{case.seed}/{case.target}/{case.index}")  # noqa: S311 - reproducible, not secret
    target = _target(case.target)
    seed = rng.choice(seeds_of(case.target))
    mutation, data = mutate(rng, seed.data, target.kind)
    return seed.name, mutation, data


def run_case(case: Case, time_limit: float) -> Outcome:
    """Run one case with the time limit (in this process; SIGALRM must be free). A case that took longer
    is a timeout whatever it ended with (the timer's exception can be lost when it fires inside a
    finaliser, which Python reports and ignores)."""
    outcome = _run(case, time_limit)
    if outcome.kind != "timeout" and outcome.seconds > time_limit:
        return Outcome(case, "timeout", outcome.seconds, outcome.seed_file, outcome.mutation)
    return outcome


def _run(case: Case, time_limit: float) -> Outcome:
    target = _target(case.target)
    seed_name, mutation, data = case_input(case)
    seed = next(s for s in seeds_of(case.target) if s.name == seed_name)
    started = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        result = target.run(seed, data)
        violation = check(target, seed, result)
    except CaseTimeout:
        return Outcome(case, "timeout", time.perf_counter() - started, seed_name, mutation)
    except refusal_types() as exc:  # evaluated when raised: a target may load its error type late
        seconds = time.perf_counter() - started
        return Outcome(case, "refusal", seconds, seed_name, mutation, placed=_placed(exc))
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        message = " ".join(str(exc).split())[:300]
        return Outcome(
            case, "crash", time.perf_counter() - started, seed_name, mutation, _signature(exc), message
        )
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.perf_counter() - started
    if violation is not None:
        signature = f"PropertyViolation in {case.target}: {violation}"
        return Outcome(case, "crash", seconds, seed_name, mutation, signature, violation)
    return Outcome(case, "success", seconds, seed_name, mutation)


def _init_worker(memory_bytes: int) -> None:
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    signal.signal(signal.SIGALRM, alarm)
    warnings.simplefilter("ignore")  # outcomes and properties judge a reader, not its warnings
    os.environ.pop("MANGFOLD_LANGUAGE", None)


def _run_chunk(chunk: tuple[list[Case], float]) -> list[Outcome]:
    cases, time_limit = chunk
    return [run_case(case, time_limit) for case in cases]


def run_cases(
    cases: list[Case],
    *,
    workers: int = 2,
    time_limit: float = 10.0,
    memory_mb: int = 3072,
    chunk_size: int = 20,
) -> Iterator[Outcome]:
    """Run the cases on ``workers`` fresh processes; yields outcomes as chunks finish.

    A worker that stops answering (stuck in C code the timer cannot interrupt) for longer than a whole
    chunk could take ends the run with the chunk's cases as timeouts.
    """
    chunks = [(cases[i : i + chunk_size], time_limit) for i in range(0, len(cases), chunk_size)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, _init_worker, (memory_mb * 2**20,), maxtasksperchild=50) as pool:
        results = pool.imap_unordered(_run_chunk, chunks)
        finished: set[Case] = set()
        for _ in chunks:
            try:
                outcomes = results.next(timeout=chunk_size * (time_limit + 1) + 60)
            except multiprocessing.TimeoutError:
                pool.terminate()
                for case in cases:
                    if case not in finished:
                        yield Outcome(case, "timeout", float("nan"), message="worker stalled")
                return
            finished.update(o.case for o in outcomes)
            yield from outcomes
