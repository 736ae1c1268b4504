"""The barometer as plain data for pages and reports: goals, statuses in words, figures with sources.

:func:`barometer_section` is what the city profile and the committee briefing call; the barometer page
uses it too, so every face shows the same statuses for the same reasons, the same account of where the
goals and figures come from (:func:`mangfold.barometer.provenance.deviations`) and every year labelled as
what it is (the year a figure measures, or only the year it was published).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mangfold.barometer.model import Barometer, Indicator, Value, ValueSet
from mangfold.barometer.provenance import deviations, year_label
from mangfold.barometer.rules import Status, barometer_statuses, fmt, round_published
from mangfold.charts.barometer import indicator_trend
from mangfold.i18n import language
from mangfold.reports.typography import display_name
from mangfold.web.barometer.models import CityBarometer
from mangfold.web.barometer.policy import PolicyScores, goal_policy, policy_note
from mangfold.web.network.models import City


def _lang() -> str:
    return (get_language() or "da").split("-")[0]


def area_name(code: str) -> str:
    return _("The whole country") if code == "DK" else code


def _unit(indicator: Indicator) -> str:
    return _("percentage points") if indicator.unit == "percentage points" else indicator.unit


def _figure(value: float | None, indicator: Indicator) -> str:
    if value is None:
        return "–"
    unit = _unit(indicator)
    number = fmt(round_published(value, indicator.decimals), indicator.decimals)
    return f"{number} {unit}".strip()


def comparable(a: Indicator, b: Indicator) -> bool:
    """Two cities' indicators are compared only when they measure the same thing the same way."""
    same = ("code", "unit", "direction", "kind", "groups", "definition_da", "definition_en", "group")
    return all(getattr(a, name) == getattr(b, name) for name in same)


def peer_values(city: City, barometer: Barometer) -> dict[str, list[dict[str, Any]]]:
    """Other cities' latest own values of the same indicators, from their *published* barometers only (for a
    real city, from real cities only: an example city's figures are invented)."""
    found: dict[str, list[dict[str, Any]]] = {}
    others = CityBarometer.objects.filter(is_published=True).exclude(city=city).select_related("city")
    if not city.is_example:  # a real city's figures are never set beside an example city's invented ones
        others = others.exclude(city__is_example=True)
    for other in others.order_by("city__name"):
        model, values = other.model(), other.value_set()
        for indicator in barometer.indicators:
            theirs = next((i for i in model.indicators if i.code == indicator.code), None)
            series = values.series(indicator.code) if theirs is not None else []
            if theirs is None or not series or not comparable(indicator, theirs):
                continue
            found.setdefault(indicator.code, []).append(
                {"area": other.city.display_name, "latest": series[-1]}
            )
    return found


def _comparison(area: str, value: Value, indicator: Indicator) -> dict[str, Any]:
    """A comparison area's latest value, its year labelled as what it is, with its source and note."""
    return {
        "area": area,
        "year": value.year,
        "year_label": year_label(value),
        "value": _figure(value.value, indicator),
        "source": value.source,
        "note": value.note,
    }


def _indicator_data(
    indicator: Indicator, status: Any, values: ValueSet, lang: str, peers: list[dict[str, Any]]
) -> dict[str, Any]:
    series = values.series(indicator.code)
    latest = [
        (area_name(area), values.series(indicator.code, area=area)[-1])
        for area in values.areas(indicator.code)
    ]
    latest += [(peer["area"], peer["latest"]) for peer in peers]
    comparisons = [_comparison(area, value, indicator) for area, value in latest]
    target = None
    if indicator.target is not None:
        target = _figure(indicator.target, indicator)
        if indicator.target_year:
            target = _("%(value)s by %(year)s") % {"value": target, "year": indicator.target_year}
    chart = None
    if series:
        chart = indicator_trend(
            [(v.year, v.value) for v in series],
            base_year=indicator.base_year,
            value_label=f"{indicator.title(lang)} ({_unit(indicator)})",
            year_label=_("Year"),
            base_label=_("Base year %(year)s") % {"year": indicator.base_year},
            target=indicator.target,
            target_label=_("Target %(value)s") % {"value": target} if target else "",
            decimals=indicator.decimals,
        )
    return {
        "code": indicator.code,
        "title": indicator.title(lang),
        "definition": indicator.definition(lang),
        "group": indicator.population(lang),
        "direction": _("higher is better") if indicator.direction == "higher" else _("lower is better"),
        "rule": _("rounded values") if status.rule == "rounded" else _("change with confidence interval"),
        "status": status.status.value,
        "status_name": status.name,
        "explanation": status.explanation,
        "base_year": indicator.base_year,
        "base_value": _figure(status.base_value, indicator),
        "latest_year": status.latest_year,
        "latest_value": _figure(status.latest_value, indicator),
        "target": target,
        "comparisons": comparisons,
        "values": [
            {
                "year": v.year,
                "year_label": year_label(v),
                "value": _figure(v.value, indicator),
                "source": v.source,
                "note": v.note,
            }
            for v in series
        ],
        "chart": chart,
    }


