"""Table helpers (pandas, libpysal weights) and the whole-set summaries used by the CLI and the web."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from importlib import resources

import numpy as np
import pandas as pd
import pytest

import mangfold.segregation as seg
from mangfold.segregation.frames import (
    area_labels,
    multigroup_arrays,
    single_group_arrays,
    weights_matrix,
)
from mangfold.segregation.summary import (
    MULTIGROUP_INDEX_NAMES,
    SINGLE_GROUP_INDEX_NAMES,
    STOCHASTIC_INDEX_NAMES,
)


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "district": ["Indre By", "Nørrebro", "Amager Øst", "Valby"],
            "danish": [800, 500, 900, 700],
            "western": [150, 200, 100, 90],
            "non_western": [50, 300, 100, 210],
            "total": [1000, 1000, 1100, 1000],
        }
    )


def test_single_group_arrays_against_a_total_or_another_group(frame: pd.DataFrame) -> None:
    data = single_group_arrays(frame, "non_western", "total", area="district")
    np.testing.assert_array_equal(data.x, [50, 300, 100, 210])
    np.testing.assert_array_equal(data.t, [1000, 1000, 1100, 1000])
    assert data.areas == ("Indre By", "Nørrebro", "Amager Øst", "Valby")
    pair = single_group_arrays(frame, "non_western", other="danish")
    np.testing.assert_array_equal(pair.t, [850, 800, 1000, 910])
    assert pair.areas is None
    with pytest.raises(ValueError, match="exactly one"):
        single_group_arrays(frame, "non_western", "total", other="danish")
    with pytest.raises(ValueError, match="exactly one"):
        single_group_arrays(frame, "non_western")


def test_errors_name_the_area_by_its_label(frame: pd.DataFrame) -> None:
    frame.loc[1, "non_western"] = 1200
    with pytest.raises(seg.SegregationInputError, match="area 'Nørrebro': the group count exceeds") as info:
        single_group_arrays(frame, "non_western", "total", area="district")
    assert info.value.area == "Nørrebro"
    frame.loc[2, "western"] = None
    with pytest.raises(
        seg.SegregationInputError, match="area 'Amager Øst', group 'western': the count is NaN"
    ):
        multigroup_arrays(frame, ["danish", "western"], area="district")


def test_text_and_missing_columns_are_reported(frame: pd.DataFrame) -> None:
    frame["danish"] = frame["danish"].astype(object)
    frame.loc[3, "danish"] = "n/a"
    with pytest.raises(seg.SegregationInputError, match="area 'Valby': column 'danish' holds 'n/a'"):
        multigroup_arrays(frame, ["danish", "western"], area="district")
    with pytest.raises(seg.SegregationInputError, match="no column 'somali'"):
        multigroup_arrays(frame, ["western", "somali"])


def test_area_labels_come_from_a_column_or_a_named_index(frame: pd.DataFrame) -> None:
    assert area_labels(frame) is None
    assert area_labels(frame.set_index("district")) == ("Indre By", "Nørrebro", "Amager Øst", "Valby")
    data = multigroup_arrays(frame.set_index("district"), ["danish", "western", "non_western"])
    assert data.areas == ("Indre By", "Nørrebro", "Amager Øst", "Valby")
    assert data.groups == ("danish", "western", "non_western")
    assert data.counts.shape == (4, 3)


def test_weights_matrix_follows_the_requested_order() -> None:
    from libpysal.io import open as ps_open

    gal = resources.files("mangfold") / "data" / "sacramento" / "sacramentot2.gal"
    with resources.as_file(gal) as path:
        handle = ps_open(str(path))
        try:
            w = handle.read()
        finally:
            handle.close()
    matrix = weights_matrix(w)
    assert matrix.shape == (403, 403)
    assert (matrix != matrix.T).nnz == 0  # queen contiguity is symmetric
    ids = list(reversed(w.id_order))
    flipped = weights_matrix(w, ids)
    np.testing.assert_array_equal(flipped.toarray(), matrix.toarray()[::-1, ::-1])
    with pytest.raises(ValueError, match="not in the weights"):
        weights_matrix(w, ["nowhere"])


def test_single_group_summary_holds_every_index(frame: pd.DataFrame) -> None:
    data = single_group_arrays(frame, "non_western", "total", area="district")
    called: list[str] = []
    summary = seg.single_group_indices(data.x, data.t, seed=1, replicates=50, progress=called.append)
    assert sorted(called) == sorted(SINGLE_GROUP_INDEX_NAMES)
    assert summary.dissimilarity == seg.dissimilarity(data.x, data.t)
    assert summary.gini == seg.gini(data.x, data.t)
    assert summary.atkinson == seg.atkinson(data.x, data.t)
    # The simulated indices draw, in order, from one generator seeded with ``seed``.
    gen = np.random.default_rng(1)
    assert summary.bias_corrected_dissimilarity == seg.bias_corrected_dissimilarity(
        data.x, data.t, replicates=50, seed=gen
    )
    assert summary.modified_dissimilarity == seg.modified_dissimilarity(
        data.x, data.t, iterations=50, seed=gen
    )
    assert summary.modified_gini == seg.modified_gini(data.x, data.t, iterations=50, seed=gen)
    assert all(isinstance(v, float) for v in summary.as_dict().values())
    quick = seg.single_group_indices(data.x, data.t, stochastic=False, atkinson_b=0.2)
    assert all(getattr(quick, name) is None for name in STOCHASTIC_INDEX_NAMES)
    assert quick.atkinson == seg.atkinson(data.x, data.t, b=0.2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.gini = 0.0  # type: ignore[misc]


def test_multigroup_summary_holds_every_index(frame: pd.DataFrame) -> None:
    data = multigroup_arrays(frame, ["danish", "western", "non_western"])
    summary = seg.multigroup_indices(data.counts)
    assert set(summary.as_dict()) == set(MULTIGROUP_INDEX_NAMES)
    assert summary.multigroup_gini == seg.multigroup_gini(data.counts)
    assert summary.normalized_diversity == seg.diversity(data.counts, normalized=True)
    with pytest.raises(ValueError, match="not a batch"):
        seg.multigroup_indices(np.ones((2, 3, 2)))
    with pytest.raises(ValueError, match="not a batch"):
        seg.single_group_indices(np.ones((2, 3)), np.ones((2, 3)))


def test_every_index_has_an_english_and_a_danish_label() -> None:
    for name in SINGLE_GROUP_INDEX_NAMES + MULTIGROUP_INDEX_NAMES:
        labels = seg.INDEX_LABELS[name]
        assert labels["en"] and labels["da"], name


def test_importing_the_package_loads_no_pandas_scipy_or_libpysal() -> None:
    heavy = "('pandas', 'scipy', 'geopandas', 'libpysal')"
    code = f"import sys, mangfold.segregation; print([m for m in {heavy} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
