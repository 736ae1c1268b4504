"""The authentication backend: Django's model backend behind the log-in throttle.

Every way in that authenticates with a password (our log-in page, Django's admin log-in) goes through here,
so a locked username or address is refused everywhere. Each attempt is counted before its password is
checked (:func:`mangfold.web.accounts.throttle.begin`), so simultaneous attempts cannot pass the limit.
Invited officials have their e-mail address as username, stored in lower case; a name with an ``@`` is
matched in lower case too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from mangfold.web.accounts import throttle


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is not None and "@" in username:
            username = username.strip().lower()
        attempt = throttle.begin(username, throttle.client_ip(request))
        if isinstance(attempt, throttle.Lockout):
            if request is not None:
                throttle.remember_lockout(request, attempt)  # the form says so (429)
            raise PermissionDenied("too many failed log-in attempts")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            throttle.succeeded(attempt)
        return user
