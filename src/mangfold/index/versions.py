"""Following questions across questionnaire versions, so that trends can be computed.

A question keeps its code from one version to the next; when a code changes, the new version's
``previous_code`` names the question it replaces in ``previous_version``. :func:`code_map` gives the
correspondence and :func:`migrate_answers` carries an earlier version's answers over to the current
version's codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from mangfold.i18n import gettext as _
from mangfold.index.model import Questionnaire

__all__ = ["code_map", "migrate_answers"]

V = TypeVar("V")


def code_map(current: Questionnaire, previous: Questionnaire | None = None) -> dict[str, str]:
    """``{current code: code in the previous version}`` for the questions of ``current``.

    A question's previous code is its ``previous_code``, else its own code. Given the ``previous``
    questionnaire, only codes that exist there are kept, and :class:`ValueError` is raised when its
    version is not ``current.previous_version`` (when that is set).
    """
    if previous is not None and current.previous_version not in (None, previous.version):
        msg = _("{form_id} {version} follows version {previous}, not {given}")
        raise ValueError(
            msg.format(
                form_id=current.form_id,
                version=current.version,
                previous=current.previous_version,
                given=previous.version,
            )
        )
    mapping = {q.code: q.previous_code or q.code for q in current.questions}
    if previous is not None:
        mapping = {new: old for new, old in mapping.items() if previous.has_question(old)}
    return mapping


def migrate_answers(
    answers: Mapping[str, V], current: Questionnaire, previous: Questionnaire | None = None
) -> tuple[dict[str, V], tuple[str, ...]]:
    """An earlier version's answers under the current version's codes, and the codes left behind.

    Returns ``(answers by current code, previous codes that no current question takes over)``.
    A previous question split into two current questions gives its answer to both. Choice names
    are carried over as they are: check the result with
    :func:`~mangfold.index.answers.parse_answers` against ``current``.
    """
    mapping = code_map(current, previous)
    migrated = {new: answers[old] for new, old in mapping.items() if old in answers}
    taken = set(mapping.values())
    left = tuple(code for code in answers if code not in taken)
    return migrated, left
