"""Log-in and log-in failure hooks: the throttle's counter and the session's second-factor duty."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from mangfold.web.accounts import throttle, two_factor


@receiver(user_login_failed, dispatch_uid="mangfold_accounts_login_failed")
def count_failure(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    throttle.record_failure(credentials.get("username"), throttle.client_ip(request))


@receiver(user_logged_in, dispatch_uid="mangfold_accounts_logged_in")
def after_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    throttle.clear(user.get_username())
    two_factor.on_login(request, user)
