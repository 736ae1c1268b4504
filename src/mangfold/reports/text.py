"""Plain text with a little structure, as briefing sections are edited: paragraphs and lists.

A section's text is split into blocks at blank lines. A block whose every line starts with ``- `` (or
``• ``) is a bulleted list, one whose every line starts with a number and a full stop (``1. ``) is a
numbered list; any other block is one paragraph (its lines joined by spaces). The HTML templates and the
Word writer both lay out these blocks, so what an official types in the form is what the committee reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Block", "blocks"]

_BULLET = re.compile(r"^\s*[-•]\s+(?P<text>.*\S)\s*$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(?P<text>.*\S)\s*$")


@dataclass(frozen=True)
class Block:
    """A paragraph (``items`` holds its one text) or a list (``bullets`` / ``numbers``) of items."""

    kind: Literal["paragraph", "bullets", "numbers"]
    items: tuple[str, ...]

    @property
    def text(self) -> str:
        """A paragraph's text (the items joined, for lists)."""
        return " ".join(self.items)


def blocks(text: str) -> list[Block]:
    """The paragraphs and lists of ``text`` (see the module docstring); empty text has none."""
    found: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        bullets = [_BULLET.match(line) for line in lines]
        numbers = [_NUMBERED.match(line) for line in lines]
        if all(bullets):
            found.append(Block("bullets", tuple(m.group("text") for m in bullets if m)))
        elif all(numbers):
            found.append(Block("numbers", tuple(m.group("text") for m in numbers if m)))
        else:
            found.append(Block("paragraph", (" ".join(line.strip() for line in lines),)))
    return found
