"""Finding the assessment of a request and asking the policy what the user may do with it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404

from mangfold.web.accounts import policy
from mangfold.web.accounts.policy import Action
from mangfold.web.assessments.models import Assessment, Round

View = Callable[..., HttpResponseBase]


def get_round(network: str, round_slug: str) -> Round:
    rounds = Round.objects.select_related("network", "questionnaire").defer("questionnaire__workbook")
    return get_object_or_404(rounds, network__slug=network, slug=round_slug)


def refuse(request: HttpRequest, exists_publicly: bool) -> HttpResponse:
    """Anonymous: to the login page. Others: 403 where the object's existence is public, else 404."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if exists_publicly:
        raise PermissionDenied
    raise Http404


def assessment_view(action: Action) -> Callable[[View], View]:
    """Resolve ``network/round/city`` to the assessment, check ``action``, call ``view(request,
    assessment, actions, …)`` with everything the user may do to it."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(
            request: HttpRequest, network: str, round_slug: str, city: str, **kwargs: Any
        ) -> HttpResponseBase:
            assessments = Assessment.objects.select_related(
                "round__network", "round__questionnaire", "city"
            ).defer("round__questionnaire__workbook")
            assessment = get_object_or_404(
                assessments, round__network__slug=network, round__slug=round_slug, city__slug=city
            )
            actions = policy.assessment_actions(request.user, assessment)
            if action not in actions:
                return refuse(request, Action.VIEW_PUBLISHED in actions)
            return view(request, assessment, actions, **kwargs)

        return wrapper

    return decorator
