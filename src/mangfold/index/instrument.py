"""Instruments: what a score was measured with, and which scores may be compared.

Every round's scores come from one *instrument*:

- a **questionnaire**: its family (the workbook's ``form_id``) and ``version``; or
- a **published index**: results imported from a publication (e.g. the Council of Europe's ICC Index),
  named by the index's code (``family``) and the edition of its questionnaire (``version``).

Rule (docs/methodology/benchmark.md, "Instruments"): scores, ranks, percentiles, means, peer groups,
trends and score changes are computed only among results of one instrument. Two questionnaire versions
of one family are comparable only when a *version map* declares them so (2026.1 and 2026.2
are not: their version map keeps only some indicators comparable, see :mod:`mangfold.index.versions`);
a published index and a questionnaire are never comparable, whatever
their numbers look like: mangfold's overall score is not an ICC score.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from mangfold.i18n import gettext as _

__all__ = [
    "IncomparableError",
    "Instrument",
    "InstrumentKind",
    "VersionMap",
    "comparable",
    "instrument_label",
    "one_instrument",
]


class InstrumentKind(StrEnum):
    QUESTIONNAIRE = "questionnaire"
    """Scores computed by mangfold from answers to a questionnaire version."""
    PUBLISHED = "published"
    """Scores imported as a publication gave them (no answers behind them)."""


@dataclass(frozen=True)
class Instrument:
    """What a round's scores were measured with: ``kind``, ``family`` and ``version``.

    ``title`` is a display name (a questionnaire's title); it takes no part in comparisons.
    """

    kind: InstrumentKind
    family: str
    version: str
    title: str = field(default="", compare=False)

    @classmethod
    def questionnaire(cls, form_id: str, version: str, title: str = "") -> Instrument:
        return cls(InstrumentKind.QUESTIONNAIRE, form_id, version, title)

    @classmethod
    def published(cls, index: str, version: str, title: str = "") -> Instrument:
        return cls(InstrumentKind.PUBLISHED, index, version, title)

    @property
    def is_published(self) -> bool:
        return self.kind is InstrumentKind.PUBLISHED


VersionMap = Mapping[str, Collection[Collection[str]]]
"""For a questionnaire family (``form_id``): groups of versions declared comparable with each other."""


def comparable(a: Instrument, b: Instrument, version_map: VersionMap | None = None) -> bool:
    """True when scores of ``a`` and ``b`` may be ranked, averaged or subtracted together.

    The same instrument (kind, family and version), or two versions of one questionnaire family that a
    group of ``version_map`` holds both of (default: the groups the bundled questionnaires' version maps
    declare, :func:`mangfold.index.xlsform.bundled_version_map`: versions whose every indicator is
    comparable). Published indexes are comparable only with themselves.
    """
    if a == b:
        return True
    if a.kind is not InstrumentKind.QUESTIONNAIRE or a.kind is not b.kind or a.family != b.family:
        return False
    if version_map is None:  # the version maps of the bundled questionnaires (mangfold.index.versions)
        from mangfold.index.xlsform import bundled_version_map

        version_map = bundled_version_map()
    groups = version_map.get(a.family, ())
    return any(a.version in group and b.version in group for group in groups)


class IncomparableError(ValueError):
    """Scores of instruments that are not comparable were put into one ranking or one change."""


def one_instrument(
    instruments: Iterable[Instrument | None], version_map: VersionMap | None = None
) -> Instrument | None:
    """The common instrument of a set of results; :class:`IncomparableError` if two are not comparable.

    Results without an instrument (``None``) may only be mixed with other results without one.
    """
    found = list(dict.fromkeys(instruments))
    if len(found) <= 1:
        return found[0] if found else None
    first = found[0]
    for other in found[1:]:
        if first is None or other is None or not comparable(first, other, version_map):
            names = ", ".join(sorted(_describe(i) for i in found))
            raise IncomparableError(
                _("scores of different instruments cannot be compared: {names}").format(names=names)
            )
    return first


def _describe(instrument: Instrument | None) -> str:
    if instrument is None:
        return "?"
    return f"{instrument.kind.value}:{instrument.family}:{instrument.version}"


KNOWN_INDEXES = ("icc-index",)
"""Published indexes mangfold knows by code (named by :func:`index_name`)."""


def index_name(code: str) -> str | None:
    """The name of a known published index in the active language (None for an unknown code)."""
    if code == "icc-index":
        return _("ICC Index (Council of Europe)")
    return None


def instrument_label(instrument: Instrument) -> str:
    """The instrument's name in the active language: "ICC Index (Council of Europe), edition 2011"
    or "Intercultural policy questionnaire, version 2026.1"."""
    if instrument.is_published:
        name = index_name(instrument.family) or instrument.title or instrument.family
        if not instrument.version:
            return name
        return _("{name}, edition {version}").format(name=name, version=instrument.version)
    name = instrument.title or instrument.family
    return _("{name}, version {version}").format(name=name, version=instrument.version)


def separation_note(
    instruments: Iterable[Instrument], linked: Iterable[tuple[Instrument, Instrument]] = ()
) -> str:
    """Why a trend draws several series: one sentence naming the instruments, in the active language.

    ``linked``: pairs (earlier, later) of the instruments whose questionnaire versions a version map links
    (2026.1 → 2026.2); with such a pair, the sentence says that changes are computed between the linked
    versions only, for the indicators the map keeps comparable; without, that no change is computed."""
    found = list(dict.fromkeys(instruments))
    if len(found) < 2:
        return ""
    names = "; ".join(instrument_label(i) for i in found)
    pairs = [(a, b) for a, b in dict.fromkeys(linked) if a in found and b in found and a != b]
    if pairs:
        return _(
            "The scores come from {count} different instruments ({names}); a score on one is not a score on "
            "another, so each version has its own series. Changes are computed only between the versions a "
            "version map links ({pairs}), for the indicators the map keeps comparable (shown below)."
        ).format(
            count=len(found), names=names, pairs="; ".join(f"{a.version} → {b.version}" for a, b in pairs)
        )
    return _(
        "The scores come from {count} different instruments ({names}); a score on one is not a score on "
        "another, so each has its own series and no change is computed between them."
    ).format(count=len(found), names=names)
