"""A network administrator's rounds: create, edit, invite the member cities, archive, delete (no answers)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mangfold.web.accounts import policy
from mangfold.web.assessments.access import get_round, refuse
from mangfold.web.assessments.forms_rounds import RoundForm
from mangfold.web.assessments.models import Answer, Assessment, Round, Transition
from mangfold.web.assessments.tasks import queue_notice
from mangfold.web.network.models import City

View = Callable[..., HttpResponse]


def managed_round(view: View) -> View:
    """Resolve ``network/round`` and refuse anyone who does not administer its network."""

    @wraps(view)
    def wrapper(request: HttpRequest, network: str, round_slug: str) -> HttpResponse:
        round_ = get_round(network, round_slug)
        if not policy.may_manage_rounds(request.user, round_.network):
            return refuse(request, exists_publicly=True)
        return view(request, round_)

    return wrapper


@require_http_methods(["GET", "POST"])
def round_new(request: HttpRequest) -> HttpResponse:
    if not policy.may_manage_rounds(request.user):
        return refuse(request, exists_publicly=True)
    networks = policy.administered_networks(request.user)
    form = RoundForm(
        *_posted(request),
        networks=networks,
        user=policy.signed_in_user(request),
    )
    if request.method == "POST" and form.is_valid():
        round_ = form.save()
        messages.success(request, _("The round is created. Invite the member cities below."))
        return redirect(round_.get_absolute_url())
    return render(request, "assessments/round_form.html", {"form": form, "round": None}, status=_status(form))


@require_http_methods(["GET", "POST"])
@managed_round
def round_edit(request: HttpRequest, round_: Round) -> HttpResponse:
    networks = policy.administered_networks(request.user)
    form = RoundForm(
        *_posted(request),
        instance=round_,
        networks=networks,
        user=policy.signed_in_user(request),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The round is saved."))
        return redirect(round_.get_absolute_url())
    return render(
        request, "assessments/round_form.html", {"form": form, "round": round_}, status=_status(form)
    )


def _posted(request: HttpRequest) -> tuple[Any, Any]:
    """The posted data and files (an empty post too: it is a form with errors, not a blank form)."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _status(form: RoundForm) -> int:
    return 400 if form.is_bound and form.errors else 200


def uninvited(round_: Round) -> list[City]:
    """The member cities of the round's network that have no assessment in it yet."""
    have = set(round_.assessments.values_list("city_id", flat=True))
    cities = City.objects.filter(memberships__network=round_.network).order_by("name")
    return [c for c in cities if c.pk not in have]


@require_POST
@managed_round
def round_invite(request: HttpRequest, round_: Round) -> HttpResponse:
    """Open an assessment for each chosen member city (every uninvited one when none is chosen)."""
    if round_.questionnaire_id is None or round_.archived_at is not None:
        messages.error(request, _("Cities can only be invited to an open round with a questionnaire."))
        return redirect(round_.get_absolute_url())
    chosen = set(request.POST.getlist("city"))
    cities = [c for c in uninvited(round_) if not chosen or c.slug in chosen]
    created = []
    with transaction.atomic():
        for city in cities:
            assessment = Assessment.objects.create(round=round_, city=city)
            Transition.objects.create(
                assessment=assessment, to_state=Assessment.State.DRAFT, by=policy.signed_in_user(request)
            )
            created.append(assessment)
    for assessment in created:
        queue_notice(assessment, "invited")
    messages.success(
        request, _("%(count)s cities invited; their officials are told by e-mail.") % {"count": len(created)}
    )
    return redirect(round_.get_absolute_url())


@require_POST
@managed_round
def round_archive(request: HttpRequest, round_: Round) -> HttpResponse:
    """Archive an open round (no new answers; its results stay), or reopen an archived one."""
    round_.archived_at = None if round_.archived_at else timezone.now()
    round_.save(update_fields=["archived_at"])
    done = _("The round is archived.") if round_.archived_at else _("The round is open again.")
    messages.success(request, done)
    return redirect(round_.get_absolute_url())


@require_http_methods(["GET", "POST"])
@managed_round
def round_delete(request: HttpRequest, round_: Round) -> HttpResponse:
    """Delete a round with no answers and no imported results (a confirmation page first)."""
    answered = Answer.objects.filter(assessment__round=round_).exists()
    imported = round_.assessments.exclude(source="").exists()
    context: dict[str, Any] = {
        "round": round_,
        "blocked": answered or imported,
        "count": round_.assessments.count(),
    }
    if request.method == "POST":
        if context["blocked"]:
            return render(request, "assessments/round_delete.html", context, status=400)
        round_.delete()
        messages.success(request, _("The round is deleted."))
        return redirect("assessments:rounds")
    return render(request, "assessments/round_delete.html", context)
