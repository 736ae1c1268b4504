"""The ``mangfold`` command lists every command group."""

from __future__ import annotations

import pkgutil

from typer.testing import CliRunner

import mangfold.cli
from mangfold import __version__
from mangfold.cli import app


def test_help_lists_every_command_group() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    modules = [m.name for m in pkgutil.iter_modules(mangfold.cli.__path__) if not m.name.startswith("_")]
    assert "version" in modules
    for name in modules:
        command = name.rstrip("_").replace("_", "-")
        if name == "score" or name == "worker" or name == "version":
            assert command in result.output
        else:
            assert command in result.output or name in result.output


def test_version_prints_the_package_version() -> None:
    result = CliRunner().invoke(app, ["version"])
    assert result.exit_code == 0
    assert result.output.strip() == __version__
