"""Reference values from PySAL ``segregation`` 2.5.4, computed in a subprocess.

Run by the tests as ``python seg_pysal_reference.py SUITE DATA_DIR``; prints one JSON object.
Importing ``segregation`` changes NumPy's error state for the whole process (``np.seterr``) and
its classes emit warnings, which is why the tests never import it themselves. Not a test module.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import Any

GROUPS = ["WHITE_", "BLACK_", "ASIAN_", "HISP_"]
KERNELS = ["triangular", "uniform", "quadratic", "quartic", "gaussian"]


def _tracts(data_dir: Path) -> Any:
    import geopandas as gpd

    gdf = gpd.read_file(data_dir / "sacramentot2.shp")
    # The shapefile has no .prj: its coordinates are longitude/latitude (NAD83 ~ WGS 84).
    return gdf.set_crs(4326).to_crs(3310)


def _arrays(gdf: Any) -> dict[str, Any]:
    centroids = gdf.centroid
    return {
        "x": centroids.x.tolist(),
        "y": centroids.y.tolist(),
        "area": gdf.area.tolist(),
        "tot": gdf["TOT_POP"].astype(float).tolist(),
        "groups": {g: gdf[g].astype(float).tolist() for g in GROUPS},
    }


def kernel(data_dir: Path) -> dict[str, Any]:
    """Kernel-smoothed ("spatial implicit") indices, built with ``distance=`` and ``function=``."""
    from segregation import multigroup as mg
    from segregation import singlegroup as sg

    gdf = _tracts(data_dir)
    single = {
        "dissimilarity": sg.Dissim,
        "atkinson": sg.Atkinson,
        "entropy": sg.Entropy,
        "isolation": sg.Isolation,
        "exposure": sg.Interaction,
        "correlation_ratio": sg.CorrelationR,
        "min_max": sg.MinMax,
    }
    values: dict[str, float] = {}
    for function in KERNELS:
        for bandwidth in (1500.0, 4000.0):
            for name, cls in single.items():
                index = cls(gdf, "HISP_", "TOT_POP", distance=bandwidth, function=function)
                values[f"{name}|{function}|{bandwidth}"] = float(index.statistic)
            index = mg.MultiDissim(gdf, GROUPS, distance=bandwidth, function=function)
            values[f"multigroup_dissimilarity|{function}|{bandwidth}"] = float(index.statistic)
            index = mg.MultiInfoTheory(gdf, GROUPS, distance=bandwidth, function=function)
            values[f"multigroup_information_theory|{function}|{bandwidth}"] = float(index.statistic)
    return {"data": _arrays(gdf), "kernel": values}


def explicit(data_dir: Path) -> dict[str, Any]:
    """Spatial dissimilarity (queen), centralisation and distance decay."""
    from libpysal.weights import Queen

    from segregation import singlegroup as sg

    gdf = _tracts(data_dir)
    out: dict[str, Any] = {"data": _arrays(gdf)}
    queen = Queen.from_dataframe(gdf, use_index=False)
    rows, cols = queen.sparse.nonzero()
    out["queen"] = {"rows": rows.tolist(), "cols": cols.tolist()}
    out["spatial_dissim"] = float(sg.SpatialDissim(gdf, "HISP_", "TOT_POP", w=queen).statistic)
    out["spatial_dissim_std"] = float(
        sg.SpatialDissim(gdf, "HISP_", "TOT_POP", w=queen, standardize=True).statistic
    )
    for centre in ("mean", "median", "population_weighted_mean", "largest_population"):
        out[f"ace|{centre}"] = float(
            sg.AbsoluteCentralization(gdf, "HISP_", "TOT_POP", center=centre).statistic
        )
        out[f"rce|{centre}"] = float(
            sg.RelativeCentralization(gdf, "HISP_", "TOT_POP", center=centre).statistic
        )
    out["dd_isolation"] = float(sg.DistanceDecayIsolation(gdf, "HISP_", "TOT_POP").statistic)
    out["dd_exposure"] = float(sg.DistanceDecayInteraction(gdf, "HISP_", "TOT_POP").statistic)
    return out


def inference(data_dir: Path) -> dict[str, Any]:
    """999 draws of D under the systematic and evenness nulls (199 of multigroup D, evenness).

    The package's own simulators and index functions, called as ``SingleValueTest`` calls them
    (``_generate_estimate``), without its per-replicate class construction.
    """
    import numpy as np
    import pandas as pd
    from segregation.inference.randomization import SIMULATORS
    from segregation.multigroup.multi_dissim import _multi_dissim
    from segregation.singlegroup.dissim import _dissim

    gdf = _tracts(data_dir)
    out: dict[str, Any] = {"data": _arrays(gdf)}
    columns = ["HISP_", "TOT_POP", *GROUPS[:3]]
    # simulate_evenness needs a GeoDataFrame (it reads .geometry, which the null ignores: points
    # are cheaper to copy than polygons); systematic takes either.
    points = gdf[columns].set_geometry(gdf.centroid)
    frames = {"systematic": pd.DataFrame(gdf[columns]), "evenness": points}
    for key, null, seed in (("systematic", "systematic", 11), ("evenness", "evenness", 12)):
        np.random.seed(seed)
        draws = []
        for _ in range(999):
            drawn = SIMULATORS[null](frames[null], group="HISP_", total="TOT_POP")
            draws.append(float(_dissim(drawn, "HISP_", "TOT_POP")[0]))
        out[key] = draws
    np.random.seed(13)
    draws = []
    for _ in range(199):  # the package draws area by area from a Series: slow, so fewer
        drawn = SIMULATORS["evenness"](frames["evenness"], groups=GROUPS)
        draws.append(float(_multi_dissim(drawn, GROUPS)[0]))
    out["multigroup_evenness"] = draws
    return out


def compare(data_dir: Path) -> dict[str, Any]:
    """Counterfactual populations, decompositions and comparison nulls (HISP_ against BLACK_)."""
    import numpy as np
    from segregation.decomposition import DecomposeSegregation
    from segregation.inference import TwoValueTest

    from segregation import singlegroup as sg

    gdf = _tracts(data_dir)
    # TwoValueTest writes rounded floats back into the count columns: make them float first.
    gdf[["HISP_", "BLACK_", "TOT_POP"]] = gdf[["HISP_", "BLACK_", "TOT_POP"]].astype(float)
    out: dict[str, Any] = {"data": _arrays(gdf)}
    hisp = sg.Dissim(gdf, "HISP_", "TOT_POP")
    black = sg.Dissim(gdf, "BLACK_", "TOT_POP")
    for approach in ("composition", "share", "dual_composition"):
        result = DecomposeSegregation(hisp, black, counterfactual_approach=approach)
        first, second = result._counterfac_df1, result._counterfac_df2  # from _generate_counterfactual
        out[f"counterfactual|{approach}"] = {
            "x1": first["counterfactual_group_pop"].tolist(),
            "t1": first["counterfactual_total_pop"].tolist(),
            "x2": second["counterfactual_group_pop"].tolist(),
            "t2": second["counterfactual_total_pop"].tolist(),
        }
        out[f"decomposition|{approach}"] = {"c_s": result.c_s, "c_a": result.c_a, **result.indices}
    for null, seed in (("random_label", 21), ("composition", 22)):
        np.random.seed(seed)
        test = TwoValueTest(hisp, black, iterations_under_null=299, null_approach=null, n_jobs=1)
        out[f"two_value|{null}"] = [float(v) for v in test.est_sim]
    return out


SUITES = {"kernel": kernel, "explicit": explicit, "inference": inference, "compare": compare}


def main() -> None:
    suite, data_dir = sys.argv[1], Path(sys.argv[2])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = SUITES[suite](data_dir)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
