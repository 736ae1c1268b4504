"""Public results: the round's ranking, a city's profile, one indicator across cities, open-data files.

Everything here is public and shows only published results past their round's embargo
(:func:`mangfold.web.results.services.public_assessments`); a city without such a result in the round
has no profile (404), whoever asks.
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from mangfold.index.benchmark import OVERALL
from mangfold.index.standing import Withheld
from mangfold.web.accounts import policy
from mangfold.web.assessments.access import get_round
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.practices.recommended import recommended_practices
from mangfold.web.results import exports, result_charts
from mangfold.web.results.places import withheld_text
from mangfold.web.results.profile import (
    indicator_rows,
    peer_groups,
    peer_tags,
    peer_thresholds,
)
from mangfold.web.results.services import RoundResults, round_results
from mangfold.web.results.trend import instrument_name, trend, trend_note


def _lang() -> str:
    return get_language() or "da"


def index(request: HttpRequest) -> HttpResponse:
    public = Assessment.objects.public().filter(round=OuterRef("pk")).values("round")
    rounds = (
        Round.objects.select_related("network")
        .annotate(published=Coalesce(Subquery(public.annotate(n=Count("pk")).values("n")), 0))
        .order_by("network__name", "-slug")
    )
    rows = [(r, r.published) for r in rounds]
    return render(request, "results/index.html", {"rows": rows})


def round_overview(request: HttpRequest, network: str, round_slug: str) -> HttpResponse:
    round_ = get_round(network, round_slug)
    results = round_results(round_, _lang())
    context = {
        "round": round_,
        "results": results,
        "instrument": instrument_name(results.instrument, _lang()),
        "withheld": _small_sample(results, OVERALL),
        "rows": [(entry, peer_tags(entry)) for entry in results.entries],
        "summary": results.summary(),
        "indicators": [(code, name, results.summary(code)) for code, name in results.indicators.items()],
        "distribution": result_charts.distribution_chart(results),
        "formats": list(exports.FORMATS),
    }
    return render(request, "results/round.html", context)


def city_profile(request: HttpRequest, network: str, round_slug: str, city: str) -> HttpResponse:
    round_ = get_round(network, round_slug)
    lang = _lang()
    results = round_results(round_, lang)
    entry = results.entry(city)
    if entry is None:
        raise Http404
    rows = indicator_rows(results, entry)
    history, progress = trend(results, entry, lang)
    name = entry.city.display_name
    standing = entry.standing
    context = {
        "round": round_,
        "results": results,
        "entry": entry,
        "instrument": instrument_name(results.instrument, lang),
        "placement": standing.placement,
        "withheld": withheld_text(standing.withheld, standing.count, results.limits),
        "summary": results.summary(),
        "rows": rows,
        "peers": peer_groups(results, entry, lang),
        "thresholds": peer_thresholds(lang),
        "history": history,
        "progress": progress,
        "recommended": recommended_practices(results, entry, lang),
        "indicators_chart": result_charts.indicators_chart(rows, name),
        "radar_chart": result_charts.radar_chart(rows, name),
        "distribution": result_charts.distribution_chart(results, entry.slug),
        "trend_chart": result_charts.trend_chart(history, name),
        "trend_note": trend_note(history, lang, progress),
        "may_brief": policy.Action.VIEW_PRIVATE in policy.briefing_actions(request.user, round_, entry.city),
    }
    return render(request, "results/city.html", context)


def indicator(request: HttpRequest, network: str, round_slug: str, code: str) -> HttpResponse:
    round_ = get_round(network, round_slug)
    results = round_results(round_, _lang())
    if code not in results.indicators:
        raise Http404
    context = {
        "round": round_,
        "results": results,
        "instrument": instrument_name(results.instrument, _lang()),
        "withheld": withheld_text(
            None
            if results.published or results.limits.may_rank(results.summary(code).count)
            else Withheld.SMALL_SAMPLE,
            results.summary(code).count,
            results.limits,
        ),
        "code": code,
        "name": results.indicators[code],
        "rows": results.scored(code),
        "summary": results.summary(code),
        "chart": result_charts.ranking_chart(results, code),
    }
    return render(request, "results/indicator.html", context)


def _small_sample(results: RoundResults, measure: str) -> str:
    """Why a questionnaire round shows no ranks on ``measure`` ("" when it does, or is published)."""
    count = results.summary(measure).count
    if results.published or not count or results.limits.may_rank(count):
        return ""
    return withheld_text(Withheld.SMALL_SAMPLE, count, results.limits)


def export(request: HttpRequest, network: str, round_slug: str, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    round_ = get_round(network, round_slug)
    lang = _lang()
    results = round_results(round_, lang)
    url = request.build_absolute_uri(reverse("results:round", args=[network, round_slug]))
    if fmt == "csv":
        body = exports.to_csv(results, url)
    elif fmt == "xlsx":
        body = exports.to_xlsx(results, url)
    else:
        body = exports.to_json(results, url, lang)
    response = HttpResponse(body, content_type=exports.FORMATS[fmt])
    filename = f"mangfold-{network}-{round_slug}-{lang}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
