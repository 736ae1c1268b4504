"""What the assessment pages show: sections (indicators), questions with their answers, progress, values.

Plain dataclasses built from the questionnaire and the stored answers, in the page's language; the
templates only lay them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mangfold.index.model import Question, Questionnaire, QuestionType
from mangfold.web.assessments.editing import NA_CHOICE, Posted
from mangfold.web.assessments.models import Answer, Attachment, QuestionComment
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
    language = get_language() or "da"
    found = [
        Section(
            i.code,
            questionnaire.label(i.name, language),
            questionnaire.label(i.scope, language),
            questionnaire.questions_of(i.code),
        )
        for i in questionnaire.indicators
    ]
    others = _other_questions(questionnaire)
    if others:
        found.append(Section(OTHER, _("Other questions"), "", others))
    return [s for s in found if s.questions]


def section_of(questionnaire: Questionnaire, question: Question) -> Section:
    """The section a question is on (what :func:`sections` lists for it, without building the others)."""
    if question.indicator is None:
        return Section(OTHER, _("Other questions"), "", _other_questions(questionnaire))
    indicator = questionnaire.indicator(question.indicator)
    language = get_language() or "da"
    return Section(
        indicator.code,
        questionnaire.label(indicator.name, language),
        questionnaire.label(indicator.scope, language),
        questionnaire.questions_of(indicator.code),
    )


def _other_questions(questionnaire: Questionnaire) -> tuple[Question, ...]:
    return tuple(q for q in questionnaire.questions if q.indicator is None)


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


@dataclass(frozen=True)
class NavEntry:
    """A section in the form's list of sections: its page, name and progress; ``current``: this page."""

    code: str
    name: str
    url: str
    progress: str
    current: bool


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
    id: str = ""
    """The input's id on the form (``a-CODE-1`` for the first choice)."""


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
    history_url: str = ""
    """The page with the history of the answer (the form links to it)."""
    comments: list[QuestionComment] = field(default_factory=list)
    """The review comments on the question, oldest first (the form shows them)."""

    @property
    def value_error(self) -> str:
        """Why the posted answer was refused ("" when it was not)."""
        return self.errors.get("value", "")

    @property
    def links_error(self) -> str:
        """Why the posted links were refused ("" when they were not)."""
        return self.errors.get("links", "")

    @property
    def files_error(self) -> str:
        """Why the posted files were refused ("" when they were not)."""
        return self.errors.get("files", "")


WIDGETS = {
    QuestionType.MULTIPLE_CHOICE: "checkbox",
    QuestionType.NUMBER: "number",
    QuestionType.TEXT: "text",
}


def question_view(
    questionnaire: Questionnaire,
    question: Question,
    answer: Answer | None,
    posted: Posted | None = None,
    *,
    summary: bool = True,
    attachments: Sequence[Attachment] | None = None,
) -> QuestionView:
    """The view of one question: its stored answer, or what was just posted when it was refused.

    ``summary``: the answer as one text and who changed it last (the review page shows them; the form
    does not, and then needs no ``updated_by`` user loaded with the answer). ``attachments``: the
    answer's evidence files when the caller has them already (see :func:`attachments_by_answer`).
    """
    language = get_language() or "da"
    value = posted.value if posted is not None else (answer.value if answer else {})
    selected = set(posted.raw.get("value", [])) if posted is not None else set(value.get("choices", []))
    if posted is not None and not question.is_choice:
        value_text = (posted.raw.get("value") or [""])[0]
    elif "number" in value:
        number = float(value["number"])
        value_text = f"{int(number)}" if number.is_integer() else f"{number}"
    else:
        value_text = str(value.get("text", ""))
    code = question.code
    return QuestionView(
        code=code,
        text=questionnaire.label(question.text, language),
        help=questionnaire.label(question.help, language),
        kind=question.kind.value if question.kind else "",
        widget=WIDGETS.get(question.type, "radio"),
        choices=[
            ChoiceView(
                c.name,
                questionnaire.label(c.label, language) or c.name,
                c.name in selected,
                c.points,
                f"a-{code}-{position}",
            )
            for position, c in enumerate(question.choices, start=1)
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
        attachments=list(attachments if attachments is not None else _attachments(answer)),
        errors=dict(posted.errors) if posted is not None else {},
        display=display_value(questionnaire, code, answer.value if answer else None) if summary else "–",
        updated_by=str(answer.updated_by) if summary and answer and answer.updated_by else "",
    )


def _attachments(answer: Answer | None) -> list[Attachment]:
    return list(answer.attachments.all()) if answer and answer.pk else []


def attachments_by_answer(answers: Iterable[Answer]) -> dict[int, list[Attachment]]:
    """The evidence files of some answers by answer id, in one query (none without answers).

    Cheaper than ``prefetch_related("attachments")`` on every answer of an assessment when a page shows
    the files of a few; each file's ``answer`` is the given one (its address needs no further query).
    """
    by_pk = {a.pk: a for a in answers if a.pk}
    found: dict[int, list[Attachment]] = {pk: [] for pk in by_pk}
    if by_pk:
        for attachment in Attachment.objects.filter(answer_id__in=by_pk):
            attachment.answer = by_pk[attachment.answer_id]
            found[attachment.answer_id].append(attachment)
    return found


def answers_by_code(answers: Iterable[Answer]) -> dict[str, Answer]:
    return {a.question: a for a in answers}
