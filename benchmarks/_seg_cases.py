"""The measurements of ``benchmarks/segregation.py``, each run in its own subprocess.

``child_code(case, **params)`` returns the code that :func:`_harness.run_child` runs: it imports this
module in a fresh Python and calls ``CASES[case](**params)``, whose JSON-serialisable return value comes
back as the child's ``RESULT``. Every case imports either mangfold or PySAL's ``segregation`` (never both:
importing ``segregation`` changes ``np.seterr`` process-wide), generates its data from a fixed seed
(so both sides see the same counts), and times only the index calls: best wall time of a few repeats,
with the CPU time (all threads) of that repeat.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
LSOA_CSV = HERE.parent / "src/mangfold/data/uk_mlid/england_wales_2011_lsoa_ethnicity.csv.gz"
UK_GROUPS = [
    "WhiteBrit",
    "Irish",
    "OtherWhite",
    "Mixed",
    "Indian",
    "Pakistani",
    "Bangladeshi",
    "Chinese",
    "OtherAsian",
    "BlkAfrican",
    "BlkCaribbean",
    "OtherBlk",
    "Arab",
    "Other",
]
#: City shares of the synthetic groups (the focal group of the single-group indices is group 1).
SHARES = {2: [0.8, 0.2], 5: [0.6, 0.15, 0.12, 0.08, 0.05]}

#: mangfold single-group function → PySAL class, and whether PySAL's formula is exact.
SINGLE = {
    "dissimilarity": ("Dissim", True),
    "gini": ("Gini", True),
    "entropy": ("Entropy", True),
    "isolation": ("Isolation", True),
    "exposure": ("Interaction", True),
    "atkinson": ("Atkinson", True),
    "correlation_ratio": ("CorrelationR", True),
    "min_max": ("MinMax", True),
    "concentration_profile": ("ConProf", False),  # PySAL: Riemann sum on 1000 thresholds
    "density_corrected_dissimilarity": ("DensityCorrectedDissim", False),  # Nelder–Mead, xatol 1e-5
}
#: mangfold multigroup function → (PySAL class, keyword arguments).
MULTI: dict[str, tuple[str, dict[str, Any]]] = {
    "multigroup_dissimilarity": ("MultiDissim", {}),
    "multigroup_gini": ("MultiGini", {}),
    "multigroup_information_theory": ("MultiInfoTheory", {}),
    "normalized_exposure": ("MultiNormExposure", {}),
    "relative_diversity": ("MultiRelativeDiversity", {}),
    "squared_coefficient_of_variation": ("MultiSquaredCoefVar", {}),
    "divergence": ("MultiDivergence", {}),
    "diversity": ("MultiDiversity", {}),
    "normalized_diversity": ("MultiDiversity", {"normalized": True}),
    "simpson_concentration": ("SimpsonsConcentration", {}),
    "simpson_interaction": ("SimpsonsInteraction", {}),
}


def child_code(case: str, **params: Any) -> str:
    """The code of a child process that runs ``CASES[case](**params)`` and returns its result.

    The child loads this file by its path and drops the benchmarks folder and the working directory from
    ``sys.path``: ``benchmarks/segregation.py`` would otherwise shadow PySAL's ``segregation`` package.
    """
    return (
        "import importlib.util, sys\n"
        f"sys.path[:] = [p for p in sys.path if p not in ('', '.', {str(HERE)!r})]\n"
        f"spec = importlib.util.spec_from_file_location('_seg_cases', {__file__!r})\n"
        "cases = importlib.util.module_from_spec(spec)\n"
        "sys.modules['_seg_cases'] = cases\n"
        "spec.loader.exec_module(cases)\n"
        f"RESULT = cases.CASES[{case!r}](**{params!r})\n"
    )


def synthetic(n: int, k: int, *, mean_pop: float = 1500.0, seed: int = 2026) -> np.ndarray[Any, Any]:
    """``(n, k)`` int64 counts: log-normal area totals, each area's composition ~ Dirichlet(20 · shares)."""
    rng = np.random.default_rng(seed + 7919 * k)
    totals = np.maximum(1, np.round(np.exp(rng.normal(np.log(mean_pop), 0.35, n)))).astype(np.int64)
    composition = rng.dirichlet(20.0 * np.asarray(SHARES[k]), size=n)
    return np.asarray(rng.multinomial(totals, composition), dtype=np.int64)


def _best(fn: Callable[[], Any], repeats: int) -> dict[str, Any]:
    """Best wall time of ``repeats`` calls (with its CPU time and page faults), the first call's time."""
    runs = []
    value: Any = None
    for _ in range(repeats):
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        wall, cpu = time.perf_counter(), time.process_time()
        value = fn()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        runs.append((wall, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults))
    best = min(runs)
    return {
        "s": best[0],
        "cpu": best[1],
        "page_faults": best[2],
        "first_s": runs[0][0],
        "repeats": repeats,
        "value": float(value),
    }


