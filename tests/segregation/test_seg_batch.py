"""The batch of many units: the same indices as one unit alone, failing units reported, one seed one result.

Four local authorities of England and Wales (2011 census, LSOAs; shipped in mangfold/data/uk_mlid) stand
for four urban areas; two made-up units cannot be computed (one area; nobody in the second group).
"""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from mangfold.segregation import SegregationInputError
from mangfold.segregation import summary as s
from mangfold.segregation.batch import BatchSpec, block_sizes, split_units
from mangfold.segregation.distributed import run_batch

GROUPS = ("WhiteBrit", "Indian", "Pakistani", "BlkAfrican")


@pytest.fixture(scope="module")
def four_areas() -> pd.DataFrame:
    path = resources.files("mangfold.data") / "uk_mlid" / "england_wales_2011_lsoa_ethnicity.csv.gz"
    with resources.as_file(path) as file:
        frame = pd.read_csv(file)
    chosen = ["Barking and Dagenham", "Barnet", "Bradford", "Leicester"]
    return frame[frame.LAD.isin(chosen)].reset_index(drop=True)


@pytest.fixture(scope="module")
def with_failures(four_areas: pd.DataFrame) -> pd.DataFrame:
    one_area = pd.DataFrame(
        {"LAD": ["One Area"], "LSOA": ["X1"], **{g: [10] for g in GROUPS}, "Persons": [40]}
    )
    nobody = four_areas[four_areas.LAD == "Barnet"].head(5).assign(LAD="Nobody")
    nobody[list(GROUPS)] = 0
    return pd.concat([four_areas, one_area, nobody], ignore_index=True)


def test_the_multigroup_indices_of_each_unit_equal_those_of_the_unit_alone(four_areas: pd.DataFrame) -> None:
    spec = BatchSpec(groups=GROUPS)
    table = run_batch(split_units(four_areas, "LAD", spec, area="LSOA"), spec, "LAD").to_pandas()
    for lad, rows in four_areas.groupby("LAD"):
        alone = s.multigroup_indices(rows[list(GROUPS)].to_numpy(dtype=float)).as_dict()
        mine = table[table["LAD"].eq(lad)].set_index("index")["value"]
        for name, value in alone.items():
            assert mine[name] == pytest.approx(value, rel=1e-12, abs=1e-15), (lad, name)


def test_single_group_indices_against_a_total_match_the_unit_alone(four_areas: pd.DataFrame) -> None:
    spec = BatchSpec(groups=("Pakistani",), total="Persons", indices=("dissimilarity", "gini", "isolation"))
    table = run_batch(split_units(four_areas, "LAD", spec), spec, "LAD").to_pandas()
    rows = four_areas[four_areas.LAD == "Bradford"]
    x, t = rows.Pakistani.to_numpy(float), rows.Persons.to_numpy(float)
    mine = table[table.LAD == "Bradford"].set_index("index")["value"]
    assert mine["dissimilarity"] == pytest.approx(s.SINGLE_GROUP_FUNCTIONS["dissimilarity"](x, t), rel=1e-12)
    assert mine["gini"] == pytest.approx(s.SINGLE_GROUP_FUNCTIONS["gini"](x, t), rel=1e-12)


def test_a_unit_that_cannot_be_computed_gets_a_status_and_a_reason_while_the_others_complete(
    with_failures: pd.DataFrame,
) -> None:
    spec = BatchSpec(groups=GROUPS, inference=20, seed=1, indices=("multigroup_dissimilarity",))
    table = run_batch(split_units(with_failures, "LAD", spec, area="LSOA"), spec, "LAD").to_pandas()
    status = table.set_index("LAD")
    assert status.loc["One Area", "status"] == "error"
    assert "one area" in status.loc["One Area", "reason"]
    assert status.loc["Nobody", "status"] == "error"
    assert status.loc["Nobody", "reason"] == "zero population"
    assert pd.isna(status.loc["Nobody", "value"]) and pd.isna(status.loc["Nobody", "p_value"])
    computed = table[~table.LAD.isin(["One Area", "Nobody"])]
    assert (computed.status == "ok").all() and computed.p_value.notna().all()


