"""Build mangfold's bundled questionnaire workbook from ``scripts/questionnaire_content``.

The content package is the source of truth; this script checks it and writes it as an XLSForm workbook
with mangfold's extra columns (``docs/questionnaire-format.md``): sheets ``survey``, ``choices``,
``settings``, ``indicators`` and ``composites``, header in row 1, one ``begin_group``/``end_group``
pair per indicator so that ODK tools show the questions indicator by indicator.

Usage::

    .venv/bin/python scripts/build_questionnaire.py            # writes the bundled workbook
    .venv/bin/python scripts/build_questionnaire.py -o out.xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

sys.path.insert(0, str(Path(__file__).resolve().parent))

from questionnaire_content import (
    CHOICES,
    COMPOSITES,
    DANISH,
    ENGLISH,
    INDICATORS,
    SETTINGS,
    TITLES,
)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "src" / "mangfold" / "data" / "questionnaires" / "mangfold-2026.xlsx"
LANGUAGES = (DANISH, ENGLISH)

SURVEY_COLUMNS = (
    "type",
    "name",
    *(f"label::{lang}" for lang in LANGUAGES),
    *(f"hint::{lang}" for lang in LANGUAGES),
    "indicator",
    "kind",
    "weight",
    "scored",
    "not_applicable",
    "points",
)
CHOICE_COLUMNS = ("list_name", "name", *(f"label::{lang}" for lang in LANGUAGES), "points")
INDICATOR_COLUMNS = (
    "code",
    *(f"label::{lang}" for lang in LANGUAGES),
    *(f"scope::{lang}" for lang in LANGUAGES),
    "weight",
    "core",
    "composites",
)
COMPOSITE_COLUMNS = ("code", *(f"label::{lang}" for lang in LANGUAGES))

#: Fixed document timestamps, so that rebuilding does not change the workbook's properties.
DOCUMENT_TIME = dt.datetime(2026, 1, 1)

_CODE = re.compile(r"^[A-Z]{3}[0-9]+$")
_BAND = re.compile(r"^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*=\s*([0-9]+(?:\.[0-9]+)?)\s*$")


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def check_content() -> list[str]:
    """Return the problems found in the content (an empty list when it is consistent)."""
    problems: list[str] = []
    seen: set[str] = set()
    used_lists: set[str] = set()
    for indicator in INDICATORS:
        unknown = set(indicator.composites) - set(COMPOSITES)
        if unknown:
            problems.append(f"{indicator.code}: unnamed composites {sorted(unknown)}")
        for q in indicator.questions:
            if q.code in seen:
                problems.append(f"{q.code}: duplicate question code")
            seen.add(q.code)
            if not _CODE.match(q.code):
                problems.append(f"{q.code}: code is not PREFIX + number")
            if not all((q.da, q.en, q.help_da, q.help_en)):
                problems.append(f"{q.code}: missing text or help")
            if q.list_name is not None:
                used_lists.add(q.list_name)
                if q.list_name not in CHOICES:
                    problems.append(f"{q.code}: unknown choice list {q.list_name!r}")
            if q.points:
                bands = q.points.split(";")
                if not all(_BAND.match(band) for band in bands):
                    problems.append(f"{q.code}: malformed points {q.points!r}")
                else:
                    thresholds = [float(_BAND.match(b).group(1)) for b in bands]  # type: ignore[union-attr]
                    if thresholds != sorted(set(thresholds)):
                        problems.append(f"{q.code}: thresholds not strictly increasing")
    for name, options in CHOICES.items():
        if name not in used_lists:
            problems.append(f"choice list {name!r} is not used")
        if len({c.name for c in options}) != len(options):
            problems.append(f"choice list {name!r}: duplicate choice names")
        if any(not 0 <= c.points <= 100 for c in options):
            problems.append(f"choice list {name!r}: points outside 0–100")
    return problems


def survey_rows() -> Iterable[Sequence[object]]:
    """The rows of the ``survey`` sheet, without the header."""
    blank = [None] * (len(SURVEY_COLUMNS) - 4)
    for indicator in INDICATORS:
        yield ["begin_group", indicator.code, indicator.da, indicator.en, *blank]
        for q in indicator.questions:
            yield [
                q.type,
                q.code,
                q.da,
                q.en,
                q.help_da,
                q.help_en,
                indicator.code,
                q.kind,
                _number(q.weight),
                _yes_no(q.scored),
                _yes_no(q.not_applicable),
                q.points or None,
            ]
        yield ["end_group", None, None, None, *blank]


def choice_rows() -> Iterable[Sequence[object]]:
    """The rows of the ``choices`` sheet, without the header."""
    for list_name, options in CHOICES.items():
        for c in options:
            yield [list_name, c.name, c.da, c.en, c.points]


def indicator_rows() -> Iterable[Sequence[object]]:
    """The rows of the ``indicators`` sheet, without the header."""
    for i in INDICATORS:
        composites = " ".join(i.composites) or None
        yield [i.code, i.da, i.en, i.scope_da, i.scope_en, _number(i.weight), _yes_no(i.core), composites]


def _sheet(wb: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    ws.freeze_panes = "A2"
    for cell in ws[1]:
        width = 60 if cell.value and "::" in str(cell.value) else 18
        ws.column_dimensions[cell.column_letter].width = width
    return ws


def build(output: Path) -> Path:
    """Check the content and write the workbook to ``output``; return the path written."""
    problems = check_content()
    if problems:
        raise ValueError("questionnaire content is inconsistent:\n" + "\n".join(problems))
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "survey", SURVEY_COLUMNS, survey_rows())
    _sheet(wb, "choices", CHOICE_COLUMNS, choice_rows())
    _sheet(wb, "settings", tuple(SETTINGS), [tuple(SETTINGS.values())])
    _sheet(wb, "indicators", INDICATOR_COLUMNS, indicator_rows())
    _sheet(wb, "composites", COMPOSITE_COLUMNS, ([c, da, en] for c, (da, en) in COMPOSITES.items()))
    wb.properties.creator = "mangfold"
    wb.properties.title = TITLES[ENGLISH]
    wb.properties.created = DOCUMENT_TIME
    wb.properties.modified = DOCUMENT_TIME
    output.parent.mkdir(parents=True, exist_ok=True)
    wb.save(output)
    return output


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="workbook to write")
    args = parser.parse_args(argv)
    path = build(args.output)
    n_questions = sum(len(i.questions) for i in INDICATORS)
    print(f"wrote {path} ({len(INDICATORS)} indicators, {n_questions} questions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