def build_section(
    city: City,
    barometer: Barometer,
    values: ValueSet,
    lang: str,
    scores: PolicyScores | Mapping[str, float | None] | None = None,
    peers: Mapping[str, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The barometer's goals with statuses, explanations and figures, in ``lang``; plain data only.

    ``scores`` (:func:`mangfold.web.barometer.policy.published_scores`) gives each goal's related policy
    indicators their scores where the result holds them on the same instrument, with a note naming the
    round and instrument or saying there are none; a plain mapping names no round or instrument, so it
    gives no score and no note. ``peers`` (from :func:`peer_values`) adds other cities' values of the same
    indicators to each indicator's comparisons, after the whole country's.
    """
    policy_scores = scores if isinstance(scores, PolicyScores) else None
    with language(lang), translation.override(lang):
        statuses = barometer_statuses(barometer, values)
        goals = []
        for goal, result in zip(barometer.goals, statuses, strict=True):
            indicators = [
                _indicator_data(
                    barometer.indicator(s.indicator), s, values, lang, (peers or {}).get(s.indicator, [])
                )
                for s in result.indicators
            ]
            policy = goal_policy(goal, policy_scores, lang)
            goals.append(
                {
                    "code": goal.code,
                    "title": goal.title(lang),
                    "committee": goal.committee,
                    "status": result.status.value,
                    "status_name": result.name,
                    "explanation": result.explanation,
                    "indicators": indicators,
                    "taken_from": goal.taken_from(lang),
                    "policy": policy,
                    "policy_scored": any(entry["score"] is not None for entry in policy),
                    "policy_note": policy_note(policy, policy_scores, lang),
                }
            )
        tally = {s.value: sum(1 for g in goals if g["status"] == s.value) for s in Status}
        summary = _("%(total)s goals: green %(green)s, yellow %(yellow)s, red %(red)s, white %(white)s") % {
            **tally,
            "total": len(goals),
        }
        told = deviations(barometer, values, display_name(city.name, lang, invented=city.is_example))
    return {
        "city": display_name(city.name, lang, invented=city.is_example),
        "is_example": city.is_example,
        "title": barometer.title(lang),
        "based_on": barometer.based_on(lang),
        "based_on_goals": barometer.based_on_goals,
        "based_on_base_year": barometer.based_on_base_year,
        "deviations": list(told),
        "version": barometer.version,
        "goals": goals,
        "summary": summary,
        "base_years": sorted({i.base_year for i in barometer.indicators}),
    }


def barometer_section(
    city: City,
    lang: str | None = None,
    *,
    include_draft: bool = False,
    scores: PolicyScores | Mapping[str, float | None] | None = None,
) -> dict[str, Any] | None:
    """The city's barometer for the profile or the briefing (``None`` when it has none to show).

    Only a published barometer unless ``include_draft`` (for the city's officials' own briefing).
    ``scores``: see :func:`build_section` (a plain mapping of scores gives none: it names no instrument).
    """
    stored = CityBarometer.objects.filter(city=city).first()
    if stored is None or not (stored.is_published or include_draft):
        return None
    section = build_section(city, stored.model(), stored.value_set(), lang or _lang(), scores)
    section["is_published"] = stored.is_published
    return section
