"""The one rule of the architecture (docs/architecture.md): the core never imports Django, the web or the CLI.

Read from the source with :mod:`ast` like the import-cycle test (every import counts: module level, inside
functions, under ``TYPE_CHECKING``), so a core module that reached for Django only on one code path still
fails here.
"""

from __future__ import annotations

import pytest

from tests.core.test_import_cycles import imported_names, module_names

CORE = (
    "mangfold.index",
    "mangfold.population",
    "mangfold.segregation",
    "mangfold.charts",
    "mangfold.reports",
    "mangfold.barometer",
    "mangfold.i18n",
    "mangfold.collation",
    "mangfold.textsearch",
)
FORBIDDEN = ("django", "mangfold.web", "mangfold.cli", "mangfold.fuzz")


def _in(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


@pytest.mark.parametrize("package", CORE)
def test_a_core_package_imports_no_django_web_or_cli(package: str) -> None:
    found = [
        f"{module} imports {name}"
        for module, path in module_names().items()
        if _in(module, (package,))
        for source, name in imported_names(module, path)
        if _in(source, FORBIDDEN) or _in(name, FORBIDDEN)
    ]
    assert not found, "\n".join(found)


def test_the_check_sees_a_forbidden_import(tmp_path: object) -> None:
    from pathlib import Path

    file = Path(str(tmp_path)) / "m.py"
    file.write_text("def f():\n    from django.db import models\n", encoding="utf-8")
    assert ("django.db", "django.db.models") in imported_names("pkg.m", file)
