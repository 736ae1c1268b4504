"""Source notes in the report's language: a Danish report cites its sources in Danish.

Source notes are data (entered on a city, imported with a published result, written on a dataset) and
most of mangfold's are written in English. A Danish report (issue #11, item 6) translates them:

1. the publishers and kinds of document the notes name are put in Danish from :data:`PHRASES`
   ("Statistics Denmark" → "Danmarks Statistik", "committee minutes of 16.01.2012" → "udvalgsreferat af
   16.01.2012", "1 January 2011" → "1. januar 2011");
2. what is left in English after that is the title of an English publication: it is cited in Danish
   quotation marks, »…«, as titles are (Retskrivningsordbogen §§ 52–55), after the translated publisher
   when the note has the form "Publisher: Title".

English reports cite the notes as they are. A note in »…« is cited as it is: a source entered in English
only (a city's fact without a Danish source) is so cited, marked "(på engelsk)" (:func:`entered_note`).
:func:`is_english` is the word test the rules (and the tests of the Danish reports) use: a text with
English function words ("the", "of", "and", …).

A practice's source note is a citation list in the language of its sources (press releases, project pages,
"also listed by …"): :func:`practice_source` cites it in a report of another language than English by the
addresses of its sources instead ("kilder på ajuntament.barcelona.cat og citiesofmigration.ca"), the hosts
of the record's links as they are written.

A published result is cited with its period and its source apart (:func:`published_result_note`): the
period is when the result is from, not when the source was published ("resultat fra foråret 2011; kilde:
Københavns Kommune, udvalgsreferat af 16.01.2012 (kk.dk)").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from mangfold.i18n import gettext as _
from mangfold.i18n import language
from mangfold.index.standing import period_label
from mangfold.reports.typography import MONTHS, join

__all__ = [
    "ENGLISH_WORDS",
    "PHRASES",
    "entered_note",
    "is_english",
    "practice_source",
    "published_result_note",
    "source_hosts",
    "source_note",
]

ENGLISH_WORDS = (
    "the",
    "of",
    "and",
    "in",
    "with",
    "from",
    "is",
    "was",
    "are",
    "has",
    "have",
    "this",
    "that",
    "which",
    "minutes",
    "committee",
    "example",
    "source",
    "table",
    "city",
    "profile",
    "report",
    "council",
    "statistics",
    "signature",
    "attachment",
)
"""Words that mark a text as English (none of them is a Danish word: "for", "by" and "to" are Danish too
and left out): function words, and the words of mangfold's own English notes."""

_ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH_WORDS) + r")\b", re.IGNORECASE)
_QUOTED = re.compile(r"»[^«]*«|“[^”]*”|\"[^\"]*\"")


def is_english(text: str) -> bool:
    """Whether ``text`` holds an English word of :data:`ENGLISH_WORDS` outside quotation marks."""
    return bool(_ENGLISH.search(_QUOTED.sub(" ", text)))


PHRASES: tuple[tuple[str, str], ...] = (
    (r"\bStatistics Denmark\b", "Danmarks Statistik"),
    (r"\bStatistics Norway\b", "Statistisk sentralbyrå (Norge)"),
    (r"\bCouncil of Europe\b", "Europarådet"),
    (r"\bcommittee minutes of\b", "udvalgsreferat af"),
    (r"\b(\w+) city council report\b", r"rapport fra \1s byråd"),
    (r"\bstatistics:", "statistik:"),
    (r"\(population\b", "(befolkningen"),
    (r"\bcity profile of\b", "byprofil for"),
    (r"\bcomputed by mangfold\b", "beregnet af mangfold"),
    (r"\bparish boundaries\b", "sognegrænser"),
    (r"\bimmigrants in (\w+)'s parishes\b", r"indvandrere i \1s sogne"),
    (r"\bof Danish origin\b", "af dansk oprindelse"),
    (r"\btable\b", "tabel"),
    (r"\bas reported by\b", "gengivet af"),
    (r"\bas published by\b", "offentliggjort af"),
    (r"\bpopulation on\b", "befolkningen pr."),
    (r"\bmunicipal register\b", "folkeregister"),
    (r"\bCopenhagen\b", "København"),
    (r"\bInvented for the demo \(fictional city\)", "opfundet til demoen (opdigtet by)"),
)
"""English phrases of source notes and their Danish, applied in order (regular expressions)."""

_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS["en"]) + r") (\d{4})\b")


_LABEL_AFTER_STOP = re.compile(r"\.\s+([A-ZÆØÅ]\w*:)")
"""A second sentence that starts with a label ("… DAGI. Grænser: …"): joined with a semicolon, so a
note reads as one aside in parentheses ("… DAGI; grænser: …")."""

