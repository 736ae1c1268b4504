"""Number formats per language: Danish ``1.234,5``, English ``1,234.5`` (d3-format locales)."""

from __future__ import annotations

from typing import Any

_FORMAT_LOCALES: dict[str, dict[str, Any]] = {
    "da": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["£", ""]},
}


def format_locale(lang: str) -> dict[str, Any]:
    """The d3 format locale for a language code (English when the language has none of its own)."""
    return dict(_FORMAT_LOCALES.get(lang, _FORMAT_LOCALES["en"]))


def number(value: float, lang: str, decimals: int = 0) -> str:
    """Format a number the way the language writes it: ``number(1234.5, "da", 1) == "1.234,5"``."""
    locale = format_locale(lang)
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", locale["decimal"]).replace("\x00", locale["thousands"])
