"""The scorecard explained question by question, and the history of one answer."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from mangfold.web.accounts.policy import Action
from mangfold.web.assessments.access import assessment_view
from mangfold.web.assessments.answer_display import display_value
from mangfold.web.assessments.models import Answer, AnswerChange, Assessment
from mangfold.web.assessments.questionnaires import label
from mangfold.web.assessments.scores import questionnaire_for, scorecard_data, scorecard_view


@assessment_view(Action.VIEW_PUBLISHED)
def scorecard(request: HttpRequest, assessment: Assessment, actions: frozenset[Action]) -> HttpResponse:
    private = Action.VIEW_PRIVATE in actions
    questionnaire = questionnaire_for(assessment)
    data = scorecard_data(assessment, private)
    context = {
        "assessment": assessment,
        "card": scorecard_view(data, questionnaire, private) if data else None,
        "official": bool(assessment.official_scorecard),
        "private": private,
    }
    return render(request, "assessments/scorecard.html", context)


@assessment_view(Action.VIEW_PRIVATE)
def history(
    request: HttpRequest, assessment: Assessment, actions: frozenset[Action], question: str
) -> HttpResponse:
    questionnaire = questionnaire_for(assessment)
    if questionnaire is None or not questionnaire.has_question(question):
        raise Http404
    answer = (
        Answer.objects.filter(assessment=assessment, question=question).select_related("updated_by").first()
    )
    changes = []
    if answer is not None:
        for change in answer.changes.select_related("by").order_by("-at", "-pk"):
            changes.append(
                {
                    "change": change,
                    "refused": change.kind == AnswerChange.Kind.REFUSED,
                    "old": display_value(questionnaire, question, change.old_value),
                    "new": display_value(questionnaire, question, change.new_value),
                    "evidence_changed": change.old_evidence != change.new_evidence,
                    "links_changed": change.old_links != change.new_links,
                }
            )
    context = {
        "assessment": assessment,
        "question": questionnaire.question(question),
        "text": label(questionnaire, questionnaire.question(question).text),
        "answer": answer,
        "current": display_value(questionnaire, question, answer.value if answer else None),
        "changes": changes,
        "section": questionnaire.question(question).indicator or "_other",
    }
    return render(request, "assessments/history.html", context)
