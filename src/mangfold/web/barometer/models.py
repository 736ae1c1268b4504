"""A city's outcome barometer: its definition (goals, indicators) and the values measured on it.

The definition is stored as the plain data of :func:`mangfold.barometer.workbook.to_data` (read back with
``from_data``), together with the workbook it came from; the status rules run in the core on every view.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mangfold.barometer.model import Barometer, Value, ValueSet, YearKind
from mangfold.barometer.workbook import from_data
from mangfold.web.network.models import City


class CityBarometer(models.Model):
    city = models.OneToOneField(
        City, on_delete=models.CASCADE, related_name="barometer", verbose_name=_("city")
    )
    definition = models.JSONField(_("definition"))
    version = models.CharField(_("version"), max_length=50, blank=True)
    workbook = models.BinaryField(_("definition workbook"), null=True, blank=True, editable=False)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("outcome barometer")
        verbose_name_plural = _("outcome barometers")

    def __str__(self) -> str:
        return str(self.city)

    def model(self) -> Barometer:
        return from_data(self.definition)

    def value_set(self) -> ValueSet:
        return ValueSet.of(row.as_value() for row in self.values.all())


class DefinitionVersion(models.Model):
    """Every definition a city's barometer has had, in upload order: the workbook and what was read."""

    barometer = models.ForeignKey(CityBarometer, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=50, blank=True)
    definition = models.JSONField(_("definition"))
    workbook = models.BinaryField(_("definition workbook"), null=True, blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("barometer definition version")
        verbose_name_plural = _("barometer definition versions")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.barometer} {self.version}"


class BarometerValue(models.Model):
    barometer = models.ForeignKey(CityBarometer, on_delete=models.CASCADE, related_name="values")
    indicator = models.CharField(_("indicator"), max_length=64)
    year = models.PositiveSmallIntegerField(_("year"))
    group = models.CharField(_("group"), max_length=64, blank=True)
    area = models.CharField(
        _("area"), max_length=32, blank=True, help_text=_("Empty for the city; DK for the whole country.")
    )
    value = models.FloatField(_("value"))
    year_kind = models.CharField(
        _("what the year is"),
        max_length=16,
        choices=[
            (YearKind.DATA.value, _("the year the figure measures")),
            (YearKind.PUBLISHED.value, _("the year the figure was published")),
        ],
        default=YearKind.DATA.value,
    )
    successes = models.PositiveIntegerField(_("successes"), null=True, blank=True)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("barometer value")
        verbose_name_plural = _("barometer values")
        ordering = ["indicator", "area", "group", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["barometer", "indicator", "year", "group", "area"], name="barometer_value_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"

    def as_value(self) -> Value:
        return Value(
            indicator=self.indicator,
            year=self.year,
            value=self.value,
            group=self.group,
            successes=self.successes,
            total=self.total,
            source=self.source,
            note=self.note,
            area=self.area,
            year_kind=YearKind(self.year_kind),
        )

    @classmethod
    def from_value(cls, value: Value, **extra: Any) -> BarometerValue:
        return cls(
            indicator=value.indicator,
            year=value.year,
            value=value.value,
            group=value.group,
            successes=value.successes,
            total=value.total,
            source=value.source,
            note=value.note,
            area=value.area,
            year_kind=value.year_kind.value,
            **extra,
        )
