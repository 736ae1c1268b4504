"""The ``manage.py`` commands kept as aliases of ``mangfold`` commands: the same operation
(:mod:`mangfold.web.core.operations`), printed on the command's stdout, a refusal as ``CommandError``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from mangfold.web.core.operations import OperationError, Output


def run_operation(command: BaseCommand, operation: Callable[..., None], *args: Any, **kwargs: Any) -> None:
    """Run ``operation(output, *args, **kwargs)`` for ``command``; its refusal as ``CommandError``."""
    out = Output(
        line=command.stdout.write, success=lambda text: command.stdout.write(command.style.SUCCESS(text))
    )
    try:
        operation(out, *args, **kwargs)
    except OperationError as error:
        raise CommandError(str(error)) from error
