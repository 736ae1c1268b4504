"""Hold a session that passed the password but owes a second factor at the code step.

Until django-otp has verified such a session, every page except those needed to finish (the code step,
the set-up page), to log out and to switch language redirects to the code step (or to the set-up page
for a user without a device), with the page asked for as ``next``. Django's admin is covered too. Who
owes a second factor: :func:`mangfold.web.accounts.two_factor.needs_second_factor`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from mangfold.web.accounts import two_factor

OPEN_WHILE_PENDING = frozenset(
    {
        "accounts:two-factor-verify",
        "accounts:two-factor",
        "accounts:logout",
        "set_language",
        "javascript-catalog",
    }
)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_WHILE_PENDING:
            return None
        if not two_factor.pending(request):
            return None
        return HttpResponseRedirect(two_factor.next_step_url(request.user, request.get_full_path()))
