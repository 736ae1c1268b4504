"""``mangfold import FILE…``: import population statistics into the web platform's database.

The same import as the upload form (``mangfold.web.statistics.importing``): the files (and boundaries)
are read, told apart and checked by the core (:func:`mangfold.population.import_check.check_import`)
before Django starts, every problem is listed with its file, row and column, and only files without
problems are written, in one transaction. Django (the web extra and a migrated database) is started only
to write; ``--dry-run`` prints the tidy counts as CSV, writes nothing and needs no Django at all.

A general PC-Axis or JSON-stat table is read once its dimensions are named: ``--area``, ``--period``
and ``--group`` name the dimensions (by code or label, in any of the file's languages), ``--select
DIM=CATEGORY[,CATEGORY…]`` restricts any dimension (a content variable, a sex or age total), applied
before the cells are checked; ``--period-value`` gives a file without a period dimension its period.
Without ``--scheme`` the groups stay as the table names them (printable with ``--dry-run``; importing
into the platform needs a scheme).
"""

from __future__ import annotations

import sys
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
        table.add_row(p.file or "", "" if p.row is None else str(p.row), p.column or p.place or "", p.message)
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
        scheme: Annotated[str | None, typer.Option("--scheme", help=SCHEME_HELP)] = None,
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
        area: Annotated[
            str | None, typer.Option("--area", help="The area dimension (default: found).")
        ] = None,
        period: Annotated[
            str | None, typer.Option("--period", help="The period dimension (default: the time).")
        ] = None,
        group: Annotated[
            str | None, typer.Option("--group", help="The group dimension (default: found).")
        ] = None,
        select: Annotated[
            list[str] | None,
            typer.Option(
                "--select", "-s", help="DIMENSION=CATEGORY[,CATEGORY…] (repeatable): keep only these."
            ),
        ] = None,
        period_value: Annotated[
            str | None,
            typer.Option("--period-value", help="The period of a file without a period dimension."),
        ] = None,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Print the counts as CSV; no database, nothing written.")
        ] = False,
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
        from mangfold.population.detect import InputFile
        from mangfold.population.errors import PopulationFileError
        from mangfold.population.import_check import check_import

        console = Console()
        reader = _reader_options(area, period, group, select or [])
        delimiter = {"tab": "\t", "\\t": "\t"}.get(delimiter or "", delimiter)
        inputs = [InputFile(f.name, path=str(f)) for f in files]
        if dry_run:
            _dry_run(inputs, scheme, reader, delimiter, period_value, parent_column)
            return
        if scheme is None:
            raise typer.BadParameter(
                "name the scheme of the groups to import them (or print them with --dry-run)",
                param_hint="--scheme",
            )
        shapes = InputFile(boundaries.name, path=str(boundaries)) if boundaries else None
        try:
            checked = check_import(
                inputs,
                scheme,
                delimiter=delimiter,
                period=period_value,
                parent_column=parent_column,
                reader_options=reader,
                boundaries=shapes,
                boundaries_key=boundaries_key,
            )
        except PopulationFileError as error:
            _problems(console, error)
            raise typer.Exit(1) from None
        except TypeError as error:  # an option the file's reader does not take (--select on a CSV)
            raise typer.BadParameter(f"not for this kind of file: {error}") from None
        setup_django("importing needs mangfold[web]")  # only now: to write
        from mangfold.web.statistics.importing import ImportOptions, import_checked

        name = dataset or files[0].name.split(".")[0]
        options = ImportOptions(
            scheme=scheme,
            name=name,
            source=source or name,
            delimiter=delimiter,
            period=period_value,
            parent_column=parent_column,
            boundaries=shapes,
            boundaries_key=boundaries_key,
            replace=replace,
            reader=reader,
        )
        try:
            done = import_checked(checked, inputs, options, links=_links(city or []))
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


def _reader_options(
    area: str | None, period: str | None, group: str | None, select: list[str]
) -> dict[str, Any]:
    """The core reader's options for the named dimensions and ``--select`` items."""
    from mangfold.sources.plan import parse_selection

    try:
        selection = parse_selection(select)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--select") from None
    options: dict[str, Any] = {k: v for k, v in (("area", area), ("period", period), ("group", group)) if v}
    if selection:
        options["select"] = selection
    return options


def _dry_run(
    inputs: list[Any],
    scheme: str | None,
    reader: dict[str, Any],
    delimiter: str | None,
    period_value: str | None,
    parent_column: str | None,
) -> None:
    """Read the files as the import would and print the tidy counts as CSV (notices on stderr). Only
    the core: no Django, no database."""
    from mangfold.population.detect import municipality_names, read_counts
    from mangfold.population.errors import PopulationFileError
    from mangfold.population.schemes import scheme as built_in_scheme
    from mangfold.population.schemes import scheme_name
    from mangfold.sources.convert import counts_csv, labelled

    err = Console(stderr=True)
    try:
        key = scheme_name(scheme) if scheme else None
    except KeyError as error:
        raise typer.BadParameter(str(error.args[0]), param_hint="--scheme") from None
    try:
        result = read_counts(
            inputs,
            key,
            delimiter=delimiter,
            period=period_value,
            parent_column=parent_column,
            municipality_names=municipality_names() if key == "dst_regions_2024" else None,
            reader_options=reader,
        )
    except PopulationFileError as error:
        _problems(err, error)
        raise typer.Exit(1) from None
    except TypeError as error:  # an option the file's reader does not take (--select on a CSV)
        raise typer.BadParameter(f"not for this kind of file: {error}") from None
    converted = labelled(result, built_in_scheme(key) if key else None)
    for notice in converted.notices:
        err.print(notice, highlight=False)
    err.print(f"{len(result.counts)} counts, scheme {key or '–'}; nothing was written", highlight=False)
    sys.stdout.write(counts_csv(converted))


def _linked(dataset: Any) -> list[str]:
    from mangfold.web.statistics.models import CityArea

    return [
        f"{slug} = {code}"
        for slug, code in CityArea.objects.filter(area__dataset=dataset).values_list(
            "city__slug", "area__code"
        )
    ]
