"""The committee briefing: drafted from the city profile's numbers, edited by officials, saved with a version.

:func:`facts` turns a :class:`~mangfold.web.reports.profile.ProfileReport` into the pure core's
:class:`~mangfold.reports.briefing.BriefingFacts`; :func:`current` gives the saved briefing of a city,
round and language, or an unsaved draft; :func:`save` stores an edit only when it was made on the version
that is stored (optimistic versioning: of two officials editing the same version, the second is refused).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mangfold.index.learning import Basis, first_sentence
from mangfold.reports import briefing as core
from mangfold.reports.context import round_year
from mangfold.reports.docx import BriefingDocument
from mangfold.reports.typography import display_name
from mangfold.web.assessments.models import Round
from mangfold.web.barometer.sections import barometer_section
from mangfold.web.practices.recommended import Area, Suggested
from mangfold.web.reports.models import Briefing
from mangfold.web.reports.population import population_section
from mangfold.web.reports.profile import ProfileReport

PRACTICES_PER_INDICATOR = 2
"""Practices the briefing names per area (the profile shows up to three)."""
FOCUS_AREAS = 3
"""Areas the briefing names: the profile's first three (largest gap first; lowest score first on
:attr:`Basis.WEAKEST`); it refers to the rest by their number."""


def city_name(report: ProfileReport) -> str:
    """The city's name as the briefing prints it: an invented city marked in the report's language
    ("Eksempelby (opdigtet eksempel)")."""
    city = report.entry.city
    return display_name(city.name, report.lang, invented=city.is_example)


def round_name(report: ProfileReport, round_: Round | None = None) -> str:
    """The name of the report's round (or of ``round_``) in the report's language (``name`` is Danish;
    ``name_en`` English, when given)."""
    round_ = round_ or report.round
    return round_.name_en if report.lang == "en" and round_.name_en else round_.name


def profile_title(report: ProfileReport) -> str:
    """Bilag 1's title: "Byprofil: København, ICC-indeks 2012 (PDF)"."""
    names = {"city": city_name(report), "round": round_name(report)}
    return _("City profile: %(city)s, %(round)s (PDF)") % names


def _previous(report: ProfileReport) -> core.PreviousResult | None:
    """The previous round of a comparable instrument (the profile's progress), with its place."""
    progress = report.progress
    if progress is None:
        return None
    before = next((row for row in report.history if row.round.pk == progress.previous.pk), None)
    return core.PreviousResult(
        round=round_name(report, progress.previous),
        score=before.score if before else None,
        placement=progress.previous_place,
        comparable=before.comparable if before else False,
    )


def _score_source(report: ProfileReport) -> str:
    """Where the score is from: the publication of an imported result, or the city's approved and
    published self-assessment."""
    assessment = report.entry.assessment
    if assessment.is_legacy:
        return assessment.source
    return _("the self-assessment of %(city)s in %(round)s, approved and published by %(network)s") % {
        "city": city_name(report),
        "round": round_name(report),
        "network": report.round.network.name,
    }


def _population(report: ProfileReport) -> core.PopulationFacts | None:
    """The population context of the round's year: the profile's when it is of that year (see
    :meth:`PopulationSection.for_round`), else read again for the round's year."""
    year = round_year(report.round.slug, report.round.name)
    section = report.population.for_round(year) if report.population is not None else None
    if section is None:
        section = population_section(report.entry.city, report.lang, year=year)
    return section.facts() if section is not None else None


class _LookUp:
    """The barometer is not given: :func:`facts` looks it up."""


LOOK_UP = _LookUp()


def barometer(report: ProfileReport) -> dict[str, Any] | None:
    """The city's outcome barometer for its officials' briefing: a draft one too (``is_published``
    False: marked as a draft wherever the briefing shows it); None when the city has none. A published
    one is the profile's own (no second reading); the city is named as the briefing names it."""
    section = report.barometer
    if section is None:
        section = barometer_section(report.entry.city, report.lang, include_draft=True)
    return None if section is None else {**section, "city": city_name(report)}


def _barometer(section: dict[str, Any] | None) -> core.BarometerFacts | None:
    """The barometer's statuses as the briefing's sentence counts them, with what it is based on and how
    it departs from that (:meth:`~mangfold.reports.briefing_barometer.BarometerFacts.from_section`)."""
    return None if section is None else core.BarometerFacts.from_section(section)


def _ahead_everywhere(report: ProfileReport) -> bool:
    """The city scores at or above the round's mean on every indicator that has a mean (and some has)."""
    differences = [d for row in report.rows if (d := row.difference) is not None]
    return bool(differences) and all(d >= 0 for d in differences)


def _recommended(report: ProfileReport) -> tuple[Basis | None, tuple[Area, ...], int]:
    """What the city profile recommends (:attr:`ProfileReport.recommended`, the result page's answer), as
    the briefing cites it: the basis, the areas it names (the profile's first :data:`FOCUS_AREAS`; on
    :attr:`Basis.SIMILAR` the one area without an indicator, whose practices are those of the cities most
    like this one) and how many areas the profile recommends practices for."""
    recommended = report.recommended
    if recommended is None:
        return None, (), 0
    if recommended.basis is Basis.SIMILAR:
        return recommended.basis, recommended.areas, 0
    areas = tuple(area for area in recommended.areas if area.code)
    return recommended.basis, areas[:FOCUS_AREAS], len(areas)


def _later(report: ProfileReport) -> tuple[str, ...]:
    """The later rounds of the network in which the city has a public result (the profile's trend, in
    time order: the rule of :func:`mangfold.web.results.trend.trend`)."""
    return tuple(
        round_name(report, row.round) for row in report.history if row.round.slug > report.round.slug
    )


