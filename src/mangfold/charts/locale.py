"""Number formats per language: Danish ``1.234,5``, English ``1,234.5`` (d3-format locales).

Danish and English are written out below. Another language takes its separators from its core
catalogue (:mod:`mangfold.i18n`): the message ``"1,234.5"`` translated as the language writes that
number (Swedish ``"1 234,5"``) gives the thousands separator and the decimal mark; without a
translation the language writes numbers as English does.
"""

from __future__ import annotations

import re
from typing import Any

from mangfold.i18n import gettext as _
from mangfold.i18n import language

_FORMAT_LOCALES: dict[str, dict[str, Any]] = {
    "da": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["£", ""]},
}
_SAMPLE = re.compile(r"1(\D?)234(\D)5")


def format_locale(lang: str) -> dict[str, Any]:
    """The d3 format locale for a language code (English when the language has none of its own)."""
    if lang in _FORMAT_LOCALES:
        return dict(_FORMAT_LOCALES[lang])
    with language(lang):
        sample = _("1,234.5")  # the number 1234.5 (one decimal) as the language writes it
    found = _SAMPLE.fullmatch(sample)
    if sample == "1,234.5" or found is None or found.group(1) == found.group(2):
        return dict(_FORMAT_LOCALES["en"])
    thousands, decimal = found.groups()
    return {"decimal": decimal, "thousands": thousands, "grouping": [3], "currency": ["", ""]}


def number(value: float, lang: str, decimals: int = 0) -> str:
    """Format a number the way the language writes it: ``number(1234.5, "da", 1) == "1.234,5"``."""
    locale = format_locale(lang)
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", locale["decimal"]).replace("\x00", locale["thousands"])
