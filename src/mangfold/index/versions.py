"""Following questions across questionnaire versions, so that trends are computed only where comparable.

A later version says what became of each question of its ``previous_version`` in a ``version_map`` sheet
(``docs/questionnaire-format.md``): ``same``, ``reworded``, ``rescored``, ``split`` or ``dropped``, with the
question(s) that take it over. Rules (``docs/methodology/index.md``, "Versions"):

* a **question** is comparable across the two versions when the map says ``same`` or ``reworded``;
* an **indicator** is comparable when every scored question of it in *both* versions is such a question
  (nothing added, dropped, split or rescored), so the two scores are the same measurement;
* the **overall score** is comparable only when every indicator is (:func:`version_groups` declares such
  versions comparable for :func:`mangfold.index.instrument.comparable`).

Without a map, a question follows by its ``previous_code`` or its own code (:func:`code_map`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from mangfold.i18n import gettext as _
from mangfold.index.errors import Problem
from mangfold.index.model import Questionnaire

__all__ = [
    "check_version_map",
    "code_map",
    "comparable_indicators",
    "comparable_questions",
    "migrate_answers",
    "version_groups",
]

V = TypeVar("V")

SHEET = "version_map"


def check_version_map(current: Questionnaire, previous: Questionnaire) -> list[Problem]:
    """Problems of ``current``'s version map against the ``previous`` questionnaire: every previous
    question accounted for, no unknown previous code, and the versions matching."""
    problems: list[Problem] = []

    def add(msg: str, row: int | None = None, column: str | None = None) -> None:
        problems.append(Problem(SHEET, row, column, msg))

    if current.previous_version != previous.version or current.form_id != previous.form_id:
        msg = _("the map is from {form_id} {version}, not from {given_id} {given}")
        add(
            msg.format(
                form_id=current.form_id,
                version=current.previous_version,
                given_id=previous.form_id,
                given=previous.version,
            )
        )
    mapped = {e.previous for e in current.version_map}
    for number, entry in enumerate(current.version_map, start=2):
        if not previous.has_question(entry.previous):
            add(
                _("{code!r} is not a question of version {version}").format(
                    code=entry.previous, version=previous.version
                ),
                number,
                "previous",
            )
    for question in previous.questions:
        if question.code not in mapped:
            msg = _("question {code} of version {version} is not accounted for")
            add(msg.format(code=question.code, version=previous.version))
    return problems


def comparable_questions(current: Questionnaire) -> dict[str, str]:
    """``{current code: previous code}`` of the questions the map declares comparable (same, reworded)."""
    return {e.current[0]: e.previous for e in current.version_map if e.change.comparable and e.current}


def comparable_indicators(earlier: Questionnaire, later: Questionnaire) -> dict[str, bool]:
    """For each indicator of ``later`` also in ``earlier``: True when the two scores are the same
    measurement. With a version map: every scored question of the indicator in both versions is mapped
    ``same``/``reworded`` onto a scored question of the same indicator. Without one (or the same version):
    every scored question keeps its code (or ``previous_code``) and indicator, and none is added or lost."""
    if earlier.version == later.version and earlier.form_id == later.form_id:
        return {i.code: True for i in later.indicators}
    pairs = comparable_questions(later) if later.version_map else code_map(later, earlier)
    result: dict[str, bool] = {}
    earlier_codes = {i.code for i in earlier.indicators}
    for indicator in later.indicators:
        if indicator.code not in earlier_codes:
            continue
        new = [q.code for q in later.questions_of(indicator.code) if q.scored]
        old = {q.code for q in earlier.questions_of(indicator.code) if q.scored}
        taken = {pairs[c] for c in new if c in pairs}
        result[indicator.code] = bool(new) and all(c in pairs for c in new) and taken == old
    return result


def version_groups(questionnaires: Iterable[Questionnaire]) -> dict[str, list[set[str]]]:
    """The :data:`~mangfold.index.instrument.VersionMap` of these questionnaires: for each family, the
    groups of versions whose overall scores are comparable (every indicator comparable, none added or
    removed, by :func:`comparable_indicators` along the chain of ``previous_version``)."""
    by_key = {(q.form_id, q.version): q for q in questionnaires}
    groups: dict[str, list[set[str]]] = {}
    for (family, version), q in sorted(by_key.items()):
        earlier = by_key.get((family, q.previous_version or ""))
        if earlier is None:
            continue
        shares = comparable_indicators(earlier, q)
        same_set = {i.code for i in earlier.indicators} == {i.code for i in q.indicators}
        if not (same_set and shares and all(shares.values())):
            continue
        family_groups = groups.setdefault(family, [])
        home = next((g for g in family_groups if earlier.version in g), None)
        if home is None:
            family_groups.append({earlier.version, version})
        else:
            home.add(version)
    return groups


def code_map(current: Questionnaire, previous: Questionnaire | None = None) -> dict[str, str]:
    """``{current code: code in the previous version}`` for the questions of ``current``.

    With a version map: its entries with one or more current questions (a split question gives its
    code to each part; dropped questions none). Else a question's previous code is its
    ``previous_code``, else its own code. Given the ``previous`` questionnaire, only codes that exist
    there are kept, and :class:`ValueError` is raised when its version is not
    ``current.previous_version`` (when that is set).
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
    if current.version_map:
        mapping = {new: e.previous for e in current.version_map for new in e.current}
    else:
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
