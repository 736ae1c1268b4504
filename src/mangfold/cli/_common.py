"""What several command groups share: the ``--lang`` choice, starting Django for the web commands and
printing a platform operation (:mod:`mangfold.web.core.operations`)."""

from __future__ import annotations

import os
from enum import StrEnum
from typing import TYPE_CHECKING, NoReturn

import typer


class Lang(StrEnum):
    """The language of the output."""

    da = "da"
    en = "en"


def setup_django(needs: str) -> None:
    """Configure and start Django with mangfold's web settings (unless ``DJANGO_SETTINGS_MODULE`` is set);
    ``needs`` is the message when Django is not installed, e.g. ``"importing needs mangfold[web]"``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangfold.web.settings")
    try:
        import django
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise typer.BadParameter(needs) from error
    django.setup()


if TYPE_CHECKING:
    from mangfold.web.core.operations import OperationError, Output


def terminal_output() -> Output:
    """Where a platform operation prints in a terminal (after :func:`setup_django`): its lines, its
    closing line in green."""
    from mangfold.web.core.operations import Output

    return Output(line=typer.echo, success=lambda text: typer.secho(text, fg="green"))


def refuse(error: OperationError) -> NoReturn:
    """A platform operation's refusal: its message on stderr, exit code 1."""
    typer.echo(str(error), err=True)
    raise typer.Exit(1)
