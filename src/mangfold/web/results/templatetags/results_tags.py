"""Numbers on the results pages in the page's language: Danish ``66,7`` and ``1.234.567``; ``–`` for none."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from mangfold.charts.locale import number

register = template.Library()
MINUS = "\u2212"


def _lang() -> str:
    return get_language() or "da"


@register.filter
def score(value: float | None) -> str:
    """A score 0–100 with one decimal (``66,7``)."""
    return "–" if value is None else number(float(value), _lang(), 1)


@register.filter
def whole(value: float | None) -> str:
    """A whole number with thousands separators (``1.234.567``)."""
    return "–" if value is None else number(float(value), _lang(), 0)


@register.filter
def share(value: float | None) -> str:
    """A percentage with one decimal (``18,5 %``)."""
    return "–" if value is None else f"{number(float(value), _lang(), 1)} %"


@register.filter
def signed(value: float | None) -> str:
    """A change with its sign and one decimal (``+4,5``, ``−2,0``)."""
    if value is None:
        return "–"
    text = number(abs(float(value)), _lang(), 1)
    if text.strip("0,.") == "":
        return text
    return ("+" if value > 0 else MINUS) + text
