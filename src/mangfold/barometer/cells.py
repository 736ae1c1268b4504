"""Reading one cell or CSV field of a barometer file: text, numbers and choices, with errors naming where.

Numbers are ASCII digits with an optional decimal part (``.`` or ``,``) and a leading minus: no Unicode
digits, no ``_``, no exponents, nothing non-finite (``1_000``, ``١٢٣``, ``１２``, ``1e3``, ``inf`` are
refused). Shared by the definition workbook (:mod:`.workbook`) and the values CSV (:mod:`.values_csv`).
"""

from __future__ import annotations

import math
import re
from typing import Any

from mangfold.barometer.model import BarometerError, Direction, Kind, Rule, YearKind
from mangfold.i18n import gettext as _

__all__ = ["NUMBER", "choice", "decimal", "number", "text", "whole"]


def text(cell: object) -> str:
    """The cell as stripped text ("" for an empty one)."""
    return "" if cell is None else str(cell).strip()


NUMBER = re.compile(r"-?[0-9]{1,15}(?:[.,][0-9]{1,30})?")
"""A number as written in a cell or CSV field: ASCII digits, an optional decimal part with ``.`` or ``,``
and a leading minus (at most 15 digits before the decimal mark and 30 after: more is no measured value)."""


def number(raw: object) -> float | None:
    """``raw`` (a cell's number or text) as a finite number, or None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return float(raw) if abs(raw) < 10**15 else None  # a huge int cannot even be made a float
    if isinstance(raw, float):
        return raw if math.isfinite(raw) and abs(raw) < 1e15 else None
    written = text(raw)
    return float(written.replace(",", ".")) if NUMBER.fullmatch(written) else None


def whole(raw: object, where: str) -> int:
    """``raw`` as a whole number; :class:`BarometerError` naming ``where`` if it is not one."""
    found = number(raw)
    if found is None or not found.is_integer():
        raise BarometerError(
            _("{where}: {value!r} is not a whole number").format(where=where, value=text(raw))
        )
    return int(found)


def decimal(raw: object, where: str) -> float:
    """``raw`` as a finite number; :class:`BarometerError` naming ``where`` if it is not one."""
    found = number(raw)
    if found is None:
        raise BarometerError(_("{where}: {value!r} is not a number").format(where=where, value=text(raw)))
    return found


def choice(raw: str, choices: type[Direction] | type[Rule] | type[Kind] | type[YearKind], where: str) -> Any:
    """``raw`` as one of ``choices`` (case-insensitive); :class:`BarometerError` naming ``where``."""
    try:
        return choices(raw.lower())
    except ValueError:
        names = ", ".join(c.value for c in choices)
        raise BarometerError(
            _("{where}: {value!r} is not one of {choices}").format(where=where, value=raw, choices=names)
        ) from None
