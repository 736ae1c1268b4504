"""``mangfold segregation batch``: every unit of a file, the same values as ``mangfold segregation`` alone."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from mangfold.cli import app

runner = CliRunner()
GROUPS = "WhiteBrit,Indian,Pakistani,BlkAfrican"


@pytest.fixture(scope="module")
def four(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    path = resources.files("mangfold.data") / "uk_mlid" / "england_wales_2011_lsoa_ethnicity.csv.gz"
    with resources.as_file(path) as file:
        frame = pd.read_csv(file)
    folder = tmp_path_factory.mktemp("four")
    chosen = ["Barking and Dagenham", "Barnet", "Bradford", "Leicester"]
    frame = frame[frame.LAD.isin(chosen)]
    frame.to_csv(folder / "four.csv", index=False)
    alone = {}
    for lad, rows in frame.groupby("LAD"):
        alone[str(lad)] = folder / f"{lad}.csv"
        rows.to_csv(alone[str(lad)], index=False)
    return folder / "four.csv", alone


def test_the_batch_equals_mangfold_segregation_on_each_area_alone(
    four: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    combined, alone = four
    out = tmp_path / "out.parquet"
    result = runner.invoke(
        app,
        [
            "segregation",
            "batch",
            str(combined),
            "--by",
            "LAD",
            "--area",
            "LSOA",
            "--groups",
            GROUPS,
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(out)
    for lad, file in alone.items():
        single = runner.invoke(
            app, ["segregation", str(file), "--area", "LSOA", "--groups", GROUPS, "--json"]
        )
        assert single.exit_code == 0, single.output
        expected = json.loads(single.output)["indices"]
        mine = table[table["LAD"].eq(lad)].set_index("index")["value"].to_dict()
        assert list(mine) == list(expected)
        for name, value in expected.items():
            assert mine[name] == pytest.approx(value, rel=1e-12, abs=1e-15), (lad, name)


def test_the_same_seed_writes_the_same_file(four: tuple[Path, dict[str, Path]], tmp_path: Path) -> None:
    combined, _ = four
    files = []
    for n in (1, 2):
        out = tmp_path / f"run{n}.parquet"
        args = [
            "segregation",
            "batch",
            str(combined),
            "--by",
            "LAD",
            "--groups",
            GROUPS,
            "--inference",
            "120",
        ]
        result = runner.invoke(app, [*args, "--seed", "9", "--workers", str(n), "-o", str(out)])
        assert result.exit_code == 0, result.output
        files.append(out.read_bytes())
    assert files[0] == files[1]


def test_a_partitioned_parquet_directory_is_read(four: tuple[Path, dict[str, Path]], tmp_path: Path) -> None:
    combined, _ = four
    folder = tmp_path / "parts"
    pd.read_csv(combined).to_parquet(folder, partition_cols=["RGN"])
    out = tmp_path / "out.csv"
    result = runner.invoke(
        app,
        ["segregation", "batch", str(folder), "--by", "LAD", "--groups", "Bangladeshi", "--total",
         "Persons", "--index", "dissimilarity", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    written = pd.read_csv(out)
    assert sorted(written.LAD) == ["Barking and Dagenham", "Barnet", "Bradford", "Leicester"]
    assert set(written["index"]) == {"dissimilarity"} and (written.status == "ok").all()


def test_a_missing_column_is_an_error_not_a_traceback(
    four: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    combined, _ = four
    result = runner.invoke(
        app,
        [
            "segregation",
            "batch",
            str(combined),
            "--by",
            "city",
            "--groups",
            GROUPS,
            "-o",
            str(tmp_path / "o.parquet"),
        ],
    )
    assert result.exit_code == 1
    assert "error:" in result.output and "city" in result.output
    assert "Traceback" not in result.output
