"""``mangfold import FILE…``: import population statistics into the web platform's database.

The same import as the upload form (``mangfold.web.statistics.importing``): the files are read by the
core's readers first, every problem is listed with its file, row and column, and only a file without
problems is written, in one transaction. Needs the web extra (Django) and a migrated database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from mangfold.cli._common import setup_django

SCHEME_HELP = (
    "The groups of the file: dst (Statistics Denmark's origin groups), dk_regions (origin regions of the "
    "2024 voting-area tables), dk_citizenship, ew_census (England and Wales 2011 ethnic groups), or a "
    "scheme's full name."
)


def _links(values: list[str]) -> list[Any]:
    from mangfold.web.network.models import City
    from mangfold.web.statistics.storing import CityLink

    links = []
    for value in values:
        slug, _, code = value.partition("=")
        city = City.objects.filter(slug=slug).first()
        if city is None:
            raise typer.BadParameter(f"no city with the short name {slug!r}", param_hint="--city")
        links.append(CityLink(city, code or None))
    return links


def _problems(console: Console, error: Any) -> None:
    table = Table(title=f"Not imported: {len(error.problems)} problem(s); nothing was written")
    for column in ("file", "row", "column", "problem"):
        table.add_column(column)
    for p in error.problems:
        table.add_row(p.file or "", "" if p.row is None else str(p.row), p.column or "", p.message)
    console.print(table)


def register(app: typer.Typer) -> None:
    @app.command("import")
    def import_command(
        files: Annotated[
            list[Path],
            typer.Argument(
                exists=True,
                dir_okay=False,
                help="CSV, Excel, PC-Axis or JSON-stat (.gz allowed); the 2024 voting-area tables as a pair.",
            ),
        ],
        scheme: Annotated[str, typer.Option("--scheme", help=SCHEME_HELP)],
        city: Annotated[
            list[str] | None,
            typer.Option(
                "--city", help="SLUG or SLUG=CODE: link a city to the file's municipality (repeatable)."
            ),
        ] = None,
        dataset: Annotated[
            str | None, typer.Option("--dataset", help="Name of the dataset (default: the file's).")
        ] = None,
        source: Annotated[str | None, typer.Option("--source", help="Source shown with the data.")] = None,
        boundaries: Annotated[
            Path | None,
            typer.Option("--boundaries", exists=True, dir_okay=False, help="GeoJSON or TopoJSON."),
        ] = None,
        boundaries_key: Annotated[
            str | None, typer.Option("--boundaries-key", help="Property with the area code.")
        ] = None,
        period: Annotated[str | None, typer.Option("--period", help="Period of a file without one.")] = None,
        delimiter: Annotated[
            str | None, typer.Option("--delimiter", help="CSV delimiter (default: detect).")
        ] = None,
        parent_column: Annotated[
            str | None, typer.Option("--parent-column", help="Column with each area's municipality code.")
        ] = None,
        replace: Annotated[
            bool, typer.Option("--replace", help="Replace a dataset of the same name.")
        ] = False,
    ) -> None:
        """Import population statistics (all or nothing: a file with any problem writes nothing)."""
        setup_django("importing needs mangfold[web]")
        from mangfold.population.errors import PopulationFileError
        from mangfold.web.statistics.importing import ImportOptions, import_files
        from mangfold.web.statistics.reading import InputFile

        console = Console()
        name = dataset or files[0].name.split(".")[0]
        options = ImportOptions(
            scheme=scheme,
            name=name,
            source=source or name,
            delimiter={"tab": "\t", "\\t": "\t"}.get(delimiter or "", delimiter),
            period=period,
            parent_column=parent_column,
            boundaries=InputFile(boundaries.name, boundaries.read_bytes()) if boundaries else None,
            boundaries_key=boundaries_key,
            replace=replace,
        )
        inputs = [InputFile(f.name, f.read_bytes()) for f in files]
        try:
            done = import_files(inputs, options, links=_links(city or []))
        except PopulationFileError as error:
            _problems(console, error)
            raise typer.Exit(1) from None
        summary = Table(title=f"Imported {done.dataset.name}", show_header=False)
        summary.add_row("scheme", done.dataset.scheme)
        summary.add_row("periods", ", ".join(done.dataset.periods))
        summary.add_row("areas", str(done.areas))
        summary.add_row("counts", str(done.dataset.rows))
        summary.add_row("cities", ", ".join(_linked(done.dataset)) or "–")
        for note in done.notes:
            summary.add_row("note", note)
        console.print(summary)


def _linked(dataset: Any) -> list[str]:
    from mangfold.web.statistics.models import CityArea

    return [
        f"{slug} = {code}"
        for slug, code in CityArea.objects.filter(area__dataset=dataset).values_list(
            "city__slug", "area__code"
        )
    ]
