"""Published results without answers (legacy): overall and indicator scores with their source.

CSV, UTF-8 (with or without BOM), ``,`` or ``;`` separated, one row per city and round::

    network,round,city,overall,source[,source_url][,round_name][,extended]
        [,instrument][,instrument_version][,published_rank][,published_sample][,published_date]
        [,published_rank_small][,published_rank_large][,published_rank_diverse]
        [,published_rank_less_diverse][,note][,INDICATOR…]

``network``, ``round`` and ``city`` are short names (slugs); the round is created when missing
(named ``round_name``, without a questionnaire, its published index ``instrument``, e.g. ``icc-index``,
and edition ``instrument_version``). ``overall`` (and ``extended`` and any indicator column, named by
its code) is a score 0–100 (``66``, ``66,5`` or ``66 %``); an empty indicator cell means "not
published". ``source`` is the citation and is required. The published place, as the publication gives
it: ``published_rank`` of ``published_sample`` cities, published ``published_date`` (``2011``,
``2011-spring`` or ``2011-03``), and places in the publication's peer groups (``published_rank_small``:
among cities under 200,000 inhabitants, …). A row whose rank lies outside 1 to its sample is refused,
naming the file, row and column. Importing the same file again changes nothing; results of an
assessment that has answers are never overwritten.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.db import transaction
from django.utils import timezone

from mangfold.index.model import is_code
from mangfold.index.scorecard import Scorecard
from mangfold.index.standing import valid_period
from mangfold.web.assessments.models import Assessment, Round, Transition
from mangfold.web.assessments.questionnaires import questionnaire_of
from mangfold.web.core.i18n import gettext as _
from mangfold.web.network.models import City, Network

REQUIRED = ("network", "round", "city", "overall", "source")
PEER_RANKS = {
    "published_rank_small": "small",
    "published_rank_large": "large",
    "published_rank_diverse": "diverse",
    "published_rank_less_diverse": "less_diverse",
}
"""Columns of published places in peer groups -> the group (:class:`mangfold.index.benchmark.PeerKind`)."""
WHOLE = ("published_rank", "published_sample", *PEER_RANKS)
OPTIONAL = (
    "source_url",
    "note",
    "round_name",
    "extended",
    "instrument",
    "instrument_version",
    "published_date",
    *WHOLE,
)


@dataclass(frozen=True)
class LegacyProblem:
    row: int | None
    column: str | None
    message: str
    file: str = ""

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                self.file,
                _("row %(row)d") % {"row": self.row} if self.row else "",
                _("column %(column)s") % {"column": repr(self.column)} if self.column else "",
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message


class LegacyImportError(ValueError):
    """A results file that cannot be imported, with every problem found."""

    def __init__(self, problems: list[LegacyProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, problems)))


@dataclass(frozen=True)
class LegacyRow:
    number: int
    cells: dict[str, str]
    indicators: dict[str, float]
    overall: float
    extended: float | None
    whole: dict[str, int]


SCORE = re.compile(r"[0-9]{1,15}(?:[.,][0-9]{1,15})? ?%?")
"""A score as published: ASCII digits, an optional decimal part with ``.`` or ``,`` and an optional ``%``
(no Unicode digits, no ``_``, no exponents, no ``inf`` or ``nan``)."""


def parse_score(text: str) -> float:
    """``66``, ``66.5``, ``66,5`` or ``66 %`` as a number; :class:`ValueError` otherwise."""
    text = text.strip()
    if not SCORE.fullmatch(text):
        raise ValueError(text)
    return float(text.rstrip("% ").replace(",", "."))


def read_legacy_csv(content: str) -> list[LegacyRow]:
    """The rows of a results file, checked for form (scores are numbers 0–100, a source is given)."""
    content = content.lstrip("\ufeff")
    first = content.split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(content, newline=""), delimiter=";" if first.count(";") > first.count(",") else ","
    )
    lines = _csv_rows(reader)
    header = [h.strip() for h in next(lines, (1, []))[1]]
    problems = [LegacyProblem(1, c, _("missing column")) for c in REQUIRED if c not in header]
    problems += [
        LegacyProblem(1, c, _("not a column name nor an indicator code"))
        for c in header
        if c not in REQUIRED + OPTIONAL and not is_code(c)
    ]
    if problems:
        raise LegacyImportError(problems)
    indicator_columns = [c for c in header if c not in REQUIRED + OPTIONAL]
    rows = []
    for number, values in lines:
        cells = {h: v.strip() for h, v in zip(header, values, strict=False)}
        if not any(cells.values()):
            continue
        found: dict[str, float] = {}
        for column in ["overall", "extended", *indicator_columns]:
            if not cells.get(column):
                if column == "overall":
                    problems.append(LegacyProblem(number, column, _("the overall score is required")))
                continue
            try:
                found[column] = parse_score(cells[column])
            except ValueError:
                message = _("not a number: %(value)s") % {"value": repr(cells[column])}
                problems.append(LegacyProblem(number, column, message))
                continue
            if not 0 <= found[column] <= 100:
                message = _("a score lies in 0–100, got %(value)s") % {"value": cells[column]}
                problems.append(LegacyProblem(number, column, message))
        for column in ("network", "round", "city", "source"):
            if not cells.get(column):
                problems.append(LegacyProblem(number, column, _("required")))
        problems += _storable(number, cells)
        whole, found_problems = _published_place(number, cells)
        problems += found_problems
        if "overall" in found:
            indicators = {c: found[c] for c in indicator_columns if c in found}
            rows.append(LegacyRow(number, cells, indicators, found["overall"], found.get("extended"), whole))
    if problems:
        raise LegacyImportError(problems)
    return rows


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """The rows of the file, numbered from 1 (the header); a row the csv module cannot read (a NUL byte,
    a field past its size limit, …) is refused naming its row."""
    for number in itertools.count(1):
        try:
            values = next(reader, None)
        except csv.Error as error:
            message = _("not readable as CSV (%(error)s)") % {"error": error}
            raise LegacyImportError([LegacyProblem(number, None, message)]) from None
        if values is None:
            return
        yield number, values


def _published_place(number: int, cells: dict[str, str]) -> tuple[dict[str, int], list[LegacyProblem]]:
    """The published rank, sample and peer places as whole numbers, and their problems: a rank or
    sample under 1, a rank above the sample, a date that is not a year (with a part of it)."""
    whole: dict[str, int] = {}
    problems = []
    for column in WHOLE:
        text = cells.get(column, "")
        if not text:
            continue
        if not (text.isascii() and text.isdigit()) or len(text) > 15 or int(text) < 1:
            message = _("not a whole number from 1: %(value)s") % {"value": repr(text)}
            problems.append(LegacyProblem(number, column, message))
            continue
        whole[column] = int(text)
    sample = whole.get("published_sample")
    for column in ("published_rank", *PEER_RANKS):
        if sample is not None and whole.get(column, 0) > sample:
            message = _("the rank %(rank)d is above the sample of %(sample)d cities") % {
                "rank": whole[column],
                "sample": sample,
            }
            problems.append(LegacyProblem(number, column, message))
    date = cells.get("published_date", "")
    if date and not valid_period(date):
        message = _("not a date of publication (2011, 2011-spring or 2011-03): %(value)s") % {
            "value": repr(date)
        }
        problems.append(LegacyProblem(number, "published_date", message))
    version = cells.get("instrument", "")
    if version and not is_code(version.replace("-", "_")):
        message = _("not a short name (letters, digits, hyphens, underscores): %(value)s") % {
            "value": repr(version)
        }
        problems.append(LegacyProblem(number, "instrument", message))
    return whole, problems


def _storable(number: int, cells: dict[str, str]) -> list[LegacyProblem]:
    """Problems of the cells that become a round's address and name and a link on public pages."""
    problems = []
    round_slug, round_name, url = (
        cells.get("round", ""),
        cells.get("round_name", ""),
        cells.get("source_url", ""),
    )
    if len(round_slug) > 50:
        message = _("longer than %(limit)d characters") % {"limit": 50}
        problems.append(LegacyProblem(number, "round", message))
    elif round_slug:
        try:
            validate_slug(round_slug)
        except ValidationError:
            message = _("not a short name (letters, digits, hyphens, underscores): %(value)s") % {
                "value": repr(round_slug)
            }
            problems.append(LegacyProblem(number, "round", message))
    if len(round_name) > 200:
        message = _("longer than %(limit)d characters") % {"limit": 200}
        problems.append(LegacyProblem(number, "round_name", message))
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
            if len(url) > 200:
                raise ValidationError("too long")
        except ValidationError:
            message = _("not a web address (starting with https:// or http://): %(value)s") % {
                "value": repr(url[:200])
            }
            problems.append(LegacyProblem(number, "source_url", message))
    return problems


