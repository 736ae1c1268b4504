"""Render a Vega-Lite specification to SVG with vl-convert (the same engine the browser bundle uses)."""

from __future__ import annotations

from typing import Any

from mangfold.charts.locale import format_locale


def to_svg(spec: dict[str, Any], lang: str = "da") -> str:
    """The chart as an SVG document, numbers formatted for ``lang``.

    Needs ``vl-convert-python`` (in the ``web`` and ``reports`` extras). The data must be inline: no
    external URL is fetched (``allowed_base_urls=[]``; vl-convert would fetch any by default).
    """
    import vl_convert

    svg: str = vl_convert.vegalite_to_svg(spec, format_locale=format_locale(lang), allowed_base_urls=[])
    return svg
