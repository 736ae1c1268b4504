"""Population statistics pages: public tables, charts and maps; uploads for a city's coordinators."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mangfold.population.detect import InputFile
from mangfold.population.errors import PopulationFileError
from mangfold.population.schemes import scheme as built_in_scheme
from mangfold.web.accounts import policy
from mangfold.web.network.models import City
from mangfold.web.statistics.access import IMPORT_ACTION, can_delete, can_import
from mangfold.web.statistics.forms import UploadForm, scheme_label
from mangfold.web.statistics.importing import ImportOptions, import_files
from mangfold.web.statistics.models import Area, Dataset
from mangfold.web.statistics.pages import page_context
from mangfold.web.statistics.services import CityFigures, Figure, city_areas, city_figures, municipalities
from mangfold.web.statistics.storing import delete_dataset


def _lang() -> str:
    return get_language() or "da"


def index(request: HttpRequest) -> HttpResponse:
    datasets = Dataset.objects.select_related("city")
    cities = City.objects.filter(statistics_areas__isnull=False).distinct().order_by("name")
    importable = policy.cities_with(request.user, IMPORT_ACTION).order_by("name")
    context = {"datasets": datasets, "cities": cities, "importable": importable}
    return render(request, "statistics/index.html", context)


def _page(request: HttpRequest, area: Area, city: City | None, choices: list[Area]) -> HttpResponse:
    context = page_context(area, request.GET, _lang(), city)
    context.update(
        {
            "city": city,
            "choices": choices,
            "may_import": city is not None and can_import(request.user, city),
        }
    )
    return render(request, "statistics/area.html", context)


def city_page(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    areas = city_areas(city)
    if not areas:
        context = {
            "city": city,
            "figures": entered_in_language(city_figures(city, areas), city),
            "may_import": can_import(request.user, city),
        }
        return render(request, "statistics/city_empty.html", context)
    chosen = request.GET.get("dataset")
    area = next((a for a in areas if str(a.dataset.pk) == chosen), areas[0])
    return _page(request, area, city, areas)


def entered_in_language(figures: CityFigures, city: City) -> CityFigures:
    """The figures with the source of those entered on the city in the page's language (the city's
    Danish source on a Danish page); figures from imported statistics keep their dataset's source."""

    def shown(figure: Figure, fact: str) -> Figure:
        if figure.from_statistics or figure.value is None:
            return figure
        return replace(figure, source=city.source(fact, _lang()))

    return CityFigures(
        population=shown(figures.population, "population"),
        immigrant_background_share=shown(figures.immigrant_background_share, "immigrant_background"),
        foreign_born_share=shown(figures.foreign_born_share, "foreign_born"),
    )


def area_page(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_object_or_404(Area.objects.select_related("dataset"), pk=pk)
    if area.level != "municipality":
        raise Http404
    link = area.city_links.select_related("city").first()
    return _page(request, area, link.city if link else None, [])


def dataset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = get_object_or_404(Dataset.objects.select_related("city"), pk=pk)
    lang = _lang()
    group_scheme = built_in_scheme(dataset.scheme)
    context = {
        "dataset": dataset,
        "scheme_label": scheme_label(group_scheme, lang),
        "groups": [g.label(lang) for g in group_scheme.base],
        "municipalities": municipalities(dataset),
        "may_delete": can_delete(request.user, dataset),
        "attribution": dataset.attribution(lang),
    }
    return render(request, "statistics/dataset.html", context)


def _input(upload: Any) -> InputFile:
    """The upload as the importer reads it: by the path of the temporary file it was streamed to."""
    name = str(getattr(upload, "name", "upload"))
    if hasattr(upload, "temporary_file_path"):
        return InputFile(name, path=upload.temporary_file_path())
    return InputFile(name, upload.read())  # a file made in memory by a test or a script


@login_required
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    if not can_import(request.user, city):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, lang=_lang())
    problems = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = ImportOptions(
            scheme=data["scheme"],
            name=data["name"],
            source=data["source"],
            delimiter=data["delimiter"] or None,
            period=data["period"] or None,
            boundaries=_input(data["boundaries"]) if data["boundaries"] else None,
            boundaries_key=data["boundaries_key"] or None,
            replace=data["replace"],
            reader=form.reader_options(),
        )
        try:
            done = import_files([_input(data["file"])], options, city=city, user=request.user)
        except PopulationFileError as error:
            problems = error.problems
        else:
            text = _("Imported %(name)s: %(rows)s counts in %(areas)s areas.") % {
                "name": done.dataset.title,
                "rows": done.dataset.rows,
                "areas": done.areas,
            }
            messages.success(request, " ".join([text, *done.notes]))
            return redirect(f"{city_url(city)}?dataset={done.dataset.pk}")
    status = 400 if request.method == "POST" else 200
    context = {"city": city, "form": form, "problems": problems}
    return render(request, "statistics/upload.html", context, status=status)


def city_url(city: City) -> str:
    return reverse("statistics:city", args=[city.slug])


@login_required
@require_POST
def dataset_delete(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = get_object_or_404(Dataset.objects.select_related("city"), pk=pk)
    if not can_delete(request.user, dataset):
        raise PermissionDenied
    city = dataset.city
    delete_dataset(dataset)
    messages.success(request, _("The dataset %(name)s is deleted.") % {"name": dataset.title})
    return redirect(city_url(city) if city else "statistics:index")
