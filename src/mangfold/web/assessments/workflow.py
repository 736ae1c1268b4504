"""An assessment's states: draft → submitted → returned with comments → … → approved → published.

Every change of state is a :class:`Transition` (who, when, comment). Approval fixes the official
scorecard; every change is told by e-mail to the city's coordinators and the network's administrators
(:mod:`mangfold.web.assessments.notices`, queued by :func:`~mangfold.web.assessments.tasks.queue_notice`).
Who may do which change is the permission policy's question
(:func:`mangfold.web.accounts.policy.assessment_actions`).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from mangfold.web.assessments.models import Assessment, Transition
from mangfold.web.assessments.review import open_comments
from mangfold.web.assessments.scores import live_scorecard, scorecard_json
from mangfold.web.assessments.tasks import queue_notice

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


def move(assessment: Assessment, to_state: str, user: User | None, comment: str = "") -> Transition:
    """Change the assessment's state and record who did it, when and why.

    A return needs a comment, or open comments on single questions.
    """
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
        queue_notice(locked, str(to_state), record)
    assessment.refresh_from_db()
    return record
