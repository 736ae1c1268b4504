"""Policy beside outcome across a network's cities: a city's policy score against an outcome's value.

Shown only where at least :data:`MIN_CITIES` cities have both figures, and always with the statement that
it shows association, not effect (no fitted line, no correlation coefficient presented as a finding). A
policy score counts only from a result on mangfold's questionnaire (whose indicators the goals name), and
cities are put on one axis only when their scores come from comparable instruments, which the page names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from mangfold.barometer.model import Barometer, Indicator, ValueSet
from mangfold.charts.barometer import policy_outcome_scatter
from mangfold.i18n import language
from mangfold.index.instrument import Instrument, instrument_label
from mangfold.index.instrument import comparable as comparable_instruments
from mangfold.web.barometer.models import CityBarometer
from mangfold.web.barometer.policy import on_the_questionnaire, policy_indicator_names, published_scores
from mangfold.web.barometer.sections import comparable
from mangfold.web.network.models import Network

MIN_CITIES = 3
"""Fewer cities than this draw no chart: two dots say nothing about an association."""


@dataclass(frozen=True)
class CityEntry:
    name: str
    barometer: Barometer
    values: ValueSet
    scores: Mapping[str, float | None]
    instrument: Instrument | None = None
    """What the scores were measured with; cities are paired only on comparable instruments."""


def _same_instrument(a: Instrument | None, b: Instrument | None) -> bool:
    return a == b if a is None or b is None else comparable_instruments(a, b)


def association_pairs(
    entries: Sequence[CityEntry], lang: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The (outcome indicator, policy indicator) pairs with enough cities, and those without (with counts).

    Cities count for a pair when their indicator is comparable with the first city's of that code, they
    have an own value of it, the goal holding it names the policy indicator, and they have a policy score
    on an instrument comparable with that of the first city with one (named under ``instrument``).
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
        instruments: dict[str, Instrument | None] = {}
        for entry in entries:
            mine = next((i for i in entry.barometer.indicators if i.code == code), None)
            series = entry.values.series(code)
            if mine is None or not series or not comparable(mine, reference):
                continue
            goal = next(g for g in entry.barometer.goals if code in g.indicators)
            for policy in goal.policy_indicators:
                score = entry.scores.get(policy)
                points = by_policy.setdefault(policy, [])
                if score is None:
                    continue
                first = instruments.setdefault(policy, entry.instrument)
                if _same_instrument(first, entry.instrument):
                    points.append((entry.name, score, series[-1].value))
        title = reference.title(lang)
        for policy, points in by_policy.items():
            instrument = instruments.get(policy)
            with language(lang):
                instrument_name = instrument_label(instrument) if instrument is not None else ""
            pair = {
                "indicator": title,
                "policy": names.get(policy, policy),
                "instrument": instrument_name,
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
        found = published_scores(record.city)
        scores = found.scores if on_the_questionnaire(found) else {}
        entries.append(
            CityEntry(record.city.display_name, record.model(), record.value_set(), scores, found.instrument)
        )
    return entries
