"""Population statistics in the database: datasets, their areas (with boundaries) and their counts.

One imported file is a :class:`Dataset`. Its :class:`Area` rows form the hierarchy of the file
(country → municipality → district → small area); each area knows the area at municipality level that
contains it (``municipality``), so a city's areas are one indexed query. :class:`Count` holds the tidy
counts of :class:`mangfold.population.Counts` one row per (area, period, group), inserted in bulk; the
pages read a city's rows back into ``Counts`` and the pure core computes everything from there.
:class:`CityArea` links a municipality-level area of a dataset to a member city of the network.

Sizes (measured with the demo data, see ``demo.py``): KMSTA001 8,255 counts and 145 areas; the 2024
voting areas 15,576 counts and 1,398 areas; England and Wales 2011 by LSOA 486,542 counts and 35,101
areas. All three take about 45 MB in SQLite and 90 MB in PostgreSQL (counts 80 MB with their indexes).
A city's page reads only its own rows (one indexed query on ``Area.municipality``: 3,640 counts for
København in KMSTA001, 8,946 for Birmingham's LSOAs) and the core aggregates them in NumPy.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mangfold.population.model import Missing
from mangfold.population.schemes import SCHEMES
from mangfold.web.network.models import City

SCHEME_CHOICES = [(name, name) for name in SCHEMES]


class Dataset(models.Model):
    """One imported statistics file: its scheme, where it comes from and who imported it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    scheme = models.CharField(_("group scheme"), max_length=50, choices=SCHEME_CHOICES)
    source = models.CharField(_("source"), max_length=300)
    attribution_en = models.CharField(_("attribution (English)"), max_length=500, blank=True)
    attribution_da = models.CharField(_("attribution (Danish)"), max_length=500, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file(s)"), max_length=64, blank=True)
    city = models.ForeignKey(
        City,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statistics_uploads",
        verbose_name=_("uploaded for city"),
        help_text=_("The city whose official uploaded the file; empty when imported by command."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    periods = models.JSONField(_("periods"), default=list)
    rows = models.PositiveIntegerField(_("counts"), default=0)
    use_for_figures = models.BooleanField(
        _("use for city figures"),
        default=True,
        help_text=_(
            "Use this dataset for a city's population and shares "
            "(off for data fit only for small-area measures)."
        ),
    )

    class Meta:
        verbose_name = _("statistics dataset")
        verbose_name_plural = _("statistics datasets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("statistics:dataset", args=[self.pk])

    @property
    def title(self) -> str:
        """The dataset's name in the page's language (``name`` is Danish; ``name_en`` English, if given)."""
        english = (get_language() or "da").split("-")[0] == "en"
        return self.name_en if self.name_en and english else self.name

    def attribution(self, lang: str) -> str:
        """The line to show wherever the data appear, in Danish or English (the source if none)."""
        text = self.attribution_da if lang == "da" else self.attribution_en
        return text or self.attribution_en or self.source


class Area(models.Model):
    """An area of a dataset: a parish, a voting area, an LSOA, a municipality …"""

    dataset = models.ForeignKey(
        Dataset,
        on_delete=models.CASCADE,
        related_name="areas",
        db_index=False,  # unique_area_code
    )
    code = models.CharField(_("code"), max_length=100)
    name = models.CharField(_("name"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=30)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    municipality = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inside",
        help_text=_("The area at municipality level that contains this one (itself for a municipality)."),
    )
    geometry = models.TextField(_("boundary (GeoJSON geometry, longitude/latitude, simplified)"), blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["dataset", "code"]
        constraints = [models.UniqueConstraint(fields=["dataset", "code"], name="unique_area_code")]
        indexes = [models.Index(fields=["dataset", "level"], name="area_dataset_level")]

    def __str__(self) -> str:
        return f"{self.name or self.code} ({self.dataset})"

    @property
    def label(self) -> str:
        return self.name or self.code

    def get_absolute_url(self) -> str:
        return reverse("statistics:area", args=[self.pk])


class Count(models.Model):
    """One count: an area, a period, a group, the number (``None`` when missing) and why it is missing."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="counts")
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        related_name="counts",
        db_index=False,  # unique_count_key
    )
    period = models.CharField(_("period"), max_length=20)
    group = models.CharField(_("group"), max_length=50)
    n = models.FloatField(_("count"), null=True, blank=True)
    missing = models.PositiveSmallIntegerField(
        _("missing reason"), default=Missing.NONE, choices=[(int(m), m.name.lower()) for m in Missing]
    )

    class Meta:
        verbose_name = _("count")
        verbose_name_plural = _("counts")
        constraints = [
            models.UniqueConstraint(fields=["area", "period", "group"], name="unique_count_key"),
        ]

    def __str__(self) -> str:
        return f"{self.area.code} {self.period} {self.group}: {self.n}"


class Outline(models.Model):
    """A boundary drawn as an outline over a city's map, without counts (Copenhagen's 10 bydele)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="outlines")
    municipality = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="outlines")
    code = models.CharField(_("code"), max_length=100)
    name = models.CharField(_("name"), max_length=200, blank=True)
    geometry = models.TextField(_("boundary (GeoJSON geometry)"))

    class Meta:
        verbose_name = _("outline")
        verbose_name_plural = _("outlines")
        ordering = ["municipality", "name"]

    def __str__(self) -> str:
        return self.name or self.code


class CityArea(models.Model):
    """The link between a member city and the municipality-level area of a dataset that is that city."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="statistics_areas")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="city_links")

    class Meta:
        verbose_name = _("city's statistics area")
        verbose_name_plural = _("cities' statistics areas")
        constraints = [models.UniqueConstraint(fields=["city", "area"], name="unique_city_area")]

    def __str__(self) -> str:
        return f"{self.city} = {self.area}"


class FetchedSource(models.Model):
    """Where a fetched dataset comes from, as the service said it: the provenance shown with the data.

    ``plan`` is what was asked (:class:`mangfold.sources.plan.FetchPlan` as JSON), so that a refresh asks
    for exactly the same; ``table_updated`` is the table's last update as the service gives it;
    ``fetched_at`` the time of the fetch. ``refresh``: the worker fetches it again on the schedule
    (``MANGFOLD_STATISTICS_REFRESH_HOURS``; off when 0, the default).
    """

    dataset = models.OneToOneField(Dataset, on_delete=models.CASCADE, related_name="fetched")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="fetched_statistics")
    service = models.CharField(_("service"), max_length=200)
    table = models.CharField(_("table"), max_length=300)
    title = models.CharField(_("title"), max_length=500, blank=True)
    selection = models.JSONField(_("selection"), default=dict)
    plan = models.JSONField(_("request"), default=dict)
    table_updated = models.CharField(_("table last updated"), max_length=40, blank=True)
    fetched_at = models.DateTimeField(_("fetched at"))
    requests = models.PositiveIntegerField(_("requests"), default=1)
    refresh = models.BooleanField(_("refresh on schedule"), default=False)
    last_error = models.TextField(_("last refresh error"), blank=True)

    class Meta:
        verbose_name = _("fetched source")
        verbose_name_plural = _("fetched sources")
        ordering = ["city", "table"]

    @property
    def selection_pairs(self) -> list[tuple[str, list[str]]]:
        """(variable, codes) in the order the fetch named them: stored as a list of pairs, since
        PostgreSQL's jsonb does not keep the order of an object's keys (an older row may hold a dict)."""
        stored = self.selection
        items = stored.items() if isinstance(stored, dict) else stored
        return [(str(name), [str(code) for code in codes]) for name, codes in items]

    def __str__(self) -> str:
        return f"{self.service} {self.table} ({self.dataset})"
