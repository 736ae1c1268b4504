"""``mangfold load-demo``: the demo network of the web platform, with its logins printed."""

from __future__ import annotations

from typing import Annotated

import typer

from mangfold.cli._common import refuse, setup_django, terminal_output


def register(app: typer.Typer) -> None:
    @app.command("load-demo")
    def load_demo_command(
        password: Annotated[
            str | None,
            typer.Option(
                envvar="MANGFOLD_DEMO_PASSWORD",
                show_envvar=True,
                help="The password of every demo login (default: mangfold-demo).",
            ),
        ] = None,
    ) -> None:
        """Load the demo network (real published figures, one fictional example city); print its logins.

        Needs a migrated database; loading twice changes nothing.
        """
        setup_django("the demo needs mangfold[web]")
        from mangfold.web.core.operations import OperationError, load_demo

        try:
            load_demo(terminal_output(), password)
        except OperationError as error:
            refuse(error)
