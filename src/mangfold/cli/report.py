"""``mangfold report profile|briefing CITY --round R``: a city profile or committee briefing as a file.

Reads the platform's database (the web extra; ``DATABASE_URL`` or the SQLite file of ``make run``) and
makes the file at once, with the same templates as the web and the background worker:
the profile as PDF or a self-contained HTML file, the briefing as PDF (the profile attached), Word
(.docx) or HTML. The format follows the output file's suffix.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn

from mangfold.cli._common import Lang, setup_django


class Kind(StrEnum):
    """What to make."""

    profile = "profile"
    briefing = "briefing"


FORMATS = {Kind.profile: ("pdf", "html"), Kind.briefing: ("pdf", "docx", "html")}


def find_round(round_slug: str, network: str | None) -> Any:
    """The round with this short name (in ``network`` when given); a clear error when none or several."""
    from mangfold.web.assessments.models import Round

    rounds = Round.objects.select_related("network").filter(slug=round_slug)
    if network:
        rounds = rounds.filter(network__slug=network)
    found = list(rounds)
    if not found:
        raise typer.BadParameter(f"no round {round_slug!r}" + (f" in network {network!r}" if network else ""))
    if len(found) > 1:
        names = ", ".join(r.network.slug for r in found)
        raise typer.BadParameter(f"round {round_slug!r} exists in several networks ({names}): give --network")
    return found[0]


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        kind: Annotated[
            Kind, typer.Argument(help="profile (city profile) or briefing (committee briefing).")
        ],
        city: Annotated[str, typer.Argument(help="The city's short name (slug), e.g. copenhagen.")],
        round_slug: Annotated[str, typer.Option("--round", "-r", help="The round's short name, e.g. 2024.")],
        output: Annotated[
            Path,
            typer.Option("--output", "-o", dir_okay=False, help="The file to write: .pdf, .docx or .html."),
        ],
        lang: Annotated[Lang, typer.Option("--lang", "-l", help="The language of the report.")] = Lang.da,
        network: Annotated[
            str | None,
            typer.Option("--network", "-n", help="The network's short name, if the round's is ambiguous."),
        ] = None,
    ) -> None:
        """Write a city's profile or committee briefing for a round (from the published results)."""
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in FORMATS[kind]:
            allowed = ", ".join(f".{f}" for f in FORMATS[kind])
            raise typer.BadParameter(
                f"a {kind.value} is written as {allowed}, not {output.suffix or 'no suffix'}"
            )
        setup_django("reports need mangfold[web,reports]")
        from mangfold.web.reports.rendering import make

        round_ = find_round(round_slug, network)
        console = Console(stderr=True)
        columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f} %"))
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task(f"{kind.value} {city}", total=100)
            content = make(
                kind.value, fmt, round_, city, lang.value, lambda p, step: bar.update(task, completed=p)
            )
        if content is None:
            console.print(
                f"[red]{city!r} has no published result in {round_.network.slug}/{round_.slug}[/red]"
            )
            raise typer.Exit(1)
        output.write_bytes(content)
        console.print(f"Wrote {output} ({len(content):,} bytes)")
