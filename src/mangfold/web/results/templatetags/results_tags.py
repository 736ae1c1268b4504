"""Numbers on the results pages in the page's language: Danish ``66,7`` and ``1.234.567``; ``–`` for none;
and ``{% kept %}``, a block rendered once per round results object."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.urls import get_script_prefix, get_urlconf
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from mangfold.charts.locale import number
from mangfold.index.standing import Placement
from mangfold.web.network.models import City
from mangfold.web.results.places import Ranked, period_text, place_label, rank_label, relative_label
from mangfold.web.results.profile import Derived
from mangfold.web.results.services import RoundResults

register = template.Library()
MINUS = "\u2212"


def _lang() -> str:
    return get_language() or "da"


@register.filter
def score(value: float | None) -> str:
    """A score 0–100 with one decimal (``66,7``)."""
    return "–" if value is None else number(float(value), _lang(), 1)


@register.filter
def published_score(value: float | None) -> str:
    """A published score as its publication gave it: ``66`` for 66, ``66,5`` for 66.5 (up to two
    decimals; no decimals added that the publication did not give)."""
    if value is None:
        return "–"
    for decimals in (0, 1):
        if round(float(value), decimals) == float(value):
            return number(float(value), _lang(), decimals)
    return number(float(value), _lang(), 2)


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
def fact_source(city: City, fact: str) -> str:
    """The source of a city's fact (one of :data:`~mangfold.web.network.models.FACTS`) in the page's language:
    ``entry.city|fact_source:"population"``; "" when none is given."""
    return city.source(fact, _lang().split("-")[0])


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


KEPT_CHARACTERS = 8 * 1024 * 1024
"""At most this much kept HTML per process (least recently used first out)."""
_kept = Derived(KEPT_CHARACTERS, weigh=len)


class KeptNode(template.Node):
    """``{% kept results key … %}…{% endkept %}``: the block's HTML, rendered once per round results object
    (the public results are computed once per change of their data, and a change gives a new object:
    :class:`~mangfold.web.results.profile.Derived`), language and keys (text or whole numbers, such as the
    round's and the city's slugs), and kept for the next request. Only for a block that shows nothing but
    what these determine: the results, what is built from them and the keys; nothing of the visitor, the
    time or another table. Variables the block sets stay inside it."""

    def __init__(self, nodelist: NodeList, results: FilterExpression, keys: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.results = results
        self.keys = keys

    def render(self, context: template.Context) -> str:
        results = self.results.resolve(context)
        keys = tuple(key.resolve(context) for key in self.keys)
        if not isinstance(results, RoundResults) or any(type(key) not in (str, int) for key in keys):
            return self._render(context)
        where = (
            get_language(),
            get_script_prefix(),
            get_urlconf(),
            settings.ROOT_URLCONF,
            get_current_timezone_name(),
        )
        # the node itself in the key: its entries never serve another template, even a reloaded one
        return _kept.get(results, (self, keys, where, context.autoescape), lambda: self._render(context))

    def _render(self, context: template.Context) -> str:
        with context.push():
            return str(self.nodelist.render(context))


@register.tag
def kept(parser: Parser, token: Token) -> KeptNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% kept %} takes the round results and its keys.")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
