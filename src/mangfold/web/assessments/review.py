"""Review comments on single questions: a network administrator's remark, and the city's reply.

A comment belongs to one question of one assessment. The city sees it beside the question in the form,
answers it (a reply) or acts on it (changes the answer and marks it done); either closes it. Comments are
never deleted: they stay in the question's history with who wrote what and when.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from mangfold.web.assessments.models import Assessment


class QuestionComment(models.Model):
    """A reviewer's comment on one question and the city's reply (``closed_at``: answered or acted on)."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="question_comments"
    )
    question = models.CharField(_("question"), max_length=100)
    text = models.TextField(_("comment"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.question}: {self.text[:40]}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def comments_by_question(assessment: Assessment) -> dict[str, list[QuestionComment]]:
    """Every comment of the assessment, by question code, oldest first."""
    found: dict[str, list[QuestionComment]] = defaultdict(list)
    for comment in assessment.question_comments.select_related("by", "replied_by"):
        found[comment.question].append(comment)
    return dict(found)


def open_comments(assessment: Assessment) -> int:
    """How many comments the city has not answered or acted on yet."""
    return assessment.question_comments.filter(closed_at__isnull=True).count()