def import_legacy(
    content: str,
    user: User | None = None,
    filename: str = "",
    networks: Collection[int] | None = None,
) -> list[Assessment]:
    """Import a results file in one transaction; :class:`LegacyImportError` lists every problem.

    ``networks``: the ids of the networks the file may import into (the importing administrator's);
    None for any (the command line, a superuser).
    """
    try:
        rows = read_legacy_csv(content)
    except LegacyImportError as error:
        raise LegacyImportError([replace(p, file=filename) for p in error.problems]) from None
    problems: list[LegacyProblem] = []
    imported = []
    with transaction.atomic():
        for row in rows:
            try:
                imported.append(_import_row(row, user, filename, networks))
            except LegacyImportError as error:
                problems.extend(replace(p, file=filename) for p in error.problems)
        if problems:
            transaction.set_rollback(True)
            raise LegacyImportError(problems)
    return imported


def _import_row(
    row: LegacyRow, user: User | None, filename: str, networks: Collection[int] | None
) -> Assessment:
    cells = row.cells
    network = Network.objects.filter(slug=cells["network"]).first()
    city = City.objects.filter(slug=cells["city"]).first()
    problems = []
    if network is None:
        message = _("no network %(name)s") % {"name": repr(cells["network"])}
        problems.append(LegacyProblem(row.number, "network", message))
    elif networks is not None and network.pk not in networks:
        message = _("you do not administer the network %(name)s") % {"name": repr(cells["network"])}
        problems.append(LegacyProblem(row.number, "network", message))
    if city is None:
        message = _("no city %(name)s") % {"name": repr(cells["city"])}
        problems.append(LegacyProblem(row.number, "city", message))
    if network is None or city is None:
        raise LegacyImportError(problems)
    instrument = {
        "instrument": cells.get("instrument", "")[:100],
        "instrument_version": cells.get("instrument_version", "")[:50],
    }
    round_, _created = Round.objects.get_or_create(
        network=network,
        slug=cells["round"],
        defaults={"name": cells.get("round_name") or cells["round"], **instrument},
    )
    if round_.questionnaire is None and instrument["instrument"]:
        if not round_.instrument:
            Round.objects.filter(pk=round_.pk).update(**instrument)
            round_.instrument, round_.instrument_version = instrument.values()
        elif (round_.instrument, round_.instrument_version) != tuple(instrument.values()):
            message = _("the round's published index is %(index)s") % {
                "index": f"{round_.instrument} {round_.instrument_version}".strip()
            }
            problems.append(LegacyProblem(row.number, "instrument", message))
    if round_.questionnaire is not None:
        known = {i.code for i in questionnaire_of(round_.questionnaire).indicators}
        problems += [
            LegacyProblem(row.number, c, _("no such indicator in the round's questionnaire"))
            for c in row.indicators
            if c not in known
        ]
    existing = Assessment.objects.filter(round=round_, city=city).first()
    if existing is not None and not existing.is_legacy:
        problems.append(
            LegacyProblem(row.number, "city", _("this city has an assessment with answers in that round"))
        )
    if problems:
        raise LegacyImportError(problems)
    card = Scorecard.legacy(row.overall, row.indicators, source=cells["source"], extended=row.extended)
    fields: dict[str, Any] = {
        "official_scorecard": card.to_dict(),
        "overall": card.overall,
        "source": cells["source"][:500],
        "source_url": cells.get("source_url", ""),
        "note": cells.get("note", "")[:300],
        "state": Assessment.State.PUBLISHED,
        "published_rank": row.whole.get("published_rank"),
        "published_sample": row.whole.get("published_sample"),
        "published_period": cells.get("published_date", ""),
        "published_peer_ranks": {kind: row.whole[c] for c, kind in PEER_RANKS.items() if c in row.whole},
    }
    if existing is not None:
        if any(getattr(existing, k) != v for k, v in fields.items()):
            Assessment.objects.filter(pk=existing.pk).update(**fields)
        return existing
    now = timezone.now()
    assessment = Assessment.objects.create(
        round=round_, city=city, published_at=now, approved_at=now, **fields
    )
    Transition.objects.create(
        assessment=assessment,
        to_state=Assessment.State.PUBLISHED,
        by=user,
        at=now,
        comment=f"Imported published results{' from ' + filename if filename else ''}: {cells['source']}",
    )
    return assessment
