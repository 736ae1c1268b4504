"""Reports: a city profile PDF of the demo in under 5 s.

Target (issue 7): the city profile of a demo city as PDF in under 5 seconds. The child process migrates a
fresh SQLite database, loads the demo (``make run``'s data; not timed), then makes the profile of
Eksempelby in the round "mangfold 2026" (17 indicators, each with its page and chart: the heaviest profile
of the demo) *cold*: the first report of the process, imports of WeasyPrint and vl-convert and the start
of vl-convert's JavaScript engine included, as the worker meets it after a restart. It then makes it again
(warm), København's 2011 profile (population statistics with a map of its parishes), and the Danish
briefing as PDF (the profile attached) and as Word. There is no reference tool to compare with; the table
splits the cold profile into its steps (data, charts, layout and PDF).

Run: ``.venv/bin/python benchmarks/reports.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import run_child, write_result

TARGET_SECONDS = 5.0

CHILD = """
import io, os, time
os.environ["DJANGO_SETTINGS_MODULE"] = "mangfold.web.settings"
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from mangfold.web.core.demo import load_demo
load_demo("benchmark-only")

from mangfold.web.assessments.models import Round

def timed(kind, fmt, round_slug, city):
    steps = []
    started = time.perf_counter()
    def progress(percent, step):
        steps.append((step, time.perf_counter() - started))
    from mangfold.web.reports.rendering import make
    round_ = Round.objects.get(network__slug="icc-demo", slug=round_slug)
    content = make(kind, fmt, round_, city, "da", progress)
    return time.perf_counter() - started, content, steps

cold, pdf, steps = timed("profile", "pdf", "2026", "eksempelby")
from pypdf import PdfReader
pages = len(PdfReader(io.BytesIO(pdf)).pages)
warm, _, _ = timed("profile", "pdf", "2026", "eksempelby")
copenhagen, cph_pdf, _ = timed("profile", "pdf", "2011", "copenhagen")
briefing_pdf, _, _ = timed("briefing", "pdf", "2026", "eksempelby")
briefing_docx, docx, _ = timed("briefing", "docx", "2026", "eksempelby")
marks = dict(steps)
RESULT = {
    "cold": cold, "warm": warm, "pages": pages, "bytes": len(pdf),
    "data": marks.get("charts", 0.0),
    "charts": marks.get("layout", 0.0) - marks.get("charts", 0.0),
    "layout_pdf": cold - marks.get("layout", 0.0),
    "copenhagen": copenhagen, "copenhagen_pages": len(PdfReader(io.BytesIO(cph_pdf)).pages),
    "briefing_pdf": briefing_pdf, "briefing_docx": briefing_docx, "docx_bytes": len(docx),
}
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        measured = run_child(
            CHILD, env={"MANGFOLD_DATA_DIR": folder, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3"}
        )
    r = measured.output
    rows = [
        {
            "task": f"city profile PDF, Eksempelby 2026, cold ({r['pages']} pages, {r['bytes'] // 1024} KiB)",
            "mangfold s": r["cold"],
            "target s": TARGET_SECONDS,
            "met": r["cold"] < TARGET_SECONDS,
        },
        {"task": "… of which reading the results and recommendations", "mangfold s": r["data"]},
        {"task": "… of which drawing the charts (vl-convert, SVG)", "mangfold s": r["charts"]},
        {"task": "… of which layout and PDF (WeasyPrint)", "mangfold s": r["layout_pdf"]},
        {
            "task": "city profile PDF, Eksempelby 2026, warm",
            "mangfold s": r["warm"],
            "target s": TARGET_SECONDS,
            "met": r["warm"] < TARGET_SECONDS,
        },
        {
            "task": f"city profile PDF, København 2011 with population map ({r['copenhagen_pages']} pages)",
            "mangfold s": r["copenhagen"],
            "target s": TARGET_SECONDS,
            "met": r["copenhagen"] < TARGET_SECONDS,
        },
        {"task": "committee briefing PDF with the profile attached", "mangfold s": r["briefing_pdf"]},
        {
            "task": f"committee briefing Word (.docx, {r['docx_bytes'] // 1024} KiB)",
            "mangfold s": r["briefing_docx"],
        },
    ]
    path = write_result(
        "reports",
        {
            "title": "Reports: city profile and committee briefing",
            "summary": (
                "One child process: a fresh SQLite database with the demo loaded (not timed), then the "
                f"reports made one after the other in Danish. Peak memory: {measured.peak_mib:.0f} MiB."
            ),
            "rows": rows,
        },
    )
    print(f"wrote {path}")
    for row in rows:
        print(f"  {row['task']}: {row['mangfold s']:.2f} s")


if __name__ == "__main__":
    main()
