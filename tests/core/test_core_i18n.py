"""The core's own message catalogue: the reader, the language switch, and that Danish is complete."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import mangfold
from mangfold import i18n
from mangfold.i18n import gettext, language, read_po

PACKAGE = Path(mangfold.__file__).resolve().parent
CATALOGUES = sorted((PACKAGE / "locale" / "da" / "LC_MESSAGES").glob("*.po"))


def danish() -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in CATALOGUES:
        entries = read_po(path.read_text(encoding="utf-8"))
        assert not set(entries) & set(merged), f"{path.name} repeats messages of another catalogue"
        merged.update(entries)
    return merged


def marked_messages() -> dict[str, list[str]]:
    """Every literal passed to ``_`` or ``gettext`` in the core (not the web), with where it is."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "web" in path.relative_to(PACKAGE).parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "mangfold.i18n" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "gettext")
            ):
                assert len(node.args) == 1 and isinstance(node.args[0], ast.Constant), (
                    f"{path.name}:{node.lineno}: mark a literal string, format it after translating"
                )
                found.setdefault(node.args[0].value, []).append(f"{path.name}:{node.lineno}")
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_marked_message_has_a_danish_translation_with_the_same_fields() -> None:
    translated = danish()
    missing = {msg: where for msg, where in marked_messages().items() if msg not in translated}
    assert not missing, "untranslated: " + "; ".join(f"{w[0]}: {m!r}" for m, w in missing.items())
    wrong = [msg for msg in marked_messages() if fields(msg) != fields(translated[msg])]
    assert not wrong, f"the fields differ in the Danish text of {wrong}"


def test_the_catalogue_holds_no_message_the_code_no_longer_uses() -> None:
    assert sorted(set(danish()) - set(marked_messages())) == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.name)
def test_the_catalogue_is_well_formed_and_free_of_fuzzy_entries(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    assert len(read_po(text)) == len(re.findall(r'^msgid "(?!")', text, flags=re.MULTILINE))


def test_the_reader_joins_continued_lines_and_skips_the_header_and_fuzzy_entries() -> None:
    text = """msgid ""
msgstr "Language: da\\n"

#, fuzzy
msgid "old"
msgstr "gammel"

# a comment
msgid "row {row}: "
"too long"
msgstr "række {row}: "
"for lang"

msgid "untranslated"
msgstr ""
"""
    assert read_po(text) == {"row {row}: too long": "række {row}: for lang"}


def test_a_malformed_catalogue_line_is_named() -> None:
    with pytest.raises(ValueError, match=r"mangfold.po, line 2: cannot read 'msgstr_plural'"):
        read_po('msgid "a"\nmsgstr_plural\n')


def test_the_language_comes_from_the_block_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "catalogue", lambda code: {"row": "række"} if code == "da" else {})
    monkeypatch.delenv("MANGFOLD_LANGUAGE", raising=False)
    assert gettext("row") == "row"
    with language("da-DK"):
        assert i18n.active_language() == "da" and gettext("row") == "række"
        with language("en"):
            assert gettext("row") == "row"
        with language(None):
            assert gettext("row") == "række"
    monkeypatch.setenv("MANGFOLD_LANGUAGE", "da")
    assert gettext("row") == "række" and gettext("not in the catalogue") == "not in the catalogue"
    with language("en"):
        assert gettext("row") == "row"
