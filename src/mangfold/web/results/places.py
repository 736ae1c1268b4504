"""A city's place in words, in the page's language: "nr. 5 af 20 byer", "nr. 2 (delt) af 6 byer", "foran
79 % af de øvrige byer", or why no place is shown. One wording for the results pages, the profile and the
exports' notes; a rank column writes a shared place "2 (delt)", never "2="."""

from __future__ import annotations

from typing import Protocol

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mangfold.charts.locale import number
from mangfold.i18n import language
from mangfold.index.standing import Limits, Placement, Withheld, period_label, withheld_sentence


def _lang() -> str:
    return (get_language() or "da").split("-")[0]


class Ranked(Protocol):
    """A place with its rank and whether another city shares it (a placement or a benchmark standing)."""

    @property
    def rank(self) -> int: ...

    @property
    def tied(self) -> bool: ...


def rank_label(placement: Ranked | None) -> str:
    """A place as a rank column writes it: "2" or, shared, "2 (delt)" ("2 (shared)"); "–" without one."""
    if placement is None:
        return "–"
    if placement.tied:
        return _("%(place)s (shared)") % {"place": placement.rank}
    return str(placement.rank)


def place_label(placement: Placement | None) -> str:
    """ "nr. 5 af 20 byer" ("no. 5 of 20 cities"), shared "nr. 2 (delt) af 6 byer" ("no. 2 (shared) of 6
    cities"), or "nr. 12" without a published sample size; "" without a place."""
    if placement is None:
        return ""
    numbers = {"rank": rank_label(placement), "of": placement.of}
    if placement.of is None:
        return _("no. %(rank)s") % numbers
    return _("no. %(rank)s of %(of)s cities") % numbers


def relative_label(placement: Placement | None, *, say_published: bool = True) -> str:
    """ "ahead of 79 % of the other cities" (the relative position, rounded to a whole per cent); of a
    published place, "… (from the published place)" unless ``say_published`` is False (a sentence that
    already says the places are published)."""
    share = placement.relative if placement else None
    if share is None:
        return ""
    shown = {"share": number(round(100 * share), _lang())}
    if say_published and placement is not None and placement.published:
        return _("ahead of %(share)s %% of the other cities (from the published place)") % shown
    return _("ahead of %(share)s %% of the other cities") % shown


def period_text(placement: Placement | None) -> str:
    """When a published place was published, in the page's language ("foråret 2011")."""
    if placement is None or not placement.period:
        return ""
    with language(_lang()):
        return period_label(placement.period)


def withheld_text(reason: Withheld | None, count: int, limits: Limits) -> str:
    """Why no place is shown, in the page's language (the core's sentence)."""
    with language(_lang()):
        return withheld_sentence(reason, count, limits)
