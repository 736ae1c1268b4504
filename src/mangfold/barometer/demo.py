"""The demo barometers shipped with mangfold (København's real figures, Eksempelby's invented ones).

Read from ``mangfold/data/barometer/`` (see its ATTRIBUTION.md); nothing is fetched.
"""

from __future__ import annotations

import json
from importlib import resources

from mangfold.barometer.model import Barometer, Value
from mangfold.barometer.workbook import from_data, read_values_csv

__all__ = ["DEMO_BAROMETERS", "demo_barometer"]

DEMO_BAROMETERS = ("copenhagen", "eksempelby")
"""The cities (by slug) that have a demo barometer."""


def demo_barometer(slug: str) -> tuple[Barometer, list[Value]]:
    """The definition and values of a demo barometer, by city slug."""
    folder = resources.files("mangfold.data").joinpath("barometer")
    definition = json.loads(folder.joinpath(f"{slug}.json").read_text(encoding="utf-8"))
    text = folder.joinpath(f"{slug}-values.csv").read_text(encoding="utf-8")
    return from_data(definition), read_values_csv(text, name=f"{slug}-values.csv")
