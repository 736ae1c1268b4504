"""Deadline reminders: an e-mail to each city of a round's network that has not submitted yet.

Sent on the days before the deadline given (by default 14, 7 and 1 days before, and on the day); at
most once a day per city and round (a :class:`Reminder` records each). Run daily by
``manage.py send_reminders`` (cron) or as the task :func:`mangfold.web.assessments.tasks.send_reminders_task`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from mangfold.web.accounts.models import CityRole
from mangfold.web.assessments.mail import SEPARATOR, absolute, in_both_languages, officials_emails
from mangfold.web.assessments.models import Assessment, Reminder, Round
from mangfold.web.assessments.questionnaires import questionnaire_of
from mangfold.web.network.models import City

DEFAULT_DAYS = (14, 7, 1, 0)
NOT_SUBMITTED = (Assessment.State.DRAFT, Assessment.State.RETURNED)


def pending(round_: Round) -> list[tuple[City, Assessment | None]]:
    """The member cities of the round's network that have not submitted, with their assessment if any."""
    assessments = {a.city_id: a for a in round_.assessments.all()}
    cities = City.objects.filter(memberships__network=round_.network).order_by("name")
    return [
        (city, assessments.get(city.pk))
        for city in cities
        if city.pk not in assessments or assessments[city.pk].state in NOT_SUBMITTED
    ]


def send_reminders(today: datetime.date | None = None, days: Iterable[int] = DEFAULT_DAYS) -> list[Reminder]:
    """Send today's reminders; the reminders sent (none twice on the same day)."""
    today = today or timezone.localdate()
    wanted = set(days)
    sent = []
    rounds = Round.objects.filter(deadline__isnull=False, questionnaire__isnull=False).select_related(
        "network"
    )
    for round_ in rounds:
        if round_.deadline is None or (round_.deadline - today).days not in wanted:
            continue
        for city, assessment in pending(round_):
            reminder = _remind(round_, city, assessment, today)
            if reminder is not None:
                sent.append(reminder)
    return sent


def _remind(
    round_: Round, city: City, assessment: Assessment | None, today: datetime.date
) -> Reminder | None:
    recipients = officials_emails(city, [CityRole.Role.COORDINATOR, CityRole.Role.EDITOR])
    if not recipients:
        return None
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                round=round_, city=city, sent_on=today, recipients=", ".join(recipients)
            )
    except IntegrityError:
        return None  # already reminded today
    total = answered = 0
    if assessment is not None and round_.questionnaire is not None:
        total = len(questionnaire_of(round_.questionnaire).questions)
        answered = sum(1 for a in assessment.answers.all() if a.value)
    subject = " / ".join(
        in_both_languages(
            lambda: (
                _("Reminder: the assessment of %(city)s, %(round)s")
                % {"city": city.display_name, "round": round_.name}
            )  # each language's own mark
        )
    )

    def body() -> str:
        url = absolute(assessment.url() if assessment else round_.get_absolute_url())
        context = {
            "round": round_,
            "city": city,
            "assessment": assessment,
            "answered": answered,
            "total": total,
        }
        return render_to_string("assessments/email/reminder.txt", {**context, "url": url})

    send_mail(subject, SEPARATOR.join(in_both_languages(body)) + "\n", None, recipients)
    return reminder
