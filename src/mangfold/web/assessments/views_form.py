"""The questionnaire form: one page per indicator, saved whole by a plain form post or answer by answer
(autosave, ``static/assessments/autosave.js``), and the evidence files."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mangfold.index.model import Question, Questionnaire
from mangfold.index.scorecard import Scorecard
from mangfold.web.accounts.policy import Action, signed_in_user
from mangfold.web.assessments.access import assessment_view, refuse
from mangfold.web.assessments.answer_display import (
    NavEntry,
    QuestionView,
    Section,
    answers_by_code,
    attachments_by_answer,
    display_value,
    progress,
    question_view,
    section_of,
    sections,
)
from mangfold.web.assessments.editing import NotEditable, Posted, SaveResult, read_posted, save_answer
from mangfold.web.assessments.models import Answer, Assessment, Attachment
from mangfold.web.assessments.questionnaires import label
from mangfold.web.assessments.review import comments_by_question
from mangfold.web.assessments.scores import live_scorecard, questionnaire_for
from mangfold.web.assessments.templatetags.assessment_tags import rounded


def conflict_message(
    questionnaire: Questionnaire, question: Question, result: SaveResult, posted: Posted
) -> str:
    """Which question was refused, who changed it when, their answer and the refused one."""
    answer = result.answer
    return _(
        "Not saved: “%(code)s %(question)s”. %(user)s changed this answer at %(time)s while you were "
        "editing. Their answer: “%(theirs)s”. Your answer: “%(yours)s”. Nothing was overwritten: both are "
        "in the history of the question. Reload the page to see the current answer and change it again if "
        "needed."
    ) % {
        "code": question.code,
        "question": label(questionnaire, question.text),
        "user": answer.updated_by or _("someone"),
        "time": date_format(localtime(answer.updated_at), "DATETIME_FORMAT"),
        "theirs": display_value(questionnaire, question.code, answer.value),
        "yours": display_value(questionnaire, question.code, posted.value),
    }


SLUG = re.compile(r"[-a-zA-Z0-9_]+")
"""What a code in a URL of the assessments may be (Django's ``slug`` path converter)."""


def urls_by_code(assessment: Assessment, name: str) -> Callable[[str], str]:
    """``assessment.url(name, code)`` for every code of a page, at the cost of one ``reverse()``: the URL
    reversed once with a placeholder code, and each code put in its place."""
    placeholder = "--code--"
    head, _found, tail = assessment.url(name, placeholder).rpartition(placeholder)

    def url(code: str) -> str:
        return f"{head}{code}{tail}" if SLUG.fullmatch(code) else assessment.url(name, code)

    return url


def _section(questionnaire: Questionnaire, code: str) -> tuple[list[Section], Section]:
    found = sections(questionnaire)
    current = next((s for s in found if s.code == code), None)
    if current is None:
        raise Http404
    return found, current


@require_http_methods(["GET", "POST"])
@assessment_view(Action.VIEW_PRIVATE)
def answer_form(
    request: HttpRequest, assessment: Assessment, actions: frozenset[Action], section: str
) -> HttpResponse:
    questionnaire = questionnaire_for(assessment)
    if questionnaire is None:
        raise Http404
    all_sections, current = _section(questionnaire, section)
    invalid: dict[str, Posted] = {}
    if request.method == "POST":
        if Action.EDIT_ANSWERS not in actions:
            raise PermissionDenied
        invalid = _save_section(request, assessment, questionnaire, current)
        if not invalid:
            return redirect(_after_save(request, assessment, all_sections, current))
    answers = answers_by_code(assessment.answers.all())
    card = live_scorecard(assessment, answers.values())
    questions = _questions(questionnaire, assessment, current, answers, invalid)
    page = urls_by_code(assessment, "form")
    nav = [
        NavEntry(s.code, s.name, page(s.code), progress(s, answers).text, s is current) for s in all_sections
    ]
    index = all_sections.index(current)
    context = {
        "assessment": assessment,
        "section": current,
        "questions": questions,
        "nav": nav,
        "progress": progress(current, answers),
        "previous": nav[index - 1] if index > 0 else None,
        "next": nav[index + 1] if index + 1 < len(nav) else None,
        "editable": Action.EDIT_ANSWERS in actions,
        "indicator_score": _indicator_score(card, current.code),
        "overall": card.overall if card else None,
        "error_count": sum(len(p.errors) for p in invalid.values()),
    }
    return render(request, "assessments/form.html", context, status=400 if invalid else 200)


def _questions(
    questionnaire: Questionnaire,
    assessment: Assessment,
    section: Section,
    answers: dict[str, Answer],
    invalid: dict[str, Posted],
) -> list[QuestionView]:
    """The section's questions as the form shows them: answers, files, review comments, history links."""
    shown = [answers[q.code] for q in section.questions if q.code in answers]
    files = attachments_by_answer(shown)
    comments = comments_by_question(assessment)
    history = urls_by_code(assessment, "history")
    views = []
    for question in section.questions:
        answer = answers.get(question.code)
        view = question_view(
            questionnaire,
            question,
            answer,
            invalid.get(question.code),
            summary=False,
            attachments=files.get(answer.pk, []) if answer else [],
        )
        view.history_url = history(question.code)
        view.comments = comments.get(question.code, [])
        views.append(view)
    return views


def _save_section(
    request: HttpRequest, assessment: Assessment, questionnaire: Questionnaire, section: Section
) -> dict[str, Posted]:
    """Save every question of the section that was posted; the ones with invalid values (not saved)."""
    invalid = {}
    conflicts = 0
    for question in section.questions:
        posted = read_posted(question, request.POST, request.FILES)
        if posted is None:
            continue
        if posted.errors:
            invalid[question.code] = posted
            continue
        try:
            result = save_answer(assessment, question, posted, signed_in_user(request))
        except NotEditable as error:
            raise PermissionDenied from error
        if result.status == "conflict":
            conflicts += 1
            messages.error(request, conflict_message(questionnaire, question, result, posted))
    if not conflicts and not invalid:
        messages.success(request, _("Your answers are saved."))
    return invalid


def _after_save(
    request: HttpRequest, assessment: Assessment, all_sections: list[Section], current: Section
) -> str:
    index = all_sections.index(current)
    if "next" in request.POST and index + 1 < len(all_sections):
        return assessment.url("form", all_sections[index + 1].code)
    return assessment.url("form", current.code)


def _indicator_score(card: Scorecard | None, code: str) -> float | None:
    if card is None:
        return None
    try:
        return card.indicator(code).score
    except KeyError:
        return None


@require_POST
@assessment_view(Action.EDIT_ANSWERS)
def save_one(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    """Autosave: one question's answer, evidence and files; JSON with the new version and progress."""
    questionnaire = questionnaire_for(assessment)
    code = request.POST.get("question", "")
    if questionnaire is None or not questionnaire.has_question(code):
        return JsonResponse({"status": "invalid", "message": _("Unknown question.")}, status=400)
    question = questionnaire.question(code)
    posted = read_posted(question, request.POST, request.FILES)
    if posted is None:
        return JsonResponse({"status": "invalid", "message": _("Unknown question.")}, status=400)
    if posted.errors:
        return JsonResponse({"status": "invalid", "question": code, "errors": posted.errors}, status=400)
    try:
        result = save_answer(assessment, question, posted, signed_in_user(request))
    except NotEditable:
        return JsonResponse(
            {"status": "closed", "message": _("This assessment can no longer be changed.")}, status=403
        )
    answers = answers_by_code(assessment.answers.all())
    section = section_of(questionnaire, question)
    card = live_scorecard(assessment, answers.values())
    result.answer.assessment = assessment  # with its round, network and city: the files' addresses
    attachments = list(result.answer.attachments.all())
    payload: dict[str, Any] = {
        "status": result.status,
        "question": code,
        "version": result.answer.version,
        "progress": progress(section, answers).text,
        "indicator_score": rounded(_indicator_score(card, section.code)),
        "overall": rounded(card.overall if card else None),
        "attachments_html": render_to_string(
            "assessments/_attachments.html",
            {"q": {"code": code, "attachments": attachments}, "editable": True},
        ),
    }
    if result.status == "conflict":
        payload["message"] = conflict_message(questionnaire, question, result, posted)
        return JsonResponse(payload, status=409)
    return JsonResponse(payload)


@assessment_view(Action.VIEW_PUBLISHED)
def attachment(
    request: HttpRequest, assessment: Assessment, actions: frozenset[Action], pk: int
) -> HttpResponseBase:
    """An evidence file: only for the city's officials and the network's administrators, never public."""
    if Action.VIEW_PRIVATE not in actions:
        return refuse(request, exists_publicly=False)
    found = get_object_or_404(Attachment, pk=pk, answer__assessment=assessment)
    content_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    # Streamed in blocks from storage (FileResponse closes the file), never read into memory whole.
    response = FileResponse(found.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name) or "attachment"
    response["Cache-Control"] = "private, no-store"
    return response
