"""An assessment's states: draft → submitted → returned with comments → … → approved → published.

Every change of state is a :class:`Transition` (who, when, comment). Approval fixes the official
scorecard; returning an assessment notifies the city's coordinators by e-mail. Who may do which change
is the permission policy's question (:func:`mangfold.web.accounts.policy.assessment_actions`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mangfold.web.accounts.models import CityRole
from mangfold.web.assessments.models import Assessment, Transition
from mangfold.web.assessments.scores import live_scorecard, scorecard_json
from mangfold.web.network.models import City

State = Assessment.State

ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        (State.DRAFT, State.SUBMITTED),
        (State.RETURNED, State.SUBMITTED),
        (State.SUBMITTED, State.RETURNED),
        (State.SUBMITTED, State.APPROVED),
        (State.APPROVED, State.PUBLISHED),
    }
)


class InvalidTransition(Exception):
    """The assessment cannot go to that state from where it is (or a return without a comment)."""


def move(
    assessment: Assessment, to_state: str, user: AbstractBaseUser | None, comment: str = ""
) -> Transition:
    """Change the assessment's state and record who did it, when and why."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if (locked.state, to_state) not in ALLOWED or locked.is_legacy:
            raise InvalidTransition(f"{locked.state} → {to_state}")
        if to_state == State.RETURNED and not comment.strip():
            raise InvalidTransition("a returned assessment needs a comment")
        now = timezone.now()
        if to_state == State.APPROVED:
            card = live_scorecard(locked)
            locked.official_scorecard = scorecard_json(card) if card is not None else None
            locked.overall = card.overall if card is not None else None
            locked.approved_at = now
        if to_state == State.PUBLISHED:
            locked.published_at = now
        record = Transition.objects.create(
            assessment=locked,
            from_state=locked.state,
            to_state=to_state,
            by=user,
            at=now,
            comment=comment.strip(),
        )
        locked.state = to_state
        locked.save()
        if to_state == State.RETURNED:
            transaction.on_commit(lambda: notify_returned(locked, record))
    assessment.refresh_from_db()
    return record


def officials_emails(city: City, roles: Sequence[str]) -> list[str]:
    """The e-mail addresses of the city's officials in ``roles``, sorted."""
    found = CityRole.objects.filter(city=city, role__in=roles).select_related("user")
    return sorted({r.user.email for r in found if r.user.email})


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def in_both_languages(render: Callable[[], str]) -> list[str]:
    """``render()`` in Danish and in English (users have no language setting: both, Danish first)."""
    parts = []
    for code in ("da", "en"):
        with translation.override(code):
            parts.append(render().strip())
    return parts


SEPARATOR = "\n\n――――――――\n\n"


def notify_returned(assessment: Assessment, record: Transition) -> int:
    """E-mail the city's coordinators that the assessment came back with the reviewer's comment."""
    recipients = officials_emails(assessment.city, [CityRole.Role.COORDINATOR])
    if not recipients:
        return 0
    names = {"city": assessment.city.name, "round": assessment.round.name}
    subject = " / ".join(in_both_languages(lambda: _("Assessment returned: %(city)s, %(round)s") % names))
    body = SEPARATOR.join(
        in_both_languages(
            lambda: render_to_string(
                "assessments/email/returned.txt",
                {"assessment": assessment, "transition": record, "url": absolute(assessment.url())},
            )
        )
    )
    return send_mail(subject, body + "\n", None, recipients)
