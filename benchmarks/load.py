"""Load benchmark: 50 simulated users against `make run`'s server, beside Django's development server.

Each server is started the way `make run` starts it (``scripts/serve.sh``: gunicorn in the local demo mode,
static files by WhiteNoise; ``MANGFOLD_SERVER=runserver`` for Django's development server with the same
settings), on the loopback address, over a copy of the demo network in a temporary data folder. Then, for
``DURATION`` seconds, ``ANONYMOUS`` anonymous visitors read results (the results index, a round's results,
a city's result) and search the practice library, and ``EDITORS`` signed-in editors load a section of the
answer form and save an answer there (autosave's request), each on a question of their own (no edit
conflicts). Users are closed loops with a think time of ``THINK`` seconds (uniform) between requests; every
request has a 30 s timeout; an error is any status other than the expected one, or no answer.

The client is httpx, one client (keep-alive connection, cookies) per user thread, in this same process; it
runs on the same 2 CPUs as the server, so the numbers are a floor for the server alone. Results:
``benchmarks/results/load.json`` (requests/s, p50/p95/p99/max per page type, errors, the CPU model).
Target on 2 cores for the production server: p95 < 500 ms for every page type, 0 errors.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import write_result

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DURATION = float(os.environ.get("MANGFOLD_LOAD_SECONDS", "60"))
ANONYMOUS, EDITORS = 30, 20
THINK = (0.0, 0.5)
PASSWORD = "load-benchmark-password"  # noqa: S105  # local accounts in a throw-away data folder
NETWORK, ROUND, CITY = "icc-demo", "load-bench", "copenhagen"
PUBLISHED_ROUND, PUBLISHED_CITY = "2026", "eksempelby"
CPUS = len(os.sched_getaffinity(0))
WORKERS = os.environ.get("MANGFOLD_WEB_WORKERS") or str(min(8, 2 * CPUS))  # as serve.sh
SEARCHES = ["sprog", "bolig", "beskæftigelse", "language", "housing", "skole", "dialog", "integration"]

SETUP = f"""
import django, json
django.setup()
from django.contrib.auth import get_user_model
from mangfold.web.accounts.models import CityRole
from mangfold.web.assessments.models import Assessment, Round
from mangfold.index.model import QuestionType
from mangfold.web.assessments.answer_display import sections
from mangfold.web.assessments.scores import questionnaire_for
from mangfold.web.network.models import City, Network

published = Round.objects.get(network__slug={NETWORK!r}, slug={PUBLISHED_ROUND!r})
round_, _ = Round.objects.get_or_create(
    network=Network.objects.get(slug={NETWORK!r}), slug={ROUND!r},
    defaults={{"name": "Load benchmark", "questionnaire": published.questionnaire}},
)
city = City.objects.get(slug={CITY!r})
assessment, _ = Assessment.objects.get_or_create(round=round_, city=city)
users = get_user_model().objects
for i in range({EDITORS}):
    user = users.filter(username=f"load-editor-{{i:02d}}").first()
    if user is None:
        user = users.create_user(username=f"load-editor-{{i:02d}}", password={PASSWORD!r})
    CityRole.objects.get_or_create(user=user, city=city, role=CityRole.Role.EDITOR)
questionnaire = questionnaire_for(assessment)
plan = []
for section in sections(questionnaire):
    for question in section.questions:
        if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO) and question.choices:
            plan.append([section.code, question.code, [c.name for c in question.choices]])
