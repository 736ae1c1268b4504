"""``mangfold segregation FILE``: modes, options, file types and errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import mangfold.segregation as seg
from mangfold.cli import app
from mangfold.segregation.summary import MULTIGROUP_INDEX_NAMES, SINGLE_GROUP_INDEX_NAMES

runner = CliRunner()


@pytest.fixture
def table() -> pd.DataFrame:
    gen = np.random.default_rng(4)
    n = 40
    danish = gen.integers(200, 900, n)
    western = gen.integers(10, 200, n)
    non_western = gen.integers(0, 400, n)
    return pd.DataFrame(
        {
            "district": [f"D{i:02d}" for i in range(n)],
            "danish": danish,
            "western": western,
            "non_western": non_western,
            "total": danish + western + non_western + gen.integers(0, 30, n),
            "x": 700_000 + gen.uniform(0, 10_000, n),
            "y": 6_170_000 + gen.uniform(0, 10_000, n),
        }
    )


@pytest.fixture
def csv(tmp_path: Path, table: pd.DataFrame) -> Path:
    path = tmp_path / "districts.csv"
    table.to_csv(path, index=False)
    return path


def run(*args: str) -> dict:
    result = runner.invoke(app, ["segregation", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_one_group_and_a_total_give_the_single_group_set(csv: Path, table: pd.DataFrame) -> None:
    report = run(str(csv), "--groups", "non_western", "--total", "total", "--seed", "1", "--replicates", "20")
    assert report["mode"] == "single_group"
    assert report["areas"] == 40
    assert list(report["indices"]) == list(SINGLE_GROUP_INDEX_NAMES)
    x, t = table["non_western"], table["total"]
    assert report["indices"]["gini"] == seg.gini(x, t)
    assert report["indices"]["atkinson"] == seg.atkinson(x, t)
    again = run(str(csv), "--groups", "non_western", "--total", "total", "--seed", "1", "--replicates", "20")
    assert again["indices"]["modified_gini"] == report["indices"]["modified_gini"]


def test_two_groups_compare_the_first_with_the_second(csv: Path, table: pd.DataFrame) -> None:
    report = run(
        str(csv), "--groups", "non_western,danish", "--index", "dissimilarity", "--index", "exposure"
    )
    x, y = table["non_western"], table["danish"]
    assert report["indices"] == {
        "dissimilarity": seg.dissimilarity(*seg.two_group(x, y)),
        "exposure": seg.exposure(*seg.two_group(x, y)),
    }


def test_several_groups_give_the_multigroup_set_and_each_group_against_the_total(
    csv: Path, table: pd.DataFrame
) -> None:
    report = run(
        str(csv), "--groups", "danish,western,non_western", "--total", "total", "--atkinson-b", "0.2"
    )
    assert report["mode"] == "multigroup"
    assert list(report["indices"]) == list(MULTIGROUP_INDEX_NAMES)
    counts = table[["danish", "western", "non_western"]].to_numpy()
    assert report["indices"]["multigroup_gini"] == seg.multigroup_gini(counts)
    western = report["by_group"]["western"]
    assert western["dissimilarity"] == seg.dissimilarity(table["western"], table["total"])
    assert western["atkinson"] == seg.atkinson(table["western"], table["total"], b=0.2)


def test_parquet_and_excel_files_are_read(tmp_path: Path, table: pd.DataFrame) -> None:
    for name, write in (("t.parquet", table.to_parquet), ("t.xlsx", table.to_excel)):
        path = tmp_path / name
        write(path, index=False)
        report = run(str(path), "--groups", "danish,western,non_western", "--index", "divergence")
        counts = table[["danish", "western", "non_western"]].to_numpy()
        assert report["indices"]["divergence"] == pytest.approx(seg.divergence(counts), rel=1e-15)


def test_semicolon_separated_and_gzipped_csv_files_are_read(tmp_path: Path, table: pd.DataFrame) -> None:
    # Statistics Denmark's CSV files use semicolons.
    path = tmp_path / "districts.csv.gz"
    table.to_csv(path, index=False, sep=";")
    report = run(str(path), "--groups", "western,danish", "--index", "gini")
    assert report["indices"]["gini"] == seg.gini(*seg.two_group(table["western"], table["danish"]))


def test_the_table_speaks_danish(csv: Path) -> None:
    result = runner.invoke(app, ["segregation", str(csv), "--groups", "western,danish", "--lang", "da"])
    assert result.exit_code == 0, result.output
    assert "Dissimilaritetsindeks (D)" in result.stdout
    assert "western mod danish (40 områder)" in result.stdout
    assert "0," in result.stdout and "0." not in result.stdout


def test_bad_counts_name_the_area(tmp_path: Path, table: pd.DataFrame) -> None:
    table.loc[7, "non_western"] = table.loc[7, "total"] + 1
    path = tmp_path / "bad.csv"
    table.to_csv(path, index=False)
    result = runner.invoke(
        app, ["segregation", str(path), "--area", "district", "--groups", "non_western", "--total", "total"]
    )
    assert result.exit_code == 1
    assert "area 'D07': the group count exceeds the total" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--groups", "western"], "one group needs --total"),
        (["--groups", "western,danish", "--index", "gini,nonsense"], "unknown index 'nonsense'"),
        (["--groups", "western,danish", "--distance", "500"], "needs coordinates"),
        (["--groups", "western,somali"], "no column 'somali'"),
    ],
)
def test_wrong_options_are_explained(csv: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["segregation", str(csv), *args])
    assert result.exit_code != 0
    assert message in " ".join(result.output.split())


def test_distance_smooths_the_counts_over_a_kernel(csv: Path, table: pd.DataFrame) -> None:
    from mangfold.segregation._kernels import kernel_weights
    from mangfold.segregation.spatial import spatial_index

    report = run(
        str(csv), "--groups", "non_western", "--total", "total", "--index", "dissimilarity",
        "--distance", "2500", "--coords", "x,y", "--kernel", "quartic",
    )  # fmt: skip
    weights = kernel_weights(table[["x", "y"]].to_numpy(), 2500.0, "quartic")
    expected = spatial_index(seg.dissimilarity, table["non_western"], table["total"], weights=weights)
    assert report["spatial"] == {"distance": 2500.0, "kernel": "quartic"}
    assert report["indices"]["dissimilarity"] == pytest.approx(expected, rel=1e-14)
    assert report["indices"]["dissimilarity"] != seg.dissimilarity(table["non_western"], table["total"])


def test_inference_adds_a_reproducible_test_to_each_index(csv: Path) -> None:
    args = [str(csv), "--groups", "danish,western,non_western", "--index", "multigroup_dissimilarity"]
    first = run(*args, "--inference", "49", "--seed", "5")
    test = first["inference"]["multigroup_dissimilarity"]
    assert test["replicates"] == 49 and test["null"] == "systematic"
    assert 0 < test["p_value"] <= 1 and test["ci"][0] <= test["ci"][1]
    assert run(*args, "--inference", "49", "--seed", "5")["inference"] == first["inference"]
