"""Networks of cities and their member cities."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Network(models.Model):
    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:detail", args=[self.slug])


class City(models.Model):
    """A member city. Facts carry their year and source; statistics imported later take precedence."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country (ISO 3166 alpha-2)"), max_length=2)
    is_example = models.BooleanField(
        _("fictional example"),
        default=False,
        help_text=_("A made-up city used to show the platform; its pages say so."),
    )
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=10,
        blank=True,
        help_text=_(
            "The national statistics office's code of the municipality (Statistics Denmark: København 101), "
            "used to fetch the city's statistics."
        ),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    population_source = models.CharField(_("population source"), max_length=300, blank=True)
    foreign_born_share = models.FloatField(_("share of foreign-born residents (%)"), null=True, blank=True)
    foreign_born_year = models.PositiveSmallIntegerField(_("foreign-born year"), null=True, blank=True)
    foreign_born_source = models.CharField(_("foreign-born source"), max_length=300, blank=True)
    immigrant_background_share = models.FloatField(
        _("share with an immigrant background (%)"), null=True, blank=True
    )
    immigrant_background_year = models.PositiveSmallIntegerField(
        _("immigrant background year"), null=True, blank=True
    )
    immigrant_background_source = models.CharField(
        _("immigrant background source"), max_length=300, blank=True
    )
    networks: models.ManyToManyField[Network, Membership] = models.ManyToManyField(
        Network, through="Membership", related_name="cities"
    )

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:city", args=[self.slug])


class Membership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="memberships")
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "city"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.city} ∈ {self.network}"
