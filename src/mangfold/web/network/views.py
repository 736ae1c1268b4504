"""Public pages of networks and their member cities."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from mangfold.web.network.models import City, Network


def network_list(request: HttpRequest) -> HttpResponse:
    networks = Network.objects.all()
    return render(request, "network/network_list.html", {"networks": networks})


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    cities = network.cities.order_by("name")
    return render(request, "network/network_detail.html", {"network": network, "cities": cities})


def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    context = {"city": city, "networks": city.networks.order_by("name")}
    return render(request, "network/city_detail.html", context)
