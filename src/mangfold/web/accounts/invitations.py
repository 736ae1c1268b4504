"""Invitations of a city's officials: create and mail them, read a link back, accept one.

The link is ``SITE_URL`` + ``/<lang>/accounts/invitations/<token>/`` in the inviter's language, where
``token`` is ``django.core.signing.dumps([pk, key])`` (signed with ``SECRET_KEY`` and a salt of its own).
An invitation expires after ``MANGFOLD_INVITATION_DAYS`` days and works once. Inviting the same address to
the same city again replaces the earlier, unanswered invitation (its link stops working).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from mangfold.web.accounts.csv_import import Invitee
from mangfold.web.accounts.models import CityRole, Invitation
from mangfold.web.network.models import City

SALT = "mangfold.accounts.invitation"


class InvitationGone(Exception):
    """The invitation was used or has expired."""


def make_token(invitation: Invitation) -> str:
    return signing.dumps([invitation.pk, invitation.key], salt=SALT)


def from_token(token: str) -> Invitation | None:
    """The invitation a link points to, or None for a forged, mangled or withdrawn link."""
    try:
        pk, key = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Invitation.objects.select_related("city", "invited_by").filter(pk=pk, key=key).first()


def is_expired(invitation: Invitation) -> bool:
    return invitation.expires_at <= timezone.now()


def accept_url(invitation: Invitation) -> str:
    with translation.override(invitation.language):
        path = reverse("accounts:invitation", args=[make_token(invitation)])
    return settings.SITE_URL.rstrip("/") + path


def existing_user(email: str) -> Any:
    """The account the invitation is for when there is one (username, then e-mail address, any case)."""
    users = get_user_model().objects
    return (
        users.filter(username__iexact=email).first()
        or users.filter(email__iexact=email).order_by("pk").first()
    )


def build_message(invitation: Invitation) -> EmailMessage:
    """The invitation e-mail in the language it was sent in."""
    inviter = invitation.invited_by
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "inviter": (inviter.get_full_name() or inviter.get_username()) if inviter else "",
            "role": invitation.get_role_display(),
            "url": accept_url(invitation),
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        subject = " ".join(render_to_string("accounts/email/invitation_subject.txt", context).split())
        body = render_to_string("accounts/email/invitation.txt", context)
    reply_to = [inviter.email] if inviter is not None and inviter.email else []
    return EmailMessage(subject, body, to=[invitation.email], reply_to=reply_to)


@transaction.atomic
def invite(city: City, invitees: Sequence[Invitee], invited_by: Any, language: str) -> list[Invitation]:
    """Create and mail the invitations, all or none: a failure (also of the mail server) undoes them all."""
    emails = [invitee.email for invitee in invitees]
    Invitation.objects.filter(city=city, email__in=emails, accepted_at__isnull=True).delete()
    expires_at = timezone.now() + timedelta(days=settings.MANGFOLD_INVITATION_DAYS)
    created = [
        Invitation.objects.create(
            email=invitee.email,
            name=invitee.name,
            city=city,
            role=invitee.role,
            language=language,
            key=secrets.token_urlsafe(24),
            invited_by=invited_by,
            expires_at=expires_at,
        )
        for invitee in invitees
    ]
    with get_connection(fail_silently=False) as connection:
        connection.send_messages([build_message(invitation) for invitation in created])
    return created


@transaction.atomic
def accept(invitation: Invitation, user: Any) -> CityRole:
    """Give ``user`` the invited role in the city (replacing a role they had there) and use up the link."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None or is_expired(locked):
        raise InvitationGone
    role, _ = CityRole.objects.update_or_create(user=user, city=locked.city, defaults={"role": locked.role})
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return role


def pending_for(city: City) -> Any:
    """The city's invitations that can still be accepted, newest first."""
    return city.invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now()).select_related(
        "invited_by"
    )
