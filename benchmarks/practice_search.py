"""The practice library's search: the stored-text ``LIKE`` rule against SQLite's FTS5 trigram index.

The search (``mangfold.web.practices.search``, docs/methodology/learning.md) evaluates every query word as
``LIKE '%word%'`` on the stored case-folded words, or as a whole stem on the stored stems; SQLite scans the
column, PostgreSQL serves the first condition from a ``pg_trgm`` index. This benchmark measures, on SQLite
with the shipped practices repeated to ``n`` records (each copy with a word of its own), the time of one
search as the web asks it (both conditions for every query word), and as a reference the substring part
alone through an FTS5 ``tokenize='trigram'`` table (the index SQLite offers for ``LIKE '%…%'``), checking
that both find the same records. Ranking and highlighting (pure Python, on the hits only) are timed too.

    .venv/bin/python benchmarks/practice_search.py                 # 1,000 / 10,000 / 50,000 records
    .venv/bin/python benchmarks/practice_search.py --sizes 1000 --no-write
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import run_child, write_result

QUERIES = ["bolig", "plan", "borgerne", "velkomst rådhus", "sprog", "zyxwvutsr"]

CHILD = """
import json, sqlite3, statistics, time
from mangfold.textsearch import normalised_stems, normalised_words, query_terms, relevance, highlight
from importlib import resources

N, QUERIES = {n}, {queries!r}
FIELDS = ("title", "title_da", "title_en", "summary_da", "summary_en", "purpose", "rationale", "process",
          "results")
shipped = resources.files("mangfold.data") / "practices" / "practices.json"
records = json.loads(shipped.read_text(encoding="utf-8"))["practices"]
texts = [" ".join(str(r.get(f) or "") for f in FIELDS) for r in records]
db = sqlite3.connect(":memory:")
db.execute("CREATE TABLE p (id INTEGER PRIMARY KEY, title TEXT, text TEXT, words TEXT, stems TEXT)")
db.execute("CREATE VIRTUAL TABLE tri USING fts5(words, tokenize='trigram')")
rows = []
for i in range(N):
    text = texts[i % len(texts)] + f" record{{i}}"
    rows.append((i, records[i % len(records)]["title"], text, normalised_words(text), normalised_stems(text)))
db.executemany("INSERT INTO p VALUES (?, ?, ?, ?, ?)", rows)
db.executemany("INSERT INTO tri (rowid, words) VALUES (?, ?)", [(r[0], r[3]) for r in rows])
db.commit()

def rule_sql(query):
    terms = query_terms(query)
    clauses, params = [], []
    for t in terms:
        alts = ["words LIKE ?"] + ["stems LIKE ?"] * len(t.stem_patterns)
        clauses.append("(" + " OR ".join(alts) + ")")
        params += ["%" + t.word_pattern + "%"] + ["%" + p + "%" for p in t.stem_patterns]
    return "SELECT id FROM p WHERE " + " AND ".join(clauses), params

def timed(fn, repeat=7):
    times = []
    for _ in range(repeat):
        started = time.perf_counter(); value = fn(); times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, value

out = []
for query in QUERIES:
    sql, params = rule_sql(query)
    rule_ms, hits = timed(lambda: [r[0] for r in db.execute(sql, params)])
    terms = query_terms(query)
    sub_sql = "SELECT id FROM p WHERE " + " AND ".join("words LIKE ?" for _ in terms)
    sub_params = ["%" + t.word_pattern + "%" for t in terms]
    scan_ms, scan = timed(lambda: sorted(r[0] for r in db.execute(sub_sql, sub_params)))
    tri_sql = "SELECT rowid FROM tri WHERE " + " AND ".join("words LIKE ?" for _ in terms)
    tri_ms, tri = timed(lambda: sorted(r[0] for r in db.execute(tri_sql, sub_params)))
    chosen = {{r[0]: r for r in rows}}
    def rank():
        return sorted((relevance(terms, chosen[i][1], chosen[i][2]).key, i) for i in hits[:200])
    rank_ms, _ = timed(rank, repeat=3)
    out.append({{"query": query, "hits": len(hits), "rule_ms": round(rule_ms, 3),
                 "substring_scan_ms": round(scan_ms, 3), "substring_fts5_trigram_ms": round(tri_ms, 3),
                 "same_substring_hits": scan == tri, "rank_200_hits_ms": round(rank_ms, 2)}})
RESULT = out
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    for n in (int(size) for size in args.sizes.split(",")):
        measured = run_child(CHILD.format(n=n, queries=QUERIES))
        for row in measured.output:
            rows.append({"records": n, **row})
            print(rows[-1], flush=True)
    biggest = max(r["records"] for r in rows)
    at = [r for r in rows if r["records"] == biggest]
    summary = (
        f"At {biggest:,} records one search by the stored-text rule takes "
        f"{min(r['rule_ms'] for r in at):.1f}–{max(r['rule_ms'] for r in at):.1f} ms on SQLite (a scan); "
        f"the substring part alone through an FTS5 trigram index "
        f"{min(r['substring_fts5_trigram_ms'] for r in at):.1f}–"
        f"{max(r['substring_fts5_trigram_ms'] for r in at):.1f} ms, with the same hits: "
        f"{all(r['same_substring_hits'] for r in rows)}."
    )
    print(summary)
    if not args.no_write:
        write_result(
            "practice_search",
            {
                "title": "Practice search: stored-text LIKE rule and FTS5 trigram",
                "summary": summary,
                "rows": rows,
            },
        )


if __name__ == "__main__":
    main()
