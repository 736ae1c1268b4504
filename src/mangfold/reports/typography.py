"""Danish and English typography for reports: dates, numbers, shares, ordinals, lists and rank sentences.

Danish conventions (Dansk Sprognævn, *Retskrivningsordbogen* 4th ed., §§ 16, 52 and 55):

- dates as "22. marts 2010" (the day with a full stop, the month in lower case);
- a decimal comma and a full stop between thousands: "1.234,5";
- a space before the per cent sign: "18,5 %";
- ordinals with a full stop: "5." ("nr. 5 af 20");
- lists joined with "og" and no comma before it: "A, B og C";
- the genitive with a plain -s, an apostrophe after s, x and z: "Københavns", "Paris'"; a name with a
  parenthesis takes the genitive on the name before it: "Eksempelbys (opdigtet eksempel)";
- an invented city is marked "(opdigtet eksempel)" after its name (English "(invented example)").

English: "22 March 2010", "1,234.5", "18.5%", "5th", "A, B and C", "Copenhagen's".
A minus is the typographic minus sign U+2212 in both languages.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from mangfold.charts.locale import number as _locale_number
from mangfold.i18n import gettext as _
from mangfold.i18n import language

__all__ = [
    "MINUS",
    "display_name",
    "example_mark",
    "genitive",
    "join",
    "long_date",
    "number",
    "ordinal",
    "percent",
    "rank_sentence",
    "score",
    "signed",
]

MINUS = "\u2212"

MONTHS: dict[str, tuple[str, ...]] = {
    "da": (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def _lang(lang: str) -> str:
    """The language whose grammar rules apply (ordinals, genitives): Danish or else English."""
    return "da" if lang == "da" else "en"


def _month(month: int) -> str:
    """The name of a month (1–12) in the active language (:mod:`mangfold.i18n`)."""
    names = (
        _("January"),
        _("February"),
        _("March"),
        _("April"),
        _("May"),
        _("June"),
        _("July"),
        _("August"),
        _("September"),
        _("October"),
        _("November"),
        _("December"),
    )
    return names[month - 1]


def long_date(day: datetime.date, lang: str) -> str:
    """A date in words: ``long_date(date(2010, 3, 22), "da") == "22. marts 2010"``; "22 March 2010"."""
    with language(lang):
        return _("{day} {month} {year}").format(day=day.day, month=_month(day.month), year=day.year)


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A number with the language's separators and a typographic minus: Danish ``1.234,5``, ``−2``."""
    text = _locale_number(abs(value), lang, decimals)
    negative = value < 0 and text.strip("0.,") != ""
    return (MINUS if negative else "") + text


def score(value: float | None, lang: str) -> str:
    """A score 0–100 with one decimal (``66,7``); ``–`` when there is none."""
    return "–" if value is None else number(value, lang, 1)


def percent(value: float | None, lang: str, decimals: int = 1) -> str:
    """A percentage (the value in per cent): Danish ``18,5 %``, English ``18.5%``; ``–`` for none."""
    if value is None:
        return "–"
    text = number(value, lang, decimals)
    with language(lang):
        return _("{number}%").format(number=text)


def signed(value: float | None, lang: str, decimals: int = 1) -> str:
    """A change with its sign: ``+4,5``, ``−2,0``; zero without a sign; ``–`` for none."""
    if value is None:
        return "–"
    text = number(abs(value), lang, decimals)
    if text.strip("0.,") == "":
        return text
    return ("+" if value > 0 else MINUS) + text


def ordinal(n: int, lang: str) -> str:
    """An ordinal number: Danish ``5.``, English ``5th`` (``1st``, ``2nd``, ``3rd``, ``11th``, ``21st``)."""
    if _lang(lang) == "da":
        return f"{n}."
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def join(items: Sequence[str], lang: str) -> str:
    """Items as a list in prose: ``A, B og C`` (Danish), ``A, B and C`` (English)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    with language(lang):
        return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def genitive(name: str, lang: str) -> str:
    """The possessive of a name: ``Københavns``, ``Paris'`` (Danish); ``Copenhagen's`` (English).

    A name ending in a parenthesis takes the genitive before it: ``Eksempelbys (opdigtet eksempel)``,
    ``Sampleton's (invented example)``.
    """
    base, aside = _split_aside(name)
    if aside:
        return f"{genitive(base, lang)} {aside}"
    if _lang(lang) == "da":
        return f"{name}'" if name[-1:].lower() in {"s", "x", "z"} else f"{name}s"
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def example_mark(lang: str) -> str:
    """How an invented (demo) city is marked after its name: "opdigtet eksempel", "invented example"."""
    with language(lang):
        return _("invented example")


def _split_aside(name: str) -> tuple[str, str]:
    """``"Eksempelby (example)"`` → ``("Eksempelby", "(example)")``; a name without one → ``(name, "")``."""
    text = name.strip()
    if text.endswith(")") and " (" in text:
        base, _, rest = text.rpartition(" (")
        return base.rstrip(), f"({rest}"
    return text, ""


def display_name(name: str, lang: str, *, invented: bool = False) -> str:
    """A city's name as a report prints it: an invented city loses any parenthesis of its stored name
    ("Eksempelby (example)") and is marked in the report's language: ``Eksempelby (opdigtet eksempel)``."""
    if not invented:
        return name
    base, _aside = _split_aside(name)
    return f"{base} ({example_mark(lang)})"


def rank_sentence(city: str, rank: int, of: int, lang: str, *, tied: bool = False) -> str:
    """Where a city ranks, as a sentence without the final full stop.

    ``rank_sentence("København", 5, 20, "da") == "København ligger nr. 5 af 20 byer"``;
    English ``"Copenhagen ranks 5th of 20 cities"``; a shared rank reads "delt nr. 5" / "joint 5th".
    A sample of one is "1 by" / "1 city".
    """
    with language(lang):
        suffix = 4 if 10 <= rank % 100 <= 20 else min(rank % 10 or 4, 4)
        place = (_("{rank}st"), _("{rank}nd"), _("{rank}rd"), _("{rank}th"))[suffix - 1].format(rank=rank)
        if tied:
            place = _("joint {place}").format(place=place)
        if of == 1:
            return _("{city} ranks {place} of {of} city").format(city=city, place=place, of=of)
        return _("{city} ranks {place} of {of} cities").format(city=city, place=place, of=of)
