"""Numbers on the statistics pages, written the way the page's language writes them (Danish ``1.234,5``)."""

from __future__ import annotations

import math

from django import template
from django.utils.translation import get_language

from mangfold.charts.locale import number

register = template.Library()
NONE = "–"


def _unknown(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@register.filter
def pct(value: float | None, decimals: int = 1) -> str:
    """A share (0–1) as a percentage: ``0.2001`` → ``"20,0 %"`` in Danish, ``"20.0 %"`` in English."""
    if _unknown(value):
        return NONE
    rounded = round(100 * float(value), int(decimals)) + 0.0  # type: ignore[arg-type]
    return f"{number(rounded, get_language() or 'da', int(decimals))} %"


@register.filter
def num(value: float | None, decimals: int = 0) -> str:
    """A count with the language's thousands separator (``632.340``); non-integer counts keep decimals."""
    if _unknown(value):
        return NONE
    rounded = round(float(value), int(decimals)) + 0.0  # type: ignore[arg-type]  # no "-0,000"
    return number(rounded, get_language() or "da", int(decimals))


@register.filter
def idx(value: float | None) -> str:
    """An index (0–1) with three decimals: ``0,322``."""
    return num(value, 3)
