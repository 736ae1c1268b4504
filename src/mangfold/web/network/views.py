"""Public pages of networks and their member cities."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from mangfold.web.network.figures import city_figures, members, members_text, population_figure
from mangfold.web.network.models import City, Network, page_language


def network_list(request: HttpRequest) -> HttpResponse:
    networks = Network.objects.all()
    return render(request, "network/network_list.html", {"networks": networks})


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    cities = list(network.cities.order_by("name"))
    lang = page_language()
    rows = [(city, population_figure(city, lang)) for city in cities]
    context = {
        "network": network,
        "rows": rows,
        "members_text": members_text(members(cities), lang),
        "population_years": sorted({f.year for _c, f in rows if f is not None and f.year and not f.invented}),
    }
    return render(request, "network/network_detail.html", context)


def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    context = {
        "city": city,
        "figures": city_figures(city, page_language()),
        "networks": city.networks.order_by("name"),
    }
    return render(request, "network/city_detail.html", context)
