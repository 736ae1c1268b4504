"""Reports: a city's profile (public once published), its committee briefing (the city's officials and the
network's administrators only: a 404 for others, since a briefing's existence is not public), and their
files, made in the background and cached until the data change.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mangfold.web.accounts import policy
from mangfold.web.accounts.policy import Action
from mangfold.web.assessments.access import get_round, refuse
from mangfold.web.assessments.models import Round
from mangfold.web.network.models import City
from mangfold.web.reports import briefings, jobs, keys
from mangfold.web.reports.forms import BriefingForm
from mangfold.web.reports.models import Briefing, ReportFile
from mangfold.web.reports.profile import build_profile
from mangfold.web.reports.report_files import file_status, file_statuses, filename
from mangfold.web.results.services import public_assessments

BRIEFING = ReportFile.Kind.BRIEFING


def _lang() -> str:
    return get_language() or "da"


def _published(network: str, round_slug: str, city_slug: str) -> tuple[Round, City]:
    """The round and the city, when the city has a published result there (404 otherwise, for everyone)."""
    round_ = get_round(network, round_slug)
    city = get_object_or_404(City, slug=city_slug)
    if not any(a.city_id == city.pk for a in public_assessments(round_)):
        raise Http404
    return round_, city


def _may_see_briefing(request: HttpRequest, round_: Round, city: City) -> bool:
    return Action.VIEW_PRIVATE in policy.briefing_actions(request.user, round_, city)


def profile(request: HttpRequest, network: str, round_slug: str, city: str) -> HttpResponse:
    round_ = get_round(network, round_slug)
    found = get_object_or_404(City, slug=city)
    report = build_profile(round_, found.slug, _lang())  # None without a published result: 404
    if report is None:
        raise Http404
    context = {
        "report": report,
        "pdf": file_status(ReportFile.Kind.PROFILE, "pdf", round_, found, _lang()),
        "may_brief": _may_see_briefing(request, round_, found),
    }
    return render(request, "reports/profile.html", context)


FileView = Callable[[HttpRequest, Round, City, str, str], HttpResponse]


def _report_file(view: FileView) -> Callable[..., HttpResponse]:
    """Resolve a report file's address for ``view(request, round, city, kind, fmt)``: 404 for an unknown
    kind or format and as :func:`_published`; a briefing's files only for those who may see it."""

    @wraps(view)
    def wrapper(
        request: HttpRequest, network: str, round_slug: str, city: str, kind: str, fmt: str
    ) -> HttpResponse:
        if fmt not in keys.FORMATS.get(kind, {}):
            raise Http404
        round_, found = _published(network, round_slug, city)
        if kind == BRIEFING and not _may_see_briefing(request, round_, found):
            return refuse(request, exists_publicly=False)
        return view(request, round_, found, kind, fmt)

    return wrapper


@require_http_methods(["GET", "POST"])
@_report_file
def export(request: HttpRequest, round_: Round, city: City, kind: str, fmt: str) -> HttpResponse:
    if request.method == "POST":
        jobs.start(kind, fmt, round_, city, _lang(), request.user)
        return redirect(request.path)
    status = file_status(kind, fmt, round_, city, _lang())
    if request.GET.get("format") == "json":
        return JsonResponse(status.as_json())
    return render(request, "reports/export.html", {"round": round_, "city": city, "status": status})


@_report_file
def download(request: HttpRequest, round_: Round, city: City, kind: str, fmt: str) -> HttpResponse:
    key = keys.report_key(kind, fmt, round_, city, _lang())
    ready = ReportFile.objects.filter(key=key, status=ReportFile.Status.DONE).first()
    if ready is None or ready.content is None:
        raise Http404
    response = HttpResponse(bytes(ready.content), content_type=keys.FORMATS[kind][fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(kind, fmt, round_, city, _lang())}"'
    return response


@require_http_methods(["GET", "POST"])
def briefing(request: HttpRequest, network: str, round_slug: str, city: str) -> HttpResponse:
    round_, found = _published(network, round_slug, city)
    actions = policy.briefing_actions(request.user, round_, found)
    if Action.VIEW_PRIVATE not in actions:
        return refuse(request, exists_publicly=False)
    may_edit = Action.WRITE_BRIEFING in actions
    lang = _lang()
    report = build_profile(round_, found.slug, lang)
    if report is None:
        raise Http404
    barometer = briefings.barometer(report)
    saved = briefings.current(report, barometer)
    conflict = None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = BriefingForm(request.POST, lang=lang)
        if form.is_valid():
            if briefings.save(saved, form.cleaned_data, form.cleaned_data["version"], request.user):
                messages.success(request, _("The briefing is saved."))
                return redirect(request.path)
            conflict = briefings.current(report, barometer)
            form = BriefingForm(request.POST | {"version": str(conflict.version)}, lang=lang)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Someone saved this briefing while you edited it. Their text is shown below "
                    "yours: merge the two and save again."
                ),
            )
    else:
        source = briefings.draft(report, barometer) if request.GET.get("redraft") else saved
        form = BriefingForm(initial=_initial(source, saved.version), lang=lang)
    context = {
        "report": report,
        "city_name": briefings.city_name(report),
        "briefing": saved,
        "form": form,
        "may_edit": may_edit,
        "conflict": conflict,
        "conflict_sections": briefings.sections(conflict) if conflict else [],
        "sections": briefings.sections(saved),
        "files": file_statuses(BRIEFING, round_, found, lang),
        "redrafted": bool(request.GET.get("redraft")),
        "profile_url": reverse("reports:profile", args=[network, round_slug, city]),
        "barometer": barometer,
    }
    return render(request, "reports/briefing.html", context)


def _initial(source: Briefing, version: int) -> dict[str, object]:
    return {"title": source.title, "case_number": source.case_number, "version": version, **source.sections}
