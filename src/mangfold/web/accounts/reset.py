"""Password-reset mails: sent by the worker, limited per address and per IP address.

The reset page answers every well-formed request the same way and in the same time, whether or not the
address belongs to an account: the view neither looks the address up nor sends mail. It records the
request and queues :func:`send_password_reset_task`, which looks the address up and sends the mail (Django's
:class:`~django.contrib.auth.forms.PasswordResetForm`, our templates, in the page's language).

Limits, with W = ``MANGFOLD_RESET_WINDOW_MINUTES``: at most ``MANGFOLD_RESET_MAX_PER_ADDRESS`` mails to one
address and ``MANGFOLD_RESET_MAX_PER_IP`` requests from one IP address in the last W minutes. A request over
a limit is answered like any other but sends nothing and is not recorded (so the limit does not grow).
Addresses are stored only as a keyed digest; rows older than the window are pruned on each new request.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.utils import timezone, translation
from django_tasks import task

from mangfold.web.accounts.models import PasswordResetRequest

EMAIL_TEMPLATE = "accounts/email/password_reset.txt"
SUBJECT_TEMPLATE = "accounts/email/password_reset_subject.txt"


def address_digest(email: str) -> str:
    """HMAC-SHA256 of the address, trimmed and lower-cased, keyed with the secret key."""
    key = settings.SECRET_KEY.encode("utf-8")
    normalised = email.strip().lower().encode("utf-8")
    return hmac.new(key, b"password-reset:" + normalised, hashlib.sha256).hexdigest()


def _within_limits(digest: str, ip: str | None, since: datetime) -> bool:
    """Whether the requests of the window, the caller's own row included, are within both limits."""
    recent = PasswordResetRequest.objects.filter(at__gt=since)
    if recent.filter(address_digest=digest).count() > settings.MANGFOLD_RESET_MAX_PER_ADDRESS:
        return False
    return not (ip and recent.filter(ip=ip).count() > settings.MANGFOLD_RESET_MAX_PER_IP)


def request_mail(email: str, ip: str | None, language: str) -> bool:
    """Record the request and queue the mail, if within the limits; whether it was queued.

    Concurrent requests are counted atomically, as log-in attempts are (:mod:`.throttle`): the request is
    stored first (its own committed INSERT), then the window is counted with it included, and a request
    over a limit deletes its row again. The k-th request to commit its row counts at least k rows, so of
    any number of simultaneous requests at most the limit get a mail; a refused request leaves no row.
    """
    now = timezone.now()
    PasswordResetRequest.objects.filter(at__lte=now - _window()).delete()
    digest = address_digest(email)
    row = PasswordResetRequest.objects.create(address_digest=digest, ip=ip, at=now)
    if not _within_limits(digest, ip, now - _window()):
        row.delete()
        return False
    send_password_reset_task.enqueue(email, language)
    return True


@task()
def send_password_reset_task(email: str, language: str) -> int:
    """Send the reset mail to every active account with this address; the number of accounts."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return 0
    site = urlsplit(settings.SITE_URL)
    users = list(form.get_users(email))
    with translation.override(language):
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            subject_template_name=SUBJECT_TEMPLATE,
            email_template_name=EMAIL_TEMPLATE,
            extra_email_context={"site_url": settings.SITE_URL.rstrip("/")},
        )
    return len(users)


def _window() -> timedelta:
    return timedelta(minutes=settings.MANGFOLD_RESET_WINDOW_MINUTES)
