"""Vega-Lite chart specifications: one place builds them, the web draws them, the reports render SVG.

Each module holds one family of charts as small pure functions returning a plain ``dict`` (a Vega-Lite
specification). Labels arrive translated from the caller; numbers follow the language through the format
locale (:func:`mangfold.charts.locale.format_locale`), so Danish pages show ``1.234,5``.
"""

from mangfold.charts.locale import format_locale, number
from mangfold.charts.render import to_svg

__all__ = ["format_locale", "number", "to_svg"]
