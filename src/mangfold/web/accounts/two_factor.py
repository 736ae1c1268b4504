"""Two-factor authentication with django-otp: a TOTP app, and static backup codes.

Who must use it: with ``MANGFOLD_REQUIRE_2FA`` on (the production default), every user the permission
policy names (:func:`mangfold.web.accounts.policy.requires_two_factor`: network administrators, city
coordinators and superusers). Anyone else may
turn it on; once a user has a confirmed device, the code is asked at every log-in.

How a session gets there: at log-in (:func:`on_login`) the session records whether a second factor is
due; :class:`~mangfold.web.accounts.middleware.TwoFactorMiddleware` then sends the session to the code
step (or to the set-up page, for a user without a device) until django-otp has verified it. The key of a
device being set up stays in the session until the user proves it with a code; only then is a confirmed
:class:`TOTPDevice` stored (no half-made devices in the database).
"""

from __future__ import annotations

import time
from base64 import b32encode
from binascii import unhexlify
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp import verify_token as otp_verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from mangfold.web.accounts import policy

PENDING_KEY = "mangfold_2fa_pending"
SETUP_KEY = "mangfold_2fa_setup_key"
BACKUP_CODES = 10
DEVICE_NAME = "mangfold"
BACKUP_DEVICE_NAME = "backup"


def is_required(user: Any) -> bool:
    """Whether the user must use a second factor now: the policy requires it and the setting is on."""
    return bool(settings.MANGFOLD_REQUIRE_2FA) and policy.requires_two_factor(user)


def has_device(user: Any) -> bool:
    return bool(user.is_authenticated and user_has_device(user, confirmed=True))


def is_verified(user: Any) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def needs_second_factor(user: Any) -> bool:
    return is_required(user) or has_device(user)


def on_login(request: HttpRequest | None, user: Any) -> None:
    """Note in the fresh session whether a second factor is due (``user_logged_in``)."""
    if request is not None and hasattr(request, "session"):
        request.session[PENDING_KEY] = needs_second_factor(user)


def forget(request: HttpRequest) -> None:
    """Recompute the session's 2FA duty on its next request (after the user's roles changed)."""
    request.session.pop(PENDING_KEY, None)


def pending(request: HttpRequest) -> bool:
    """Whether this session has passed the password but still owes a second factor.

    The duty noted at log-in is checked again while it is off and MANGFOLD_REQUIRE_2FA is on: a user
    given a privileged role later owes the code at the next request, whatever session they are in.
    """
    user = request.user
    if not user.is_authenticated or is_verified(user):
        return False
    flag = request.session.get(PENDING_KEY)
    if flag is None:  # a session from before the duty was recorded
        flag = needs_second_factor(user)
        request.session[PENDING_KEY] = flag
    elif not flag and is_required(user):  # made an administrator or coordinator since logging in
        flag = request.session[PENDING_KEY] = True
    return bool(flag)


def step_url(name: str, next_url: str) -> str:
    """The page ``name`` (the code step or the set-up page), going on to ``next_url`` when done."""
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def next_step_url(user: Any, next_url: str) -> str:
    """The code step for a user with a device, the set-up page for one without; then ``next_url``."""
    return step_url("accounts:two-factor-verify" if has_device(user) else "accounts:two-factor", next_url)


def _finish(request: HttpRequest, device: Any) -> None:
    otp_login(request, device)
    request.session[PENDING_KEY] = False


def verify(request: HttpRequest, token: str) -> bool:
    """Check a code from the app (six digits) or a backup code against the user's devices."""
    token = "".join(token.split()).lower()
    user = request.user
    if token.isdigit() and len(token) == 6:
        devices: list[Any] = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.devices_for_user(user, confirmed=True))
    for device in devices:
        verified = otp_verify_token(user, device.persistent_id, token)
        if verified is not None:
            _finish(request, verified)
            return True
    return False


def setup_key(request: HttpRequest) -> str:
    """The hex key of the device being set up, kept in the session until it is confirmed."""
    key = request.session.get(SETUP_KEY)
    if not key:
        key = random_hex(20)
        request.session[SETUP_KEY] = key
    return str(key)


def setup_device(user: Any, key: str) -> TOTPDevice:
    """An unsaved device for showing the key and the otpauth:// URI."""
    return TOTPDevice(user=user, name=DEVICE_NAME, key=key, confirmed=False)


def confirm_setup(request: HttpRequest, token: str) -> list[str] | None:
    """Store the device if ``token`` proves the app has the key; returns fresh backup codes, or None."""
    key = request.session.get(SETUP_KEY)
    token = "".join(token.split())
    if not key or not token.isdigit():
        return None
    totp = TOTP(unhexlify(key.encode()), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    if not totp.verify(int(token), tolerance=1):
        return None
    user = request.user
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, key=key, confirmed=True, drift=totp.drift, last_t=totp.t()
        )
        codes = new_backup_codes(user)
    del request.session[SETUP_KEY]
    _finish(request, device)
    return codes


def new_backup_codes(user: Any) -> list[str]:
    """Replace the user's backup codes with :data:`BACKUP_CODES` new ones (each works once)."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user: Any) -> int:
    left: int = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()  # untyped
    return left


def disable(user: Any) -> None:
    """Remove every device of the user (only for users 2FA is not required of)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def qr_svg(uri: str, title: str) -> str | None:
    """The otpauth:// URI as an inline SVG QR code, when the pure-Python `segno` is installed."""
    try:
        import segno
    except ModuleNotFoundError:  # the page shows the key and the URI instead
        return None
    code = segno.make(uri, error="m")
    return str(code.svg_inline(scale=4, border=4, title=title, dark="#000000", light="#ffffff"))


def grouped_secret(key: str) -> str:
    """The base32 secret people type into an app, in groups of four."""
    secret = b32encode(unhexlify(key.encode())).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
