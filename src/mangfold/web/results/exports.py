"""Open data: every published result of a round as CSV, Excel or JSON, labelled in the page's language.

Only scores leave the platform (overall, extended, per indicator, rank): never answers, never
evidence. Each file states its licence, CC BY 4.0 (two columns of the CSV, its name and address, on every
row; a sheet of its own in the workbook; a ``licence`` key in the JSON). Scores are rounded to two
decimals; ranks are computed from the unrounded scores.

The CSV follows the spreadsheet conventions of the page's language, so that a double click opens it
right: UTF-8 with a byte-order mark, the header on the first line, and in a language whose decimal
separator is a comma (Danish) the cells separated by ``;`` and decimals written with a comma (``66,5``),
otherwise ``,`` and a point (``66.5``); no thousands separators. A text cell that a spreadsheet would take
for a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a
leading ``'`` (OWASP, "CSV Injection"); numbers are written as numbers, a negative one included.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from mangfold.index.benchmark import OVERALL
from mangfold.web.results.services import RoundResults, stored_scorecard

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str


def licence_text(results: RoundResults, url: str) -> str:
    """The licence statement of an export, in the page's language."""
    names = {
        "network": results.round.network.name,
        "round": results.round.title,
        "licence": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "url": url,
    }
    return (
        _(
            "The published scores of %(network)s, %(round)s are open data under the Creative Commons "
            "Attribution 4.0 International licence (%(licence)s, %(licence_url)s). Credit: %(network)s, "
            "published with mangfold, %(url)s. Results imported from a published source name it in the "
            "column “Source”: cite it too. Answers and evidence are not part of this file."
        )
        % names
    )


def _score(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def table(results: RoundResults) -> tuple[list[Column], list[dict[str, Any]]]:
    """The columns (key and label) and one row per city, best overall rank first."""
    columns = [
        Column("rank", _("Rank")),
        Column("of", _("Number of cities")),
        Column("city", _("City")),
        Column("city_id", _("City short name")),
        Column("country", _("Country")),
        Column(OVERALL, _("Overall score")),
        Column("extended", _("Extended index")),
        *(Column(code, name) for code, name in results.indicators.items()),
        Column("kind", _("Kind of result")),
        Column("source", _("Source")),
        Column("source_url", _("Source address")),
        Column("note", _("Note")),
    ]
    rows = []
    for entry in results.entries:
        a = entry.assessment
        standing = entry.placement
        row: dict[str, Any] = {
            "rank": standing.rank if standing else None,
            "of": standing.of if standing else None,
            "city": entry.city.name,
            "city_id": entry.slug,
            "country": entry.city.country,
            OVERALL: _score(entry.result.overall),
            "extended": _score(card.extended if (card := stored_scorecard(a)) else None),
            **{code: _score(entry.result.indicators.get(code)) for code in results.indicators},
            "kind": _("published source") if a.is_legacy else _("self-assessment approved by the network"),
            "source": a.source,
            "source_url": a.source_url,
            "note": a.note,
        }
        rows.append(row)
    return columns, rows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text cell a spreadsheet would read as a formula, prefixed with ``'`` so that it stays text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Any, decimal: str) -> str:
    """One CSV cell: empty for None, numbers with the language's decimal separator, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return neutralise(str(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value) if "e" not in repr(value) else f"{value:.2f}"
        return text.replace(".", decimal)
    return neutralise(str(value))


def csv_dialect(lang: str) -> tuple[str, str]:
    """(cell separator, decimal separator) of the language: ``;`` where decimals take a comma."""
    decimal = str(formats.get_format("DECIMAL_SEPARATOR", lang))
    return (";" if decimal == "," else ",", decimal)


def to_csv(results: RoundResults, url: str) -> bytes:
    """RFC 4180 CSV in UTF-8 with a byte-order mark, in the page's language's conventions (module
    docstring), the licence's name and address in the last two columns."""
    columns, rows = table(results)
    columns += [Column("licence", _("Licence")), Column("licence_url", _("Licence address"))]
    separator, decimal = csv_dialect(translation.get_language() or "en")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=separator)
    writer.writerow([neutralise(c.label) for c in columns])
    for row in rows:
        row = {**row, "licence": LICENCE_NAME, "licence_url": LICENCE_URL}
        writer.writerow([csv_cell(row[c.key], decimal) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(results: RoundResults, url: str) -> bytes:
    """A workbook: the results on the first sheet, the licence on a sheet of its own."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    columns, rows = table(results)
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = _("Results")[:31]
    sheet.append([c.label for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[c.key] for c in columns])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # openpyxl makes text starting with "=" a formula: keep it text
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    licence = book.create_sheet(_("Licence")[:31])
    licence["A1"] = LICENCE_NAME
    licence["A1"].font = Font(bold=True)
    licence["A2"] = licence_text(results, url)
    licence["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    licence["A3"] = LICENCE_URL
    licence["A3"].hyperlink = LICENCE_URL
    licence.column_dimensions["A"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_json(results: RoundResults, url: str, lang: str) -> bytes:
    """A JSON document: the licence, the round, the columns with their labels and the rows."""
    columns, rows = table(results)
    document = {
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL, "statement": licence_text(results, url)},
        "network": {"id": results.round.network.slug, "name": results.round.network.name},
        "round": {"id": results.round.slug, "name": results.round.title},
        "language": lang,
        "url": url,
        "columns": [{"key": c.key, "label": c.label} for c in columns],
        "indicators": [{"code": code, "name": name} for code, name in results.indicators.items()],
        "results": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
