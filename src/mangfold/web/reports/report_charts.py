"""The charts of a city profile: the web's own Vega-Lite specifications, drawn as SVG for the PDF.

The specifications are those of the results pages (:mod:`mangfold.web.results.result_charts`) and the
statistics pages (:mod:`mangfold.web.statistics.pages`), so the web and the PDF show the same chart. For
print, :func:`for_print` only sets the font (DejaVu Sans, embedded in the PDF) and a white background;
:func:`svg_images` renders every chart with vl-convert, numbers in the report's language, as ``data:``
URLs the PDF template places as images (each SVG its own document: no clash of element ids).
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from mangfold.charts.render import to_svg
from mangfold.charts.scores import score_distribution
from mangfold.reports.fonts import CHART_FONT, register_chart_fonts
from mangfold.web.results import result_charts
from mangfold.web.results.services import RoundResults

MAX_BARS = 25
"""Up to this many cities an indicator's chart ranks them as bars; beyond, one dot per city on 0–100."""


def indicator_chart(results: RoundResults, code: str, slug: str) -> dict[str, Any] | None:
    """Every city's score on one measure (``overall`` or an indicator), the city highlighted: the ranking
    bars of the web's indicator page, or for a large sample the dots of the distribution chart."""
    scored = results.scored(code)
    if len(scored) <= MAX_BARS:
        return result_charts.ranking_chart(results, code, slug)
    name = results.by_slug[slug].city.display_name  # the page's language: build_profile runs in it
    return score_distribution(
        [(entry.city.display_name, score) for entry, score, _standing in scored],
        highlight=name,
        score_label=result_charts.score_label(),
        count_label=_("Score"),
    )


def for_print(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The specification with the report's font and a white background (nothing else changes)."""
    printed = copy.deepcopy(dict(spec))
    config = printed.setdefault("config", {})
    config["font"] = CHART_FONT
    printed.setdefault("background", "white")
    return printed


def svg(spec: Mapping[str, Any], lang: str) -> str:
    """The chart as an SVG document (vl-convert, fonts registered, numbers in ``lang``)."""
    register_chart_fonts()
    return to_svg(for_print(spec), lang)


def data_url(svg_text: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg_text.encode("utf-8")).decode("ascii")


def svg_images(specs: Mapping[str, Mapping[str, Any]], lang: str) -> dict[str, str]:
    """Each chart as a ``data:`` URL of its SVG, by the same keys."""
    return {key: data_url(svg(spec, lang)) for key, spec in specs.items()}
