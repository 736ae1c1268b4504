"""Saving answers: what a form posted for one question, optimistic versioning, history and files.

Every question on the form carries the version of its answer (``ver-CODE``). A save based on an older
version than the stored one is refused (nothing is overwritten) and kept in the history as a refused
attempt, unless the posted answer is what the user loaded (they did not touch it): then it is skipped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mangfold.index.model import Question, QuestionType
from mangfold.web.assessments.models import Answer, AnswerChange, Assessment, Attachment
from mangfold.web.core.links import link_lines

NA_CHOICE = "__na__"
MAX_FILE_SIZE = 20 * 1024 * 1024
Value = dict[str, Any]


def field_name(prefix: str, code: str) -> str:
    """The form field of a question: ``a`` answer, ``na`` not applicable, ``nm`` not measured, ``ev``
    evidence text, ``ln``
    links, ``f`` files, ``rm`` attachments to remove, ``ver`` the version the form was loaded with."""
    return f"{prefix}-{code}"


@dataclass(frozen=True)
class Posted:
    """One question's answer as posted and checked; ``errors`` maps value/links/files to a message."""

    code: str
    value: Value
    evidence: str
    links: str
    based_on: int
    files: tuple[UploadedFile, ...] = ()
    remove: tuple[int, ...] = ()
    errors: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def state(self) -> tuple[Value, str, str]:
        return (self.value, self.evidence, self.links)


def read_posted(
    question: Question, data: QueryDict, files: MultiValueDict[str, UploadedFile]
) -> Posted | None:
    """The posted answer to ``question``; None when the form did not carry the question."""
    code = question.code
    version = data.get(field_name("ver", code))
    if version is None:
        return None
    errors: dict[str, str] = {}
    value, error = _read_value(question, data)
    if error:
        errors["value"] = error
    not_applicable = data.get(field_name("na", code)) == "1" or NA_CHOICE in data.getlist(
        field_name("a", code)
    )
    if not_applicable:
        if question.not_applicable:
            value = {"na": True}
            errors.pop("value", None)
        else:
            errors["value"] = _("“Not applicable” is not an answer to this question.")
    elif data.get(field_name("nm", code)) == "1":
        if question.not_measured:
            value = {"nm": True}
            errors.pop("value", None)
        else:
            errors["value"] = _("“Not measured” is not an answer to this question.")
    links, links_error = _read_links(data.get(field_name("ln", code), ""))
    if links_error:
        errors["links"] = links_error
    uploads = tuple(files.getlist(field_name("f", code)))
    too_big = [f.name for f in uploads if (f.size or 0) > MAX_FILE_SIZE]
    if too_big:
        errors["files"] = _("Files may be at most 20 MB: %(names)s") % {"names": ", ".join(map(str, too_big))}
    remove = tuple(int(pk) for pk in data.getlist(field_name("rm", code)) if pk.isdigit())
    return Posted(
        code,
        value,
        _clean_text(data.get(field_name("ev", code), "")),
        links,
        int(version) if version.isdigit() else 0,
        uploads,
        remove,
        errors,
        {"value": data.getlist(field_name("a", code)), "links": data.get(field_name("ln", code), "")},
    )


def _read_value(question: Question, data: QueryDict) -> tuple[Value, str | None]:
    name = field_name("a", question.code)
    if question.is_choice:
        names = [n for n in data.getlist(name) if n and n != NA_CHOICE]
        choices = [question.choice(n) for n in names]
        if any(c is None for c in choices):
            return {}, _("Choose one of the options.")
        if question.type is not QuestionType.MULTIPLE_CHOICE and len(names) > 1:
            return {}, _("Choose only one option.")
        exclusive = [c.name for c in choices if c is not None and c.exclusive]
        if exclusive and len(names) > 1:
            chosen = question.choice(exclusive[0])
            name = chosen.label.get(get_language() or "da", "da") if chosen else exclusive[0]
            return {}, _("“%(name)s” cannot be combined with other options.") % {"name": name or exclusive[0]}
        return ({"choices": names} if names else {}), None
    text = _clean_text(data.get(name, ""))
    if question.type is QuestionType.NUMBER:
        if not text:
            return {}, None
        try:
            number = float(text.replace(" ", "").replace(",", "."))
        except ValueError:
            return {}, _("Enter a number.")
        if not math.isfinite(number):
            return {}, _("Enter a number.")
        if question.integer and not number.is_integer():
            return {}, _("Enter a whole number.")
        return {"number": number}, None
    return ({"text": text} if text else {}), None