def _rss_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def single_group(side: str, n: int, k: int, repeats: int, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every single-group index of group 1 against the area totals (``skip``: indices left out).

    Both sides get the same float64 counts; mangfold is also timed on the int64 counts (``int64_s``).
    """
    counts = synthetic(n, k)
    xi, ti = counts[:, 1].copy(), counts.sum(axis=1)
    x, t = xi.astype(np.float64), ti.astype(np.float64)
    out: dict[str, Any] = {}
    if side == "mangfold":
        import mangfold.segregation as seg

        for name in SINGLE:
            if name not in skip:
                function = getattr(seg, name)
                out[name] = _best(lambda f=function: f(x, t), repeats)
                out[name]["int64_s"] = _best(lambda f=function: f(xi, ti), repeats)["s"]
        return out
    import pandas as pd

    from segregation import singlegroup as sg

    frame = pd.DataFrame({"x": x, "t": t})
    for name, (cls_name, _) in SINGLE.items():
        if name not in skip:
            cls = getattr(sg, cls_name)
            out[name] = _best(lambda c=cls: c(frame, "x", "t").statistic, repeats)
    return out


def multigroup(side: str, n: int, k: int, repeats: int, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every multigroup index of the ``(n, k)`` float64 counts (and mangfold's whole set in one call)."""
    counts = synthetic(n, k).astype(np.float64)
    out: dict[str, Any] = {}
    if side == "mangfold":
        import mangfold.segregation as seg

        for name in MULTI:
            if name in skip:
                continue
            function = (
                (lambda c: seg.diversity(c, normalized=True)) if name == "normalized_diversity" else None
            )
            function = function or getattr(seg, name)
            out[name] = _best(lambda f=function: f(counts), repeats)
        whole = _best(lambda: seg.multigroup_indices(counts).multigroup_gini, repeats)
        out["whole set (multigroup_indices)"] = whole
        return out
    import pandas as pd

    from segregation import multigroup as mg

    groups = [f"g{j}" for j in range(k)]
    frame = pd.DataFrame(counts, columns=groups)
    for name, (cls_name, kwargs) in MULTI.items():
        if name not in skip:
            cls = getattr(mg, cls_name)
            out[name] = _best(lambda c=cls, kw=kwargs: c(frame, groups, **kw).statistic, repeats)
    return out


def one_index(side: str, kind: str, name: str, n: int, k: int, repeats: int) -> dict[str, Any]:
    """One index (``kind`` "single" or "multi") at one size: for PySAL's slow or O(n²) classes."""
    counts = synthetic(n, k).astype(np.float64)
    x, t = counts[:, 1].copy(), counts.sum(axis=1)
    if side == "mangfold":
        import mangfold.segregation as seg

        function = getattr(seg, name)
        call = (lambda: function(x, t)) if kind == "single" else (lambda: function(counts))
    else:
        import pandas as pd

        from segregation import multigroup as mg
        from segregation import singlegroup as sg

        if kind == "single":
            cls = getattr(sg, SINGLE[name][0])
            frame = pd.DataFrame({"x": x, "t": t})
            call = lambda: cls(frame, "x", "t").statistic  # noqa: E731
        else:
            cls_name, kwargs = MULTI[name]
            groups = [f"g{j}" for j in range(k)]
            frame = pd.DataFrame(counts, columns=groups)
            call = lambda: getattr(mg, cls_name)(frame, groups, **kwargs).statistic  # noqa: E731
    out = _best(call, repeats)
    out["peak_in_child_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return out


def inference(
    side: str, n: int, null: str, replicates: int, mean_pop: float, jobs: int = 1
) -> dict[str, Any]:
    """A simulation test of the dissimilarity index of group 1 (two groups) under ``null``."""
    counts = synthetic(n, 2, mean_pop=mean_pop)
    x, t = counts[:, 1].copy(), counts.sum(axis=1)
    if side == "mangfold":
        from mangfold.segregation import dissimilarity, infer

        wall, cpu = time.perf_counter(), time.process_time()
        result = infer(dissimilarity, x, t, null=null, replicates=replicates, seed=1)
        seconds, cpu = time.perf_counter() - wall, time.process_time() - cpu
        simulated = np.asarray(result.simulated)
        observed = result.observed
    else:
        import pandas as pd
        from segregation.inference import SingleValueTest
        from segregation.singlegroup import Dissim

        np.random.seed(1)
        frame = pd.DataFrame({"x": x, "t": t})
        if null == "evenness":  # PySAL's simulate_evenness reads df.geometry: it needs a GeoDataFrame
            import geopandas as gpd

            frame = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(np.arange(n), np.zeros(n)))
        index = Dissim(frame, "x", "t")
        wall, cpu = time.perf_counter(), time.process_time()
        test = SingleValueTest(index, iterations_under_null=replicates, null_approach=null, n_jobs=jobs)
        seconds, cpu = time.perf_counter() - wall, time.process_time() - cpu
        simulated = np.asarray(test.est_sim, dtype=np.float64)
        observed = float(index.statistic)  # test.statistic is null_value for the bootstrap
    return {
        "s": seconds,
        "cpu": cpu,
        "replicates": replicates,
        "persons": int(t.sum()),
        "observed": observed,
        "sim_mean": float(simulated.mean()),
        "sim_sd": float(simulated.std()),
        "sim_min": float(simulated.min()),
        "sim_max": float(simulated.max()),
    }


def points(n: int, extent: float, seed: int = 11) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """``n`` points uniform in a square of side ``extent`` metres (UTM 32N) and their two-group counts.

    The focal group's expected share varies smoothly in space (waves of 10–15 km), so the kernel-smoothed
    index measures something; totals and counts are drawn as in :func:`synthetic`.
    """
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0.0, extent, size=(n, 2)) + np.array([500_000.0, 6_100_000.0])
    field = 0.2 * (1 + 0.8 * np.sin(xy[:, 0] / 10_000.0) * np.cos(xy[:, 1] / 15_000.0))
    totals = np.maximum(1, np.round(np.exp(rng.normal(np.log(1500), 0.35, n)))).astype(np.int64)
    x = rng.binomial(totals, rng.beta(20 * field, 20 * (1 - field)))
    return xy, np.column_stack([x, totals])


