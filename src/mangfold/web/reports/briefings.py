"""The committee briefing: drafted from the city profile's numbers, edited by officials, saved with a version.

:func:`facts` turns a :class:`~mangfold.web.reports.profile.ProfileReport` into the pure core's
:class:`~mangfold.reports.briefing.BriefingFacts`; :func:`current` gives the saved briefing of a city,
round and language, or an unsaved draft; :func:`save` stores an edit only when it was made on the version
that is stored (optimistic versioning: of two officials editing the same version, the second is refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mangfold.reports import briefing as core
from mangfold.reports.docx import BriefingDocument
from mangfold.web.reports.models import Briefing
from mangfold.web.reports.profile import ProfileReport

PRACTICES_PER_INDICATOR = 2


def profile_title(report: ProfileReport) -> str:
    """Bilag 1's title: "Byprofil: København, ICC-indeks 2012 (PDF)"."""
    return _("City profile: %(city)s, %(round)s (PDF)") % {"city": report.city, "round": report.round.name}


def facts(report: ProfileReport) -> core.BriefingFacts:
    """The numbers a briefing is drafted from, all taken from the city profile."""
    standing = report.standing
    previous = None
    progress = report.progress
    if progress is not None:
        before = next((row for row in report.history if row.round.pk == progress.previous.pk), None)
        overall = progress.changes[0] if progress.changes else None
        previous = core.PreviousResult(
            round=progress.previous.name,
            score=before.score if before else None,
            rank=progress.rank.previous_rank if progress.rank else None,
            of=progress.rank.previous_of if progress.rank else None,
            comparable=overall.comparable if overall is not None else True,
        )
    practices = tuple(
        core.PracticeFact(advice.name, p.practice.title, p.city_name, p.source_score)
        for advice in report.advice
        for p in advice.practices[:PRACTICES_PER_INDICATOR]
    )
    return core.BriefingFacts(
        city=report.city,
        network=report.round.network.name,
        round=report.round.name,
        score=report.entry.result.overall,
        rank=standing.rank if standing else None,
        of=standing.of if standing else 0,
        mean=standing.mean if standing else None,
        tied=standing.tied if standing else False,
        strongest=tuple(core.IndicatorFact(r.name, r.score or 0.0, r.mean) for r in report.strongest),
        weakest=tuple(core.IndicatorFact(r.name, r.score or 0.0, r.mean) for r in report.weakest),
        focus=tuple(advice.name for advice in report.advice),
        practices=practices,
        previous=previous,
        population=report.population.facts() if report.population is not None else None,
        attachments=(profile_title(report),),
    )


def draft(report: ProfileReport) -> Briefing:
    """An unsaved briefing with the drafted title and sections in the report's language."""
    drafted = facts(report)
    return Briefing(
        city=report.entry.city,
        round=report.round,
        language=report.lang,
        title=core.draft_title(drafted, report.lang),
        sections=core.draft(drafted, report.lang),
        version=0,
    )


def current(report: ProfileReport) -> Briefing:
    """The saved briefing of the report's city, round and language, or a fresh draft (``version == 0``)."""
    found = Briefing.objects.filter(city=report.entry.city, round=report.round, language=report.lang).first()
    return found if found is not None else draft(report)


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


def case_line(briefing: Briefing, date_text: str) -> str:
    if briefing.case_number:
        return _("Case no. %(case)s · %(date)s") % {"case": briefing.case_number, "date": date_text}
    return date_text


def word_document(briefing: Briefing, date_text: str) -> BriefingDocument:
    """The briefing as the Word writer takes it (sections, case line, signature and decision lines)."""
    return BriefingDocument(
        title=briefing.title,
        sections=[(s.heading, s.text) for s in sections(briefing)],
        case_line=case_line(briefing, date_text),
        signatures=signature_lines(),
        footer=_("Made with mangfold from the published results of %(network)s.")
        % {"network": briefing.round.network.name},
        lang=briefing.language,
    )


def signature_lines() -> list[str]:
    return [
        _("Signature: ______________________________  Name and title: ______________________________"),
        _("The committee's decision: ______________________________  Date: ______________"),
    ]