print(json.dumps(plan))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare(data: Path) -> list[list[Any]]:
    """A demo network in ``data``, the benchmark's open round and editors; the questions they answer."""
    env = {**os.environ, "MANGFOLD_DATA_DIR": str(data), "MANGFOLD_DEMO": "1"}
    for command in (
        ["manage.py", "migrate", "--noinput", "-v", "0"],
        ["-m", "mangfold.cli", "load-demo"],
        ["manage.py", "collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run([PYTHON, *command], cwd=ROOT, env=env, check=True, capture_output=True)
    env["DJANGO_SETTINGS_MODULE"] = "mangfold.web.settings"
    done = subprocess.run(
        [PYTHON, "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    import json

    plan = json.loads(done.stdout.strip().splitlines()[-1])
    if len(plan) < EDITORS:
        raise RuntimeError(f"only {len(plan)} single-choice questions for {EDITORS} editors")
    step = len(plan) // EDITORS  # spread the editors over the sections
    return [plan[i * step] for i in range(EDITORS)]


class Server:
    """``scripts/serve.sh`` in its own process group on a free loopback port."""

    def __init__(self, kind: str, data: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "MANGFOLD_DATA_DIR": str(data),
            "MANGFOLD_PORT": str(self.port),
            "MANGFOLD_HOST": "127.0.0.1",
            "MANGFOLD_SERVER": kind,
        }
        self.log = data / f"{kind}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                ["scripts/serve.sh"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.base + "/da/", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"{kind} did not answer on {self.base}")

    def cpu_seconds(self) -> float:
        """User and system CPU time so far of every process in the server's group (server and worker)."""
        found = subprocess.run(["pgrep", "-g", str(self.process.pid)], capture_output=True, text=True)
        ticks = 0
        for pid in found.stdout.split():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def exceptions(self) -> list[str]:
        """The distinct exception lines the server logged (tracebacks' last lines)."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return sorted(set(re.findall(r"^[\w.]+(?:Error|Exception)\b.*$", text, re.MULTILINE)))[:5]

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: dict[str, str] = {}

    def timed(self, kind: str, expected: int, send: Any) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response: httpx.Response | None = send()
        except httpx.HTTPError as error:
            response, problem = None, type(error).__name__
        else:
            problem = "" if response is not None and response.status_code == expected else str(response)
        elapsed = time.perf_counter() - started
        with self.lock:
            self.times[kind].append(elapsed)
            if problem:
                self.errors[kind] += 1
                self.samples.setdefault(kind, problem)
        return response if not problem else None


def anonymous_user(base: str, stop: float, record: Recorder, seed: int) -> None:
    rng = random.Random(seed)
    pages = [
        ("results index", "/da/results/"),
        ("round results", f"/da/results/{NETWORK}/{PUBLISHED_ROUND}/"),
        ("city result", f"/da/results/{NETWORK}/{PUBLISHED_ROUND}/city/{PUBLISHED_CITY}/"),
        ("practice search", None),
    ]
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < stop:
            kind, path = rng.choice(pages)
            if path is None:
                params = {"q": rng.choice(SEARCHES)}
                record.timed(kind, 200, lambda p=params: client.get("/da/practices/", params=p))
            else:
                record.timed(kind, 200, lambda p=path: client.get(p))
            time.sleep(rng.uniform(*THINK))


def editor(
    base: str, stop_at: list[float], record: Recorder, index: int, task: list[Any], ready: Any
) -> None:
    """Sign in, wait for everyone, then load the form's section and save an answer until ``stop_at[0]``."""
    section, code, choices = task
    rng = random.Random(index)
    form = f"/da/assessments/{NETWORK}/{ROUND}/city/{CITY}/answers/{section}/"
    save = f"/da/assessments/{NETWORK}/{ROUND}/city/{CITY}/save/"
    with httpx.Client(base_url=base, timeout=30) as client:
        login = client.get("/da/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
        signed_in = client.post(
            "/da/accounts/login/",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": f"load-editor-{index:02d}",
                "password": PASSWORD,
            },
            headers={"Referer": base + "/da/accounts/login/"},
        )
        ready.wait()
        if signed_in.status_code != 302:
            record.timed("log-in", 302, lambda: signed_in)
            return
        while time.monotonic() < stop_at[0]:
            page = record.timed("answer form", 200, lambda: client.get(form))
            time.sleep(rng.uniform(*THINK))
            if page is None:
                continue
            version = re.search(rf'name="ver-{re.escape(code)}" value="(\d+)"', page.text)
            csrf = client.cookies.get("csrftoken", "")
            data = {
                "csrfmiddlewaretoken": csrf,
                "question": code,
                f"ver-{code}": version.group(1) if version else "0",
                f"a-{code}": rng.choice(choices),
                f"ev-{code}": f"Load benchmark, editor {index}, {time.time():.3f}",
            }
            headers = {"Accept": "application/json", "X-CSRFToken": csrf, "Referer": base + form}
            record.timed("save answer", 200, lambda d=data, h=headers: client.post(save, data=d, headers=h))
            time.sleep(rng.uniform(*THINK))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def run_load(kind: str, data: Path, tasks: list[list[Any]]) -> dict[str, Any]:
    """One server, the 50 users for DURATION seconds (the editors sign in before the clock starts)."""
    server = Server(kind, data)
    record = Recorder()
    load_before = os.getloadavg()[0]
    stop_at = [0.0]
    ready = threading.Barrier(EDITORS + 1, action=lambda: stop_at.__setitem__(0, time.monotonic() + DURATION))
    try:
        editors = [
            threading.Thread(target=editor, args=(server.base, stop_at, record, i, tasks[i], ready))
            for i in range(EDITORS)
        ]
        for thread in editors:
            thread.start()
        ready.wait()
        started, cpu_before, server_before = time.monotonic(), time.process_time(), server.cpu_seconds()
        visitors = [
            threading.Thread(target=anonymous_user, args=(server.base, stop_at[0], record, i))
            for i in range(ANONYMOUS)
        ]
        for thread in visitors:
            thread.start()
        for thread in visitors + editors:
            thread.join()
        elapsed = time.monotonic() - started
        client_cpu = time.process_time() - cpu_before
        server_cpu = server.cpu_seconds() - server_before
    finally:
        server.stop()
    exceptions = server.exceptions()
    rows = []
    total = sum(len(v) for v in record.times.values())
    for page_kind in sorted(record.times):
        values = record.times[page_kind]
        rows.append(
            {
                "server": kind,
                "page": page_kind,
                "requests": len(values),
                "requests/s": round(len(values) / elapsed, 1),
                "p50 ms": round(1000 * percentile(values, 0.50)),
                "p95 ms": round(1000 * percentile(values, 0.95)),
                "p99 ms": round(1000 * percentile(values, 0.99)),
                "max ms": round(1000 * max(values)),
                "errors": record.errors.get(page_kind, 0),
            }
        )
    every = [t for v in record.times.values() for t in v]
    rows.append(
        {
            "server": kind,
            "page": "all",
            "requests": total,
            "requests/s": round(total / elapsed, 1),
            "p50 ms": round(1000 * percentile(every, 0.50)),
            "p95 ms": round(1000 * percentile(every, 0.95)),
            "p99 ms": round(1000 * percentile(every, 0.99)),
            "max ms": round(1000 * max(every)),
            "errors": sum(record.errors.values()),
        }
    )
    return {
        "rows": rows,
        "seconds": round(elapsed, 1),
        "client_cpu_s": round(client_cpu, 1),
        "samples": record.samples,
        "server_exceptions": exceptions,
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, total), 1),
    }


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="mangfold-load-"))
    try:
        tasks = prepare(data)
        runs = {kind: run_load(kind, data, tasks) for kind in ("gunicorn", "runserver")}
    finally:
        shutil.rmtree(data, ignore_errors=True)
    rows = [row for run in runs.values() for row in run["rows"]]
    production = next(r for r in runs["gunicorn"]["rows"] if r["page"] == "all")
    development = next(r for r in runs["runserver"]["rows"] if r["page"] == "all")
    worst_p95 = max(r["p95 ms"] for r in runs["gunicorn"]["rows"])
    met = worst_p95 < 500 and production["errors"] == 0
    summary = (
        f"{ANONYMOUS} anonymous visitors and {EDITORS} signed-in editors, {DURATION:.0f} s per server, think "
        f"time {THINK[0]}–{THINK[1]} s, loopback. `make run`'s server (gunicorn, "
        f"{WORKERS} sync workers): "
        f"{production['requests/s']} requests/s, p95 {production['p95 ms']} ms over all pages "
        f"(slowest page type p95 {worst_p95} ms), {production['errors']} errors; Django's development "
        f"server with the same settings: {development['requests/s']} requests/s, p95 {development['p95 ms']} "
        f"ms, {development['errors']} errors. Target (p95 < 500 ms for every page type, 0 errors): "
        + ("met." if met else "NOT met.")
        + " Server CPU per request: "
        + ", ".join(f"{kind} {run['server_cpu_ms_per_request']} ms" for kind, run in runs.items())
        + f", so {CPUS} CPUs given to gunicorn alone serve about "
        + f"{round(CPUS * 1000 / max(0.1, runs['gunicorn']['server_cpu_ms_per_request']))} requests/s "
        "of this mix."
    )
    notes = (
        "The machine is shared: its 1-minute load average before and after each run was "
        + ", ".join(
            f"{kind} {run['load_average'][0]} → {run['load_average'][1]}" for kind, run in runs.items()
        )
        + f" (on {CPUS} CPUs); each server ran in a session of its own, which Linux's autogroup scheduler "
        "gives one share of the CPUs among the other sessions' (here: other test runs), so a server of "
        "several processes (gunicorn) gets no more CPU than one of a single process (runserver) and less "
        "when its processes are spread over both CPUs; the CPU time per request does not depend on that. "
        "The client (httpx, one thread per user) ran on the same CPUs: "
        + ", ".join(
            f"{kind} run {run['client_cpu_s']} CPU s in {run['seconds']} s" for kind, run in runs.items()
        )
        + ". First error of each kind: "
        + (
            "; ".join(
                f"{kind}/{page}: {text}"
                for kind, run in runs.items()
                for page, text in run["samples"].items()
            )
            or "none"
        )
        + ". Exceptions in the servers' logs: "
        + (
            "; ".join(
                f"{kind}: {' | '.join(run['server_exceptions'])}"
                for kind, run in runs.items()
                if run["server_exceptions"]
            )
            or "none"
        )
        + "."
    )
    write_result(
        "load",
        {
            "title": "Web server under load: gunicorn (make run) and Django's development server",
            "summary": summary,
            "rows": rows,
            "notes": notes,
        },
    )
    print(summary)


if __name__ == "__main__":
    main()
