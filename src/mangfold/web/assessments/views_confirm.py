"""Submit, send back, approve and publish: each a confirmation page (GET) saying what will happen and who
will be told, and the change itself (POST from that page). Works without JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mangfold.web.accounts.policy import Action, signed_in_user
from mangfold.web.assessments import notices, workflow
from mangfold.web.assessments.access import assessment_view
from mangfold.web.assessments.answer_display import answers_by_code, progress, sections
from mangfold.web.assessments.forms_rounds import SendBackForm
from mangfold.web.assessments.models import Assessment
from mangfold.web.assessments.scores import questionnaire_for

State = Assessment.State


def _confirm(
    request: HttpRequest, assessment: Assessment, event: str, extra: dict[str, Any], status: int = 200
) -> HttpResponse:
    context = {
        "assessment": assessment,
        "event": event,
        "told": notices.recipients(assessment, event),
        "open_comments": list(assessment.question_comments.filter(closed_at__isnull=True)),
        **extra,
    }
    return render(request, "assessments/confirm.html", context, status=status)


def _move(
    request: HttpRequest, assessment: Assessment, to_state: str, done: str, comment: str = ""
) -> HttpResponse:
    try:
        workflow.move(assessment, to_state, signed_in_user(request), comment)
    except workflow.InvalidTransition:
        messages.error(request, _("That change of state is not possible now."))
    else:
        messages.success(request, done)
    return redirect(assessment.url())


def unanswered(assessment: Assessment) -> int:
    questionnaire = questionnaire_for(assessment)
    if questionnaire is None:
        return 0
    answers = answers_by_code(assessment.answers.all())
    return sum(p.total - p.answered for p in (progress(s, answers) for s in sections(questionnaire)))


@require_http_methods(["GET", "POST"])
@assessment_view(Action.SUBMIT)
def submit(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    if request.method == "GET":
        return _confirm(request, assessment, "submitted", {"unanswered": unanswered(assessment)})
    done = _("The assessment is submitted for review; the network's administrators are told.")
    return _move(request, assessment, State.SUBMITTED, done)


@require_http_methods(["GET", "POST"])
@assessment_view(Action.REVIEW)
def send_back(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    if request.method == "GET":
        return _confirm(request, assessment, "returned", {"form": SendBackForm()})
    form = SendBackForm(request.POST)
    has_comments = assessment.question_comments.filter(closed_at__isnull=True).exists()
    if form.is_valid() and not (form.cleaned_data["comment"].strip() or has_comments):
        form.add_error("comment", _("Write a comment, or comment on single questions first."))
    if not form.is_valid():
        return _confirm(request, assessment, "returned", {"form": form}, status=400)
    done = _("The assessment is returned to the city with your comments; its coordinators are notified.")
    return _move(request, assessment, State.RETURNED, done, form.cleaned_data["comment"])


@require_http_methods(["GET", "POST"])
@assessment_view(Action.REVIEW)
def approve(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    if request.method == "GET":
        return _confirm(request, assessment, "approved", {})
    return _move(
        request, assessment, State.APPROVED, _("The assessment is approved; its official scores are fixed.")
    )


@require_http_methods(["GET", "POST"])
@assessment_view(Action.PUBLISH)
def publish(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    if request.method == "GET":
        return _confirm(request, assessment, "published", {})
    if assessment.round.embargoed:
        done = _("The assessment is published; its scores become public when the embargo ends.")
    else:
        done = _("The assessment is published.")
    return _move(request, assessment, State.PUBLISHED, done)
