"""An assessment's page and its review: submit, return with comments, approve, publish."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mangfold.web.accounts.policy import Action
from mangfold.web.assessments import workflow
from mangfold.web.assessments.access import assessment_view
from mangfold.web.assessments.forms import ReturnForm
from mangfold.web.assessments.models import Assessment
from mangfold.web.assessments.present import answers_by_code, progress, sections
from mangfold.web.assessments.scores import questionnaire_for, scorecard_data, scorecard_view

State = Assessment.State


@assessment_view(Action.VIEW_PUBLISHED)
def detail(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    return _detail(request, assessment, actions, ReturnForm())


def _detail(
    request: HttpRequest,
    assessment: Assessment,
    actions: frozenset[Action],
    form: ReturnForm,
    status: int = 200,
) -> HttpResponse:
    private = Action.VIEW_PRIVATE in actions
    questionnaire = questionnaire_for(assessment)
    data = scorecard_data(assessment, private)
    card = scorecard_view(data, questionnaire, private) if data else None
    nav = []
    if private and questionnaire is not None and not assessment.is_legacy:
        answers = answers_by_code(assessment.answers.all())
        scores = {i.code: i.score for i in card.indicators} if card else {}
        nav = [(s, progress(s, answers), scores.get(s.code)) for s in sections(questionnaire)]
    transitions = list(assessment.transitions.select_related("by")) if private else []
    returned = [t for t in transitions if t.to_state == State.RETURNED]
    context = {
        "assessment": assessment,
        "actions": {a.value for a in actions},
        "private": private,
        "card": card,
        "official": bool(assessment.official_scorecard),
        "nav": nav,
        "transitions": transitions,
        "last_return": returned[-1] if returned and assessment.state == State.RETURNED else None,
        "return_form": form,
    }
    return render(request, "assessments/detail.html", context, status=status)


def _move(
    request: HttpRequest, assessment: Assessment, to_state: str, done: str, comment: str = ""
) -> HttpResponse:
    try:
        workflow.move(assessment, to_state, request.user, comment)  # type: ignore[arg-type]
    except workflow.InvalidTransition:
        messages.error(request, _("That change of state is not possible now."))
    else:
        messages.success(request, done)
    return redirect(assessment.url())


@require_POST
@assessment_view(Action.SUBMIT)
def submit(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    return _move(request, assessment, State.SUBMITTED, _("The assessment is submitted for review."))


@require_POST
@assessment_view(Action.REVIEW)
def send_back(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _detail(request, assessment, actions, form, status=400)
    done = _("The assessment is returned to the city with your comments; its coordinators are notified.")
    return _move(request, assessment, State.RETURNED, done, form.cleaned_data["comment"])


@require_POST
@assessment_view(Action.REVIEW)
def approve(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    return _move(
        request, assessment, State.APPROVED, _("The assessment is approved; its official scores are fixed.")
    )


@require_POST
@assessment_view(Action.PUBLISH)
def publish(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    if assessment.round.embargoed:
        done = _("The assessment is published; its scores become public when the embargo ends.")
    else:
        done = _("The assessment is published.")
    return _move(request, assessment, State.PUBLISHED, done)
