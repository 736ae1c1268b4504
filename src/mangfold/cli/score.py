"""``mangfold score``: score a city's answers on a questionnaire and print the scorecard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from mangfold.cli._common import Lang
from mangfold.cli.questionnaire import load_questionnaire
from mangfold.i18n import gettext as _
from mangfold.i18n import language
from mangfold.index.answers import read_answers
from mangfold.index.errors import AnswerError, AnswerProblem
from mangfold.index.markdown import format_number
from mangfold.index.model import Questionnaire
from mangfold.index.scorecard import Scorecard
from mangfold.index.scoring import score
from mangfold.index.xlsform import bundled_questionnaires


def _words(lang: str) -> dict[str, str]:
    """The scorecard's labels in ``lang`` (:mod:`mangfold.i18n`; English where it has none)."""
    with language(lang):
        return {
            "indicator": _("Indicator"),
            "score": _("Score"),
            "weight": _("Weight"),
            "index": _("Index"),
            "core": _("core"),
            "optional": _("optional"),
            "answered": _("Answered"),
            "completeness": _("Completeness"),
            "coverage": _("Coverage"),
            "composite": _("Composite"),
            "core_index": _("Core index"),
            "extended_index": _("Extended index"),
            "rule": _("Missing-answer rule"),
            "applied": _("applied to"),
            "question": _("Question"),
            "answer": _("Answer"),
            "status": _("Status"),
            "points": _("Points"),
            "share": _("Share"),
            "contribution": _("Contribution"),
        }


def _num(value: float | None, lang: str) -> str:
    return "–" if value is None else format_number(value, lang)


def _percent(value: float | None, lang: str) -> str:
    return "–" if value is None else f"{format_number(100 * value, lang)} %"


def answer_problems_table(problems: tuple[AnswerProblem, ...]) -> Table:
    """A rich table of answer problems: file, row, column, question, message."""
    table = Table(title=f"{len(problems)} problem(s) with the answers", title_justify="left")
    for column in ("file", "row", "column", "question", "problem"):
        table.add_column(column, overflow="fold")
    for p in problems:
        row = "" if p.row is None else str(p.row)
        table.add_row(p.file or "", row, p.column or "", p.question or "", p.message)
    return table


def print_scorecard(card: Scorecard, q: Questionnaire, lang: str, console: Console, details: bool) -> None:
    """Print a scorecard as rich tables, with names from the questionnaire in ``lang``."""
    w = _words(lang)
    console.print(f"[bold]{q.label(q.title, lang)}[/bold] ({card.form_id} {card.version})", highlight=False)
    table = Table(show_footer=False)
    for column in ("indicator", "score", "weight", "index", "answered", "completeness", "coverage"):
        table.add_column(w[column], justify="left" if column in ("indicator", "index") else "right")
    for i in card.indicators:
        name = q.label(q.indicator(i.code).name, lang)
        table.add_row(
            f"{name} ({i.code})",
            _num(i.score, lang),
            _num(i.weight, lang),
            w["core"] if i.core else w["optional"],
            f"{i.answered}/{i.applicable}",
            _percent(i.completeness, lang),
            _percent(i.coverage, lang),
        )
    console.print(table)
    if card.composites:
        composites = Table()
        composites.add_column(w["composite"])
        composites.add_column(w["score"], justify="right")
        for c in card.composites:
            composites.add_row(f"{q.label(q.composite(c.code).name, lang)} ({c.code})", _num(c.score, lang))
        console.print(composites)
    console.print(f"{w['core_index']}: [bold]{_num(card.core_index, lang)}[/bold]", highlight=False)
    console.print(f"{w['extended_index']}: [bold]{_num(card.extended_index, lang)}[/bold]", highlight=False)
    console.print(
        f"{w['completeness']}: {card.answered}/{card.applicable} ({_percent(card.completeness, lang)})",
        highlight=False,
    )
    applied = ", ".join(card.missing_applied) or "–"
    rule = card.missing_answer_rule.value if card.missing_answer_rule else "–"
    console.print(f"{w['rule']}: {rule} ({w['applied']}: {applied})", highlight=False)
    if details:
        console.print(_details(card, lang))


def _details(card: Scorecard, lang: str) -> Table:
    w = _words(lang)
    table = Table()
    for column in ("question", "indicator", "answer", "status", "points", "weight", "share", "contribution"):
        table.add_column(
            w[column], justify="right" if column in ("points", "weight", "share", "contribution") else "left"
        )
    lines = [line for i in card.indicators for line in i.questions] + list(card.unscored)
    for line in lines:
        answer = line.answer.display() if line.answer else ""
        table.add_row(
            line.code,
            line.indicator or "",
            answer,
            line.status.value,
            _num(line.points, lang),
            _num(line.weight, lang),
            _num(line.share, lang),
            _num(line.contribution, lang),
        )
    return table


def register(app: typer.Typer) -> None:
    @app.command("score")
    def score_command(
        answers: Annotated[
            Path, typer.Argument(exists=True, dir_okay=False, help="Answers file (.csv or .json).")
        ],
        questionnaire: Annotated[
            Path | None,
            typer.Option(
                "--questionnaire",
                "-q",
                exists=True,
                dir_okay=False,
                help="Questionnaire workbook (default: the bundled questionnaire).",
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the scorecard as JSON.")] = False,
        lang: Annotated[Lang, typer.Option("--lang", help="Language of names and labels.")] = Lang.da,
        details: Annotated[
            bool, typer.Option("--details", help="Also print the per-question breakdown.")
        ] = False,
    ) -> None:
        """Score a city's answers and print the scorecard (indicators, composites, indices)."""
        console = Console()
        if questionnaire is None:
            bundled = bundled_questionnaires()
            if not bundled:
                console.print("no bundled questionnaire: give --questionnaire FILE.xlsx")
                raise typer.Exit(2)
            questionnaire = bundled[-1]
        q = load_questionnaire(questionnaire, console)
        try:
            card = score(q, read_answers(answers))
        except AnswerError as exc:
            console.print(answer_problems_table(exc.problems))
            raise typer.Exit(1) from None
        if as_json:
            typer.echo(json.dumps(card.to_dict(), ensure_ascii=False, indent=2))
        else:
            print_scorecard(card, q, lang.value, console, details)
