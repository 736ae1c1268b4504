"""Sorting names the Danish way (Dansk Sprognævn's alphabet; Retskrivningsordbogen §§ 10–11).

The Danish alphabet ends ``… X Y Z Æ Ø Å``; ``Ä`` sorts as ``Æ``, ``Ö`` as ``Ø``, and the old spelling
``Aa`` as ``Å`` (so Aalborg and Aarhus come last, after Århus would); other accented letters sort as their
base letter (É as E, Ü as Y in Danish dictionaries, which we simplify to U). Case does not matter
except to break ties.
"""

from __future__ import annotations

import unicodedata

_LETTER_AFTER_Z = {"æ": "{0", "ä": "{0", "ø": "{1", "ö": "{1", "å": "{2"}


def danish_sort_key(name: str) -> tuple[str, str]:
    """A key for ``sorted(names, key=danish_sort_key)`` that orders names the Danish way."""
    lowered = name.casefold()
    out: list[str] = []
    i = 0
    while i < len(lowered):
        char = lowered[i]
        if char == "a" and lowered[i + 1 : i + 2] == "a":
            out.append(_LETTER_AFTER_Z["å"])
            i += 2
            continue
        if char in _LETTER_AFTER_Z:
            out.append(_LETTER_AFTER_Z[char])
        else:
            base = unicodedata.normalize("NFKD", char)[0]
            out.append(base)
        i += 1
    return "".join(out), name


def danish_sorted(names: list[str]) -> list[str]:
    """``names`` in Danish alphabetical order."""
    return sorted(names, key=danish_sort_key)
