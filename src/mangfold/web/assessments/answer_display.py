"""What the assessment pages show: sections (indicators), questions with their answers, progress, values.

Plain dataclasses built from the questionnaire and the stored answers, in the page's language; the
templates only lay them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from mangfold.index.model import Question, Questionnaire, QuestionType
from mangfold.web.assessments.editing import NA_CHOICE, Posted
from mangfold.web.assessments.models import Answer, Attachment
from mangfold.web.assessments.questionnaires import label

OTHER = "_other"


@dataclass(frozen=True)
class Section:
    """One page of the form: an indicator (or the questions without one) and its questions."""

    code: str
    name: str
    scope: str
    questions: tuple[Question, ...]


def sections(questionnaire: Questionnaire) -> list[Section]:
    """The indicators in order, each with its questions; questions without an indicator last."""
    found = [
        Section(
            i.code,
            label(questionnaire, i.name),
            label(questionnaire, i.scope),
            questionnaire.questions_of(i.code),
        )
        for i in questionnaire.indicators
    ]
    others = tuple(q for q in questionnaire.questions if q.indicator is None)
    if others:
        found.append(Section(OTHER, _("Other questions"), "", others))
    return [s for s in found if s.questions]


def is_answered(answer: Answer | None) -> bool:
    return answer is not None and bool(answer.value)


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100

    @property
    def text(self) -> str:
        return _("%(answered)s of %(total)s answered") % {"answered": self.answered, "total": self.total}


def progress(section: Section, answers: Mapping[str, Answer]) -> Progress:
    """Answered questions of a section ("not applicable" counts as an answer)."""
    answered = sum(1 for q in section.questions if is_answered(answers.get(q.code)))
    return Progress(answered, len(section.questions))


def display_value(questionnaire: Questionnaire | None, code: str, value: Mapping[str, Any] | None) -> str:
    """An answer as the page shows it: choice labels, a number in the page's format, a text, or "–"."""
    value = value or {}
    if value.get("na"):
        return _("Not applicable")
    if value.get("nm"):
        return _("Not measured")
    question = questionnaire.question(code) if questionnaire and questionnaire.has_question(code) else None
    if "choices" in value:
        names = [str(n) for n in value["choices"]]
        if question is None or questionnaire is None:
            return ", ".join(names)
        choices = [question.choice(n) for n in names]
        return ", ".join(
            label(questionnaire, c.label) or c.name if c else n for c, n in zip(choices, names, strict=True)
        )
    if "number" in value:
        number = float(value["number"])
        return number_format(number, decimal_pos=0 if number.is_integer() else None)
    if "text" in value:
        return str(value["text"])
    return "–"


@dataclass
class ChoiceView:
    name: str
    label: str
    checked: bool
    points: float | None = None


@dataclass
class QuestionView:
    """A question as the form shows it, with its answer (or the values just posted, and their errors)."""

    code: str
    text: str
    help: str
    kind: str
    widget: str  # radio, checkbox, number, text
    choices: list[ChoiceView]
    allows_na: bool
    na_checked: bool
    allows_nm: bool
    nm_checked: bool
    value_text: str
    evidence: str
    links: str
    version: int
    integer: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    display: str = "–"
    updated_by: str = ""
    changes: int = 0


def question_view(
    questionnaire: Questionnaire, question: Question, answer: Answer | None, posted: Posted | None = None
) -> QuestionView:
    """The view of one question: its stored answer, or what was just posted when it was refused."""
    value = posted.value if posted is not None else (answer.value if answer else {})
    selected = set(posted.raw.get("value", [])) if posted is not None else set(value.get("choices", []))
    widget = {
        QuestionType.MULTIPLE_CHOICE: "checkbox",
        QuestionType.NUMBER: "number",
        QuestionType.TEXT: "text",
    }.get(question.type, "radio")
    if posted is not None and not question.is_choice:
        value_text = (posted.raw.get("value") or [""])[0]
    elif "number" in value:
        number = float(value["number"])
        value_text = f"{int(number)}" if number.is_integer() else f"{number}"
    else:
        value_text = str(value.get("text", ""))
    return QuestionView(
        code=question.code,
        text=label(questionnaire, question.text),
        help=label(questionnaire, question.help),
        kind=question.kind.value if question.kind else "",
        widget=widget,
        choices=[
            ChoiceView(c.name, label(questionnaire, c.label) or c.name, c.name in selected, c.points)
            for c in question.choices
        ],
        allows_na=question.not_applicable,
        na_checked=bool(value.get("na")) or NA_CHOICE in selected,
        allows_nm=question.not_measured,
        nm_checked=bool(value.get("nm")),
        value_text=value_text,
        evidence=posted.evidence if posted is not None else (answer.evidence if answer else ""),
        links=posted.raw.get("links", "") if posted is not None else (answer.links if answer else ""),
        version=answer.version if answer else 0,
        integer=question.integer,
        attachments=list(answer.attachments.all()) if answer and answer.pk else [],
        errors=dict(posted.errors) if posted is not None else {},
        display=display_value(questionnaire, question.code, answer.value if answer else None),
        updated_by=str(answer.updated_by) if answer and answer.updated_by else "",
    )


def answers_by_code(answers: Iterable[Answer]) -> dict[str, Answer]:
    return {a.question: a for a in answers}
