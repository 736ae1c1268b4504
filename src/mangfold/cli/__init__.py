"""The ``mangfold`` command line.

Each module in this package is one command group. A module exposes ``register(app: typer.Typer)``
and adds its commands or sub-apps there; this file discovers the modules, so adding a command group
never means editing a shared file.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

app = typer.Typer(
    name="mangfold",
    help="mangfold: policy index, population by origin, segregation indices and reports.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def _register_command_groups() -> None:
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_command_groups()


def main() -> None:
    """Entry point of the ``mangfold`` console script."""
    app()
