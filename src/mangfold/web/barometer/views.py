"""Barometer pages: the city's barometer (public once published) and its coordinator's management page."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mangfold.barometer.model import BarometerError
from mangfold.barometer.workbook import read_values_csv, read_workbook, to_data, write_workbook
from mangfold.i18n import language
from mangfold.web.accounts.policy import signed_in_user
from mangfold.web.barometer.access import may_edit, visible_barometer
from mangfold.web.barometer.association import MIN_CITIES, association_pairs, network_entries
from mangfold.web.barometer.forms import DefinitionForm, ValuesForm
from mangfold.web.barometer.models import BarometerValue, CityBarometer, DefinitionVersion
from mangfold.web.barometer.policy import published_scores, questionnaire_name
from mangfold.web.barometer.sections import build_section, peer_values
from mangfold.web.core.uploads import check_size
from mangfold.web.network.models import City, Network

MAX_DEFINITION_BYTES = 5 * 2**20
"""The largest definition workbook read (a barometer of a few dozen indicators is some 10 KB)."""
MAX_VALUES_BYTES = 10 * 2**20
"""The largest values file read (the shipped values of a city are under 100 KB)."""


def _lang() -> str:
    return (get_language() or "da").split("-")[0]


def index(request: HttpRequest) -> HttpResponse:
    barometers = CityBarometer.objects.filter(is_published=True).select_related("city").order_by("city__name")
    networks = Network.objects.order_by("name")
    return render(request, "barometer/index.html", {"barometers": barometers, "networks": networks})


def network_page(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    entries = network_entries(network)
    shown, too_few = association_pairs(entries, _lang())
    context = {
        "network": network,
        "entries": entries,
        "pairs": shown,
        "too_few": too_few,
        "minimum": MIN_CITIES,
    }
    return render(request, "barometer/network.html", context)


def city_page(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    stored = visible_barometer(request.user, city)
    barometer = stored.model()
    section = build_section(
        city, barometer, stored.value_set(), _lang(), published_scores(city), peer_values(city, barometer)
    )
    context = {
        "city": city,
        "stored": stored,
        "section": section,
        "questionnaire": questionnaire_name(_lang()),
        "may_edit": may_edit(request.user, city),
    }
    return render(request, "barometer/city.html", context)


def definition_workbook(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    stored = visible_barometer(request.user, city)
    data = bytes(stored.workbook) if stored.workbook else write_workbook(stored.model())
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="barometer-{city.slug}.xlsx"'
    return response


def _editable_city(request: HttpRequest, slug: str) -> City:
    city = get_object_or_404(City, slug=slug)
    if not may_edit(request.user, city):
        raise PermissionDenied
    return city


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    city = _editable_city(request, slug)
    stored = CityBarometer.objects.filter(city=city).first()
    context = {
        "city": city,
        "stored": stored,
        "definition_form": DefinitionForm(),
        "values_form": ValuesForm(),
        "value_count": stored.values.count() if stored else 0,
        "versions": stored.versions.select_related("uploaded_by") if stored else [],
    }
    return render(request, "barometer/manage.html", context)


def _refuse(request: HttpRequest, city: City, message: str) -> HttpResponse:
    stored = CityBarometer.objects.filter(city=city).first()
    messages.error(request, message)
    context = {
        "city": city,
        "stored": stored,
        "definition_form": DefinitionForm(),
        "values_form": ValuesForm(),
        "value_count": stored.values.count() if stored else 0,
    }
    return render(request, "barometer/manage.html", context, status=400)


@login_required
@require_POST
def upload_definition(request: HttpRequest, slug: str) -> HttpResponse:
    city = _editable_city(request, slug)
    form = DefinitionForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refuse(request, city, _("Choose a definition workbook (.xlsx) to upload."))
    upload = form.cleaned_data["workbook"]
    try:
        check_size(upload, MAX_DEFINITION_BYTES)
    except ValidationError as error:
        return _refuse(request, city, error.messages[0])
    data = upload.read()
    try:
        with language(_lang()):
            barometer = read_workbook(data)
    except BarometerError as error:
        return _refuse(request, city, str(error))
    with transaction.atomic():
        stored, _created = CityBarometer.objects.update_or_create(
            city=city,
            defaults={
                "definition": to_data(barometer),
                "version": barometer.version,
                "workbook": data,
                "updated_at": timezone.now(),
                "updated_by": signed_in_user(request),
            },
        )
        DefinitionVersion.objects.create(
            barometer=stored,
            version=barometer.version,
            definition=to_data(barometer),
            workbook=data,
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=signed_in_user(request),
        )
    messages.success(
        request, _("The barometer's definition is saved (version %(v)s).") % {"v": barometer.version}
    )
    return redirect("barometer:manage", slug=city.slug)


@login_required
@require_POST
def upload_values(request: HttpRequest, slug: str) -> HttpResponse:
    city = _editable_city(request, slug)
    stored = get_object_or_404(CityBarometer, city=city)
    form = ValuesForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refuse(request, city, _("Choose a values file (CSV) and name its source."))
    upload = form.cleaned_data["values"]
    try:
        check_size(upload, MAX_VALUES_BYTES)
    except ValidationError as error:
        return _refuse(request, city, error.messages[0])
    try:
        text = upload.read().decode("utf-8-sig")
        with language(_lang()):
            values = read_values_csv(text, name=upload.name, default_source=form.cleaned_data["source"])
    except UnicodeDecodeError:
        return _refuse(request, city, _("The values file must be UTF-8 text."))
    except BarometerError as error:
        return _refuse(request, city, str(error))
    known = {i.code for i in stored.model().indicators}
    unknown = sorted({v.indicator for v in values} - known)
    if unknown:
        return _refuse(
            request, city, _("Not indicators of this barometer: %(codes)s") % {"codes": ", ".join(unknown)}
        )
    with transaction.atomic():
        for value in values:
            key = {"indicator": value.indicator, "year": value.year, "group": value.group, "area": value.area}
            stored.values.filter(**key).delete()
            BarometerValue.from_value(value, barometer=stored, entered_by=signed_in_user(request)).save()
    messages.success(request, _("%(count)s values are saved.") % {"count": len(values)})
    return redirect("barometer:manage", slug=city.slug)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    city = _editable_city(request, slug)
    stored = get_object_or_404(CityBarometer, city=city)
    stored.is_published = not stored.is_published
    stored.published_at = timezone.now() if stored.is_published else None
    stored.save(update_fields=["is_published", "published_at"])
    if stored.is_published:
        messages.success(request, _("The barometer is published: anyone can now see it."))
    else:
        messages.success(request, _("The barometer is withdrawn: only the city's officials can see it."))
    return redirect("barometer:manage", slug=city.slug)