def _read_links(text: str) -> tuple[str, str | None]:
    lines, bad = link_lines(text)
    if bad is None:
        return "\n".join(lines), None
    message = _("Line %(number)s is not a web address (starting with https:// or http://).")
    return "\n".join(lines), message % {"number": bad}


def _clean_text(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


@dataclass(frozen=True)
class SaveResult:
    """What a save did: ``saved``, ``unchanged`` or ``conflict`` (refused; ``attempt`` is in the history)."""

    status: str
    answer: Answer
    attempt: AnswerChange | None = None


class NotEditable(Exception):
    """The assessment does not accept changes to its answers (submitted, approved …)."""


def save_answer(assessment: Assessment, question: Question, posted: Posted, user: User) -> SaveResult:
    """Save one posted answer with its files, refusing a save based on a stale version."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if not locked.is_editable:
            raise NotEditable(question.code)
        answer, _created = Answer.objects.select_for_update().get_or_create(
            assessment=locked, question=question.code
        )
        stored = (answer.value, answer.evidence, answer.links)
        status = "unchanged"
        attempt = None
        if posted.state != stored:
            if posted.based_on == answer.version:
                _apply(answer, posted, user)
                status = "saved"
            elif _state_at(answer, posted.based_on) != posted.state:
                attempt = _record(answer, AnswerChange.Kind.REFUSED, user, posted, answer.version)
                status = "conflict"
        _files(answer, posted, user)
    return SaveResult(status, answer, attempt)


def _apply(answer: Answer, posted: Posted, user: User) -> None:
    _record(answer, AnswerChange.Kind.CHANGED, user, posted, answer.version + 1)
    answer.value, answer.evidence, answer.links = posted.state
    answer.version += 1
    answer.updated_by = user
    answer.updated_at = timezone.now()
    answer.save()


def _record(answer: Answer, kind: str, user: User, posted: Posted, version: int) -> AnswerChange:
    return AnswerChange.objects.create(
        answer=answer,
        kind=kind,
        version=version,
        based_on=posted.based_on,
        by=user,
        old_value=answer.value,
        new_value=posted.value,
        old_evidence=answer.evidence,
        new_evidence=posted.evidence,
        old_links=answer.links,
        new_links=posted.links,
    )


def _state_at(answer: Answer, version: int) -> tuple[Value, str, str] | None:
    """The answer as it was at ``version`` (what a form loaded then showed)."""
    if version == 0:
        return ({}, "", "")
    change = answer.changes.filter(kind=AnswerChange.Kind.CHANGED, version=version).order_by("-pk").first()
    return (change.new_value, change.new_evidence, change.new_links) if change else None


def _files(answer: Answer, posted: Posted, user: User) -> None:
    if "files" in posted.errors:
        return
    for upload in posted.files:
        name = str(upload.name or "file")[:200]
        Attachment.objects.create(
            answer=answer, file=upload, name=name, size=upload.size or 0, uploaded_by=user
        )
        _file_event(answer, AnswerChange.Kind.FILE_ADDED, name, user)
    for attachment in answer.attachments.filter(pk__in=posted.remove):
        _file_event(answer, AnswerChange.Kind.FILE_REMOVED, attachment.name, user)
        attachment.file.delete(save=False)
        attachment.delete()


def _file_event(answer: Answer, kind: str, name: str, user: User) -> None:
    AnswerChange.objects.create(
        answer=answer,
        kind=kind,
        version=answer.version,
        based_on=answer.version,
        by=user,
        old_value=answer.value,
        new_value=answer.value,
        file_name=name,
    )


def raw_answers(answers: Sequence[Answer]) -> dict[str, Any]:
    """Stored answers in the form :func:`mangfold.index.answers.parse_answers` reads (no evidence)."""
    raw: dict[str, Any] = {}
    for answer in answers:
        value = answer.value or {}
        if value.get("na"):
            raw[answer.question] = "na"
        elif value.get("nm"):
            raw[answer.question] = "nm"
        elif "choices" in value:
            raw[answer.question] = list(value["choices"])
        elif "number" in value:
            raw[answer.question] = value["number"]
        elif "text" in value:
            raw[answer.question] = value["text"]
    return raw
