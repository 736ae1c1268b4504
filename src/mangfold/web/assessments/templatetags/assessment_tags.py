"""Numbers on the assessment pages, in the page's format (Danish ``66``, ``12,5``); ``–`` for none."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


def rounded(value: object, places: int = 0) -> str:
    """``value`` rounded half up to ``places`` decimals in the page's number format; ``–`` for None.

    (Django's ``number_format`` cuts decimals off instead of rounding.)
    """
    if not isinstance(value, int | float | Decimal) or isinstance(value, bool):
        return "–"
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number_format(exact, decimal_pos=places)


@register.filter
def score(value: object) -> str:
    """A score 0–100 without decimals."""
    return rounded(value)


@register.filter
def percent(value: object) -> str:
    """A share 0–1 as a whole percentage."""
    return f"{rounded(100 * value)} %" if isinstance(value, int | float) else "–"


@register.filter
def points(value: object) -> str:
    """Points or a contribution with at most one decimal."""
    if not isinstance(value, int | float):
        return "–"
    return rounded(value, 0 if float(value).is_integer() else 1)
