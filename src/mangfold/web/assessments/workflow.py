"""An assessment's states: draft → submitted → returned with comments → … → approved → published.

Every change of state is a :class:`Transition` (who, when, comment). Approval fixes the official
scorecard; every change is told by e-mail to the city's coordinators and the network's administrators
(:mod:`mangfold.web.assessments.notices`, sent by the worker). Who may do which change
is the permission policy's question (:func:`mangfold.web.accounts.policy.assessment_actions`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone, translation

from mangfold.web.accounts.models import CityRole
from mangfold.web.assessments.models import Assessment, Transition
from mangfold.web.assessments.review import open_comments
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
    """Change the assessment's state and record who did it, when and why.

    A return needs a comment, or open comments on single questions.
    """
    from mangfold.web.assessments import notices

    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if (locked.state, to_state) not in ALLOWED or locked.is_legacy:
            raise InvalidTransition(f"{locked.state} → {to_state}")
        if to_state == State.RETURNED and not (comment.strip() or open_comments(locked)):
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
        notices.enqueue(locked, str(to_state), record)
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
