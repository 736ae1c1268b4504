"""Who is told of a change to an assessment, and the e-mail the worker sends them.

Events: ``invited`` (a round opened for the city: its coordinators and editors), ``submitted``,
``returned``, ``approved`` and ``published`` (the city's coordinators and the network's administrators).
The confirmation pages name the same people (:func:`recipients`) before the change is made; the mail is
queued by :func:`mangfold.web.assessments.tasks.queue_notice` and sent by the background worker
(:func:`~mangfold.web.assessments.tasks.notify_task`) once the change is committed, in Danish and English
(users have no language setting). This module only composes and sends.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from mangfold.web.accounts.models import CityRole, NetworkRole
from mangfold.web.assessments.mail import SEPARATOR, absolute, in_both_languages
from mangfold.web.assessments.models import Assessment, Transition

EVENTS = ("invited", "submitted", "returned", "approved", "published")


def _people(assessment: Assessment, event: str) -> list[tuple[str, str]]:
    """(name, e-mail) of everyone told of ``event``, sorted by e-mail."""
    roles = [CityRole.Role.COORDINATOR]
    if event == "invited":
        roles.append(CityRole.Role.EDITOR)
    users = get_user_model().objects.filter(is_active=True)
    city = users.filter(city_roles__city=assessment.city, city_roles__role__in=roles)
    found = list(city)
    if event != "invited":
        found += users.filter(
            network_roles__network=assessment.round.network, network_roles__role=NetworkRole.Role.ADMIN
        )
    people = {u.email: (u.get_full_name() or u.get_username()) for u in found if u.email}
    return sorted(((name, email) for email, name in people.items()), key=lambda p: p[1])


def recipients(assessment: Assessment, event: str) -> list[str]:
    """The names of the people who are told, as the confirmation page lists them."""
    return [name for name, _email in _people(assessment, event)]


SUBJECTS = {
    "invited": lambda: _("New round: %(round)s, %(city)s"),
    "submitted": lambda: _("Assessment submitted: %(city)s, %(round)s"),
    "returned": lambda: _("Assessment returned: %(city)s, %(round)s"),
    "approved": lambda: _("Assessment approved: %(city)s, %(round)s"),
    "published": lambda: _("Assessment published: %(city)s, %(round)s"),
}


def send_notice(assessment: Assessment, event: str, transition: Transition | None = None) -> int:
    """E-mail the people of :func:`recipients`; the number of messages sent (0 or 1)."""
    addresses = [email for _name, email in _people(assessment, event)]
    if not addresses:
        return 0

    def subject() -> str:
        return SUBJECTS[event]() % {"city": assessment.city.display_name, "round": assessment.round.title}

    def body() -> str:
        context = {
            "assessment": assessment,
            "event": event,
            "transition": transition,
            "comments": list(assessment.question_comments.filter(closed_at__isnull=True)),
            "url": absolute(assessment.url("review" if event == "submitted" else "detail")),
        }
        return render_to_string("assessments/email/notice.txt", context)

    return send_mail(
        " / ".join(in_both_languages(subject)),
        SEPARATOR.join(in_both_languages(body)) + "\n",
        None,
        addresses,
    )
