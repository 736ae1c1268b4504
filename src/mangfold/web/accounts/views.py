"""Account pages: log-in (throttled, then the second factor), my cities, password reset."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils.translation import get_language

from mangfold.web.accounts import policy, reset, two_factor
from mangfold.web.accounts.forms import ThrottledAuthenticationForm
from mangfold.web.accounts.throttle import client_ip
from mangfold.web.assessments.overview import city_rounds
from mangfold.web.network.models import City


class LoginView(auth_views.LoginView):
    """Password first; then the code step (or set-up) for users who owe a second factor."""

    form_class = ThrottledAuthenticationForm
    template_name = "accounts/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if two_factor.pending(self.request):
            return HttpResponseRedirect(two_factor.next_step_url(self.request.user, self.get_success_url()))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "throttled"):
            response.status_code = 429
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page; the mail is queued for the worker, within limits (:mod:`.reset`).

    The answer is the same, and takes the same time, for every well-formed address: the page does not
    look the address up. The link in the mail starts with SITE_URL and is in the page's language.
    """

    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form: Any) -> HttpResponse:
        language = get_language() or settings.LANGUAGE_CODE
        reset.request_mail(form.cleaned_data["email"], client_ip(self.request), language)
        return HttpResponseRedirect(self.get_success_url())


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


@login_required
def my_cities(request: HttpRequest) -> HttpResponse:
    cities = policy.cities_with(request.user, policy.Action.VIEW_PRIVATE).order_by("name")
    managed = set(
        policy.cities_with(request.user, policy.Action.MANAGE_OFFICIALS).values_list("pk", flat=True)
    )
    context = {
        "cities": [(city, city.pk in managed) for city in cities],
        "two_factor_on": two_factor.has_device(request.user),
        "two_factor_required": two_factor.is_required(request.user),
        "manages_rounds": policy.may_manage_rounds(request.user),
    }
    return render(request, "accounts/me.html", context)


@login_required
def city_start(request: HttpRequest, slug: str) -> HttpResponse:
    """A city's start page for its officials: each round's state, what is left, where to go next."""
    city = get_object_or_404(City, slug=slug)
    if not policy.can(request.user, policy.Action.VIEW_PRIVATE, city):
        raise PermissionDenied
    coordinators = city.roles.filter(role="coordinator").select_related("user")
    context = {
        "city": city,
        "rounds": city_rounds(request.user, city),
        "role": policy.city_role(request.user, city),
        "coordinators": sorted(r.user.get_full_name() or r.user.get_username() for r in coordinators),
        "manages": policy.can(request.user, policy.Action.MANAGE_OFFICIALS, city),
    }
    return render(request, "accounts/city_start.html", context)
