"""Response headers and request checks that every page gets: the content security policy, the permissions
policy, no caching of anything a signed-in user sees, and a clean refusal of NUL characters.

The policy (``Content-Security-Policy``) allows scripts only from the site itself: the templates have no
inline script (the chart specifications are ``<script type="application/json">`` data blocks, which a
browser never runs), and charts are drawn by the vendored Vega bundle with vega-embed's ``ast`` option, so
Vega evaluates its expressions with its interpreter instead of ``new Function`` (no ``'unsafe-eval'``).
Style sheets come only from the site (``style-src 'self'``: no ``<style>`` element, no foreign sheet).
Vega itself needs no inline style: it draws its SVG with ``setAttribute`` and ``element.style`` (the
latter is not markup, which a policy governs), and the ``<style>`` element vega-embed and vega-tooltip would
add is turned off in ``charts.js`` (``defaultStyle: false``, ``disableDefaultStyle``), their rules being in
``site.css``. ``style`` attributes are allowed (``style-src-attr 'unsafe-inline'``) because some templates
colour a status with one (the barometer's); an attribute cannot select other elements, so it cannot read
the page, and any address in it is still bound by ``img-src``/``font-src``. Moving those few attributes
into ``site.css`` would let the policy drop this line. ``tests/browser/test_browser_security.py`` draws
charts and a map and opens the admin under the policy and fails on any refusal. Pictures may be ``data:``
addresses (Vega's images).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _lazy

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Every powerful browser feature off: the site uses none of them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def signed_in(request: HttpRequest) -> bool:
    """Whether the request comes from a signed-in user; a request without a session cookie is not looked
    up (so anonymous pages do not read the session and stay ``Vary``-free)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response; ``Cache-Control: no-store`` (and
    ``private``) on every response to a signed-in user, which covers every private file (evidence, a
    briefing's files), since only signed-in users may fetch those."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response


def _has_nul(values: Iterable[tuple[str, list[Any]]]) -> bool:
    return any(
        "\x00" in key or any(isinstance(v, str) and "\x00" in v for v in items) for key, items in values
    )


class RefuseNulMiddleware:
    """Refuse a request whose query or form fields contain a NUL character with a 400 page.

    PostgreSQL cannot store NUL in text (Django raises ``ValueError``, a 500), SQLite can: refusing it at
    the door gives one answer on every database. It runs after the CSRF check (``process_view``), so a
    forged request is still a 403. Uploaded files are not looked into (their readers check them), only the
    text fields beside them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if "\x00" in request.path or _has_nul(request.GET.lists()):
            return self.refuse(request)
        if request.method in {"POST", "PUT", "PATCH"} and _has_nul(request.POST.lists()):
            return self.refuse(request)
        return None

    @staticmethod
    def refuse(request: HttpRequest) -> HttpResponse:
        """The 400 page, or for a script that asked for JSON (autosave) the message as JSON."""
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"status": "invalid", "message": NUL_MESSAGE}, status=400)
        return HttpResponseBadRequest(render_to_string("400.html", {"nul": True}, request=request))


NUL_MESSAGE = _lazy(
    "The form or address contained a NUL character (a zero byte), which cannot be stored. Remove it, for "
    "example by typing the text again instead of pasting it, and try again."
)
