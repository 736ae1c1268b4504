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
from datetime import timedelta
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


def allowed(email: str, ip: str | None) -> bool:
    """Whether another reset mail may be sent for this address and from this IP address now."""
    since = timezone.now() - _window()
    recent = PasswordResetRequest.objects.filter(at__gt=since)
    if recent.filter(address_digest=address_digest(email)).count() >= settings.MANGFOLD_RESET_MAX_PER_ADDRESS:
        return False
    return not (ip and recent.filter(ip=ip).count() >= settings.MANGFOLD_RESET_MAX_PER_IP)


def request_mail(email: str, ip: str | None, language: str) -> bool:
    """Record the request and queue the mail, if within the limits; whether it was queued."""
    if not allowed(email, ip):
        return False
    now = timezone.now()
    PasswordResetRequest.objects.filter(at__lte=now - _window()).delete()
    PasswordResetRequest.objects.create(address_digest=address_digest(email), ip=ip, at=now)
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
