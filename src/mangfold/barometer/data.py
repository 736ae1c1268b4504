"""The barometer definition as plain, versioned data (JSON): what the web stores and the demo ships.

``to_data`` writes the current :data:`FORMAT` under the key ``format``; ``from_data`` reads every format
mangfold has written and refuses any other, and any missing or unknown field, with a message that names
where (the goal or indicator by its place and code):

- format 1 (no ``format`` key): title, version, goals and indicators;
- format 2: adds what a barometer is based on (``based_on_da``, ``based_on_en``, ``based_on_goals``,
  ``based_on_base_year``) and, for a goal, the barometer it is taken from (``taken_from_da``,
  ``taken_from_en``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, asdict, fields
from typing import Any, TypeVar

from mangfold.barometer.model import Barometer, BarometerError, Direction, Goal, Indicator, Kind, Rule
from mangfold.i18n import gettext as _

__all__ = ["FORMAT", "from_data", "to_data"]

T = TypeVar("T", Goal, Indicator)

FORMAT = 2
"""The format :func:`to_data` writes; :func:`from_data` reads 1 to this."""

_ADDED_IN_2 = {
    "barometer": {"based_on_da", "based_on_en", "based_on_goals", "based_on_base_year"},
    "goal": {"taken_from_da", "taken_from_en"},
}


def to_data(barometer: Barometer) -> dict[str, Any]:
    """The definition as plain JSON-able data, with its format."""
    return {"format": FORMAT, **asdict(barometer)}


def _format(data: Mapping[str, Any]) -> int:
    found = data.get("format", 1)
    if isinstance(found, bool) or not isinstance(found, int) or not 1 <= found <= FORMAT:
        problem = _(
            "the definition is in format {found!r}; this version of mangfold reads formats 1 to {last}"
        )
        raise BarometerError(problem.format(found=found, last=FORMAT))
    return found


def _record(raw: object, kind: type[Goal] | type[Indicator], where: str, version: int) -> dict[str, Any]:
    """``raw`` as a record, checked to hold only fields ``kind`` has in the format ``version``."""
    if not isinstance(raw, Mapping):
        raise BarometerError(_("{where}: not a record of fields").format(where=where))
    known = {f.name for f in fields(kind)}
    if version < 2 and kind is Goal:
        known -= _ADDED_IN_2["goal"]
    for name in sorted(set(raw) - known):
        raise BarometerError(_("{where}: unknown field {field!r}").format(where=where, field=name))
    return dict(raw)


def _enum(
    raw: Mapping[str, Any], name: str, choices: type[Direction] | type[Rule] | type[Kind], where: str
) -> Any:
    try:
        return choices(raw[name])
    except (KeyError, ValueError, TypeError):
        names = ", ".join(c.value for c in choices)
        problem = _("{where}: the field {field!r} must be one of {choices}")
        raise BarometerError(problem.format(where=where, field=name, choices=names)) from None


def _indicator(raw: Any, number: int, version: int) -> Indicator:
    code = raw.get("code", "?") if isinstance(raw, Mapping) else "?"
    where = _("indicator {number} ({code})").format(number=number, code=code)
    record = _record(raw, Indicator, where, version)
    record |= {
        "direction": _enum(record, "direction", Direction, where),
        "rule": _enum(record, "rule", Rule, where) if "rule" in record else Rule.ROUNDED,
        "kind": _enum(record, "kind", Kind, where) if "kind" in record else Kind.LEVEL,
        "groups": tuple(record.get("groups", ())),
    }
    return _build(Indicator, record, where)


def _goal(raw: Any, number: int, version: int) -> Goal:
    code = raw.get("code", "?") if isinstance(raw, Mapping) else "?"
    where = _("goal {number} ({code})").format(number=number, code=code)
    record = _record(raw, Goal, where, version)
    record |= {
        "indicators": tuple(record.get("indicators", ())),
        "policy_indicators": tuple(record.get("policy_indicators", ())),
    }
    return _build(Goal, record, where)


def _build(kind: type[T], record: dict[str, Any], where: str) -> T:
    """``kind(**record)``; a required field missing, a wrong type or a refused value named with ``where``."""
    for name in (f.name for f in fields(kind) if f.default is MISSING and f.default_factory is MISSING):
        if name not in record:
            raise BarometerError(_("{where}: the field {field!r} is missing").format(where=where, field=name))
    try:
        return kind(**record)
    except BarometerError as error:
        raise BarometerError(f"{where}: {error}") from None
    except TypeError:
        raise BarometerError(_("{where}: a field has the wrong type").format(where=where)) from None


def from_data(data: Mapping[str, Any]) -> Barometer:
    """The definition from :func:`to_data`'s output (any format from 1 to :data:`FORMAT`)."""
    if not isinstance(data, Mapping):
        raise BarometerError(_("the definition is not a record of fields"))
    version = _format(data)
    allowed = {f.name for f in fields(Barometer)} | {"format"}
    if version < 2:
        allowed -= _ADDED_IN_2["barometer"]
    for name in sorted(set(data) - allowed):
        raise BarometerError(_("the definition: unknown field {field!r}").format(field=name))
    for name in ("title_da", "title_en", "goals", "indicators"):
        if name not in data:
            raise BarometerError(_("the definition: the field {field!r} is missing").format(field=name))
    indicators = tuple(_indicator(raw, n, version) for n, raw in enumerate(data["indicators"], start=1))
    goals = tuple(_goal(raw, n, version) for n, raw in enumerate(data["goals"], start=1))
    extra = {name: data[name] for name in _ADDED_IN_2["barometer"] if name in data}
    try:
        return Barometer(
            data["title_da"], data["title_en"], goals, indicators, data.get("version", "1"), **extra
        )
    except BarometerError as error:
        raise BarometerError(_("the definition: {problem}").format(problem=error)) from None
    except TypeError:
        raise BarometerError(_("the definition: a field has the wrong type")) from None
