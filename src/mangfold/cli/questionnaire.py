"""``mangfold questionnaire validate|export``: check a questionnaire workbook, or print it as Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mangfold.cli._common import Lang
from mangfold.index.errors import Problem, QuestionnaireError
from mangfold.index.markdown import questionnaire_markdown
from mangfold.index.model import Questionnaire
from mangfold.index.versions import check_version_map, comparable_indicators
from mangfold.index.xlsform import bundled_questionnaires, read_xlsform, validate_xlsform

WorkbookArg = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, help="The questionnaire workbook (.xlsx).")
]


def problems_table(problems: tuple[Problem, ...], source: str | None = None) -> Table:
    """A rich table of workbook problems: sheet, row, column, message."""
    table = Table(title=f"{len(problems)} problem(s) in {source or 'the workbook'}", title_justify="left")
    for column in ("sheet", "row", "column", "problem"):
        table.add_column(column, overflow="fold")
    for p in problems:
        column = f"{p.column} ({p.letter})" if p.column and p.letter else p.column or ""
        table.add_row(p.sheet, "" if p.row is None else str(p.row), column, p.message)
    return table


def load_questionnaire(path: Path, console: Console) -> Questionnaire:
    """Read a workbook, or print its problems and exit with status 1."""
    try:
        return read_xlsform(path)
    except QuestionnaireError as exc:
        console.print(problems_table(exc.problems, str(path)))
        raise typer.Exit(1) from None


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        name="questionnaire",
        help="Check a questionnaire workbook (XLSForm with mangfold's columns) or export it.",
        no_args_is_help=True,
    )

    @group.command("validate")
    def validate(
        path: WorkbookArg,
        previous: Annotated[
            Path | None,
            typer.Option(
                "--previous",
                exists=True,
                dir_okay=False,
                help="The previous version's workbook, to check the version_map against "
                "(default: the bundled questionnaire of that version, if any).",
            ),
        ] = None,
    ) -> None:
        """List every problem in a questionnaire workbook (exit status 1 when there are any); a
        version_map is checked against the previous version: every question accounted for."""
        console = Console()
        try:
            q, warnings = validate_xlsform(path)
            earlier = _previous_of(q, previous)
            if earlier is not None:
                problems = check_version_map(q, earlier)
                if problems:
                    raise QuestionnaireError(problems, str(path))
        except QuestionnaireError as exc:
            console.print(problems_table(exc.problems, str(path)))
            raise typer.Exit(1) from None
        scored = sum(x.scored for x in q.questions)
        console.print(
            f"[green]OK[/green] {path}: {q.label(q.title, 'en')} ({q.form_id} {q.version or '–'}), "
            f"{len(q.indicators)} indicators, {len(q.questions)} questions ({scored} scored), "
            f"languages {', '.join(q.language_codes)}, missing answers: {q.missing_answer_rule}",
            highlight=False,
        )
        if earlier is not None:
            shares = comparable_indicators(earlier, q)
            same = sorted(code for code, ok in shares.items() if ok)
            console.print(
                f"version map from {earlier.version}: {len(q.version_map)} questions accounted for; "
                f"indicators comparable with {earlier.version}: {', '.join(same) or 'none'}",
                highlight=False,
            )
        for note in q.notes:
            console.print(f"note: {note.get('en', q.default_language)}", highlight=False)
        for warning in warnings:
            console.print(f"XLSForm warning: {warning}", highlight=False, markup=False)

    @group.command("export")
    def export(
        path: WorkbookArg,
        lang: Annotated[Lang, typer.Option("--lang", help="Language of the text.")] = Lang.da,
        output: Annotated[
            Path | None, typer.Option("--output", "-o", help="Write to this file (default: print).")
        ] = None,
    ) -> None:
        """Write the questionnaire as readable Markdown: indicators, questions, choices and points."""
        q = load_questionnaire(path, Console())
        text = questionnaire_markdown(q, lang.value)
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {output}")

    app.add_typer(group)


def _previous_of(q: Questionnaire, path: Path | None) -> Questionnaire | None:
    """The questionnaire a version map is from: ``path``, else the bundled workbook of the same family
    and ``previous_version``; None when ``q`` has no version map (or no such workbook is bundled)."""
    if not q.version_map:
        return None
    if path is not None:
        return read_xlsform(path, check_xlsform=False)
    for bundled in bundled_questionnaires():
        found = read_xlsform(bundled, check_xlsform=False)
        if (found.form_id, found.version) == (q.form_id, q.previous_version):
            return found
    return None
