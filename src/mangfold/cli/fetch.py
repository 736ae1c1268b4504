"""``mangfold fetch statbank|pxweb``: official statistics straight from the service.

The table is fetched (``--select VAR=CODE[,CODE…]``, repeatable; ``VAR=*`` every value; a variable not
named is left to the service's elimination, its total), read by the core's JSON-stat reader and either
printed as tidy CSV (``--dry-run``: no database, nothing written, notices on standard error) or imported
in one transaction like any import, with its provenance (service, table, selection, the table's last
update, the time of the fetch). Statistics Denmark's herkomst categories are read in its origin scheme
without ``--scheme``; in a scheme the total category is dropped when the scheme can derive it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from mangfold.cli._common import setup_django

if TYPE_CHECKING:
    from mangfold.web.network.models import City as CityRecord

SELECT_HELP = "VARIABLE=CODE[,CODE…] (repeatable); VARIABLE=* takes every value; by code or text."
fetch_app = typer.Typer(
    name="fetch",
    help="Fetch official statistics from Statistics Denmark's StatBank or a PxWeb service.",
    no_args_is_help=True,
)

Select = Annotated[list[str], typer.Option("--select", "-s", help=SELECT_HELP)]
Scheme = Annotated[
    str | None,
    typer.Option("--scheme", help="Group scheme (dst, dk_regions, … or a full name); default: as named."),
]
City = Annotated[str | None, typer.Option("--city", help="Import for this city (its short name).")]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Print the counts as CSV; no database, nothing written.")
]
Area = Annotated[str | None, typer.Option("--area", help="The area dimension (default: found).")]
Period = Annotated[str | None, typer.Option("--period", help="The period dimension (default: the time).")]
Group = Annotated[str | None, typer.Option("--group", help="The group dimension (default: found).")]
Level = Annotated[
    str | None,
    typer.Option(
        "--level", help="Level of the areas: municipality, district or small_area (default: found)."
    ),
]
Dataset = Annotated[
    str | None, typer.Option("--dataset", help="Name of the dataset (default: table and city).")
]
Replace = Annotated[bool, typer.Option("--replace", help="Replace a dataset of the same name.")]


def _find_city(slug: str | None) -> CityRecord:
    """Start Django and find the city to import for (a clear error if there is none)."""
    setup_django("importing needs mangfold[web]")
    from mangfold.web.network.models import City as CityRecord

    found = CityRecord.objects.filter(slug=slug).first()
    if found is None:
        raise typer.BadParameter(f"no city with the short name {slug!r}", param_hint="--city")
    return found


def _run(plan: Any, *, city: str | None, dry_run: bool, dataset: str | None, replace: bool) -> None:
    from mangfold.population.errors import PopulationFileError
    from mangfold.sources.errors import FetchError
    from mangfold.sources.plan import run

    err = Console(stderr=True)
    if not dry_run and city is None:
        raise typer.BadParameter(
            "name the city to import for, or print the counts with --dry-run", param_hint="--city"
        )
    found = None if dry_run else _find_city(city)  # Django started before asking the service
    try:
        fetched, converted = run(plan)
    except FetchError as error:
        err.print(f"[red]Not fetched:[/red] {error}", highlight=False)
        raise typer.Exit(1) from None
    except PopulationFileError as error:
        _problems(err, error)
        raise typer.Exit(1) from None
    for notice in (*fetched.notices, *converted.notices):
        err.print(notice, highlight=False)
    err.print(
        f"{fetched.service} {fetched.table} ({fetched.title}), updated {fetched.updated or '–'}: "
        f"{len(converted.result.counts)} counts, scheme {converted.scheme.name if converted.scheme else '–'}",
        highlight=False,
    )
    if found is None:  # a dry run
        from mangfold.sources.convert import counts_csv

        sys.stdout.write(counts_csv(converted))
        return
    from mangfold.web.statistics.fetching import store_fetch

    try:
        done = store_fetch(plan, fetched, converted, city=found, name=dataset, replace=replace)
    except PopulationFileError as error:
        _problems(err, error)
        raise typer.Exit(1) from None
    Console().print(
        f"Imported {done.name}: {done.rows} counts, periods {', '.join(done.periods)}, for {found.name}",
        highlight=False,
    )


def _problems(console: Console, error: Any) -> None:
    console.print(f"[red]Not imported: {len(error.problems)} problem(s); nothing was written[/red]")
    for p in error.problems:
        where = " ".join(
            x for x in (p.file or "", "" if p.row is None else f"row {p.row}", p.column or "") if x
        )
        console.print(f"  {where}: {p.message}" if where else f"  {p.message}", highlight=False)


def _plan(service: str, table: str, select: list[str], **options: Any) -> Any:
    from mangfold.sources.plan import FetchPlan, parse_selection

    try:
        selection = parse_selection(select)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--select") from None
    return FetchPlan(service, table, selection, **options)


@fetch_app.command("statbank")
def statbank(
    table: Annotated[str, typer.Argument(help="The StatBank table, e.g. FOLK1C or KMSTA001.")],
    select: Select,
    scheme: Scheme = None,
    city: City = None,
    dry_run: DryRun = False,
    area: Area = None,
    period: Period = None,
    group: Group = None,
    level: Level = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the labels: da or en.")] = "da",
    dataset: Dataset = None,
    replace: Replace = False,
) -> None:
    """Fetch a table from Statistics Denmark's StatBank (address: MANGFOLD_STATBANK_URL)."""
    plan = _plan(
        "statbank",
        table.upper(),
        select,
        area=area,
        period=period,
        group=group,
        scheme=scheme,
        level=level,
        lang=lang,
    )
    _run(plan, city=city, dry_run=dry_run, dataset=dataset, replace=replace)


@fetch_app.command("pxweb")
def pxweb(
    table_url: Annotated[
        str,
        typer.Argument(help="The table's address, e.g. https://data.ssb.no/api/pxwebapi/v2/tables/09817."),
    ],
    select: Select,
    scheme: Scheme = None,
    city: City = None,
    dry_run: DryRun = False,
    area: Area = None,
    period: Period = None,
    group: Group = None,
    level: Level = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the labels (default: the table's).")
    ] = None,
    dataset: Dataset = None,
    replace: Replace = False,
) -> None:
    """Fetch a table from a PxWeb service (PxWebApi 2 with JSON-stat 2.0, or the v1 API)."""
    plan = _plan(
        "pxweb",
        table_url,
        select,
        area=area,
        period=period,
        group=group,
        scheme=scheme,
        level=level,
        lang=lang,
    )
    _run(plan, city=city, dry_run=dry_run, dataset=dataset, replace=replace)


@fetch_app.command("refresh")
def refresh() -> None:
    """Fetch again every table marked for refresh that is due (MANGFOLD_STATISTICS_REFRESH_HOURS)."""
    setup_django("refreshing needs mangfold[web]")
    from mangfold.web.statistics.tasks import due_sources, refresh_hours, refresh_source, schedule

    console = Console()
    if refresh_hours() <= 0:
        console.print("Scheduled fetching is off (MANGFOLD_STATISTICS_REFRESH_HOURS is 0): nothing to do.")
        return
    failed = 0
    for source in due_sources():
        ok = refresh_source(source)
        failed += not ok
        console.print(
            f"{source.table} for {source.city.name}: {'fetched' if ok else 'failed'}", highlight=False
        )
    if schedule():
        console.print(f"The worker fetches again in {refresh_hours()} hours.")
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(fetch_app)
