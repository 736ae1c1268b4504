"""Rounds: the list, one round with the cities' assessments, its public results, starting an assessment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mangfold.index.scorecard import StoredScorecard, load_scorecard
from mangfold.web.accounts import policy
from mangfold.web.accounts.policy import Action
from mangfold.web.assessments.access import get_round, refuse
from mangfold.web.assessments.models import Assessment, Round, Transition
from mangfold.web.assessments.questionnaires import label, round_questionnaire
from mangfold.web.assessments.views_manage import uninvited
from mangfold.web.core.indicator_names import plain_name
from mangfold.web.network.models import City


def round_list(request: HttpRequest) -> HttpResponse:
    rounds = Round.objects.select_related("network", "questionnaire").defer("questionnaire__workbook")
    # the assessments the user works on or reviews
    mine = policy.private_assessments(request.user).filter(source="").select_related("round__network", "city")
    context = {
        "rounds": rounds.order_by(F("archived_at").asc(nulls_first=True), "network__name", "-slug"),
        "mine": list(mine),
        "manages": policy.may_manage_rounds(request.user),
    }
    return render(request, "assessments/round_list.html", context)


@dataclass
class CityRow:
    city: City
    assessment: Assessment | None
    private: bool
    may_start: bool


def round_detail(request: HttpRequest, network: str, round_slug: str) -> HttpResponse:
    round_ = get_round(network, round_slug)
    access = policy.round_access(request.user, round_)
    assessments = {a.city_id: a for a in round_.assessments.select_related("round__network", "city")}
    rows = []
    for city in City.objects.filter(memberships__network=round_.network).order_by("name"):
        assessment = assessments.get(city.pk)
        if assessment is not None:
            actions = access.assessment_actions(assessment)
            if Action.VIEW_PUBLISHED in actions:
                rows.append(CityRow(city, assessment, Action.VIEW_PRIVATE in actions, False))
        elif access.can_start(city):
            rows.append(CityRow(city, None, True, True))
    context = {
        "round": round_,
        "rows": rows,
        "administers": access.reviewer,
        "uninvited": uninvited(round_) if access.reviewer else [],
        "public_count": sum(1 for a in assessments.values() if a.is_public),
    }
    return render(request, "assessments/round_detail.html", context)


def results(request: HttpRequest, network: str, round_slug: str) -> HttpResponse:
    round_ = get_round(network, round_slug)
    public = list(Assessment.objects.public().filter(round=round_).select_related("city", "round"))
    public.sort(key=lambda a: (-(a.overall if a.overall is not None else -1), a.city.name))
    cards = [load_scorecard(a.official_scorecard) for a in public]
    context: dict[str, Any] = {
        "round": round_,
        "assessments": public,
        "rows": [(a, card.extended if card else None) for a, card in zip(public, cards, strict=True)],
        **_indicator_table(round_, cards),
    }
    return render(request, "assessments/results.html", context)


def _indicator_table(round_: Round, cards: list[StoredScorecard | None]) -> dict[str, Any]:
    """Rows of (indicator name, [score of each city]) for the published scorecards."""
    scores = [card.indicator_scores() if card else {} for card in cards]
    questionnaire = round_questionnaire(round_)
    names = {i.code: label(questionnaire, i.name) for i in questionnaire.indicators} if questionnaire else {}
    codes = [c for c in names if any(c in s for s in scores)]
    codes += [c for s in scores for c in s if c not in codes]
    rows = [(names.get(c, plain_name(c)), [s.get(c) for s in scores]) for c in codes]
    return {"indicator_rows": rows}


@require_POST
def start(request: HttpRequest, network: str, round_slug: str, city: str) -> HttpResponse:
    round_ = get_round(network, round_slug)
    city_ = get_object_or_404(City, slug=city)
    if round_.archived_at is not None or not policy.can_start(request.user, round_, city_):
        return refuse(request, exists_publicly=True)
    with transaction.atomic():
        assessment, created = Assessment.objects.get_or_create(round=round_, city=city_)
        if created:
            Transition.objects.create(
                assessment=assessment, to_state=Assessment.State.DRAFT, by=policy.signed_in_user(request)
            )
    return redirect(assessment.url())
