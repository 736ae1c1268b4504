"""Template helpers shared by every app: charts drawn from Vega-Lite specifications, addresses built once."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.template import defaulttags
from django.template.base import Parser, Token
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def chart(spec: dict[str, Any], label: str, chart_id: str = "") -> SafeString:
    """A <figure> holding a Vega-Lite specification; static/mangfold/charts.js draws it as SVG.

    ``label`` names the chart for screen readers; put a table with the same numbers next to it.
    """
    payload = json.dumps(spec, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return format_html(
        '<figure class="chart" id="{}" role="group" aria-label="{}">'
        '<div class="chart-canvas"></div>'
        '<script type="application/json">{}</script></figure>',
        chart_id or f"chart-{hashlib.sha1(payload.encode(), usedforsecurity=False).hexdigest()[:10]}",
        label,
        mark_safe(payload),  # noqa: S308 - JSON with <, > escaped: cannot close the script element
    )


@register.inclusion_tag("core/chart_scripts.html")
def chart_scripts() -> dict[str, Any]:
    """The vendored Vega bundle and the drawing script (include once per page that has charts)."""
    return {}


@register.filter
def thousands(value: object) -> str:
    """A whole number with the page's thousands separator: ``548443`` → ``"548.443"`` (da), ``"548,443"``
    (en); anything that is not a number is shown as it is, and nothing as ``–``."""
    from django.utils.translation import get_language

    from mangfold.charts.locale import number

    if value is None or value == "":
        return "–"
    try:
        return number(round(float(value)) + 0.0, get_language() or "da", 0)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


@lru_cache(maxsize=8192)
def _reversed(view: str, args: tuple[str | int, ...], current_app: str | None, *_where: object) -> str:
    return reverse(view, args=args, current_app=current_app)


def cached_reverse(view: str, args: tuple[str | int, ...] = (), current_app: str | None = None) -> str:
    """``reverse(view, args=args)``, built once per language, script prefix and URLconf in a process
    (``reverse`` takes some 25 µs; a page with a table of links calls it dozens of times)."""
    where = (get_language(), get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    return _reversed(view, args, current_app, *where)


class CachedURLNode(defaulttags.URLNode):
    """``{% url %}`` through :func:`cached_reverse` when every argument is a string or a whole number
    (slugs, codes, primary keys); other arguments, and keyword arguments, are reversed as ``{% url %}``
    does."""

    def render(self, context: template.Context) -> str:
        args = tuple(arg.resolve(context) for arg in self.args)
        if self.kwargs or any(type(arg) not in (str, int) for arg in args):
            return str(super().render(context))
        request: Any = getattr(context, "request", None)  # the current application, as {% url %} finds it
        if hasattr(request, "current_app"):
            current_app = request.current_app
        else:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        url = ""
        try:
            url = cached_reverse(str(self.view_name.resolve(context)), args, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return str(conditional_escape(url)) if context.autoescape else url


@register.tag
def url_cached(parser: Parser, token: Token) -> CachedURLNode:
    """``{% url_cached 'app:view' arg … [as name] %}``: ``{% url %}``, the address built once (see
    :func:`cached_reverse`); for the links in a page's tables and lists."""
    node = defaulttags.url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