_LEADING_WORD = re.compile(r"^(kilde|source|sources|kilder)\s*:\s*", re.IGNORECASE)


def _danish_date(match: re.Match[str]) -> str:
    month = MONTHS["da"][MONTHS["en"].index(match.group(2))]
    return f"{int(match.group(1))}. {month} {match.group(3)}"


def _bilingual(note: str, lang: str) -> str | None:
    """The part in ``lang`` of a note written "English / dansk" (the demo's invented figures)."""
    if " / " not in note:
        return None
    english, _, danish = note.partition(" / ")
    part = danish if lang == "da" else english
    return part.strip() or None


_DANISH_QUOTE = re.compile(r"(»[^«]*«)")


def _outside_quotes(text: str, change: Callable[[str], str]) -> str:
    """``text`` with ``change`` applied to what is not in Danish quotation marks: »…« is a title or a
    note cited as it is (:func:`entered_note`), never translated."""
    return "".join(p if p.startswith("»") else change(p) for p in _DANISH_QUOTE.split(text))


def _in_danish(text: str) -> str:
    for pattern, replacement in PHRASES:
        text = re.sub(pattern, replacement, text)
    return _DATE.sub(_danish_date, text)


def source_note(note: str, lang: str) -> str:
    """A source note in the report's language (the rules of the module docstring); English unchanged.

    A leading "Kilde:" / "Source:" and a final full stop are dropped: the report writes its own; a
    labelled second sentence is joined with a semicolon. What is in »…« is left as it is.
    """
    text = _LEADING_WORD.sub("", note.strip()).rstrip(".")
    part = _bilingual(text, lang) if " / " in _QUOTED.sub(" ", text) else None
    if part is not None:
        text = part
    text = _outside_quotes(text, lambda t: _LABEL_AFTER_STOP.sub(lambda m: "; " + m.group(1).lower(), t))
    if lang != "da" or not text:
        return text
    text = _outside_quotes(text, _in_danish)
    if not is_english(text):
        return text
    publisher, colon, title = text.partition(": ")
    if colon and not is_english(publisher):
        return f"{publisher}: »{title}«"
    return f"»{text}«"


def entered_note(note: str, lang: str) -> str:
    """A source entered in one language only (a city's fact without a Danish source), for a report in
    ``lang``: an English note in a report of another language cited as it is, in quotation marks and
    marked, "»Municipal yearbook 2020, table 3.1 (population on 1 January 2020)« (på engelsk)"; otherwise
    (an English report, a note not in English) as :func:`source_note` gives it.

    Not translated by :data:`PHRASES`: they know the notes mangfold ships, while a note entered by a user
    is of any form, and a part-translated one ("befolkningen on 1. januar 2020") is in neither language.
    The result passes :func:`source_note` unchanged, so a report may cite it with the other notes."""
    text = _LEADING_WORD.sub("", note.strip()).rstrip(".")
    if lang == "en" or not text or not is_english(text):
        return source_note(note, lang)
    with language(lang):
        return _("{note} (in English)").format(note=f"»{text}«")


def source_hosts(links: Sequence[str]) -> list[str]:
    """The hosts of the web addresses among ``links``, each once, in order, without a leading "www."."""
    hosts: dict[str, None] = {}
    for link in links:
        parts = urlsplit(link.strip())
        if parts.scheme in ("http", "https") and parts.hostname:
            hosts.setdefault(parts.hostname.removeprefix("www."), None)
    return list(hosts)


def practice_source(note: str, links: Sequence[str], lang: str) -> str:
    """A practice's sources in the report's language: in English its citation (:func:`source_note`); in
    another language the addresses of its sources ("kilder på ajuntament.barcelona.cat og
    citiesofmigration.ca"), or, with no web address, the note as :func:`source_note` gives it."""
    hosts = source_hosts(links)
    if lang == "en" or not hosts:
        return source_note(note, lang)
    with language(lang):
        text = _("source at {hosts}") if len(hosts) == 1 else _("sources at {hosts}")
    return text.format(hosts=join(hosts, lang))


def published_result_note(source: str, period: str, lang: str) -> str:
    """A published result's period and source, each for what it is: "resultat fra foråret 2011; kilde:
    Københavns Kommune, udvalgsreferat af 16.01.2012 (kk.dk)" ("result from spring 2011; source:
    …"). The period (the publication's code, "2011-spring") dates the result, never the source, which may
    be later (minutes of January 2012 reporting the result of spring 2011). Either part may be empty."""
    parts = []
    with language(lang):
        if period:
            parts.append(_("result from {period}").format(period=period_label(period)))
        if source:
            parts.append(_("source: {source}").format(source=source_note(source, lang)))
    return "; ".join(parts)
