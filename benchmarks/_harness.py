"""Shared helpers for mangfold's benchmarks.

Every benchmark runs each measurement in its own subprocess (so that peak memory is that subprocess's
maximum resident set size and one library's import side effects cannot touch another's), compares mangfold
with the reference tool in the same run, and writes one JSON file to ``benchmarks/results/``.
``python benchmarks/report.py`` turns the JSON files into ``benchmarks/README.md``.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Measurement:
    """One subprocess run: wall seconds, peak memory in MiB and what the child printed as JSON."""

    seconds: float
    peak_mib: float
    output: Any


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    try:
        import numpy

        numpy_version = numpy.__version__
        simd = _numpy_simd(numpy)
    except ImportError:  # pragma: no cover
        numpy_version, simd = "n/a", []
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_model": _cpu_model(),
        "cpus": os.cpu_count(),
        "numpy": numpy_version,
        "numpy_simd": simd,
    }


def _cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (Linux), else the platform's processor string."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _numpy_simd(numpy: Any) -> list[str]:
    """The SIMD extensions NumPy found beyond its baseline (its sorts are much faster with AVX2/AVX-512)."""
    try:
        from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    except ImportError:  # pragma: no cover - older NumPy
        return []
    return [name for name in __cpu_dispatch__ if __cpu_features__.get(name)]


_WRAPPER = """
import json, resource, sys
namespace = {"__name__": "__benchmark__"}
exec(compile(sys.stdin.read(), "<benchmark>", "exec"), namespace)
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"result": namespace.get("RESULT"), "peak_kib": peak_kib}))
"""


def run_child(code: str, *, timeout: float = 1800.0, env: dict[str, str] | None = None) -> Measurement:
    """Run ``code`` in a fresh Python and measure its wall time and peak resident memory.

    ``code`` may set a global ``RESULT`` (anything JSON-serialisable: its own inner timings, a checksum of
    what it computed); that value comes back as ``Measurement.output``. Peak memory is the child's own
    ``ru_maxrss`` (Linux: KiB), so each measurement is isolated from the others.
    """
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _WRAPPER],
        input=code,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({completed.returncode}):\n{completed.stderr[-4000:]}")
    last = [line for line in completed.stdout.splitlines() if line.strip()][-1]
    document = json.loads(last)
    return Measurement(seconds=seconds, peak_mib=document["peak_kib"] / 1024.0, output=document["result"])


def write_result(name: str, result: dict[str, Any]) -> Path:
    """Write ``benchmarks/results/<name>.json`` with the machine and the time of the run."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": name,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **result,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
