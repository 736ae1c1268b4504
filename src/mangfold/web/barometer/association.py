"""Policy beside outcome across a network's cities: a city's policy score against an outcome's value.

Shown only where at least :data:`MIN_CITIES` cities have both figures, and always with the statement that
it shows association, not effect (no fitted line, no correlation coefficient presented as a finding).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from mangfold.barometer.model import Barometer, Indicator, ValueSet
from mangfold.charts.barometer import policy_outcome_scatter
from mangfold.web.barometer.models import CityBarometer
from mangfold.web.barometer.sections import comparable, policy_indicator_names, published_scores
from mangfold.web.network.models import Network

MIN_CITIES = 3
"""Fewer cities than this draw no chart: two dots say nothing about an association."""


@dataclass(frozen=True)
class CityEntry:
    name: str
    barometer: Barometer
    values: ValueSet
    scores: Mapping[str, float | None]


def association_pairs(
    entries: Sequence[CityEntry], lang: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The (outcome indicator, policy indicator) pairs with enough cities, and those without (with counts).

    Cities count for a pair when their indicator is comparable with the first city's of that code, they
    have an own value of it, the goal holding it names the policy indicator, and they have a policy score.
    """
    names = policy_indicator_names(lang)
    references: dict[str, Indicator] = {}
    for entry in entries:
        for indicator in entry.barometer.indicators:
            references.setdefault(indicator.code, indicator)
    shown: list[dict[str, Any]] = []
    too_few: list[dict[str, Any]] = []
    for code, reference in references.items():
        by_policy: dict[str, list[tuple[str, float, float]]] = {}
        for entry in entries:
            mine = next((i for i in entry.barometer.indicators if i.code == code), None)
            series = entry.values.series(code)
            if mine is None or not series or not comparable(mine, reference):
                continue
            goal = next(g for g in entry.barometer.goals if code in g.indicators)
            for policy in goal.policy_indicators:
                score = entry.scores.get(policy)
                points = by_policy.setdefault(policy, [])
                if score is not None:
                    points.append((entry.name, score, series[-1].value))
        title = reference.title(lang)
        for policy, points in by_policy.items():
            pair = {
                "indicator": title,
                "policy": names.get(policy, policy),
                "count": len(points),
            }
            if len(points) < MIN_CITIES:
                too_few.append(pair)
                continue
            pair["points"] = points
            pair["chart"] = policy_outcome_scatter(
                points,
                policy_label=_("%(name)s (policy score)") % {"name": pair["policy"]},
                outcome_label=title,
                city_label=_("City"),
                decimals=reference.decimals,
            )
            shown.append(pair)
    return shown, too_few


def network_entries(network: Network) -> list[CityEntry]:
    """The network's cities with a published barometer, with their latest published policy scores."""
    stored = CityBarometer.objects.filter(is_published=True, city__memberships__network=network)
    entries = []
    for record in stored.select_related("city").order_by("city__name"):
        scores, _round = published_scores(record.city)
        entries.append(CityEntry(record.city.name, record.model(), record.value_set(), scores))
    return entries
