"""Log-in throttling: refuse attempts for a username or from an IP address after too many failures.

The failures live in the database (:class:`~mangfold.web.accounts.models.LoginFailure`), so every worker
process sees the same count. The rule, with N = ``MANGFOLD_LOGIN_MAX_FAILURES`` (per username),
M = ``MANGFOLD_LOGIN_MAX_FAILURES_PER_IP`` (per address) and W = ``MANGFOLD_LOGIN_WINDOW_MINUTES``:
a username is locked while it has at least N failures in the last W minutes, i.e. until the N-th most
recent failure is W minutes old; the same for an address with M. While locked, attempts are refused
without checking the password and are not counted (the lock does not grow). A successful log-in clears
the username's failures. Rows older than the window are pruned whenever a failure is recorded.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from mangfold.web.accounts.models import LoginFailure


@dataclass(frozen=True)
class Lockout:
    until: datetime

    def minutes_left(self, now: datetime | None = None) -> int:
        """Whole minutes until the lock lifts, rounded up (at least 1)."""
        seconds = (self.until - (now or timezone.now())).total_seconds()
        return max(1, math.ceil(seconds / 60))


def window() -> timedelta:
    return timedelta(minutes=settings.MANGFOLD_LOGIN_WINDOW_MINUTES)


def normalise(username: str | None) -> str:
    return (username or "").strip().lower()[:150]


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: REMOTE_ADDR, or behind a reverse proxy the header it sets.

    ``MANGFOLD_CLIENT_IP_HEADER`` names that header as Django's META key (``HTTP_X_REAL_IP``,
    ``HTTP_X_FORWARDED_FOR``); of a list, the last entry counts (the one our proxy added; the earlier ones
    come from the client and can be forged). Without it, behind a proxy every client would share the
    proxy's address and its limit.
    """
    if request is None:
        return None
    header = settings.MANGFOLD_CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    candidate = entries[-1] if entries else request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _lock_from(failures: list[datetime], limit: int) -> datetime | None:
    """``failures`` newest first, all within the window: locked until the limit-th one leaves the window."""
    if limit <= 0 or len(failures) < limit:
        return None
    return failures[limit - 1] + window()


def lockout(username: str | None, ip: str | None) -> Lockout | None:
    """The current lock on this username or address, if any."""
    now = timezone.now()
    since = now - window()
    name = normalise(username)
    locks: list[datetime] = []
    if name:
        limit = settings.MANGFOLD_LOGIN_MAX_FAILURES
        recent = LoginFailure.objects.filter(username=name, at__gt=since).order_by("-at")
        lock = _lock_from(list(recent.values_list("at", flat=True)[:limit]), limit)
        if lock is not None:
            locks.append(lock)
    if ip:
        limit = settings.MANGFOLD_LOGIN_MAX_FAILURES_PER_IP
        recent = LoginFailure.objects.filter(ip=ip, at__gt=since).order_by("-at")
        lock = _lock_from(list(recent.values_list("at", flat=True)[:limit]), limit)
        if lock is not None:
            locks.append(lock)
    return Lockout(until=max(locks)) if locks else None


def record_failure(username: str | None, ip: str | None) -> None:
    """Count one failed attempt (unless already locked) and prune rows that left the window."""
    if lockout(username, ip) is not None:
        return
    now = timezone.now()
    LoginFailure.objects.create(username=normalise(username), ip=ip, at=now)
    LoginFailure.objects.filter(at__lte=now - window()).delete()


def clear(username: str | None) -> None:
    """Forget the username's failures (after a successful log-in)."""
    LoginFailure.objects.filter(username=normalise(username)).delete()
