"""``mangfold segregation batch FILE --by COLUMN …``: the indices of every unit of a table, to Parquet.

The options are those of ``mangfold segregation`` (same names, same defaults), plus ``--by`` (the unit
column), ``--scheduler`` (a Dask scheduler's address; without it the work runs on this machine's CPUs)
and ``-o`` (the output file). See :mod:`mangfold.segregation.batch` for the rules and the seeds.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
import typer
from rich.console import Console

from mangfold.segregation import SegregationInputError

if TYPE_CHECKING:
    import pandas as pd

_PARQUET = (".parquet", ".pq")


def _is_parquet(path: str) -> bool:
    import fsspec

    name = path.rstrip("/").lower()
    if name.endswith(_PARQUET):
        return True
    fs, inner = fsspec.core.url_to_fs(path)
    return bool(fs.isdir(inner))


def _separator(path: str) -> str:
    import fsspec

    with fsspec.open(path, "rt", encoding="utf-8-sig", errors="replace", compression="infer") as handle:
        sample = handle.read(65536)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_units_table(path: str, columns: list[str]) -> pd.DataFrame:
    """The ``columns`` of a CSV file, a Parquet file or a partitioned Parquet directory (local or any
    fsspec address the user has the filesystem for, e.g. ``s3://…``)."""
    import pandas as pd

    if _is_parquet(path):
        return pd.read_parquet(path, columns=columns)
    return pd.read_csv(path, sep=_separator(path), usecols=columns, compression="infer")


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def batch(
    file: Annotated[str, typer.Argument(help="CSV or Parquet file, or a partitioned Parquet directory.")],
    by: Annotated[str, typer.Option("--by", help="Column naming each row's unit (city, urban area …).")],
    groups: Annotated[str, typer.Option("--groups", help="Group count columns, comma-separated.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output file (.parquet or .csv).")],
    area: Annotated[str | None, typer.Option("--area", help="Column of area codes.")] = None,
    total: Annotated[str | None, typer.Option("--total", help="Column of area totals.")] = None,
    index: Annotated[
        list[str] | None, typer.Option("--index", help="Indices to compute (default all).")
    ] = None,
    atkinson_b: Annotated[float, typer.Option("--atkinson-b", help="Atkinson's b, 0 <= b < 1.")] = 0.5,
    replicates: Annotated[int, typer.Option(help="Draws for the simulated corrections.")] = 500,
    inference: Annotated[
        int | None, typer.Option("--inference", help="Test each index with N simulated replicates.")
    ] = None,
    null: Annotated[str, typer.Option("--null", help="Null model for --inference.")] = "systematic",
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for every random draw.")] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Threads without --scheduler (default: every CPU).")
    ] = None,
) -> None:
    """Indices (and tests) of every unit of a table: one row per unit and index, in a Parquet file."""
    from mangfold.segregation.batch import ERROR, BatchSpec, split_units
    from mangfold.segregation.distributed import run_batch

    console = Console(stderr=True)
    if seed is None:
        seed = int(np.random.SeedSequence().entropy) % (1 << 63)  # type: ignore[arg-type]
        console.print(f"seed: {seed} (give --seed {seed} to repeat the draws)", highlight=False)
    try:
        spec = BatchSpec(
            groups=tuple(_split([groups])),
            total=total,
            indices=tuple(_split(index)),
            inference=inference,
            null=null,
            seed=seed,
            atkinson_b=atkinson_b,
            replicates=replicates,
        )
        columns = list(dict.fromkeys([by, *spec.columns, *([area] if area else [])]))
        frame = read_units_table(file, columns)
        units = split_units(frame, by, spec, area=area)
        table = run_batch(units, spec, by, scheduler=scheduler, workers=workers)
    except (SegregationInputError, ValueError, OSError) as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    _write(table, output)
    failed = sum(1 for unit in units if unit.problem)
    console.print(
        f"{len(units)} units ({failed} with an {ERROR}), {table.num_rows} rows → {output}", highlight=False
    )


def _write(table: Any, output: Path) -> None:
    if output.suffix.lower() == ".csv":
        from pyarrow import csv as pa_csv

        pa_csv.write_csv(table, output)
        return
    import pyarrow.parquet as pq

    pq.write_table(table, output)
