"""Policy index at network scale: scoring and benchmarking 2,000 cities × 5 rounds.

Target (issue 6): all benchmarks of a network of 2,000 cities × 5 rounds × ~90 questions recomputed in
under 2 s: for every round, every city's rank, percentile, mean and median overall and on every indicator,
its standing in each peer group (size, diversity, country, the 5 most similar cities), and its rank change
since the previous round explained. The reference is the same ranking done the obvious way with pandas
(``groupby().rank(method="min")`` per round, measure and peer group), measured in the same run; the two
must agree on every overall rank.

Run: ``.venv/bin/python benchmarks/index.py [--cities N] [--rounds R]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import run_child, write_result

SETUP = """
import time
import numpy as np
from mangfold.index import bundled_questionnaires, read_xlsform, score
from mangfold.index.benchmark import CityFacts, CityResult

CITIES, ROUNDS = {cities}, {rounds}
questionnaire = read_xlsform(bundled_questionnaires()[-1], check_xlsform=False)
rng = np.random.default_rng(2026)
population = np.exp(rng.normal(np.log(180_000), 0.9, CITIES)).round()
foreign_born = rng.uniform(2, 40, CITIES).round(1)
countries = rng.choice(["DK", "SE", "NO", "DE", "ES", "IT", "UA", "PL", "FR", "NL"], CITIES)
facts = [CityFacts(float(p), float(f), str(c)) for p, f, c in zip(population, foreign_born, countries)]

def answers_for(city, rnd):
    local = np.random.default_rng(city * 100 + rnd)
    out = {{}}
    for q in questionnaire.questions:
        if q.is_choice:
            names = [c.name for c in q.choices]
            if q.type.value == "multiple_choice":  # an exclusive choice ("none") stands alone
                picked = list(local.choice(names, size=min(2, len(names)), replace=False))
                alone = [c.name for c in q.choices if c.exclusive and c.name in picked]
                out[q.code] = alone[:1] or picked
            else:
                out[q.code] = str(local.choice(names))
        elif q.type.value == "number":
            out[q.code] = int(local.integers(0, 50)) if q.integer else float(local.uniform(0, 1))
    return out

started = time.perf_counter()
rounds = []
for rnd in range(ROUNDS):
    results = []
    for city in range(CITIES):
        card = score(questionnaire, answers_for(city, rnd))
        indicators = {{i.code: i.score for i in card.indicators}}
        results.append(CityResult(f"city{{city:05d}}", card.core_index, indicators, facts[city]))
    rounds.append(results)
scoring_seconds = time.perf_counter() - started
codes = [i.code for i in questionnaire.indicators]
"""

MANGFOLD = """
from mangfold.index.benchmark import benchmark_round
from mangfold.index.progress import comparable_indicators, rank_changes
started, cpu = time.perf_counter(), time.process_time()
comparable = comparable_indicators(questionnaire, questionnaire)
checksum = 0
for number, results in enumerate(rounds):
    benchmarks = benchmark_round(results, indicators=codes, k=5)
    checksum += sum(b.overall.rank for b in benchmarks.values() if b.overall)
    if number:
        changes = rank_changes(rounds[number - 1], results)
        assert len(changes) == len(results)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
RESULT = {{"seconds": seconds, "cpu": cpu, "scoring_seconds": scoring_seconds, "checksum": checksum,
          "questions": len(questionnaire.questions), "indicators": len(codes)}}
"""

PANDAS = """
import pandas as pd
started, cpu = time.perf_counter(), time.process_time()
checksum = 0
previous = None
for number, results in enumerate(rounds):
    frame = pd.DataFrame(
        [{{"city": r.city, "overall": r.overall, **r.indicators, "population": r.facts.population,
           "foreign_born": r.facts.foreign_born_share, "country": r.facts.country}} for r in results]
    )
    long = frame.melt(id_vars=["city", "population", "foreign_born", "country"],
                      value_vars=["overall", *codes], var_name="measure", value_name="score")
    long = long.dropna(subset=["score"])
    grouped = long.groupby("measure")["score"]
    long["rank"] = grouped.rank(method="min", ascending=False)
    long["pct"] = 100 * (grouped.rank(method="average") - 0.5) / grouped.transform("count")
    long["mean"] = grouped.transform("mean")
    long["median"] = grouped.transform("median")
    overall = long[long.measure == "overall"].copy()
    overall["size"] = overall.population >= 200_000
    overall["diverse"] = overall.foreign_born > 15
    for column in ["size", "diverse", "country"]:
        overall[f"rank_{{column}}"] = overall.groupby(column)["score"].rank(method="min", ascending=False)
    checksum += int(overall["rank"].sum())
    if previous is not None:
        merged = overall.merge(previous, on="city", suffixes=("", "_before"))
        checksum += 0 * len(merged)
    previous = overall[["city", "score", "rank"]]
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
RESULT = {{"seconds": seconds, "cpu": cpu, "checksum": checksum}}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cities", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    setup = SETUP.format(cities=args.cities, rounds=args.rounds)
    ours = run_child(setup + MANGFOLD.format())
    reference = run_child(setup + PANDAS.format())
    o, r = ours.output, reference.output
    rows = [
        {
            "task": f"benchmark {args.cities} cities × {args.rounds} rounds (all measures, peer groups)",
            "mangfold s": o["seconds"],
            "mangfold CPU s": o["cpu"],
            "pandas s": r["seconds"],
            "pandas CPU s": r["cpu"],
            "target s": 2.0,
            "met": o["seconds"] < 2.0,
        },
        {
            "task": f"score {args.cities * args.rounds} assessments × {o['questions']} questions",
            "mangfold s": o["scoring_seconds"],
            "mangfold CPU s": "",
            "pandas s": "",
            "pandas CPU s": "",
            "target s": "",
            "met": "",
        },
    ]
    write_result(
        "index",
        {
            "title": "Policy index: benchmarking a network",
            "summary": (
                "mangfold computes ranks, percentiles, means, medians, peer-group standings (size, "
                "diversity, country, 5 most similar) and explained rank changes; the pandas reference "
                "computes only ranks, percentiles, means and medians per measure and the categorical peer "
                "ranks. Sum of overall ranks, mangfold "
                f"{o['checksum']}, pandas {r['checksum']}."
            ),
            "rows": rows,
        },
    )
    print(rows)


if __name__ == "__main__":
    main()
