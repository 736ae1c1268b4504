"""The questionnaire workbooks shipped with mangfold (``mangfold/data/questionnaires``)."""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

from mangfold.index.versions import version_groups
from mangfold.index.workbook.read import read_xlsform

__all__ = ["bundled_questionnaires", "bundled_version_map"]


def bundled_questionnaires() -> tuple[Path, ...]:
    """The questionnaire workbooks shipped in ``mangfold/data/questionnaires``, oldest first: sorted by
    the numbers in their names (``mangfold-2026`` is version 2026.1, before ``mangfold-2026.2``), so
    the last one is the newest, which new rounds use."""
    root = Path(str(resources.files("mangfold.data"))) / "questionnaires"
    return tuple(sorted(root.glob("*.xlsx"), key=_version_key)) if root.is_dir() else ()


@functools.cache
def bundled_version_map() -> dict[str, list[set[str]]]:
    """The :data:`~mangfold.index.instrument.VersionMap` of the bundled questionnaires: the groups of
    versions whose version maps make every indicator comparable (:func:`~mangfold.index.versions.
    version_groups`); read once per process."""
    return version_groups(read_xlsform(path, check_xlsform=False) for path in bundled_questionnaires())


def _version_key(path: Path) -> tuple[tuple[int, ...], str]:
    return tuple(int(n) for n in re.findall(r"[0-9]+", path.stem)), path.name
