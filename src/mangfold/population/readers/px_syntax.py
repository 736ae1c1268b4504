"""The statements of a PC-Axis file: ``KEYWORD[lang]("subkey", …)=value;`` up to ``DATA=``.

Values are quoted strings (adjacent quoted strings join), comma-separated lists of them, or unquoted
words (numbers, YES/NO, ``TLIST(…)``). Every syntax error is refused with its line.
"""

from __future__ import annotations

import re

from mangfold.i18n import gettext as _
from mangfold.population.errors import PopulationFileError, Problem

__all__ = ["Key", "Scanner"]

#: A statement's key: (keyword, language or None, subkeys).
Key = tuple[str, str | None, tuple[str, ...]]

_KEYWORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_WORD = re.compile(r'TLIST\([^)]*\)|[^;,"\s]+', re.IGNORECASE)


class Scanner:
    """Reads the statements of a PX text one by one (``statement``), from position ``i``."""

    def __init__(self, text: str, file: str):
        self.text, self.i, self.file = text, 0, file

    @property
    def line(self) -> int:
        return self.text.count("\n", 0, self.i) + 1

    def fail(self, message: str) -> PopulationFileError:
        return PopulationFileError(Problem(message, self.file, self.line))

    def skip_space(self) -> None:
        n = len(self.text)
        while self.i < n and self.text[self.i] in " \t\r\n\x1a\ufeff":
            self.i += 1

    def quoted(self) -> str:
        end = self.text.find('"', self.i + 1)
        if end < 0:
            raise self.fail(_("a quoted text is not closed"))
        s = self.text[self.i + 1 : end]
        self.i = end + 1
        return s

    def statement(self) -> tuple[Key, list[str]] | tuple[Key, None] | None:
        self.skip_space()
        if self.i >= len(self.text):
            return None
        m = _KEYWORD.match(self.text, self.i)
        if not m:
            raise self.fail(
                _("expected a keyword, found {text!r}").format(text=self.text[self.i : self.i + 20])
            )
        keyword = m.group(0).upper()
        self.i = m.end()
        lang = None
        if self.text.startswith("[", self.i):
            end = self.text.find("]", self.i)
            if end < 0 or "\n" in self.text[self.i : end]:
                raise self.fail(_("{keyword}: the language in [...] is not closed").format(keyword=keyword))
            lang = self.text[self.i + 1 : end].strip()
            self.i = end + 1
        subs: list[str] = []
        if self.text.startswith("(", self.i):
            self.i += 1
            while True:
                self.skip_space()
                if self.text.startswith('"', self.i):
                    subs.append(self.quoted())
                self.skip_space()
                if self.text.startswith(",", self.i):
                    self.i += 1
                    continue
                if self.text.startswith(")", self.i):
                    self.i += 1
                    break
                raise self.fail(_("{keyword}: the subkey in (...) is malformed").format(keyword=keyword))
        self.skip_space()
        if not self.text.startswith("=", self.i):
            raise self.fail(_("{keyword}: expected '='").format(keyword=keyword))
        self.i += 1
        key: Key = (keyword, lang, tuple(subs))
        if keyword == "DATA":
            return key, None
        return key, self.values(keyword)

    def values(self, keyword: str) -> list[str]:
        items: list[str] = []
        current: str | None = None
        n = len(self.text)
        while True:
            self.skip_space()
            if self.i >= n:
                raise self.fail(_("{keyword}: the value does not end with ';'").format(keyword=keyword))
            ch = self.text[self.i]
            if ch == ";":
                self.i += 1
                break
            if ch == '"':
                s = self.quoted()
                current = s if current is None else current + s  # adjacent strings join
            elif ch == ",":
                items.append(current or "")
                current = None
                self.i += 1
            else:
                m = _WORD.match(self.text, self.i)
                if not m:
                    raise self.fail(_("{keyword}: unexpected {char!r}").format(keyword=keyword, char=ch))
                word = m.group(0)
                current = word if current is None else current + word
                self.i = m.end()
        if current is not None:
            items.append(current)
        return items
