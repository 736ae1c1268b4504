"""``mangfold segregation FILE``: segregation and diversity indices of a table of counts by area.

One group and ``--total``, or two groups, give the single-group set (the first group against the total
or against the second group); three or more groups give the multigroup set (area totals are the sums
of the groups), and with ``--total`` also each group's single-group indices against that total.
``--distance`` smooths the counts over a distance kernel first (spatial indices, needs coordinates);
``--inference N`` adds a simulation test with N replicates to each index.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from typer.core import TyperGroup

from mangfold.cli._common import Lang
from mangfold.cli._segregation_batch import batch
from mangfold.i18n import gettext as _
from mangfold.i18n import language
from mangfold.segregation import SegregationInputError, aspatial, aspatial_corrected
from mangfold.segregation import summary as s
from mangfold.segregation.frames import MultigroupData, multigroup_arrays, single_group_arrays

if TYPE_CHECKING:
    # Typer ships its own copy of click; its Context is what TyperGroup.parse_args is declared with.
    from typer._click.core import Context

GEO_SUFFIXES = {".geojson", ".gpkg", ".shp", ".json"}


def _words(lang: str) -> dict[str, str]:
    """The result table's labels in ``lang`` (:mod:`mangfold.i18n`; English where it has none)."""
    with language(lang):
        return {
            "against": _("against"),
            "areas": _("areas"),
            "kernel": _("kernel"),
            "within": _("within"),
            "index": _("index"),
            "value": _("value"),
            "interval": _("95 % interval under the null"),
        }


class Spatial:
    """Kernel weights for ``--distance`` (from mangfold.segregation.spatial), or none."""

    def __init__(self, coords: Any, distance: float | None, kernel: str, crs: str | None) -> None:
        self.weights: Any = None
        self.distance = distance
        self.kernel = kernel
        if distance is None:
            return
        if coords is None:
            raise typer.BadParameter(
                "needs coordinates: a geographic file (.gpkg, .geojson, .shp) or --coords X,Y"
            )
        from mangfold.segregation import kernel_weights

        self.weights = kernel_weights(coords, distance, kernel, crs=crs)

    def wrap(self, function: Callable[..., Any], *, multigroup: bool) -> Callable[..., Any]:
        if self.weights is None:
            return function
        from mangfold.segregation.spatial import kernel_smoothed

        return kernel_smoothed(function, self.weights, multigroup=multigroup)

    def as_dict(self) -> dict[str, Any] | None:
        return None if self.weights is None else {"distance": self.distance, "kernel": self.kernel}


def read_table(path: Path, coord_columns: Sequence[str], crs: str | None) -> tuple[Any, Any, str | None]:
    """The table of ``path``, the areas' coordinates (``None`` when there are none) and their CRS.

    A geo file gives its polygons' centroids, projected to metres (the local UTM zone when the file is
    in longitude/latitude; ``crs`` overrides a missing or wrong CRS in the file). A table gives the
    columns ``coord_columns`` in ``crs`` (projected metres when ``crs`` is ``None``).
    """
    import pandas as pd

    suffix = path.suffix.lower() if path.suffix.lower() != ".gz" else Path(path.stem).suffix.lower()
    if suffix in GEO_SUFFIXES:
        import geopandas as gpd

        gdf = gpd.read_file(path)
        if crs is not None:
            gdf = gdf.set_crs(crs, allow_override=True)
        if gdf.crs is not None and gdf.crs.is_geographic:
            gdf = gdf.to_crs(gdf.estimate_utm_crs())
        centroids = gdf.geometry.centroid
        table = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
        return table, np.column_stack([centroids.x, centroids.y]), None
    if suffix == ".parquet":
        frame = pd.read_parquet(path)
    elif suffix in {".xlsx", ".xls"}:
        frame = pd.read_excel(path)
    elif suffix in {".csv", ".txt", ".tsv"}:
        frame = pd.read_csv(path, sep=_separator(path))
    else:
        raise typer.BadParameter(f"unknown file type {path.suffix!r}: use CSV, Parquet, Excel or a geo file")
    coords = None
    if coord_columns:
        missing = [c for c in coord_columns if c not in frame.columns]
        if len(coord_columns) != 2 or missing:
            raise typer.BadParameter("--coords takes two columns X,Y of the table")
        coords = frame[list(coord_columns)].to_numpy(dtype=np.float64)
    return frame, coords, crs


