"""Numbers on the results pages in the page's language: Danish ``66,7`` and ``1.234.567``; ``–`` for none."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from mangfold.charts.locale import number
from mangfold.index.standing import Placement
from mangfold.web.results.places import Ranked, period_text, place_label, rank_label, relative_label

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
def whole_percent(value: float | None) -> str:
    """A share 0–1 as a whole percentage (``0.8`` → ``80 %``), e.g. an indicator's coverage."""
    return "–" if value is None else f"{number(100 * float(value), _lang(), 0)} %"


@register.filter
def signed(value: float | None) -> str:
    """A change with its sign and one decimal (``+4,5``, ``−2,0``)."""
    if value is None:
        return "–"
    text = number(abs(float(value)), _lang(), 1)
    if text.strip("0,.") == "":
        return text
    return ("+" if value > 0 else MINUS) + text


@register.filter
def rank(value: Ranked | None) -> str:
    """A place in a rank column: "2", shared "2 (delt)" ("2 (shared)"); "–" for none."""
    return rank_label(value)


@register.filter
def place(value: Placement | None) -> str:
    """A place in words: "nr. 5 af 20 byer" ("no. 5 of 20 cities"); "" for none."""
    return place_label(value)


@register.filter
def relative(value: Placement | None) -> str:
    """The relative position of a place: "foran 79 % af de øvrige byer"; "" for none."""
    return relative_label(value)


@register.filter
def published_when(value: Placement | None) -> str:
    """When a published place was published, in the page's language ("foråret 2011")."""
    return period_text(value)
