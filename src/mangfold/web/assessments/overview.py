"""A city's rounds as its start page shows them: the state, and what is left to do in each.

What is left: unanswered questions, answered questions without evidence (no text, link or file) and review
comments the city has not answered. "Not applicable" is an answer that needs no evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q

from mangfold.web.accounts import policy
from mangfold.web.accounts.policy import Action, AnyUser
from mangfold.web.assessments.answer_display import OTHER, answers_by_code, sections
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.assessments.questionnaires import round_questionnaire
from mangfold.web.network.models import City


@dataclass
class RoundState:
    """One round of the city: its assessment (None: not invited or started) and what is left."""

    round: Round
    assessment: Assessment | None
    actions: frozenset[Action] = frozenset()
    total: int = 0
    unanswered: int = 0
    without_evidence: int = 0
    open_comments: int = 0
    first_open_section: str = ""
    may_start: bool = False
    missing: list[str] = field(default_factory=list)


def city_rounds(user: AnyUser, city: City) -> list[RoundState]:
    """The open rounds (with a questionnaire, not archived) of the city's networks, newest first, with the
    city's assessment in each; then the rounds in which the city's result is published."""
    rounds = (
        Round.objects.filter(network__memberships__city=city, questionnaire__isnull=False)
        .select_related("network", "questionnaire")
        .defer("questionnaire__workbook")
        .order_by(F("archived_at").asc(nulls_first=True), F("deadline").desc(nulls_last=True), "-slug")
    )
    assessments = {
        a.round_id: a
        for a in Assessment.objects.filter(city=city, source="")
        .select_related("round__network", "city")
        .annotate(open_count=Count("question_comments", filter=_open()))
    }
    found = []
    for round_ in rounds:
        assessment = assessments.get(round_.pk)
        if round_.archived_at is not None and (assessment is None or not assessment.is_public):
            continue
        found.append(_state(user, round_, assessment, city))
    return found


def _open() -> Q:
    return Q(question_comments__closed_at__isnull=True)


def _state(user: AnyUser, round_: Round, assessment: Assessment | None, city: City) -> RoundState:
    if assessment is None:
        may_start = round_.archived_at is None and policy.can_start(user, round_, city)
        return RoundState(round_, None, may_start=may_start)
    state = RoundState(round_, assessment, policy.assessment_actions(user, assessment))
    questionnaire = round_questionnaire(round_)
    if questionnaire is None:
        return state
    answers = answers_by_code(assessment.answers.prefetch_related("attachments"))
    for section in sections(questionnaire):
        for question in section.questions:
            state.total += 1
            answer = answers.get(question.code)
            if answer is None or not answer.value:
                state.unanswered += 1
                state.first_open_section = state.first_open_section or section.code
            elif not answer.value.get("na") and not (
                answer.evidence.strip() or answer.links.strip() or answer.attachments.all()
            ):
                state.without_evidence += 1
                state.missing.append(question.code)
    state.open_comments = getattr(assessment, "open_count", 0)
    if not state.first_open_section:
        found = sections(questionnaire)
        state.first_open_section = found[0].code if found else OTHER
    return state