def _separator(path: Path) -> str:
    """The field separator of a delimited text file (``,``, ``;``, tab or ``|``), sniffed from its start."""
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", errors="replace") as handle:
        sample = handle.read(65536)
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _split(values: Iterable[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _choose(requested: list[str], available: Sequence[str]) -> list[str]:
    unknown = [name for name in requested if name not in available]
    if unknown:
        raise typer.BadParameter(f"unknown index {unknown[0]!r}; choose from {', '.join(available)}")
    return requested or list(available)


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def _single_group(
    x: Any, t: Any, names: list[str], opts: dict[str, Any], spatial: Spatial, progress: Progress
) -> tuple[dict[str, float | None], dict[str, Any]]:
    """Values (and inference results) of the single-group indices ``names`` of x against t."""
    gen = np.random.default_rng(opts["seed"])
    functions: dict[str, Callable[..., Any]] = dict(s.SINGLE_GROUP_FUNCTIONS)
    functions["atkinson"] = lambda x_, t_: aspatial.atkinson(x_, t_, b=opts["atkinson_b"])
    stochastic: dict[str, Callable[..., Any]] = {
        "bias_corrected_dissimilarity": lambda x_, t_: aspatial_corrected.bias_corrected_dissimilarity(
            x_, t_, replicates=opts["replicates"], seed=gen
        ),
        "modified_dissimilarity": lambda x_, t_: aspatial_corrected.modified_dissimilarity(
            x_, t_, iterations=opts["replicates"], seed=gen
        ),
        "modified_gini": lambda x_, t_: aspatial_corrected.modified_gini(
            x_, t_, iterations=opts["replicates"], seed=gen
        ),
    }
    functions.update(stochastic)
    values: dict[str, float | None] = {}
    tests: dict[str, Any] = {}
    task = progress.add_task("indices", total=len(names))
    for name in names:
        progress.update(task, description=name)
        function = spatial.wrap(functions[name], multigroup=False)
        values[name] = _number(function(x, t))
        if opts["inference"] and name not in stochastic:
            tests[name] = _infer(function, (x, t), opts, gen, multigroup=False)
        progress.advance(task)
    return values, tests


def _multigroup(
    data: MultigroupData, names: list[str], opts: dict[str, Any], spatial: Spatial, progress: Progress
) -> tuple[dict[str, float | None], dict[str, Any]]:
    gen = np.random.default_rng(opts["seed"])
    values: dict[str, float | None] = {}
    tests: dict[str, Any] = {}
    task = progress.add_task("indices", total=len(names))
    for name in names:
        progress.update(task, description=name)
        function = spatial.wrap(s.MULTIGROUP_FUNCTIONS[name], multigroup=True)
        values[name] = _number(function(data.counts))
        if opts["inference"]:
            tests[name] = _infer(function, (data.counts,), opts, gen, multigroup=True)
        progress.advance(task)
    return values, tests


def _infer(
    function: Callable[..., Any], args: tuple[Any, ...], opts: dict[str, Any], gen: Any, *, multigroup: bool
) -> dict[str, Any]:
    from mangfold.segregation import inference

    run = inference.infer_multigroup if multigroup else inference.infer
    result = run(function, *args, null=opts["null"], replicates=opts["inference"], seed=gen)
    return {
        "p_value": _number(result.p_value),
        "ci": [_number(result.ci[0]), _number(result.ci[1])],
        "null": result.null,
        "replicates": result.replicates,
    }


def _print(report: dict[str, Any], lang: Lang, console: Console) -> None:
    words = _words(lang.value)

    def table(title: str, values: dict[str, float | None], tests: dict[str, Any]) -> Table:
        out = Table(title=title, title_justify="left")
        out.add_column(words["index"])
        out.add_column(words["value"], justify="right")
        if tests:
            out.add_column("p", justify="right")
            out.add_column(words["interval"], justify="right")
        for name, value in values.items():
            row = [s.INDEX_LABELS[name][lang.value], _fmt(value, lang)]
            if tests:
                test = tests.get(name)
                if test is None:
                    row += ["", ""]
                else:
                    low, high = test["ci"]
                    row += [_fmt(test["p_value"], lang), f"{_fmt(low, lang)} – {_fmt(high, lang)}"]
            out.add_row(*row)
        return out

    where = f"{report['areas']} {words['areas']}"
    if report["spatial"]:
        spatial = report["spatial"]
        where += f", {words['kernel']} {spatial['kernel']} {words['within']} {spatial['distance']:g} m"
    names = report["groups"]
    if report["mode"] == "multigroup":
        title = " / ".join(names)
    else:
        title = f"{names[0]} {words['against']} {report['total'] or names[1]}"
    console.print(table(f"{title} ({where})", report["indices"], report.get("inference", {})))
    for group, values in report.get("by_group", {}).items():
        console.print(table(f"{group} {words['against']} {report['total']}", values, {}))


def _fmt(value: float | None, lang: Lang) -> str:
    """Four decimals, with a decimal comma in Danish; a dash for an undefined value."""
    if value is None:
        return "–"
    text = f"{value:.4f}"
    return text.replace(".", ",") if lang is Lang.da else text


class _TableByDefault(TyperGroup):
    """``mangfold segregation FILE …`` runs ``table``; ``mangfold segregation batch …`` the batch."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["table", *args]
        return super().parse_args(ctx, args)


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        cls=_TableByDefault,
        no_args_is_help=True,
        help=(
            "Segregation and diversity indices: `mangfold segregation FILE …` for one table of areas "
            "(the `table` command), `mangfold segregation batch FILE --by COLUMN …` for every unit of a "
            "table, in-process or on a Dask cluster."
        ),
    )
    app.add_typer(group, name="segregation")
    group.command("batch")(batch)

    @group.command("table")
    def segregation(
        file: Annotated[
            Path, typer.Argument(exists=True, dir_okay=False, help="CSV, Parquet, Excel or geo file.")
        ],
        groups: Annotated[str, typer.Option("--groups", help="Group count columns, comma-separated.")],
        area: Annotated[str | None, typer.Option("--area", help="Column of area codes.")] = None,
        total: Annotated[str | None, typer.Option("--total", help="Column of area totals.")] = None,
        index: Annotated[
            list[str] | None, typer.Option("--index", help="Indices to compute (default all).")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
        lang: Annotated[Lang, typer.Option("--lang", help="Language of index names.")] = Lang.en,
        atkinson_b: Annotated[float, typer.Option("--atkinson-b", help="Atkinson's b, 0 <= b < 1.")] = 0.5,
        replicates: Annotated[int, typer.Option(help="Draws for the simulated corrections.")] = 500,
        distance: Annotated[
            float | None, typer.Option("--distance", help="Kernel bandwidth in metres (spatial indices).")
        ] = None,
        kernel: Annotated[
            str, typer.Option("--kernel", help="Distance kernel for --distance.")
        ] = "triangular",
        coords: Annotated[str | None, typer.Option("--coords", help="Coordinate columns X,Y.")] = None,
        crs: Annotated[
            str | None, typer.Option("--crs", help="CRS of the coordinates, e.g. EPSG:25832.")
        ] = None,
        inference: Annotated[
            int | None, typer.Option("--inference", help="Test each index with N simulated replicates.")
        ] = None,
        null: Annotated[str, typer.Option("--null", help="Null model for --inference.")] = "systematic",
        seed: Annotated[int | None, typer.Option("--seed", help="Seed for every random draw.")] = None,
    ) -> None:
        """Segregation and diversity indices of counts by area (see docs/methodology/segregation.md)."""
        console = Console()
        names, multigroup = _group_columns(groups, total)
        opts = {
            "seed": seed,
            "atkinson_b": atkinson_b,
            "replicates": replicates,
            "inference": inference,
            "null": null,
        }
        try:
            frame, xy, xy_crs = read_table(file, _split([coords] if coords else None), crs)
            spatial = Spatial(xy, distance, kernel, xy_crs)
            available = s.MULTIGROUP_INDEX_NAMES if multigroup else s.SINGLE_GROUP_INDEX_NAMES
            chosen = _choose(_split(index), available)
            report: dict[str, Any] = {
                "file": str(file),
                "mode": "multigroup" if multigroup else "single_group",
                "groups": names,
                "total": total,
                "spatial": spatial.as_dict(),
            }
            with Progress(console=Console(stderr=True), transient=True) as progress:
                run = _Run(frame, names, total, area, opts, spatial, progress)
                report |= (
                    _multigroup_indices(run, chosen) if multigroup else _single_group_indices(run, chosen)
                )
        except (SegregationInputError, ValueError) as exc:
            console.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(1) from None
        if as_json:
            typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            _print(report, lang, console)


def _group_columns(groups: str, total: str | None) -> tuple[list[str], bool]:
    """The group columns of ``--groups`` and whether they give the multigroup set: three or more groups,
    or two with ``--total`` (see the module docstring); one group needs ``--total``."""
    names = _split([groups])
    if not names:
        raise typer.BadParameter("give at least one group column", param_hint="--groups")
    multigroup = len(names) >= 3 or (len(names) == 2 and total is not None)
    if len(names) == 1 and total is None:
        raise typer.BadParameter("one group needs --total (or give two groups)", param_hint="--total")
    return names, multigroup


@dataclass(frozen=True)
class _Run:
    """One run of the table command: the table, its columns, the options and where progress shows."""

    frame: Any
    names: list[str]
    total: str | None
    area: str | None
    opts: dict[str, Any]
    spatial: Spatial
    progress: Progress


def _multigroup_indices(run: _Run, chosen: list[str]) -> dict[str, Any]:
    """The report's ``areas`` and multigroup ``indices``; with ``--total`` also ``by_group``, each group's
    single-group indices against the total; with ``--inference`` the tests as ``inference``."""
    data = multigroup_arrays(run.frame, run.names, area=run.area)
    found: dict[str, Any] = {"areas": int(data.counts.shape[0])}
    found["indices"], tests = _multigroup(data, chosen, run.opts, run.spatial, run.progress)
    if run.total is not None:
        found["by_group"] = {group: _group_against_total(run, group) for group in run.names}
    if run.opts["inference"]:
        found["inference"] = tests
    return found


def _group_against_total(run: _Run, group: str) -> dict[str, float | None]:
    """Every single-group index of one group against ``--total`` (no inference)."""
    one = single_group_arrays(run.frame, group, run.total, area=run.area)
    names = list(s.SINGLE_GROUP_FUNCTIONS)
    return _single_group(one.x, one.t, names, run.opts, run.spatial, run.progress)[0]


def _single_group_indices(run: _Run, chosen: list[str]) -> dict[str, Any]:
    """The report's ``areas`` and single-group ``indices`` of the first group against ``--total`` or the
    second group; with ``--inference`` the tests as ``inference``."""
    other = None if run.total is not None else run.names[1]
    data = single_group_arrays(run.frame, run.names[0], run.total, other=other, area=run.area)
    found: dict[str, Any] = {"areas": int(data.x.shape[0])}
    found["indices"], tests = _single_group(data.x, data.t, chosen, run.opts, run.spatial, run.progress)
    if run.opts["inference"]:
        found["inference"] = tests
    return found
