"""Peak memory of the population readers on large and hostile files (issue 16, bounded memory).

Cases, each read through the library (``mangfold.population.readers.read``) in its own subprocess:

- a PC-Axis file of 20 million cells whose DATA unpacks to 100 MB (gzip: a few hundred KB), with two
  eliminated dimensions: read to 100,000 counts;
- the same 100 MB of DATA under dimensions declaring 50 million cells: refused before DATA is read
  (``max_cells``, default 25 million);
- a gzip "bomb" that unpacks to 1 GiB: refused when unpacking passes ``max_bytes`` (default 256 MiB);
- a long CSV of 60 MB (1.13 million rows, the five origin groups as labels): read without a scheme;
- a JSON-stat dataset declaring a size of 10^13 cells: refused before anything is allocated.

Peak memory is the child's maximum resident set size and its peak address space (``VmPeak``).
``--before REV`` measures the same cases with the readers of an earlier commit too (its ``src``
unpacked by ``git archive`` into a temporary folder), for a before/after table.

Usage: ``.venv/bin/python benchmarks/reader_memory.py [--before REV]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import run_child, write_result

ROOT = Path(__file__).resolve().parent.parent
#: Address-space bound of each child (6 GiB): a case that needs more ends as a MemoryError.
ADDRESS_SPACE = 6 * 2**30

CHILD = """
import json, resource, time
# The readers of the earlier commit would take tens of GB for some cases: bound the child's address
# space, so that such a case ends as a MemoryError instead of taking the machine down.
resource.setrlimit(resource.RLIMIT_AS, ({address_space}, {address_space}))
from mangfold.population.readers import read
started = time.perf_counter()
try:
    result = read({path!r}, **{options!r})
    outcome = f"read: {{len(result.counts)}} counts"
except Exception as error:  # the benchmark records what happened, whatever it was
    outcome = f"{{type(error).__name__}}: {{str(error)[:160]}}"
