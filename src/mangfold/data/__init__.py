"""Data shipped with mangfold: questionnaires, demo data and their attribution.

Each data set lives in its own folder with an ``ATTRIBUTION.md`` that states origin, licence and the line
the product must show wherever it displays the data (``- **Attribution line:** "…"``, optionally a Danish
``- **Attribution line (da):** "…"``). Nothing here reads ``/work/shared`` or the network.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

__all__ = ["attribution", "data_path", "datasets"]

_ATTRIBUTION_FILE = "ATTRIBUTION.md"
_LINE = re.compile(r"\*\*Attribution line(?: \((?P<lang>[a-z]{2})\))?:\*\*\s*\"(?P<text>[^\"]+)\"")


def data_path(*parts: str) -> Path:
    """Path of a shipped data file or folder, e.g. ``data_path("dk_boundaries", "sogne.topojson.gz")``.

    Resolved with :mod:`importlib.resources`, so it works from a source checkout, an editable install and
    an installed wheel (package data is installed as files). Raises :class:`FileNotFoundError` naming the
    path when it does not exist.
    """
    if not parts or any(not p or p in {".", ".."} or "/" in p or "\\" in p for p in parts):
        raise ValueError(f"data_path needs plain path components, got {parts!r}")
    path = Path(str(resources.files(__name__).joinpath(*parts)))
    if not path.exists():
        raise FileNotFoundError(f"mangfold ships no data file {'/'.join(parts)!r} ({path})")
    return path


def datasets() -> tuple[str, ...]:
    """Names of the shipped data sets: the folders that carry an ``ATTRIBUTION.md``, sorted."""
    root = Path(str(resources.files(__name__)))
    return tuple(sorted(p.parent.name for p in root.glob(f"*/{_ATTRIBUTION_FILE}")))


def attribution(dataset: str, lang: str = "en") -> str:
    """The attribution line of a shipped data set, in English (``"en"``) or Danish (``"da"``).

    Read from the data set's ``ATTRIBUTION.md``; a data set without a Danish line gives the English one
    for ``"da"``. Raises :class:`KeyError` for an unknown data set and :class:`ValueError` when the file
    has no attribution line.
    """
    if lang not in {"en", "da"}:
        raise ValueError(f"lang must be 'en' or 'da', got {lang!r}")
    try:
        text = data_path(dataset, _ATTRIBUTION_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, ValueError):
        raise KeyError(f"unknown data set {dataset!r}; shipped: {', '.join(datasets())}") from None
    lines = {m.group("lang") or "en": m.group("text") for m in _LINE.finditer(text)}
    if "en" not in lines:
        raise ValueError(f"{dataset}/{_ATTRIBUTION_FILE} has no '**Attribution line:**'")
    return lines.get(lang, lines["en"])
