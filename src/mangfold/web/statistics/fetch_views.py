"""The fetch page: a city's population by origin straight from Statistics Denmark (FOLK1C, KMSTA001).

Coordinators of the city and administrators of its networks (``IMPORT_STATISTICS``) fetch; the fetch is
stored like an upload, in one transaction, with its provenance; a failure (the service down, an unknown
table) is shown with the service's own message and changes nothing.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mangfold.population.errors import PopulationFileError
from mangfold.sources.errors import FetchError
from mangfold.sources.plan import run
from mangfold.web.network.models import City
from mangfold.web.statistics.access import can_import
from mangfold.web.statistics.fetching import municipality_code, preset_plan, store_fetch
from mangfold.web.statistics.models import FetchedSource
from mangfold.web.statistics.tasks import refresh_hours, schedule


class FetchForm(forms.Form):
    table = forms.ChoiceField(
        label=gettext_lazy("Table"),
        widget=forms.RadioSelect,
        choices=[
            ("FOLK1C", gettext_lazy("Population by origin in the municipality, quarterly (FOLK1C)")),
            ("KMSTA001", gettext_lazy("Population by origin by parish, yearly (KMSTA001)")),
        ],
        initial="FOLK1C",
    )
    refresh = forms.BooleanField(
        label=gettext_lazy("Fetch again on the worker's schedule"),
        required=False,
    )


@login_required
def fetch(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    if not can_import(request.user, city):
        raise PermissionDenied
    form = FetchForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        table, refresh = form.cleaned_data["table"], form.cleaned_data["refresh"]
        try:
            plan = preset_plan(city, table)
            fetched, converted = run(plan)
            dataset = store_fetch(
                plan,
                fetched,
                converted,
                city=city,
                user=request.user,
                refresh=refresh,
                uploaded_for_city=True,
            )
        except (FetchError, PopulationFileError) as failure:
            error = str(failure)
        else:
            if refresh:
                schedule()
            text = _("Fetched %(table)s from Statistics Denmark: %(rows)s counts.")
            messages.success(request, text % {"table": table, "rows": dataset.rows})
            return redirect(f"{city_url(city)}?dataset={dataset.pk}")
    context = {
        "city": city,
        "form": form,
        "error": error,
        "code": municipality_code(city),
        "sources": FetchedSource.objects.filter(city=city).select_related("dataset"),
        "refresh_hours": refresh_hours(),
    }
    return render(request, "statistics/fetch.html", context, status=400 if request.method == "POST" else 200)


def city_url(city: City) -> str:
    return reverse("statistics:city", args=[city.slug])
