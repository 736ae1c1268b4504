"""Questionnaire workbooks: XLSForm (the ODK / KoboToolbox standard) with mangfold's columns.

:func:`read_xlsform` reads and validates a workbook in two passes. mangfold's own validator goes first
and reports *every* problem at once (sheet, row and column as Excel shows them); then pyxform converts
the workbook to an XForm, catching what XLSForm tools would reject (pyxform stops at its first error,
which is why it comes second). A plain XLSForm without mangfold's columns loads as an unscored
questionnaire with a note. :func:`write_xlsform` writes a questionnaire back with openpyxl (pyxform
cannot write XLSForm). The format is documented in ``docs/questionnaire-format.md``.

This is the public module; the code lives in the subpackage :mod:`mangfold.index.workbook`.
"""

from __future__ import annotations

from mangfold.index.workbook import (
    bundled_questionnaires,
    bundled_version_map,
    read_xlsform,
    validate_xlsform,
    write_xlsform,
    xlsform_warnings,
)

__all__ = [
    "bundled_questionnaires",
    "bundled_version_map",
    "read_xlsform",
    "validate_xlsform",
    "write_xlsform",
    "xlsform_warnings",
]
