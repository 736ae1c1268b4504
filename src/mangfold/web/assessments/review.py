"""Review comments on single questions: a network administrator's remark, and the city's reply.

The comment itself is :class:`mangfold.web.assessments.models.QuestionComment`; here are the questions
the form, the review page and the workflow ask of an assessment's comments.
"""

from __future__ import annotations

from collections import defaultdict

from mangfold.web.assessments.models import Assessment, QuestionComment


def comments_by_question(assessment: Assessment) -> dict[str, list[QuestionComment]]:
    """Every comment of the assessment, by question code, oldest first."""
    found: dict[str, list[QuestionComment]] = defaultdict(list)
    for comment in assessment.question_comments.select_related("by", "replied_by"):
        found[comment.question].append(comment)
    return dict(found)


def open_comments(assessment: Assessment) -> int:
    """How many comments the city has not answered or acted on yet."""
    return assessment.question_comments.filter(closed_at__isnull=True).count()