def test_a_unit_with_every_person_in_one_group_is_reported() -> None:
    frame = pd.DataFrame({"unit": ["a"] * 3, "x": [1, 2, 3], "y": [0, 0, 0]})
    spec = BatchSpec(groups=("x", "y"))
    table = run_batch(split_units(frame, "unit", spec), spec, "unit").to_pandas()
    assert set(table.status) == {"error"} and set(table.reason) == {"every person is in one group"}


def test_invalid_counts_in_one_unit_are_that_units_error() -> None:
    frame = pd.DataFrame({"unit": ["a", "a", "b", "b"], "x": [1, -2, 3, 4], "t": [5, 5, 6, 7]})
    spec = BatchSpec(groups=("x",), total="t", indices=("dissimilarity",))
    table = run_batch(split_units(frame, "unit", spec), spec, "unit").to_pandas().set_index("unit")
    assert table.loc["a", "status"] == "error" and "negative" in table.loc["a", "reason"]
    assert table.loc["b", "status"] == "ok"


def test_the_same_seed_gives_the_same_inference_whatever_the_number_of_threads(
    four_areas: pd.DataFrame,
) -> None:
    spec = BatchSpec(groups=GROUPS, inference=250, seed=42, indices=("multigroup_gini", "divergence"))
    units = split_units(four_areas, "LAD", spec, area="LSOA")
    one = run_batch(units, spec, "LAD", workers=1)
    two = run_batch(units, spec, "LAD", workers=2)
    assert one.equals(two)
    other_seed = run_batch(
        units, BatchSpec(groups=GROUPS, inference=250, seed=43, indices=spec.indices), "LAD"
    )
    assert not one.equals(other_seed)


def test_the_p_value_counts_the_observed_value_among_the_replicates(four_areas: pd.DataFrame) -> None:
    spec = BatchSpec(groups=GROUPS, inference=99, seed=3, indices=("multigroup_dissimilarity",))
    table = run_batch(split_units(four_areas, "LAD", spec, area="LSOA"), spec, "LAD").to_pandas()
    # observed segregation is far above every draw under the systematic null: (1 + 0) / 100, two-sided × 2
    assert table.p_value.tolist() == [0.02] * 4
    assert (table.ci_low < table.null_mean).all() and (table.null_mean < table.ci_high).all()


def test_replicates_are_cut_into_blocks_of_a_fixed_size() -> None:
    assert block_sizes(999) == [100] * 9 + [99]
    assert block_sizes(100) == [100]
    assert sum(block_sizes(12345)) == 12345


def test_the_output_has_the_documented_columns_and_no_timing_column(four_areas: pd.DataFrame) -> None:
    spec = BatchSpec(groups=GROUPS, inference=10, seed=0)
    table = run_batch(split_units(four_areas, "LAD", spec, area="LSOA"), spec, "LAD")
    assert table.column_names == [
        "LAD", "index", "value", "status", "reason", "null_mean", "null_std", "p_value", "ci_low", "ci_high",
    ]  # fmt: skip
    assert table.schema.field("value").type == pa.float64()
    assert table.num_rows == 4 * len(s.MULTIGROUP_INDEX_NAMES)
    plain = run_batch(
        split_units(four_areas, "LAD", BatchSpec(groups=GROUPS), area="LSOA"), BatchSpec(groups=GROUPS), "LAD"
    )
    assert plain.column_names == ["LAD", "index", "value", "status", "reason"]


def test_options_are_checked_before_any_work() -> None:
    with pytest.raises(SegregationInputError, match="unknown index 'gini'"):
        BatchSpec(groups=("a", "b", "c"), indices=("gini",))
    with pytest.raises(SegregationInputError, match="one group needs a total"):
        BatchSpec(groups=("a",))
    with pytest.raises(SegregationInputError, match="null must be one of"):
        BatchSpec(groups=("a", "b"), null="shuffle")
    with pytest.raises(SegregationInputError, match="no column 'city'"):
        split_units(pd.DataFrame({"a": [1], "b": [2]}), "city", BatchSpec(groups=("a", "b")))


def test_the_bootstrap_null_tests_against_zero(four_areas: pd.DataFrame) -> None:
    spec = BatchSpec(groups=GROUPS, inference=50, seed=5, null="bootstrap", indices=("multigroup_gini",))
    table = run_batch(split_units(four_areas, "LAD", spec, area="LSOA"), spec, "LAD").to_pandas()
    assert (table.ci_low <= table.value).all() and (table.value <= table.ci_high + 0.05).all()
    assert np.allclose(table.p_value, 2 / 51)
