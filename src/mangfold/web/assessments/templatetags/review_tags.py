"""Template helpers of the review: the comments on one question."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def question_comments(assessment: Any, code: str) -> list[Any]:
    """Every review comment on one question of the assessment, oldest first (for its history page)."""
    return list(assessment.question_comments.filter(question=code).select_related("by", "replied_by"))


@register.filter
def is_web_address(value: str) -> bool:
    """Whether a stored evidence link may be a link (http or https); anything else is shown as text."""
    return str(value).strip().lower().startswith(("https://", "http://"))
