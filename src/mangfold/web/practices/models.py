"""The good-practice library: what member cities have done, by indicator and question."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mangfold.web.network.models import City


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=300)
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="practices")
    period_start = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(
        _("to year"), null=True, blank=True, help_text=_("Leave empty while it runs.")
    )
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    questions = models.JSONField(_("questions it addresses"), default=list, blank=True)
    purpose = models.TextField(_("purpose"))
    rationale = models.TextField(_("rationale"), blank=True)
    process = models.TextField(_("process"), blank=True)
    results = models.TextField(_("results"), blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One address per line."))
    language = models.CharField(_("language of the record"), max_length=10, default="en")
    source = models.CharField(_("source"), max_length=500, blank=True)
    is_example = models.BooleanField(
        _("invented example"), default=False, help_text=_("Made up to show the library; not a real practice.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def link_list(self) -> list[str]:
        """The web addresses among the links (http, https): only these are shown as links."""
        lines = [line.strip() for line in self.links.splitlines() if line.strip()]
        return [line for line in lines if line.lower().startswith(("https://", "http://"))]

    def searchable_text(self) -> str:
        return " ".join(
            [self.title, self.purpose, self.rationale, self.process, self.results, self.city.name]
        )
