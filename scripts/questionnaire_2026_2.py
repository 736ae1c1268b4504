"""Build version 2026.2 of mangfold's bundled questionnaire, with its version map from 2026.1.

Version 2026.1 (``scripts/questionnaire_content``, built by ``scripts/build_questionnaire.py``) stays as
it is: rounds were answered on it. This script applies the revisions of
``scripts/questionnaire_revisions_2026_2.py`` (issue 14) to that content and writes
``src/mangfold/data/questionnaires/mangfold-2026.2.xlsx``: the same sheets plus the columns
``not_measured`` (survey), ``required`` and ``exclusive`` (choices), ``previous_version`` (settings) and a
``version_map`` sheet saying what became of every 2026.1 question.

Usage::

    .venv/bin/python scripts/questionnaire_2026_2.py            # writes the bundled workbook
    .venv/bin/python scripts/questionnaire_2026_2.py -o out.xlsx
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))

import questionnaire_revisions_2026_2 as rev
from build_questionnaire import (
    CHOICE_COLUMNS,
    COMPOSITE_COLUMNS,
    DOCUMENT_TIME,
    INDICATOR_COLUMNS,
    SURVEY_COLUMNS,
    _number,
    _sheet,
    _yes_no,
)
from questionnaire_content import CHOICES, COMPOSITES, ENGLISH, INDICATORS, SETTINGS, TITLES
from questionnaire_content.model import Indicator, Question

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "src" / "mangfold" / "data" / "questionnaires" / "mangfold-2026.2.xlsx"

SETTINGS_2 = {**SETTINGS, "version": "2026.2", "previous_version": "2026.1"}
SURVEY_2 = (*SURVEY_COLUMNS, "not_measured")
CHOICE_2 = (*CHOICE_COLUMNS, "required", "exclusive")
MAP_COLUMNS = ("previous", "change", "current", "note")
_TEXT_FIELDS = ("da", "en", "help_da", "help_en")


def revised_question(old: Question) -> Question:
    """A 2026.1 question as 2026.2 asks it (renamed, rewritten, new bands, new list)."""
    code = rev.RENAMED.get(old.code, old.code)
    fields = dict(rev.TEXTS.get(code, {}))
    return dataclasses.replace(old, code=code, **fields)  # type: ignore[arg-type]


def indicators() -> tuple[Indicator, ...]:
    """The 2026.2 indicators with their questions (COM6 dropped, split questions added after their
    first part)."""
    result = []
    for indicator in INDICATORS:
        questions: list[Question] = []
        for old in indicator.questions:
            if old.code in rev.DROPPED:
                continue
            questions.append(revised_question(old))
            questions.extend(rev.SPLITS.get(old.code, ()))
        da, en = rev.INDICATOR_NAMES.get(indicator.code, (indicator.da, indicator.en))
        result.append(dataclasses.replace(indicator, da=da, en=en, questions=tuple(questions)))
    return tuple(result)


def choices() -> dict[str, tuple[rev.Choice, ...]]:
    """The 2026.2 choice lists: the revised ones, the others as in 2026.1 with ``none`` exclusive."""
    multiple = {q.list_name for i in INDICATORS for q in i.questions if q.type.startswith("select_multiple")}
    lists = {
        name: tuple(
            rev.Choice(c.name, c.da, c.en, c.points, False, c.name == "none" and name in multiple)
            for c in options
        )
        for name, options in CHOICES.items()
    }
    return {**lists, **rev.CHOICES}


def version_map() -> list[tuple[str, str, str, str]]:
    """``(previous, change, current, note)`` for every 2026.1 question."""
    rows = []
    new_lists = choices()
    for indicator in INDICATORS:
        for old in indicator.questions:
            code = rev.RENAMED.get(old.code, old.code)
            if old.code in rev.DROPPED:
                rows.append((old.code, "dropped", "", rev.DROPPED[old.code]))
            elif old.code in rev.SPLITS:
                parts = " ".join([code, *(q.code for q in rev.SPLITS[old.code])])
                rows.append((old.code, "split", parts, "a double-barrelled question asked as two"))
            elif old.code in rev.RESCORED:
                rows.append((old.code, "rescored", code, rev.RESCORED[old.code]))
            else:
                new = revised_question(old)
                texts = any(getattr(old, f) != getattr(new, f) for f in _TEXT_FIELDS)
                labels = _labels(old) != _labels_new(new, new_lists)
                renamed = "renamed from " + old.code if code != old.code else ""
                if texts or labels:
                    note = "; ".join(
                        x
                        for x in (renamed, "wording" if texts else "", "answer labels" if labels else "")
                        if x
                    )
                    rows.append((old.code, "reworded", code, note))
                else:
                    rows.append((old.code, "same", code, renamed))
    return rows


def _labels(question: Question) -> list[tuple[str, str, str, int]]:
    name = question.list_name
    return [(c.name, c.da, c.en, c.points) for c in CHOICES.get(name, ())] if name else []


def _labels_new(
    question: Question, lists: dict[str, tuple[rev.Choice, ...]]
) -> list[tuple[str, str, str, int]]:
    name = question.list_name
    return [(c.name, c.da, c.en, c.points) for c in lists.get(name, ())] if name else []


def survey_rows(items: tuple[Indicator, ...]) -> Iterable[Sequence[object]]:
    blank = [None] * (len(SURVEY_2) - 4)
    for indicator in items:
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
                "yes" if q.code in rev.NOT_MEASURED else None,
            ]
        yield ["end_group", None, None, None, *blank]


def build(output: Path) -> Path:
    """Write the 2026.2 workbook to ``output``."""
    items = indicators()
    codes = [q.code for i in items for q in i.questions]
    if len(codes) != len(set(codes)):
        raise ValueError("duplicate question codes in 2026.2")
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "survey", SURVEY_2, survey_rows(items))
    lists = choices()
    used = {q.list_name for i in items for q in i.questions if q.list_name}
    choice_rows = (
        [name, c.name, c.da, c.en, c.points, "yes" if c.required else None, "yes" if c.exclusive else None]
        for name, options in lists.items()
        if name in used
        for c in options
    )
    _sheet(wb, "choices", CHOICE_2, choice_rows)
    _sheet(wb, "settings", tuple(SETTINGS_2), [tuple(SETTINGS_2.values())])
    indicator_rows = (
        [
            i.code,
            i.da,
            i.en,
            i.scope_da,
            i.scope_en,
            _number(i.weight),
            _yes_no(i.core),
            " ".join(i.composites) or None,
        ]
        for i in items
    )
    _sheet(wb, "indicators", INDICATOR_COLUMNS, indicator_rows)
    _sheet(wb, "composites", COMPOSITE_COLUMNS, ([c, da, en] for c, (da, en) in COMPOSITES.items()))
    _sheet(wb, "version_map", MAP_COLUMNS, version_map())
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
    count = sum(len(i.questions) for i in indicators())
    print(f"wrote {path} ({len(INDICATORS)} indicators, {count} questions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