def _practice_fact(indicator: str, suggested: Suggested, lang: str) -> core.PracticeFact:
    """A recommended practice as the briefing names it: its title and city in the report's language (an
    invented one marked), the city's published score on the indicator and what it did (the first sentence
    of the practice's summary, only when the summary is in the report's language)."""
    practice = suggested.practice
    summary, summary_lang = practice.summary_in(lang)
    return core.PracticeFact(
        indicator,
        practice.title_in(lang),
        display_name(practice.city.name, lang, invented=practice.is_example or practice.city.is_example),
        suggested.source_score,
        first_sentence(summary) if summary_lang == lang else "",
    )


def facts(
    report: ProfileReport, barometer_data: dict[str, Any] | _LookUp | None = LOOK_UP
) -> core.BriefingFacts:
    """The numbers a briefing is drafted from, all taken from the city profile (its standing on the
    round's instrument: the place that may be shown or why there is none, the mean when enough cities
    have a result) and the population context of the round's year."""
    basis, areas, recommended_areas = _recommended(report)
    per_area = None if basis is Basis.SIMILAR else PRACTICES_PER_INDICATOR
    practices = tuple(
        _practice_fact(area.name, suggested, report.lang)
        for area in areas
        for suggested in area.practices[:per_area]
    )
    return core.BriefingFacts(
        city=city_name(report),
        network=report.round.network.name,
        round=round_name(report),
        score=report.entry.result.overall,
        placement=report.placement,
        placement_reason=report.withheld_reason,
        mean=report.mean,
        mean_of=report.entry.standing.count,
        score_source=_score_source(report),
        instrument=report.instrument_name,
        strongest=tuple(core.IndicatorFact(r.name, r.score or 0.0, r.mean) for r in report.strongest),
        weakest=tuple(core.IndicatorFact(r.name, r.score or 0.0, r.mean) for r in report.weakest),
        focus=tuple(area.name for area in areas if area.code),
        practices=practices,
        basis=basis,
        recommended_areas=recommended_areas,
        ahead_everywhere=_ahead_everywhere(report),
        previous=_previous(report),
        later=_later(report),
        population=_population(report),
        attachments=(profile_title(report),),
        barometer=_barometer(barometer(report) if isinstance(barometer_data, _LookUp) else barometer_data),
    )


def draft(report: ProfileReport, barometer_data: dict[str, Any] | _LookUp | None = LOOK_UP) -> Briefing:
    """An unsaved briefing with the drafted title and sections in the report's language (``barometer_data``:
    the city's barometer when the caller has read it, :func:`barometer`)."""
    drafted = facts(report, barometer_data)
    return Briefing(
        city=report.entry.city,
        round=report.round,
        language=report.lang,
        title=core.draft_title(drafted, report.lang),
        sections=core.draft(drafted, report.lang),
        version=0,
    )


def current(report: ProfileReport, barometer_data: dict[str, Any] | _LookUp | None = LOOK_UP) -> Briefing:
    """The saved briefing of the report's city, round and language, or a fresh draft (``version == 0``)."""
    found = Briefing.objects.filter(city=report.entry.city, round=report.round, language=report.lang).first()
    return found if found is not None else draft(report, barometer_data)


def save(
    briefing: Briefing, values: dict[str, Any], based_on: int, user: AbstractBaseUser | AnonymousUser
) -> bool:
    """Store ``values`` (title, case number, sections) if the stored version is still ``based_on``.

    False when someone saved in between (or created the briefing first): nothing is stored.
    """
    fields = {
        "title": values["title"],
        "case_number": values.get("case_number", ""),
        "sections": {key: values.get(key, "") for key in core.SECTIONS},
        "updated_by": user if user.is_authenticated else None,
        "updated_at": timezone.now(),
    }
    if based_on == 0:
        try:
            with transaction.atomic():
                Briefing.objects.create(
                    city=briefing.city, round=briefing.round, language=briefing.language, version=1, **fields
                )
        except IntegrityError:
            return False
        return True
    changed = Briefing.objects.filter(
        city=briefing.city, round=briefing.round, language=briefing.language, version=based_on
    ).update(version=F("version") + 1, **fields)
    return changed == 1


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    text: str


def sections(briefing: Briefing) -> list[Section]:
    """The briefing's sections in committee order with their headings in its language."""
    headings = core.HEADINGS["da" if briefing.language == "da" else "en"]
    return [Section(key, headings[key], briefing.sections.get(key, "")) for key in core.SECTIONS]


CASE_BLANK = "______________"
"""The case number's place when none was entered: a line to fill in by hand."""


def case_line(briefing: Briefing, date_text: str) -> str:
    """ "Sagsnr. 2012-12345 · 5. december 2026"; without a case number, a blank to fill in."""
    case = briefing.case_number.strip() or CASE_BLANK
    return _("Case no. %(case)s · %(date)s") % {"case": case, "date": date_text}


def word_document(
    briefing: Briefing, date_text: str, created: datetime.datetime | None = None
) -> BriefingDocument:
    """The briefing as the Word writer takes it (sections, case line, signature and decision lines),
    with the network as the document's author and ``created`` (now) as the time it was made."""
    return BriefingDocument(
        title=briefing.title,
        sections=[(s.heading, s.text) for s in sections(briefing)],
        case_line=case_line(briefing, date_text),
        signatures=signature_lines(),
        footer=_("Made with mangfold from the published results of %(network)s.")
        % {"network": briefing.round.network.name},
        lang=briefing.language,
        author=briefing.round.network.name,
        created=created or timezone.now(),
    )


def signature_lines() -> list[str]:
    return [
        _("Signature: ______________________________  Name and title: ______________________________"),
        _("The committee's decision: ______________________________  Date: ______________"),
    ]
