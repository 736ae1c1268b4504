"""Log-in hooks: the throttle forgets the username's failures; the session's second-factor duty.

Failures are counted by the authentication backend itself, before the password is checked.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from mangfold.web.accounts import throttle, two_factor


@receiver(user_logged_in, dispatch_uid="mangfold_accounts_logged_in")
def after_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    throttle.clear(user.get_username())
    two_factor.on_login(request, user)
