"""Self-assessment rounds: questionnaire versions, rounds, a city's assessment, its answers and history.

Rounds live here rather than in ``network`` because a round is pinned to a questionnaire version, which
is an assessments concept; ``network`` stays free of any dependency on this app.

Who may do what is answered by :mod:`mangfold.web.accounts.policy`; the rules that move an assessment
from state to state are in :mod:`mangfold.web.assessments.workflow`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mangfold.web.network.models import City, Network


class QuestionnaireVersion(models.Model):
    """An uploaded questionnaire workbook (XLSForm with mangfold's columns), kept in the database."""

    form_id = models.CharField(_("form id"), max_length=100)
    version = models.CharField(_("version"), max_length=50)
    title = models.CharField(_("title"), max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    workbook = models.BinaryField(_("workbook"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["form_id", "-uploaded_at"]
        constraints = [models.UniqueConstraint(fields=["form_id", "version"], name="unique_form_version")]

    def __str__(self) -> str:
        return f"{self.title} ({self.form_id} {self.version})"


class Round(models.Model):
    """One round of a network's assessments, e.g. "2014"; pinned to a questionnaire version.

    A round without a questionnaire holds only imported published (legacy) results.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="rounds")
    slug = models.SlugField(_("short name"))
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    questionnaire = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rounds",
        verbose_name=_("questionnaire version"),
        help_text=_("Empty for a round that only holds imported published results."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_("Approved and published results stay private until this time."),
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    archived_at = models.DateTimeField(
        _("archived at"), null=True, blank=True, help_text=_("An archived round is closed to new answers.")
    )
    instrument = models.CharField(
        _("published index"),
        max_length=100,
        blank=True,
        help_text=_("For a round of imported published results: the index's code, e.g. icc-index."),
    )
    instrument_version = models.CharField(
        _("edition of the published index"),
        max_length=50,
        blank=True,
        help_text=_(
            "Rounds of one index and edition are compared with each other; empty: the round stands alone."
        ),
    )

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["network__name", "-slug"]
        constraints = [models.UniqueConstraint(fields=["network", "slug"], name="unique_round_per_network")]

    def __str__(self) -> str:
        return f"{self.network} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:round", args=[self.network.slug, self.slug])

    @property
    def title(self) -> str:
        """The round's name in the page's language (``name`` is Danish; ``name_en`` English, if given)."""
        return self.name_en if self.name_en and _english() else self.name

    @property
    def about(self) -> str:
        """The round's description in the page's language (the Danish one when no English is given)."""
        return self.description_en if self.description_en and _english() else self.description

    @property
    def embargoed(self) -> bool:
        """True while the embargo lasts."""
        return self.embargo_until is not None and timezone.now() < self.embargo_until


def _english() -> bool:
    return (get_language() or "da").startswith("en")


def public_q() -> models.Q:
    """The one rule of a public result, as a query: published, in a round without an embargo or past it
    (the same rule as :attr:`Assessment.is_public`)."""
    return models.Q(state=Assessment.State.PUBLISHED) & (
        models.Q(round__embargo_until__isnull=True) | models.Q(round__embargo_until__lte=timezone.now())
    )


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def public(self) -> AssessmentQuerySet:
        """The public results (:func:`public_q`)."""
        return self.filter(public_q())


class Assessment(models.Model):
    """A city's assessment in a round (one per city and round), or its imported published results."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned with comments")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assessments")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="assessments")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    official_scorecard = models.JSONField(
        _("official scorecard"),
        null=True,
        blank=True,
        help_text=_("Fixed at approval (or imported); later questionnaire or rule changes never alter it."),
    )
    overall = models.FloatField(_("overall score"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("For imported results: the published source.")
    )
    source_url = models.URLField(_("source address"), blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    published_rank = models.PositiveIntegerField(_("published rank"), null=True, blank=True)
    published_sample = models.PositiveIntegerField(
        _("published sample size"), null=True, blank=True, help_text=_("The number of cities ranked.")
    )
    published_period = models.CharField(
        _("published period"),
        max_length=20,
        blank=True,
        help_text=_("When the result was published: 2011, 2011-spring or 2011-03."),
    )
    published_peer_ranks = models.JSONField(
        _("published places in peer groups"),
        default=dict,
        blank=True,
        help_text=_("Peer group (small, large, diverse, less_diverse) -> published rank."),
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["round", "city__name"]
        constraints = [models.UniqueConstraint(fields=["round", "city"], name="one_assessment_per_round")]

    def __str__(self) -> str:
        return f"{self.city} – {self.round.name}"

    def url(self, name: str = "detail", *extra: Any) -> str:
        """The URL of one of this assessment's pages (``detail``, ``scorecard``, ``form`` …)."""
        return reverse(
            f"assessments:{name}", args=[self.round.network.slug, self.round.slug, self.city.slug, *extra]
        )

    def get_absolute_url(self) -> str:
        return self.url()

    @property
    def is_legacy(self) -> bool:
        """Imported published results without answers."""
        return bool(self.source)

    @property
    def is_editable(self) -> bool:
        """Answers may change (draft, or returned with comments)."""
        return not self.is_legacy and self.state in (self.State.DRAFT, self.State.RETURNED)

    @property
    def is_public(self) -> bool:
        """Published and past the round's embargo: scores (never evidence) are public. The one rule of a
        public result; :meth:`AssessmentQuerySet.public` is the same rule as a query."""
        return self.state == self.State.PUBLISHED and not self.round.embargoed


class Transition(models.Model):
    """One change of an assessment's state: who, when, and the reviewer's comment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=Assessment.State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.from_state or '–'} → {self.to_state}"

    @property
    def from_label(self) -> str:
        """The state before, as the page shows it ("" for the start)."""
        return str(Assessment.State(self.from_state).label) if self.from_state else ""


class Answer(models.Model):
    """The current answer to one question, with its evidence; ``version`` counts its saved changes.

    ``value`` is ``{"choices": [...]}``, ``{"number": 12.5}``, ``{"text": "…"}``, ``{"na": true}`` or
    ``{}`` (no answer). Evidence (text, links, files) stays private to the city and the network.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(_("question"), max_length=100)
    value = models.JSONField(_("value"), default=dict, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address a line."))
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "question"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.question}"


class AnswerChange(models.Model):
    """One entry of an answer's history: a saved change, a file added or removed, or a refused save.

    A refused save (two officials editing the same answer) keeps the value that was not saved in
    ``new_*`` and the stored value in ``old_*``, so both stay visible.
    """

    class Kind(models.TextChoices):
        CHANGED = "changed", _("changed")
        REFUSED = "refused", _("refused: changed by someone else meanwhile")
        FILE_ADDED = "file_added", _("file added")
        FILE_REMOVED = "file_removed", _("file removed")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CHANGED)
    version = models.PositiveIntegerField(_("version"))
    based_on = models.PositiveIntegerField(_("based on version"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    old_value = models.JSONField(_("old value"), default=dict, blank=True)
    new_value = models.JSONField(_("new value"), default=dict, blank=True)
    old_evidence = models.TextField(_("old evidence"), blank=True)
    new_evidence = models.TextField(_("new evidence"), blank=True)
    old_links = models.TextField(_("old links"), blank=True)
    new_links = models.TextField(_("new links"), blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("answer change")
        verbose_name_plural = _("answer changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.answer} v{self.version} {self.kind}"


class EvidenceStorage(FileSystemStorage):
    """Evidence files, outside ``MEDIA_ROOT`` and without a URL: only the permission-checked view serves them.

    The folder is ``settings.MANGFOLD_EVIDENCE_ROOT`` or ``DATA_DIR/evidence``, read at each use.
    """

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:
        root = getattr(settings, "MANGFOLD_EVIDENCE_ROOT", None)
        return str(root or Path(getattr(settings, "DATA_DIR", settings.MEDIA_ROOT)) / "evidence")

    @property
    def location(self) -> str:
        return str(Path(self.base_location).resolve())

    def url(self, name: str | None) -> str:
        raise ValueError("evidence files have no public address: link to Attachment.get_absolute_url()")


def evidence_path(attachment: Attachment, filename: str) -> str:
    return f"{attachment.answer.assessment_id}/{attachment.answer.question}/{filename}"


class Attachment(models.Model):
    """A file given as evidence for one answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=evidence_path, storage=EvidenceStorage(), max_length=300)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.answer.assessment.url("attachment", self.pk)


class Reminder(models.Model):
    """A deadline reminder sent to a city that had not submitted (at most one a day)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reminders")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(_("sent on"))
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["round", "city", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.city} – {self.sent_on}"


class QuestionComment(models.Model):
    """A reviewer's comment on one question and the city's reply (``closed_at``: answered or acted on).

    The city sees it beside the question in the form and answers it (a reply) or acts on it (changes the
    answer and marks it done); either closes it. Comments are never deleted (the question's history).
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="question_comments")
    question = models.CharField(_("question"), max_length=100)
    text = models.TextField(_("comment"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.question}: {self.text[:40]}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
