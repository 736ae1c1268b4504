"""Networks of cities and their member cities."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mangfold.reports.typography import display_name
from mangfold.web.network.countries import country_name

FACTS = ("population", "foreign_born", "immigrant_background")
"""The facts a city carries, each as ``<fact>``/``<fact>_share``, ``<fact>_year``, ``<fact>_source`` and
``<fact>_source_da`` fields."""


def page_language() -> str:
    """The page's language (``da``, ``en``; Danish outside a request)."""
    return (get_language() or "da").split("-")[0].lower()


class Network(models.Model):
    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:detail", args=[self.slug])

    @property
    def about(self) -> str:
        """The description in the page's language (``description`` is Danish; ``description_en`` English,
        if given)."""
        english = page_language() == "en"
        return self.description_en if self.description_en and english else self.description


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
    population_source_da = models.CharField(_("population source in Danish"), max_length=300, blank=True)
    foreign_born_share = models.FloatField(_("share of foreign-born residents (%)"), null=True, blank=True)
    foreign_born_year = models.PositiveSmallIntegerField(_("foreign-born year"), null=True, blank=True)
    foreign_born_source = models.CharField(_("foreign-born source"), max_length=300, blank=True)
    foreign_born_source_da = models.CharField(_("foreign-born source in Danish"), max_length=300, blank=True)
    immigrant_background_share = models.FloatField(
        _("share with an immigrant background (%)"), null=True, blank=True
    )
    immigrant_background_year = models.PositiveSmallIntegerField(
        _("immigrant background year"), null=True, blank=True
    )
    immigrant_background_source = models.CharField(
        _("immigrant background source"), max_length=300, blank=True
    )
    immigrant_background_source_da = models.CharField(
        _("immigrant background source in Danish"), max_length=300, blank=True
    )
    networks: models.ManyToManyField[Network, Membership] = models.ManyToManyField(
        Network, through="Membership", related_name="cities"
    )

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("network:city", args=[self.slug])

    @property
    def display_name(self) -> str:
        """The name as pages show it: a fictional city's name is marked in the page's language
        ("Eksempelby (opdigtet eksempel)", "Eksempelby (invented example)"), whatever aside its stored name
        carries ("Eksempelby (example)")."""
        return display_name(self.name, page_language(), invented=self.is_example)

    @property
    def plain_name(self) -> str:
        """The name without the aside a fictional city's stored name may carry: "Eksempelby (example)" →
        "Eksempelby" (a real city's name as it is: "Frankfurt (Oder)")."""
        name = self.name.strip()
        if self.is_example and name.endswith(")") and " (" in name:
            return name.rpartition(" (")[0].rstrip()
        return name

    @property
    def country_name(self) -> str:
        """The country's name in the page's language ("Danmark", "Denmark"; the code when unknown)."""
        return country_name(self.country, page_language())

    def source(self, fact: str, lang: str | None = None) -> str:
        """The source of a fact (one of :data:`FACTS`) in ``lang`` (default: the page's language): the Danish
        source on a Danish page when one is given, else the source as entered."""
        if fact not in FACTS:
            raise ValueError(f"unknown fact {fact!r}; known: {', '.join(FACTS)}")
        entered: str = getattr(self, f"{fact}_source")
        danish: str = getattr(self, f"{fact}_source_da")
        return danish if danish and (lang or page_language()) == "da" else entered


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
