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
