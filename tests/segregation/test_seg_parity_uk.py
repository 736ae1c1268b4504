"""Acceptance on England & Wales, 2011 Census (MLID's published values; domain.md §5).

Two-group D of Bangladeshi against White British over all 181,408 Output Areas = 0.852 and over all
34,753 LSOAs = 0.772 (t_i = the two groups); with t_i = Persons the same data give 0.801 and 0.708.
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd
import pytest

import mangfold.segregation as seg
from mangfold.segregation.frames import multigroup_arrays, single_group_arrays

GROUPS = [
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


def _read(level: str) -> pd.DataFrame:
    path = resources.files("mangfold") / "data" / "uk_mlid" / f"england_wales_2011_{level}_ethnicity.csv.gz"
    with resources.as_file(path) as file:
        # An Output Area row also names its LSOA (the parent area).
        return pd.read_csv(file, usecols=list(dict.fromkeys([level.upper(), "LSOA", "Persons", *GROUPS])))


@pytest.fixture(scope="module")
def output_areas() -> pd.DataFrame:
    return _read("oa")


@pytest.fixture(scope="module")
def lsoas() -> pd.DataFrame:
    return _read("lsoa")


@pytest.mark.parametrize(
    ("level", "two_group", "persons"), [("output_areas", 0.852, 0.801), ("lsoas", 0.772, 0.708)]
)
def test_bangladeshi_white_british_dissimilarity(
    request, level: str, two_group: float, persons: float
) -> None:
    frame = request.getfixturevalue(level)
    x, y = frame["Bangladeshi"].to_numpy(), frame["WhiteBrit"].to_numpy()
    assert round(seg.dissimilarity(*seg.two_group(x, y)), 3) == two_group
    assert round(seg.dissimilarity(x, frame["Persons"].to_numpy()), 3) == persons
    # The same through the table helpers.
    data = single_group_arrays(frame, "Bangladeshi", other="WhiteBrit")
    assert round(seg.dissimilarity(data.x, data.t), 3) == two_group


def test_groups_fall_short_of_persons_so_multigroup_totals_are_group_sums(output_areas, lsoas) -> None:
    data = multigroup_arrays(output_areas, GROUPS, area="OA")
    short = data.counts.sum(axis=1) < output_areas["Persons"].to_numpy()
    assert 0.10 < short.mean() < 0.16  # about 13 % of Output Areas (domain.md §5)
    d = seg.multigroup_dissimilarity(data.counts)
    # Finer areas show more segregation than the LSOAs they nest in.
    coarse = seg.multigroup_dissimilarity(multigroup_arrays(lsoas, GROUPS, area="LSOA").counts)
    assert 0 < coarse < d < 1


def test_divergence_of_output_areas_splits_over_their_lsoas(output_areas) -> None:
    codes = output_areas["LSOA"].to_numpy()
    counts = output_areas[GROUPS].to_numpy()
    result = seg.divergence_decomposition(counts, codes)
    assert result.total == pytest.approx(seg.divergence(counts), rel=1e-12)
    assert result.between == pytest.approx(
        seg.divergence(np.asarray(output_areas[GROUPS].groupby(codes).sum())), rel=1e-10
    )
    assert result.total == pytest.approx(result.between + result.within, rel=1e-12)
    assert len(result.parents) == 34_753
