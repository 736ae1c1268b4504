"""An assessment's page, the network's review queue, the review page with comments on single questions."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.contrib import messages
from django.db.models import Max, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mangfold.web.accounts import policy
from mangfold.web.accounts.policy import Action
from mangfold.web.assessments.access import assessment_view, refuse
from mangfold.web.assessments.answer_display import answers_by_code, progress, question_view, sections
from mangfold.web.assessments.forms_rounds import QuestionCommentForm, ReplyForm
from mangfold.web.assessments.models import Assessment, QuestionComment
from mangfold.web.assessments.review import comments_by_question
from mangfold.web.assessments.scores import questionnaire_for, scorecard_data, scorecard_view

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

State = Assessment.State


class _Waiting(TypedDict):
    since: datetime.datetime | None


@assessment_view(Action.VIEW_PUBLISHED)
def detail(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
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
    comments = assessment.question_comments.filter(closed_at__isnull=True) if private else []
    context = {
        "assessment": assessment,
        "actions": {a.value for a in actions},
        "private": private,
        "card": card,
        "official": bool(assessment.official_scorecard),
        "nav": nav,
        "transitions": transitions,
        "last_return": returned[-1] if returned and assessment.state == State.RETURNED else None,
        "open_comments": list(comments),
        "coordinators": coordinators(assessment) if private else [],
    }
    return render(request, "assessments/detail.html", context)


def coordinators(assessment: Assessment) -> list[str]:
    """The names of the city's coordinators: the officials who submit."""
    roles = assessment.city.roles.filter(role="coordinator").select_related("user")
    return sorted(r.user.get_full_name() or r.user.get_username() for r in roles)


def queue(request: HttpRequest) -> HttpResponse:
    """Submitted assessments of the networks the user administers, longest waiting first; then the
    approved ones waiting to be published."""
    if not policy.may_manage_rounds(request.user):
        return refuse(request, exists_publicly=True)
    networks = policy.administered_networks(request.user)
    # The stubs type the annotation as Any, and AssessmentQuerySet iterates as plain Assessment:
    # name what Max over a datetime column gives.
    waiting = cast(
        "QuerySet[WithAnnotations[Assessment, _Waiting]]",
        Assessment.objects.filter(round__network__in=networks, state__in=[State.SUBMITTED, State.APPROVED])
        .select_related("round__network", "city")
        .annotate(since=Max("transitions__at", filter=Q(transitions__to_state=F_STATE))),
    )
    now = timezone.now()
    rows = sorted(
        ((a, (now - a.since).days if a.since else None) for a in waiting),
        key=lambda row: (row[0].state != State.SUBMITTED, row[0].since or now),
    )
    return render(request, "assessments/queue.html", {"rows": rows})


F_STATE = State.SUBMITTED
"""Queued assessments wait since their last submission (an approved one: since it was submitted)."""


@assessment_view(Action.VIEW_PRIVATE)
def review(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    """Every answer, its evidence and the comments on it, on one page; reviewers comment here."""
    questionnaire = questionnaire_for(assessment)
    if questionnaire is None or assessment.is_legacy:
        raise Http404
    # through the assessment's own manager: each answer knows its assessment, so a file's address
    # (attachment -> answer -> assessment) costs no query per file
    stored = assessment.answers.select_related("updated_by")
    answers = answers_by_code(stored.prefetch_related("attachments"))
    comments = comments_by_question(assessment)
    parts = []
    for section in sections(questionnaire):
        questions = [
            (question_view(questionnaire, q, answers.get(q.code)), comments.get(q.code, []))
            for q in section.questions
        ]
        parts.append((section, progress(section, answers), questions))
    context: dict[str, Any] = {
        "assessment": assessment,
        "actions": {a.value for a in actions},
        "parts": parts,
        "may_comment": Action.REVIEW in actions,
        "open_count": sum(1 for found in comments.values() for c in found if c.is_open),
    }
    return render(request, "assessments/review.html", context)


@require_POST
@assessment_view(Action.REVIEW)
def comment(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    form = QuestionCommentForm(request.POST)
    questionnaire = questionnaire_for(assessment)
    if (
        not form.is_valid()
        or questionnaire is None
        or not questionnaire.has_question(form.cleaned_data["question"])
    ):
        messages.error(request, _("Write a comment on one of the questions."))
        return redirect(assessment.url("review"))
    code = form.cleaned_data["question"]
    QuestionComment.objects.create(
        assessment=assessment,
        question=code,
        text=form.cleaned_data["text"].strip(),
        by=policy.signed_in_user(request),
    )
    messages.success(
        request,
        _("Your comment on %(code)s is saved; the city sees it when you send the assessment back.")
        % {"code": code},
    )
    return redirect(assessment.url("review") + f"#q-{code}")


@require_POST
@assessment_view(Action.EDIT_ANSWERS)
def reply(request: HttpRequest, assessment: Assessment, actions: frozenset[Action], pk: int) -> HttpResponse:
    """The city answers a comment (or marks it done after changing the answer): the comment is closed."""
    found = get_object_or_404(QuestionComment, pk=pk, assessment=assessment)
    form = ReplyForm(request.POST)
    if form.is_valid() and found.is_open:
        found.reply = form.cleaned_data["reply"].strip()
        found.replied_by = policy.signed_in_user(request)
        found.closed_at = timezone.now()
        found.save()
        messages.success(
            request, _("Your reply to the comment on %(code)s is saved.") % {"code": found.question}
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = assessment.url()
    return redirect(target)
