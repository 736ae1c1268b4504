"""Template helpers of the reports: a chart drawn in the browser or placed as SVG in print, dates in words."""

from __future__ import annotations

import datetime

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from mangfold.reports import typography
from mangfold.reports.text import Block, blocks
from mangfold.web.core.templatetags.mangfold import chart

register = template.Library()


@register.simple_tag(takes_context=True)
def report_chart(context: template.Context, key: str, label: str) -> SafeString:
    """The chart ``key`` of the report: in print its SVG image (``images``), on the web the Vega-Lite figure.

    ``label`` names the chart (the image's text alternative, the figure's label); a table beside the
    chart holds the same numbers. Nothing when the report has no such chart.
    """
    report = context.get("report")
    spec = report.charts.get(key) if report is not None else None
    if spec is None:
        return SafeString("")
    images: dict[str, str] | None = context.get("images")
    if images is not None:
        return format_html(
            '<figure class="chart chart-{}" id="figure-{}"><img src="{}" alt="{}"></figure>',
            key.split("-")[0],
            key,
            images[key],
            label,
        )
    return chart(spec, label, f"chart-{key}")


@register.filter
def long_date(value: datetime.date | None) -> str:
    """A date in words in the page's language: "22. marts 2010", "22 March 2010"."""
    if value is None:
        return ""
    return typography.long_date(value, get_language() or "da")


@register.filter
def percent(value: float | None) -> str:
    """A percentage in the page's language: "18,5 %", "18.5%"."""
    return typography.percent(value, get_language() or "da")


@register.filter
def index_value(value: float | None) -> str:
    """An index 0–1 with two decimals ("0,42"); "–" for none or not a number."""
    if value is None or value != value:
        return "–"
    return typography.number(float(value), get_language() or "da", 2)


@register.filter
def text_blocks(text: str) -> list[Block]:
    """The paragraphs and lists of a briefing section's text (:mod:`mangfold.reports.text`)."""
    return blocks(text or "")
