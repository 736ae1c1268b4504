"""Changes across two questionnaire versions that a version map links (issue 14).

A city's trend from a round on one version into a round on the next is shown only where the map keeps
the answers comparable (:mod:`mangfold.index.versions`): per indicator when all its questions are
``same`` or ``reworded``, and for the overall score only when every indicator is.
"""

from __future__ import annotations

from mangfold.i18n import gettext as _
from mangfold.index.benchmark import OVERALL, CityResult
from mangfold.index.model import Questionnaire
from mangfold.index.progress import ScoreChange
from mangfold.index.versions import comparable_indicators, version_groups

__all__ = ["linked", "mapped_changes"]


def linked(earlier: Questionnaire, later: Questionnaire) -> bool:
    """True when ``later``'s version map is from ``earlier`` (same family, ``previous_version``)."""
    return (
        bool(later.version_map)
        and later.form_id == earlier.form_id
        and later.previous_version == earlier.version
    )


def mapped_changes(
    previous: CityResult, current: CityResult, earlier: Questionnaire, later: Questionnaire
) -> list[ScoreChange]:
    """A city's score changes from a round on ``earlier`` to a round on ``later``, two versions a
    version map links (:func:`linked`; :class:`ValueError` otherwise): each indicator's change only when
    :func:`comparable_indicators` says so, the overall change only when the two versions form one group
    of :func:`version_groups`. The instruments are not required to be equal: the map decides."""
    if not linked(earlier, later):
        msg = _("{form_id} {version} has no version map from {given}")
        raise ValueError(msg.format(form_id=later.form_id, version=later.version, given=earlier.version))
    ok = comparable_indicators(earlier, later)
    groups = version_groups([earlier, later]).get(later.form_id, [])
    overall = any(earlier.version in g and later.version in g for g in groups)
    changes = [ScoreChange(OVERALL, previous.overall, current.overall, overall)]
    for code in sorted(set(previous.indicators) | set(current.indicators)):
        changes.append(
            ScoreChange(
                code, previous.indicators.get(code), current.indicators.get(code), ok.get(code, False)
            )
        )
    return changes
