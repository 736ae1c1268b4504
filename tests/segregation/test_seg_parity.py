"""Parity with PySAL ``segregation`` 2.5.4 for every deterministic aspatial index it also has.

On the Sacramento tracts (the package's own test data, shipped in src/mangfold/data/sacramento) and on
random synthetic cities (hypothesis), values agree within 1e-12 relative. Importing ``segregation``
calls ``np.seterr`` for the whole process: the ``pysal`` fixture restores NumPy's error state after the
import, and every call into the package runs under a local ``np.errstate`` with its warnings silenced.
Where the package departs from the published formula the test says so and checks both.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mangfold.segregation as seg

GROUPS = ["WHITE_", "BLACK_", "ASIAN_", "HISP_"]
REL = 1e-12

# (our function, PySAL class name) for the single-group indices of HISP_ against TOT_POP.
SINGLE = [
    (seg.dissimilarity, "Dissim"),
    (seg.entropy, "Entropy"),
    (seg.isolation, "Isolation"),
    (seg.exposure, "Interaction"),
    (seg.atkinson, "Atkinson"),
    (seg.correlation_ratio, "CorrelationR"),
    (seg.min_max, "MinMax"),
]
MULTI = [
    (seg.multigroup_dissimilarity, "MultiDissim", {}),
    (seg.multigroup_gini, "MultiGini", {}),
    (seg.multigroup_information_theory, "MultiInfoTheory", {}),
    (seg.normalized_exposure, "MultiNormExposure", {}),
    (seg.relative_diversity, "MultiRelativeDiversity", {}),
    (seg.squared_coefficient_of_variation, "MultiSquaredCoefVar", {}),
    (seg.divergence, "MultiDivergence", {}),
    (seg.diversity, "MultiDiversity", {}),
    (lambda c: seg.diversity(c, normalized=True), "MultiDiversity", {"normalized": True}),
    (seg.simpson_concentration, "SimpsonsConcentration", {}),
    (seg.simpson_interaction, "SimpsonsInteraction", {}),
]
LOCAL = [
    (seg.location_quotient, "MultiLocationQuotient"),
    (seg.local_entropy, "MultiLocalEntropy"),
    (lambda c: seg.local_entropy(c, normalized=False), "MultiLocalDiversity"),
    (seg.local_simpson_concentration, "MultiLocalSimpsonConcentration"),
    (seg.local_simpson_interaction, "MultiLocalSimpsonInteraction"),
]


@contextmanager
def quiet() -> Iterator[None]:
    """Run package code with its expected NumPy and pandas warnings silenced, locally."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


@pytest.fixture(scope="module")
def pysal() -> SimpleNamespace:
    state = np.geterr()
    try:
        with quiet():
            from segregation.singlegroup import gini as gini_module

            from segregation import local, multigroup, singlegroup
    finally:
        np.seterr(**state)
    return SimpleNamespace(single=singlegroup, multi=multigroup, local=local, gini_module=gini_module)


@pytest.fixture(scope="module")
def tracts() -> pd.DataFrame:
    import geopandas as gpd

    folder = Path(str(resources.files("mangfold") / "data" / "sacramento"))
    frame = gpd.read_file(folder / "sacramentot2.dbf")
    return pd.DataFrame(frame[["TOT_POP", *GROUPS]]).astype(np.int64)


