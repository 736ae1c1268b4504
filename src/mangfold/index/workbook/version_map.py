"""Reading the ``version_map`` sheet: what became of each question of the previous version.

The rules for using the map (which questions and indicators stay comparable) are in
:mod:`mangfold.index.versions`; the format is in ``docs/questionnaire-format.md``.
"""

from __future__ import annotations

from mangfold.i18n import gettext as _
from mangfold.index.model import Change, MapEntry, is_code
from mangfold.index.versions import SHEET
from mangfold.index.workbook.cells import Context, cell_text

__all__ = ["read_version_map"]


def read_version_map(ctx: Context, codes: set[str]) -> tuple[MapEntry, ...]:
    """The ``version_map`` sheet (columns ``previous``, ``change``, ``current``, ``note``), checked on its
    own: a known change, each previous question once, ``current`` codes of this workbook's questions,
    exactly one for same/reworded/rescored, two or more for split, none for dropped."""
    sheet = ctx.sheets.get(SHEET)
    if sheet is None:
        return ()
    for column in ("previous", "change"):
        if sheet.find(column) is None:
            ctx.add(
                sheet,
                sheet.header_row,
                column,
                _("the version_map sheet has no {column} column").format(column=column),
            )
    entries: dict[str, MapEntry] = {}
    for row in sheet.rows:

        def problem(column: str, msg: str, number: int = row.number) -> None:
            ctx.add(sheet, number, sheet.find(column) or column, msg)

        previous = cell_text(sheet.value(row, "previous"))
        raw_change = (cell_text(sheet.value(row, "change")) or "").strip().lower()
        current = tuple((cell_text(sheet.value(row, "current")) or "").split())
        if not previous or not is_code(previous):
            problem("previous", _("a previous question code is needed (letters, digits and _)"))
            continue
        if previous in entries:
            problem("previous", _("question {code!r} is mapped twice").format(code=previous))
            continue
        try:
            change = Change(raw_change)
        except ValueError:
            msg = _("unknown change {value!r} (same, reworded, rescored, split or dropped)")
            problem("change", msg.format(value=raw_change))
            continue
        for code in current:
            if code not in codes:
                problem("current", _("{code!r} is not a question of this version").format(code=code))
        if change is Change.DROPPED:
            count_ok, expected = not current, _("no")
        elif change is Change.SPLIT:
            count_ok, expected = len(current) >= 2, _("two or more")
        else:
            count_ok, expected = len(current) == 1, _("exactly one")
        if not count_ok:
            msg = _("{change}: expects {count} current question code(s), got {got}")
            problem("current", msg.format(change=change.value, count=expected, got=len(current)))
        entries[previous] = MapEntry(previous, change, current, cell_text(sheet.value(row, "note")) or "")
    return tuple(entries.values())
