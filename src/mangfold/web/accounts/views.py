"""Account pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mangfold.web.accounts import policy


@login_required
def my_cities(request: HttpRequest) -> HttpResponse:
    cities = policy.cities_with(request.user, policy.Action.VIEW_PRIVATE).order_by("name")
    return render(request, "accounts/me.html", {"cities": cities})
