"""Review comments on single questions: a network administrator's remark, and the city's reply.

The comment itself is :class:`mangfold.web.assessments.models.QuestionComment`; here are the questions
the form, the review page and the workflow ask of an assessment's comments.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model

from mangfold.web.assessments.models import Assessment, QuestionComment


def comments_by_question(assessment: Assessment) -> dict[str, list[QuestionComment]]:
    """Every comment of the assessment, by question code, oldest first, with who wrote and answered it.

    One query, and one more for the users when there are comments (joining the users twice costs every
    page more, and most assessments have no comments).
    """
    comments = list(assessment.question_comments.all())
    _with_users(comments)
    found: dict[str, list[QuestionComment]] = defaultdict(list)
    for comment in comments:
        found[comment.question].append(comment)
    return dict(found)


def _with_users(comments: list[QuestionComment]) -> None:
    ids = {pk for c in comments for pk in (c.by_id, c.replied_by_id) if pk is not None}
    if not ids:
        return
    users = get_user_model().objects.in_bulk(ids)
    for comment in comments:
        comment.by = users.get(comment.by_id) if comment.by_id is not None else None
        comment.replied_by = users.get(comment.replied_by_id) if comment.replied_by_id is not None else None


def open_comments(assessment: Assessment) -> int:
    """How many comments the city has not answered or acted on yet."""
    return assessment.question_comments.filter(closed_at__isnull=True).count()
