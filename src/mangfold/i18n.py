"""Messages of mangfold's core (readers, validators) in the user's language, without Django.

The core marks its user-facing messages with :func:`gettext` (imported as ``_``), written with named
``str.format`` fields, and fills them after translating::

    from mangfold.i18n import gettext as _
    raise PopulationFileError(_("the count {value!r} is not a number").format(value=text))

The translations live in ``mangfold/locale/<language>/LC_MESSAGES/*.po`` (one file per part of the
core) and are read from the ``.po`` files themselves (a small reader below: the core needs no compiled
catalogue and no build step).
A message without a translation is shown in English (message by message: a language whose catalogue
is incomplete is still used for every message it has).

Adding a language needs catalogues only: a folder ``<language>/LC_MESSAGES/`` with ``.po`` files,
either in the package's ``locale`` folder or in a folder named by the environment variable
``MANGFOLD_LOCALE_PATHS`` (folders separated by ``os.pathsep``, like ``PATH``; their entries take
precedence over the package's own), or one added with :func:`add_locale_path`.

Which language: the innermost :func:`language` block of the current thread or task (a context
variable; the web sets it per request from the page's language), else the environment variable
``MANGFOLD_LANGUAGE`` (for the command line, e.g. ``MANGFOLD_LANGUAGE=da``), else English.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

__all__ = [
    "active_language",
    "add_locale_path",
    "catalogue",
    "gettext",
    "language",
    "languages",
    "locale_paths",
]

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "mangfold"

_active: ContextVar[str | None] = ContextVar("mangfold_language", default=None)
_added: list[Path] = []


def active_language() -> str:
    """The language messages are given in now: the innermost :func:`language` block, else the
    environment (``MANGFOLD_LANGUAGE``), else ``"en"``. Only the primary subtag counts (``da-DK``
    gives ``da``)."""
    code = _active.get() or os.environ.get("MANGFOLD_LANGUAGE", "") or "en"
    return code.replace("_", "-").split("-")[0].lower()


@contextmanager
def language(code: str | None) -> Iterator[None]:
    """Give the core's messages in ``code`` inside the block (``None``: leave the language as it is)."""
    if code is None:
        yield
        return
    token = _active.set(code)
    try:
        yield
    finally:
        _active.reset(token)


def gettext(message: str) -> str:
    """``message`` in the active language, or as it is when there is no translation."""
    code = active_language()
    if code == "en":
        return message
    return catalogue(code).get(message) or message


def locale_paths() -> tuple[Path, ...]:
    """The folders searched for catalogues, weakest first: the package's own, then those of
    ``MANGFOLD_LOCALE_PATHS`` (in the order given), then those added by :func:`add_locale_path`."""
    named = [Path(p) for p in os.environ.get("MANGFOLD_LOCALE_PATHS", "").split(os.pathsep) if p]
    return (LOCALE_DIR, *named, *_added)


def add_locale_path(path: str | Path) -> None:
    """Search ``path`` (a folder holding ``<language>/LC_MESSAGES/*.po``) for catalogues too; its
    entries take precedence over those found before."""
    _added.append(Path(path))


def languages() -> tuple[str, ...]:
    """The languages messages can be given in: English and every language with a catalogue folder in
    :func:`locale_paths`, sorted."""
    found = {"en"} | {
        folder.name
        for path in locale_paths()
        if path.is_dir()
        for folder in path.iterdir()
        if folder.is_dir()
    }
    return tuple(sorted(found))


def catalogue(code: str) -> dict[str, str]:
    """The translations of one language: ``{msgid: msgstr}`` from every ``.po`` file of its folder in
    each of :func:`locale_paths` (one per part of the core: ``index.po``, ``population.po``, …); empty
    when there is none."""
    return _catalogue(code, locale_paths())


@cache
def _catalogue(code: str, folders: tuple[Path, ...]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for folder in folders:
        for path in sorted((folder / code / "LC_MESSAGES").glob("*.po")):
            merged.update(read_po(path.read_text(encoding="utf-8")))
    return merged


def read_po(text: str) -> dict[str, str]:
    """The ``msgid`` → ``msgstr`` pairs of a ``.po`` file (no plural forms; fuzzy and empty entries
    and the header are left out). Strings are C-quoted and may continue over several lines."""
    entries: dict[str, str] = {}
    entry: dict[str, list[str]] = {}
    current: list[str] | None = None
    fuzzy = pending_fuzzy = False

    def flush() -> None:
        key, value = "".join(entry.get("msgid", [])), "".join(entry.get("msgstr", []))
        if key and value and not fuzzy:
            entries[key] = value

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            pending_fuzzy = pending_fuzzy or (line.startswith("#,") and "fuzzy" in line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid":
            flush()
            entry, fuzzy, pending_fuzzy = {}, pending_fuzzy, False
        if keyword in ("msgid", "msgstr"):
            current = entry[keyword] = [_unquote(rest, number)]
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line, number))
        else:
            raise ValueError(f"{DOMAIN}.po, line {number}: cannot read {raw!r}")
    flush()
    return entries


def _unquote(token: str, number: int) -> str:
    token = token.strip()
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"{DOMAIN}.po, line {number}: expected a quoted string, not {token!r}")
    return str(ast.literal_eval(token))
