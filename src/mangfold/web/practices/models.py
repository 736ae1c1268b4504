"""The good-practice library: what member cities have done, by indicator and question.

A practice has a title and summary in Danish and English (``title_da``/``title_en``,
``summary_da``/``summary_en``; ``title`` is the title in the record's own language), the network's template
(purpose, rationale, process, results, budget, period, contact, links, indicators, language) and a stored
search text (:mod:`mangfold.textsearch`). Once published, an edit is kept as a :class:`PracticeRevision`
and reaches the public only when a network administrator publishes it; every revision is kept.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mangfold.textsearch import normalised_stems, normalised_words
from mangfold.web.network.models import City

TEMPLATE_FIELDS = (
    "title",
    "title_da",
    "title_en",
    "summary_da",
    "summary_en",
    "period_start",
    "period_end",
    "indicators",
    "questions",
    "purpose",
    "rationale",
    "process",
    "results",
    "budget",
    "contact",
    "links",
    "language",
    "source",
)
"""The fields an editor writes and a revision holds (the city, status and example mark are not edited)."""

SEARCHED_FIELDS = (
    "title",
    "title_da",
    "title_en",
    "summary_da",
    "summary_en",
    "purpose",
    "rationale",
    "process",
    "results",
)


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=300, help_text=_("In the language of the record."))
    title_da = models.CharField(_("title in Danish"), max_length=300, blank=True)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    summary_da = models.TextField(_("summary in Danish"), blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
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
    budget = models.TextField(_("budget"), blank=True, help_text=_("Cost and funding, where known."))
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
    search_words = models.TextField(editable=False, default="")
    """The searched fields and the city's name as case-folded words (:func:`normalised_words`)."""
    search_stems = models.TextField(editable=False, default="")
    """Their Danish and English Snowball stems (:func:`normalised_stems`)."""

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & {*SEARCHED_FIELDS, "city"}:
            kwargs["update_fields"] = {*update_fields, "search_words", "search_stems"}
        super().save(*args, **kwargs)

    def refresh_search_text(self) -> None:
        text = self.searchable_text()
        self.search_words = normalised_words(text)
        self.search_stems = normalised_stems(text)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def link_list(self) -> list[str]:
        """The web addresses among the links (http, https): only these are shown as links."""
        lines = [line.strip() for line in self.links.splitlines() if line.strip()]
        return [line for line in lines if line.lower().startswith(("https://", "http://"))]

    def searchable_text(self) -> str:
        return " ".join([*(getattr(self, name) for name in SEARCHED_FIELDS), self.city.name])

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` (da or en), else the record's own title."""
        return str(getattr(self, f"title_{lang}", "") or self.title)

    def summary_in(self, lang: str) -> tuple[str, str]:
        """The summary in ``lang`` and its language code: else the other language's, else the purpose."""
        other = "en" if lang == "da" else "da"
        for code in (lang, other):
            text = getattr(self, f"summary_{code}", "")
            if text:
                return str(text), code
        return self.purpose, self.language

    @property
    def pending_revision(self) -> PracticeRevision | None:
        """The newest edit of the published record that awaits publication, if any."""
        return self.revisions.filter(status=PracticeRevision.Status.PENDING).order_by("-number").first()


class PracticeRevision(models.Model):
    """One saved edit of a practice: the template's fields as the editor left them.

    An edit of a draft is applied at once (*draft*: the public does not see drafts); a revision of a
    published practice is *pending* until a network administrator publishes it (its fields
    are then copied to the practice) or a newer revision replaces it (*superseded*); revisions are never
    deleted, so the practice's history is complete.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("saved to the draft")
        PENDING = "pending", _("awaiting publication")
        PUBLISHED = "published", _("published")
        SUPERSEDED = "superseded", _("replaced by a later edit")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    fields = models.JSONField(_("fields"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("revision of a practice")
        verbose_name_plural = _("revisions of practices")
        ordering = ["practice", "number"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="practice_revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.practice} #{self.number}"
