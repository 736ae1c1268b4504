"""The questionnaire workbook (XLSForm with mangfold's columns): reading, validating and writing it.

One subpackage for the whole workbook path, each module named for what it holds:

* :mod:`.read` — :func:`read_xlsform` / :func:`validate_xlsform`: mangfold's validator, then pyxform;
* :mod:`.sheets` — streaming the sheets into rows with Excel row numbers, within size limits;
* :mod:`.cells` — cell parsers and the problem collector (:class:`~.cells.Context`);
* :mod:`.definitions` — the settings, languages, indicators, composites and choices sheets;
* :mod:`.survey` — the survey sheet;
* :mod:`.version_map` — the version_map sheet;
* :mod:`.write` — :func:`write_xlsform`, writing a questionnaire back;
* :mod:`.bundled` — the workbooks shipped with mangfold.

The public entry point stays :mod:`mangfold.index.xlsform` (and ``mangfold.index``), which re-exports
these functions. The format is documented in ``docs/questionnaire-format.md``.
"""

from __future__ import annotations

from mangfold.index.workbook.bundled import bundled_questionnaires, bundled_version_map
from mangfold.index.workbook.read import read_xlsform, validate_xlsform, xlsform_warnings
from mangfold.index.workbook.write import write_xlsform

__all__ = [
    "bundled_questionnaires",
    "bundled_version_map",
    "read_xlsform",
    "validate_xlsform",
    "write_xlsform",
    "xlsform_warnings",
]