seconds = time.perf_counter() - started
status = open("/proc/self/status").read()
vm_peak = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmPeak"))
RESULT = {{"outcome": outcome, "inner_seconds": round(seconds, 2), "vm_peak_mib": round(vm_peak / 1024, 1)}}
"""


def _px_head(areas: int) -> str:
    codes = ",".join(f'"A{i:05d}"' for i in range(areas))
    years = ",".join(f'"{2005 + i}"' for i in range(20))
    ages = ",".join(f'"{i} år"' for i in range(100))
    return (
        'CHARSET="ANSI";\nLANGUAGE="da";\nMATRIX="BENCH";\n'
        'STUB="område","alder","køn";\nHEADING="tid","herkomst";\n'
        f'VALUES("område")={codes};\nVALUES("alder")={ages};\nVALUES("køn")="Mænd","Kvinder";\n'
        f'VALUES("tid")={years};\n'
        'VALUES("herkomst")="Personer med dansk oprindelse","Indvandrere fra vestlige lande",'
        '"Indvandrere fra ikke-vestlige lande","Efterkommere fra vestlige lande",'
        '"Efterkommere fra ikke-vestlige lande";\n'
        'ELIMINATION("alder")=YES;\nELIMINATION("køn")=YES;\nTIMEVAL("tid")=TLIST(A1);\nDATA=\n'
    )


def _write_px(path: Path, areas: int, token: bytes, data_bytes: int) -> int:
    """A gzip PC-Axis file whose DATA is ``data_bytes // len(token)`` cells of ``token`` (400 a line);
    returns its size."""
    cells, per_line = data_bytes // len(token), 400
    line = token * per_line + b"\n"
    with gzip.open(path, "wb", compresslevel=6) as out:
        out.write(_px_head(areas).encode("cp1252"))
        for _ in range(cells // per_line):
            out.write(line)
        out.write(token * (cells % per_line) + b";\n")
    return path.stat().st_size


def _write_bomb(path: Path, unpacked: int) -> int:
    block = b"0 " * 2**19
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(b'STUB="a";\nVALUES("a")="x";\nDATA=\n')
        for _ in range(unpacked // len(block)):
            out.write(block)
        out.write(b";\n")
    return path.stat().st_size


def _write_csv(path: Path, size: int) -> int:
    """A long CSV (area, period, group, n) of about ``size`` bytes: 3 years × the 5 origin groups."""
    groups = [
        "Persons of Danish origin",
        "Immigrants from western countries",
        "Immigrants from non-western countries",
        "Descendants from western countries",
        "Descendants from non-western countries",
    ]
    with path.open("w", encoding="utf-8") as out:
        out.write("area,period,group,n\n")
        area = 0
        while out.tell() < size:
            area += 1
            for year in (2019, 2020, 2021):
                for k, group in enumerate(groups):
                    out.write(f"A{area:07d},{year},{group},{(area * 7 + k * 13 + year) % 5000}\n")
    return path.stat().st_size


def _write_jsonstat(path: Path) -> int:
    doc = {
        "version": "2.0",
        "class": "dataset",
        "id": ["area", "group"],
        "size": [10**13, 1],
        "dimension": {"area": {"category": {"index": ["a"]}}, "group": {"category": {"index": ["g"]}}},
        "value": [1],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path.stat().st_size


def cases(folder: Path) -> list[dict[str, Any]]:
    found = []
    # 1,000 areas × 100 ages × 2 sexes × 20 years × 5 groups = 20,000,000 cells of "1234 " (100 MB).
    px = folder / "folk_100mb.px.gz"
    size = _write_px(px, 1000, b"1234 ", 100_000_000)
    found.append({"case": "PC-Axis, 20M cells, DATA 100 MB", "path": px, "file_kib": size // 1024})
    # 2,500 areas: 50,000,000 declared cells; DATA "1 " × 50M (100 MB).
    px = folder / "folk_50m_cells.px.gz"
    size = _write_px(px, 2500, b"1 ", 100_000_000)
    found.append({"case": "PC-Axis, 50M cells declared, DATA 100 MB", "path": px, "file_kib": size // 1024})
    bomb = folder / "bomb.px.gz"
    size = _write_bomb(bomb, 2**30)
    found.append({"case": "gzip bomb, 1 GiB unpacked", "path": bomb, "file_kib": size // 1024})
    csv_path = folder / "long_60mb.csv"
    size = _write_csv(csv_path, 60_000_000)
    found.append({"case": "CSV, long, 60 MB (1.13M rows)", "path": csv_path, "file_kib": size // 1024})
    js = folder / "size_1e13.json"
    size = _write_jsonstat(js)
    found.append({"case": "JSON-stat, size 10^13", "path": js, "file_kib": max(size // 1024, 1)})
    return found


def measure(case: dict[str, Any], label: str, pythonpath: str | None) -> dict[str, Any]:
    options = {"area": "område", "group": "herkomst"} if "PC-Axis" in case["case"] else {}
    code = CHILD.format(path=str(case["path"]), options=options, address_space=ADDRESS_SPACE)
    env = {"PYTHONPATH": pythonpath} if pythonpath else None
    m = run_child(code, env=env, timeout=1800)
    return {
        "readers": label,
        "case": case["case"],
        "file_kib": case["file_kib"],
        "outcome": m.output["outcome"],
        "seconds": round(m.seconds, 1),
        "peak_rss_mib": round(m.peak_mib, 1),
        "vm_peak_mib": m.output["vm_peak_mib"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="also measure the readers of this git revision")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        found = cases(folder)
        if args.before:
            old = folder / "before"
            old.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.before, "src"], capture_output=True, check=True
            )
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
            for case in found:
                rows.append(measure(case, f"before ({args.before[:7]})", str(old / "src")))
                print(rows[-1], flush=True)
        for case in found:
            rows.append(measure(case, "now", None))
            print(rows[-1], flush=True)
    px = next(r for r in rows if r["readers"] == "now" and r["case"].startswith("PC-Axis, 20M"))
    summary = (
        "Reading large and hostile population files through `mangfold.population.readers.read`. "
        "Target (issue 16): a 100 MB-unpacked PC-Axis file peaks well under 1.5 GB of address space "
        f"(aim: a few hundred MB) or is refused before parsing. Now: read in {px['seconds']} s at "
        f"{px['peak_rss_mib']:,.0f} MiB resident, {px['vm_peak_mib']:,.0f} MiB address space."
    )
    notes = (
        "peak_rss_mib: the child's maximum resident set size; vm_peak_mib: its peak address space "
        "(VmPeak, including the interpreter, NumPy and its thread pools). seconds: the whole subprocess; "
        "limits are the readers' defaults (max_bytes 256 MiB, max_cells 25,000,000). Each child's address "
        "space is bounded at 6 GiB (RLIMIT_AS), so the earlier readers end some cases with a MemoryError "
        "where they would have taken tens of GB."
    )
    path = write_result(
        "reader_memory",
        {
            "title": "Population readers: memory on large and hostile files",
            "summary": summary,
            "rows": rows,
            "notes": notes,
        },
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
