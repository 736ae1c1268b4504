"""Outcome barometer: goals, indicators, base year and the status rules (green, yellow, red, white).

Pure core: no Django. :mod:`.model` holds the definition and values, :mod:`.rules` the status rules,
:mod:`.intervals` the confidence intervals of the statistical rule, :mod:`.workbook` the definition
workbook and the values CSV.
"""

from mangfold.barometer.model import (
    Barometer,
    BarometerError,
    Direction,
    Goal,
    Indicator,
    Kind,
    Rule,
    Value,
    ValueSet,
)
from mangfold.barometer.rules import GoalStatus, IndicatorStatus, Status, barometer_statuses, status_name

__all__ = [
    "Barometer",
    "BarometerError",
    "Direction",
    "Goal",
    "GoalStatus",
    "Indicator",
    "IndicatorStatus",
    "Kind",
    "Rule",
    "Status",
    "Value",
    "ValueSet",
    "barometer_statuses",
    "status_name",
]
