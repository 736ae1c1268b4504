"""Log-in throttling: refuse attempts for a username or from an IP address after too many failures.

The failures live in the database (:class:`~mangfold.web.accounts.models.LoginFailure`), so every worker
process sees the same count. The rule, with N = ``MANGFOLD_LOGIN_MAX_FAILURES`` (per username), M =
``MANGFOLD_LOGIN_MAX_FAILURES_PER_IP`` (per address) and W = ``MANGFOLD_LOGIN_WINDOW_MINUTES``: a username
is locked while it has at least N failures in the last W minutes, i.e. until the N-th most recent failure is
W minutes old; the same for an address with M. While locked, attempts are refused without checking the
password and are not counted (the lock does not grow). A successful log-in clears the username's failures.
Rows older than the window are pruned whenever an attempt is counted.

Concurrent attempts are counted atomically: :func:`begin` first stores the attempt as a failure (its own
committed INSERT), then counts the rows of the window, its own included, and lets the password be checked
only if that count is within the limit; otherwise it deletes its row and refuses. The k-th attempt to commit
its row counts at least k rows, whatever the database and its isolation level, so of any number of
simultaneous attempts at most N have their password checked. (This needs the INSERT to commit before the
count, as it does in a request: the log-in views run in autocommit, outside any transaction.) A checked
attempt that succeeds clears the username's rows (its own with them); one that fails keeps its row, which is
the failure.
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


_LOCKOUT_ATTRIBUTE = "login_lockout"
"""Where the backend leaves a lockout on the request for the log-in form to report (429)."""


def remember_lockout(request: HttpRequest, lock: Lockout) -> None:
    """Leave ``lock`` on the request: the backend refused, and the form says why."""
    setattr(request, _LOCKOUT_ATTRIBUTE, lock)


def remembered_lockout(request: HttpRequest | None) -> Lockout | None:
    """The lockout the backend left on the request, if any."""
    lock = getattr(request, _LOCKOUT_ATTRIBUTE, None)
    return lock if isinstance(lock, Lockout) else None


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


@dataclass(frozen=True)
class Attempt:
    """A log-in attempt allowed to have its password checked; its row counts as a failure until cleared."""

    pk: int


def _over(field: str, value: str | None, limit: int, since: datetime) -> bool:
    """Whether the rows of the window for this username or address, the new one included, pass the limit
    (a limit of 0 or less switches that throttle off)."""
    if not value or limit <= 0:
        return False
    return LoginFailure.objects.filter(**{field: value, "at__gt": since}).count() > limit


def begin(username: str | None, ip: str | None) -> Attempt | Lockout:
    """Count this attempt before its password is checked: the attempt, or the lock that refuses it."""
    name = normalise(username)
    if not name and not ip:
        return Attempt(pk=0)
    now = timezone.now()
    row = LoginFailure.objects.create(username=name, ip=ip, at=now)  # committed at once (autocommit)
    since = now - window()
    if _over("username", name, settings.MANGFOLD_LOGIN_MAX_FAILURES, since) or _over(
        "ip", ip, settings.MANGFOLD_LOGIN_MAX_FAILURES_PER_IP, since
    ):
        LoginFailure.objects.filter(pk=row.pk).delete()
        return lockout(username, ip) or Lockout(until=now)  # the rows over the limit were in flight
    LoginFailure.objects.filter(at__lte=since).delete()
    return Attempt(pk=row.pk)


def succeeded(attempt: Attempt) -> None:
    """The password was right: the attempt is not a failure."""
    LoginFailure.objects.filter(pk=attempt.pk).delete()


def clear(username: str | None) -> None:
    """Forget the username's failures (after a successful log-in)."""
    LoginFailure.objects.filter(username=normalise(username)).delete()
