"""The practice workflow: every save is a revision; a published practice changes only when published.

- Saving a **draft** applies the fields at once (the public does not see drafts) and keeps them as a
  revision with status *draft*.
- Saving a **published** practice stores a *pending* revision and leaves the public record as it is; an
  older pending revision becomes *superseded* (kept, not deleted), also when the newer edit is one of a
  withdrawn (draft) practice.
- **Publishing** (a network administrator, ``Action.PUBLISH_PRACTICE``) copies the newest pending
  revision's fields to the record, marks the revision *published* with who and when, and publishes the
  record; **withdrawing** makes the record a draft again.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Field, Max
from django.utils import timezone

from mangfold.web.practices.models import TEMPLATE_FIELDS, Practice, PracticeRevision


def _next_number(practice: Practice) -> int:
    latest = practice.revisions.aggregate(latest=Max("number"))["latest"]
    return int(latest or 0) + 1


def apply_fields(practice: Practice, fields: dict[str, Any]) -> None:
    for name in TEMPLATE_FIELDS:
        if name in fields:
            setattr(practice, name, fields[name])


@transaction.atomic
def save_edit(
    practice: Practice, fields: dict[str, Any], user: User | AnonymousUser | None
) -> PracticeRevision:
    """Keep an edit as a revision: applied to a draft at once, pending on a published practice."""
    author = user if isinstance(user, User) else None
    practice.revisions.filter(status=PracticeRevision.Status.PENDING).update(
        status=PracticeRevision.Status.SUPERSEDED
    )
    if practice.is_published:
        status = PracticeRevision.Status.PENDING
    else:
        apply_fields(practice, fields)
        practice.save()
        status = PracticeRevision.Status.DRAFT
    return PracticeRevision.objects.create(
        practice=practice, number=_next_number(practice), fields=fields, status=status, created_by=author
    )


@transaction.atomic
def publish(practice: Practice, user: User | None) -> PracticeRevision | None:
    """Publish the practice with its newest pending revision (if any); that revision, or None."""
    pending = practice.pending_revision
    if pending is not None:
        apply_fields(practice, pending.fields)
        pending.status = PracticeRevision.Status.PUBLISHED
        pending.published_by = user
        pending.published_at = timezone.now()
        pending.save(update_fields=["status", "published_by", "published_at"])
    practice.status = Practice.Status.PUBLISHED
    practice.save()
    return pending


def withdraw(practice: Practice) -> None:
    practice.status = Practice.Status.DRAFT
    practice.save(update_fields=["status", "updated_at"])


def changed_fields(practice: Practice, revision: PracticeRevision) -> list[tuple[str, str, str]]:
    """The fields a revision changes: (the field's name in the page's language, published value,
    revised value), lists written out with commas."""

    def shown(value: Any) -> str:
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value or "")

    def label(name: str) -> str:
        field = Practice._meta.get_field(name)
        return str(field.verbose_name) if isinstance(field, Field) else name

    return [
        (label(name), shown(getattr(practice, name)), shown(value))
        for name, value in revision.fields.items()
        if name in TEMPLATE_FIELDS and getattr(practice, name) != value
    ]
