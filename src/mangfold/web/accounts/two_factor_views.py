"""Two-factor pages: the code step after the password, set-up and status, backup codes, turning it off."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mangfold.web.accounts import two_factor
from mangfold.web.accounts.forms import SetupTokenForm, TokenForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The code from the app (or a backup code), asked after the password."""
    next_url = _next_url(request)
    if not two_factor.has_device(request.user):
        return redirect(two_factor.step_url("accounts:two-factor", next_url))
    if two_factor.is_verified(request.user):
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["token"]):
            return redirect(next_url)
        form.add_error(
            "token",
            _("The code is not right, or it was used already. Wait for the next code and try again."),
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Set-up for a user without a device; the status, backup codes and switch-off for one with it."""
    user = request.user
    next_url = _next_url(request)
    required = two_factor.is_required(user)
    if two_factor.has_device(user):
        if not two_factor.is_verified(user):
            return redirect(two_factor.step_url("accounts:two-factor-verify", next_url))
        context: dict[str, object] = {"required": required, "codes_left": two_factor.backup_codes_left(user)}
        return render(request, "accounts/two_factor_status.html", context)
    form = SetupTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_setup(request, form.cleaned_data["token"])
        if codes is not None:
            return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": next_url})
        form.add_error("token", _("The code is not right. Check the app's clock and try the next code."))
    device = two_factor.setup_device(user, two_factor.setup_key(request))
    qr = two_factor.qr_svg(device.config_url, title=_("QR code for your authenticator app"))
    context = {
        "form": form,
        "next": next_url,
        "required": required,
        "pending": two_factor.pending(request),
        "secret": two_factor.grouped_secret(device.key),
        "uri": device.config_url,
        # segno's own SVG of our URI: no user input reaches it unescaped.
        "qr_svg": mark_safe(qr) if qr else None,  # noqa: S308
    }
    return render(request, "accounts/two_factor_setup.html", context)


@require_POST
@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """New backup codes (the old ones stop working); only in a verified session."""
    if not (two_factor.has_device(request.user) and two_factor.is_verified(request.user)):
        raise PermissionDenied
    codes = two_factor.new_backup_codes(request.user)
    context = {"codes": codes, "next": reverse("accounts:two-factor")}
    return render(request, "accounts/two_factor_codes.html", context)


@require_POST
@login_required
def disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor authentication off, for users it is not required of, in a verified session."""
    user = request.user
    if two_factor.is_required(user) or not two_factor.is_verified(user):
        raise PermissionDenied
    two_factor.disable(user)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:two-factor")
