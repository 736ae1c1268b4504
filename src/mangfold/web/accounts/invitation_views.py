"""A city's officials: the list, inviting one person or a CSV file of people, accepting an invitation.

Who may invite: whoever may manage the city's officials (``Action.MANAGE_OFFICIALS``: the city's
coordinators and the administrators of its networks). Anyone else gets 403 (a city's existence is public).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from mangfold.web.accounts import invitations, policy, two_factor
from mangfold.web.accounts.csv_import import Invitee
from mangfold.web.accounts.forms import BulkInvitationForm, InvitationForm
from mangfold.web.accounts.models import Invitation
from mangfold.web.network.models import City

logger = logging.getLogger(__name__)


def _city_to_manage(request: HttpRequest, slug: str) -> City:
    city = get_object_or_404(City, slug=slug)
    if not policy.can(request.user, policy.Action.MANAGE_OFFICIALS, city):
        raise PermissionDenied
    return city


def _send(form: Form, city: City, invitees: list[Invitee], request: HttpRequest) -> bool:
    """Invite all or nobody; a mail server that fails undoes every invitation and says so on the form."""
    try:
        invitations.invite(city, invitees, request.user, get_language())
    except OSError:  # smtplib's errors are OSErrors too
        logger.exception("Invitation e-mail to %s could not be sent", city.slug)
        form.add_error(None, _("The e-mail could not be sent, so nobody was invited. Try again later."))
        return False
    return True


@login_required
def officials(request: HttpRequest, slug: str) -> HttpResponse:
    city = _city_to_manage(request, slug)
    roles = city.roles.select_related("user").order_by("role", "user__username")
    context = {"city": city, "roles": roles, "invitations": invitations.pending_for(city)}
    return render(request, "accounts/officials.html", context)


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    city = _city_to_manage(request, slug)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitee = form.invitee()
        if _send(form, city, [invitee], request):
            messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitee.email})
            return redirect("accounts:officials", slug=city.slug)
    context = {"city": city, "form": form, "invitation_days": settings.MANGFOLD_INVITATION_DAYS}
    return render(request, "accounts/invite.html", context)


@login_required
def invite_bulk(request: HttpRequest, slug: str) -> HttpResponse:
    city = _city_to_manage(request, slug)
    form = BulkInvitationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        invitees = form.cleaned_data["file"]
        if _send(form, city, invitees, request):
            count = len(invitees)
            message = ngettext("%(count)d invitation was sent.", "%(count)d invitations were sent.", count)
            messages.success(request, message % {"count": count})
            return redirect("accounts:officials", slug=city.slug)
    return render(request, "accounts/invite_bulk.html", {"city": city, "form": form})


def _gone(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    used = invitation.accepted_at is not None
    return render(
        request, "accounts/invitation_gone.html", {"invitation": invitation, "used": used}, status=410
    )


def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: a new account with a password of the invitee's choice, or the role added."""
    invitation = invitations.from_token(token)
    if invitation is None:
        raise Http404
    if invitation.accepted_at is not None or invitations.is_expired(invitation):
        return _gone(request, invitation)
    user = invitations.existing_user(invitation.email)
    if user is not None:
        return _accept_existing(request, invitation, user)
    new_user = get_user_model()(username=invitation.email, email=invitation.email, first_name=invitation.name)
    form = SetPasswordForm(new_user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
                invitations.accept(invitation, user)
        except invitations.InvitationGone:
            return _gone(request, invitation)
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(request, _("Welcome! Your account is ready."))
        return redirect("accounts:me")
    context = {"invitation": invitation, "form": form, "existing": None}
    return render(request, "accounts/invitation_accept.html", context)


def _accept_existing(request: HttpRequest, invitation: Invitation, user: object) -> HttpResponse:
    if request.method == "POST":
        try:
            invitations.accept(invitation, user)
        except invitations.InvitationGone:
            return _gone(request, invitation)
        text = _("You are now %(role)s in %(city)s.") % {
            "role": invitation.get_role_display(),
            "city": invitation.city.display_name,
        }
        messages.success(request, text)
        if request.user.is_authenticated and request.user.pk == getattr(user, "pk", None):
            two_factor.forget(request)  # the new role may call for a second factor
            return redirect("accounts:me")
        return redirect("accounts:login")
    context = {"invitation": invitation, "form": None, "existing": user}
    return render(request, "accounts/invitation_accept.html", context)