def _statistic(cls: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with quiet():
        index = cls(*args, **kwargs)
    # Local indices keep their per-area values in ``statistics``.
    return index.statistics if hasattr(index, "statistics") else index.statistic


def _package_gini(pysal: SimpleNamespace, x: np.ndarray, t: np.ndarray) -> float:
    """PySAL's Gini kernel run as plain Python (``py_func``): the same code without numba's compile."""
    with quiet():
        return float(pysal.gini_module._gini_vecp.py_func(x.astype(float), t.astype(float)))


# --- published check values (domain.md §5) ---


def test_sacramento_check_values(tracts: pd.DataFrame) -> None:
    x, t = tracts["HISP_"].to_numpy(), tracts["TOT_POP"].to_numpy()
    counts = tracts[GROUPS].to_numpy()
    assert seg.dissimilarity(x, t) == pytest.approx(0.32184656076566864, rel=REL)
    assert seg.gini(x, t) == pytest.approx(0.43506510676886234, rel=REL)
    assert seg.multigroup_dissimilarity(counts) == pytest.approx(0.41340872573177806, rel=REL)
    assert seg.multigroup_gini(counts) == pytest.approx(0.5456349992598081, rel=REL)
    assert seg.multigroup_information_theory(counts) == pytest.approx(0.1710160297858887, rel=REL)


# --- the package on the same data ---


@pytest.mark.parametrize(("ours", "name"), SINGLE, ids=[n for _, n in SINGLE])
def test_single_group_parity_on_sacramento(pysal, tracts, ours, name: str) -> None:
    expected = _statistic(getattr(pysal.single, name), tracts, "HISP_", "TOT_POP")
    assert ours(tracts["HISP_"], tracts["TOT_POP"]) == pytest.approx(expected, rel=REL)


def test_gini_parity_on_sacramento(pysal, tracts) -> None:
    x, t = tracts["HISP_"].to_numpy(), tracts["TOT_POP"].to_numpy()
    assert seg.gini(x, t) == pytest.approx(_package_gini(pysal, x, t), rel=REL)


@pytest.mark.parametrize(("ours", "name", "kwargs"), MULTI, ids=[n for _, n, _ in MULTI])
def test_multigroup_parity_on_sacramento(pysal, tracts, ours, name: str, kwargs) -> None:
    expected = _statistic(getattr(pysal.multi, name), tracts, GROUPS, **kwargs)
    assert ours(tracts[GROUPS].to_numpy()) == pytest.approx(expected, rel=REL)


@pytest.mark.parametrize(("ours", "name"), LOCAL, ids=[n for _, n in LOCAL])
def test_local_parity_on_sacramento(pysal, tracts, ours, name: str) -> None:
    expected = np.asarray(_statistic(getattr(pysal.local, name), tracts, GROUPS))
    np.testing.assert_allclose(ours(tracts[GROUPS].to_numpy()), expected, rtol=REL)


def test_atkinson_honours_b_where_the_package_ignores_it(pysal, tracts) -> None:
    """PySAL's ``Atkinson`` class never passes ``b`` to its kernel: every ``b`` gives the b = 0.5 value.

    Its kernel ``_atkinson(..., b)`` implements the published formula, and ours agrees with it.
    """
    from segregation.singlegroup.atkinson import _atkinson

    x, t = tracts["HISP_"], tracts["TOT_POP"]
    default = _statistic(pysal.single.Atkinson, tracts, "HISP_", "TOT_POP")
    for b in (0.1, 0.3, 0.8):
        assert _statistic(pysal.single.Atkinson, tracts, "HISP_", "TOT_POP", b=b) == default
        with quiet():
            kernel = _atkinson(tracts, "HISP_", "TOT_POP", b=b)[0]
        assert seg.atkinson(x, t, b=b) == pytest.approx(kernel, rel=REL)
        assert abs(seg.atkinson(x, t, b=b) - default) > 1e-3


def test_concentration_profile_is_exact_where_the_package_uses_a_grid(pysal, tracts) -> None:
    """PySAL integrates the profile on 1000 grid points; ours is the exact integral."""
    x, t = tracts["HISP_"].to_numpy(), tracts["TOT_POP"].to_numpy()
    package = _statistic(pysal.single.ConProf, tracts, "HISP_", "TOT_POP")
    # The package's Riemann sum, rebuilt from our profile curve, agrees to rounding...
    m = 1000
    grid = np.linspace(0, 1, m)
    curve = seg.concentration_profile_curve(x, t, grid)
    P = x.sum() / t.sum()
    riemann = (P - (curve[grid < P].sum() / m - curve[grid >= P].sum() / m)) / (1 - P)
    assert riemann == pytest.approx(package, rel=REL)
    # ... and the exact value is within the grid's resolution of it.
    assert seg.concentration_profile(x, t) == pytest.approx(package, abs=2.0 / m)


# --- random synthetic cities ---


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(3, 40))
    counts = draw(hnp.arrays(np.int64, (n, 4), elements=st.integers(0, 2000)))
    counts[np.arange(4) % n, np.arange(4)] += 1  # every group present
    counts[0, 1:] += 1  # and a second group beside the first
    frame = pd.DataFrame(counts, columns=GROUPS)
    frame["TOT_POP"] = frame[GROUPS].sum(axis=1) + draw(hnp.arrays(np.int64, n, elements=st.integers(0, 500)))
    return frame


@settings(max_examples=25, deadline=None)
@given(frames())
def test_parity_on_random_cities(pysal, frame: pd.DataFrame) -> None:
    """1e-11 relative, or 1e-12 absolute: an index near 0 (a nearly even city) is a small difference of
    larger terms in both implementations, so its last digits are rounding noise in either."""
    x, t = frame["HISP_"].to_numpy(), frame["TOT_POP"].to_numpy()
    for ours, name in SINGLE:
        expected = _statistic(getattr(pysal.single, name), frame, "HISP_", "TOT_POP")
        assert ours(x, t) == pytest.approx(expected, rel=1e-11, abs=1e-12), name
    assert seg.gini(x, t) == pytest.approx(_package_gini(pysal, x, t), rel=1e-11, abs=1e-12)
    counts = frame[GROUPS].to_numpy()
    for ours, name, kwargs in MULTI:
        expected = _statistic(getattr(pysal.multi, name), frame, GROUPS, **kwargs)
        assert ours(counts) == pytest.approx(expected, rel=1e-11, abs=1e-12), name
    # An area without residents has no composition: nan here, 0 (or nan) in the package.
    occupied = counts.sum(axis=1) > 0
    for ours, name in LOCAL:
        expected = np.asarray(_statistic(getattr(pysal.local, name), frame, GROUPS))
        got = ours(counts)
        assert np.isnan(got[~occupied]).all(), name
        np.testing.assert_allclose(got[occupied], expected[occupied], rtol=1e-11, atol=1e-12, err_msg=name)