def kernel(side: str, n: int, extent: float, bandwidth: float, function: str, repeats: int) -> dict[str, Any]:
    """Kernel-smoothed dissimilarity from the points: the weights are built inside the timed call."""
    xy, counts = points(n, extent)
    x, t = counts[:, 0], counts[:, 1]
    if side == "mangfold":
        from mangfold.segregation import dissimilarity, kernel_weights, spatial_index

        before = _rss_mib()

        def call() -> float:
            w = kernel_weights(xy, bandwidth, function)
            return float(spatial_index(dissimilarity, x, t, weights=w))

        out = _best(call, repeats)
        out["pairs"] = kernel_weights(xy, bandwidth, function).nnz
    else:
        import geopandas as gpd
        from segregation.singlegroup import Dissim

        gdf = gpd.GeoDataFrame(
            {"x": x, "t": t}, geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs="EPSG:25832"
        )
        before = _rss_mib()
        out = _best(lambda: Dissim(gdf, "x", "t", distance=bandwidth, function=function).statistic, repeats)
    out["rss_before_mib"] = before
    out["peak_in_child_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return out


def one_pass(n: int, repeats: int) -> dict[str, Any]:
    """Dissimilarity over ``n`` float64 areas against reading the same arrays once (``x.sum() + t.sum()``)."""
    from mangfold.segregation import _chunked, dissimilarity

    counts = synthetic(n, 2, mean_pop=300.0)
    x = counts[:, 1].astype(np.float64)
    t = counts.sum(axis=1).astype(np.float64)
    del counts
    read = _best(lambda: x.sum() + t.sum(), repeats)
    index = _best(lambda: dissimilarity(x, t), repeats)
    return {
        "read": read,
        "dissimilarity": index,
        "bytes": int(x.nbytes + t.nbytes),
        "threads": _chunked.workers(),
    }


def lads(side: str, sample: int | None, repeats: int = 1) -> dict[str, Any]:
    """The multigroup set for each local authority (LSOAs × 14 groups); ``sample``: every n-th LAD only."""
    import pandas as pd

    frame = pd.read_csv(LSOA_CSV)
    names = sorted(frame["LAD"].unique())
    chosen = names if not sample else names[:: max(1, len(names) // sample)][:sample]
    frame = frame[frame["LAD"].isin(chosen)]
    values: dict[str, dict[str, float]] = {}
    if side == "mangfold":
        from mangfold.segregation import multigroup_indices
        from mangfold.segregation.frames import multigroup_arrays

        def compute() -> int:
            for lad, part in frame.groupby("LAD", sort=True):
                data = multigroup_arrays(part, UK_GROUPS, area="LSOA")
                values[str(lad)] = multigroup_indices(
                    data.counts, areas=data.areas, groups=data.groups
                ).as_dict()
            return len(values)
    else:
        from segregation import multigroup as mg

        def compute() -> int:
            for lad, part in frame.groupby("LAD", sort=True):
                values[str(lad)] = {
                    name: float(getattr(mg, cls)(part, UK_GROUPS, **kw).statistic)
                    for name, (cls, kw) in MULTI.items()
                }
            return len(values)

    out = _best(compute, repeats)
    out.update({"lads": len(chosen), "of_lads": len(names), "lsoas": len(frame), "values": values})
    return out


CASES: dict[str, Callable[..., Any]] = {
    "single_group": single_group,
    "multigroup": multigroup,
    "one_index": one_index,
    "inference": inference,
    "kernel": kernel,
    "one_pass": one_pass,
    "lads": lads,
}
