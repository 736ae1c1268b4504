"""``mangfold load-demo``: the demo network of the web platform, with its cities counted and its logins."""

from __future__ import annotations

from typing import Annotated

import typer

from mangfold.cli._common import Lang, refuse, setup_django, terminal_output

EXAMPLE_CITIES = ("Eksempelby", "Exempelstad", "Musterstadt", "Prøvestad", "Sampleton")
"""The demo's fictional example cities as the help names them (a test checks them against the demo's data)."""

HELP = (
    "Load the demo network (real cities with their published figures; "
    f"{len(EXAMPLE_CITIES)} fictional example cities with invented figures and answers: "
    f"{', '.join(EXAMPLE_CITIES)}); print how many cities of each kind it has and its logins.\n\n"
    "Needs a migrated database; loading twice changes nothing."
)


def register(app: typer.Typer) -> None:
    @app.command("load-demo", help=HELP)
    def load_demo_command(
        password: Annotated[
            str | None,
            typer.Option(
                envvar="MANGFOLD_DEMO_PASSWORD",
                show_envvar=True,
                help="The password of every demo login (default: mangfold-demo).",
            ),
        ] = None,
        lang: Annotated[
            Lang | None,
            typer.Option(
                "--lang", help="Language of the summary (default: MANGFOLD_LANGUAGE, else English)."
            ),
        ] = None,
    ) -> None:
        """The command's help is :data:`HELP`."""
        setup_django("the demo needs mangfold[web]")
        from mangfold.web.core.operations import OperationError, load_demo

        try:
            load_demo(terminal_output(), password, lang.value if lang else None)
        except OperationError as error:
            refuse(error)
