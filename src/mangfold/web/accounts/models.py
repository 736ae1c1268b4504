"""Who may do what: a role per city for city officials, and network administrators.

The rules that read these roles live in :mod:`mangfold.web.accounts.policy`, nowhere else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mangfold.web.network.models import City, Network


class CityRole(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        EDITOR = "editor", _("editor")
        VIEWER = "viewer", _("viewer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="city_roles")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("city role")
        verbose_name_plural = _("city roles")
        constraints = [models.UniqueConstraint(fields=["user", "city"], name="one_role_per_city")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.city}"


class NetworkRole(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("network administrator")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_roles")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ADMIN)

    class Meta:
        verbose_name = _("network role")
        verbose_name_plural = _("network roles")
        constraints = [models.UniqueConstraint(fields=["user", "network"], name="one_role_per_network")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.network}"


class Invitation(models.Model):
    """An e-mailed invitation to take a role in a city; its link is signed, expires and works once.

    The link carries a signature of ``(pk, key)`` (:mod:`mangfold.web.accounts.invitations`); ``key`` is
    random, so a link cannot be made up even for a known ``pk``.
    """

    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("city")
    )
    role = models.CharField(_("role"), max_length=20, choices=CityRole.Role.choices)
    language = models.CharField(_("language of the e-mail"), max_length=10)
    key = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()} – {self.city}"


class LoginFailure(models.Model):
    """One failed log-in; the throttle (:mod:`mangfold.web.accounts.throttle`) counts them by name and IP."""

    username = models.CharField(_("username"), max_length=150, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True, db_index=True)
    at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("failed log-in")
        verbose_name_plural = _("failed log-ins")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} ({self.ip}) {self.at:%Y-%m-%d %H:%M:%S}"


class PasswordResetRequest(models.Model):
    """One accepted request for a reset mail; :mod:`mangfold.web.accounts.reset` counts them by address and
    IP. The address is kept only as a keyed digest (HMAC with the secret key): requests name addresses of
    people who may have no account, and the count needs no more than equality."""

    address_digest = models.CharField(_("address digest"), max_length=64, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True, db_index=True)
    at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.address_digest[:12]}… ({self.ip}) {self.at:%Y-%m-%d %H:%M:%S}"
