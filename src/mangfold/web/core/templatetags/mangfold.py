"""Template helpers shared by every app: charts drawn from Vega-Lite specifications."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

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
