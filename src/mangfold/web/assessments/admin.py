"""Django admin for network staff: questionnaire versions, rounds, assessments (read-mostly), legacy imports.

Network administrators see and manage the rounds and assessments of their own networks (the policy's
:func:`~mangfold.web.accounts.policy.administered_networks`); superusers see everything. States change
only through the review pages, so that every change is recorded with who and when.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from mangfold.index.errors import QuestionnaireError
from mangfold.web.accounts import policy
from mangfold.web.assessments.forms import LegacyResultsForm, problem_lines
from mangfold.web.assessments.legacy import LegacyImportError, import_legacy
from mangfold.web.assessments.models import (
    Answer,
    AnswerChange,
    Assessment,
    Attachment,
    QuestionnaireVersion,
    Reminder,
    Round,
    Transition,
)
from mangfold.web.assessments.questionnaires import new_version
from mangfold.web.core.uploads import check_size

MAX_WORKBOOK_BYTES = 10 * 2**20
"""A questionnaire workbook is stored whole in the database; the bundled one is 38 KB."""


class NetworkStaffMixin:
    """Network administrators (and superusers) may use these pages, limited to their networks."""

    network_path: str | None = "network"
    read_only = False

    def _staff(self, request: HttpRequest) -> bool:
        return policy.may_use_admin_site(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._staff(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._staff(request) and not self.read_only

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._staff(request) and not self.read_only

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return policy.may_delete_in_admin_site(request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]
        networks = policy.admin_site_networks(request.user)
        if networks is None or self.network_path is None:
            return queryset
        return queryset.filter(**{f"{self.network_path}__in": networks})


class QuestionnaireVersionForm(forms.ModelForm[QuestionnaireVersion]):
    """Upload a workbook; validated with mangfold.index, every problem listed with sheet, row and column."""

    upload = forms.FileField(
        label=_("Questionnaire workbook (XLSForm)"),
        help_text=_("Validated on upload: every problem is listed with its sheet, row and column."),
    )

    class Meta:
        model = QuestionnaireVersion
        fields: list[str] = []

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        upload = cleaned.get("upload")
        if upload is not None:
            try:
                check_size(upload, MAX_WORKBOOK_BYTES)
            except ValidationError as error:
                self.add_error("upload", error)
                return cleaned
            try:
                version = new_version(upload.read(), upload.name or "questionnaire.xlsx")
            except QuestionnaireError as error:
                self.add_error("upload", problem_lines(error))
                return cleaned
            for name in ("form_id", "version", "title", "filename", "workbook", "sha256"):
                setattr(self.instance, name, getattr(version, name))
        return cleaned


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(NetworkStaffMixin, admin.ModelAdmin[QuestionnaireVersion]):
    network_path = None
    list_display = ["title", "form_id", "version", "uploaded_at", "uploaded_by"]
    readonly_fields = ["title", "form_id", "version", "filename", "sha256", "uploaded_at", "uploaded_by"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = QuestionnaireVersionForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("upload",) if obj is None else tuple(self.readonly_fields)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [] if obj is None else list(self.readonly_fields)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a stored version never changes: upload a new one

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Round)
class RoundAdmin(NetworkStaffMixin, admin.ModelAdmin[Round]):
    list_display = ["name", "network", "slug", "questionnaire", "deadline", "embargo_until"]
    list_filter = ["network"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["queue_reminders"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        networks = policy.admin_site_networks(request.user)
        if db_field.name == "network" and networks is not None:
            kwargs["queryset"] = networks
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and obj.assessments.exclude(source__gt="").exists():
            return ["questionnaire"]  # answers were given on it: the version stays
        return []

    @admin.action(description=_("Send today's deadline reminders (queued for the worker)"))
    def queue_reminders(self, request: HttpRequest, queryset: QuerySet[Round]) -> None:
        from mangfold.web.assessments.tasks import send_reminders_task

        send_reminders_task.enqueue(None)
        self.message_user(
            request, _("The reminders are queued; the worker (manage.py db_worker) sends them.")
        )


class TransitionInline(admin.TabularInline[Transition, Assessment]):
    model = Transition
    extra = 0
    fields = readonly_fields = ("at", "by", "from_state", "to_state", "comment")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(NetworkStaffMixin, admin.ModelAdmin[Assessment]):
    network_path = "round__network"
    list_display = ["city", "round", "state", "overall", "source"]
    list_filter = ["round__network", "round", "state"]
    search_fields = ["city__name", "source"]
    fields = [
        "round",
        "city",
        "state",
        "overall",
        "source",
        "source_url",
        "note",
        "published_rank",
        "published_sample",
        "published_period",
        "published_peer_ranks",
        "approved_at",
        "published_at",
    ]
    readonly_fields = [
        "round",
        "city",
        "state",
        "overall",
        "published_rank",  # as imported (checked: 1 ≤ rank ≤ sample); a new import changes them
        "published_sample",
        "published_period",
        "published_peer_ranks",
        "approved_at",
        "published_at",
    ]
    inlines = [TransitionInline]
    change_list_template = "admin/assessments/assessment/change_list.html"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # assessments start from the round page; published results come by import

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and not obj.is_legacy:  # a self-assessment has no published source to edit
            return [*self.readonly_fields, "source", "source_url", "note"]
        return list(self.readonly_fields)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.import_legacy_view)
        own = [path("import-legacy/", view, name="assessments_assessment_import_legacy")]
        return own + super().get_urls()

    def import_legacy_view(self, request: HttpRequest) -> HttpResponse:
        if not self._staff(request):
            return redirect("admin:index")
        form = LegacyResultsForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            name = form.cleaned_data["file"]
            try:
                imported = import_legacy(
                    name,
                    policy.signed_in_user(request),
                    _upload_name(request),
                    networks=_importable_networks(request),
                )
            except LegacyImportError as error:
                for problem in error.problems:
                    form.add_error("file", str(problem))
            else:
                self.message_user(request, _("%(count)s result(s) imported.") % {"count": len(imported)})
                return redirect(reverse("admin:assessments_assessment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": _("Import published results"),
        }
        return render(request, "admin/assessments/assessment/import_legacy.html", context)


def _upload_name(request: HttpRequest) -> str:
    """The name of the uploaded results file (a valid form has one)."""
    upload = request.FILES.get("file")
    return (upload.name if upload is not None else None) or ""


def _importable_networks(request: HttpRequest) -> set[int] | None:
    """The networks a user may import published results into: the administered ones (all: superusers)."""
    networks = policy.admin_site_networks(request.user)
    return None if networks is None else set(networks.values_list("pk", flat=True))


class AnswerChangeInline(admin.TabularInline[AnswerChange, Answer]):
    model = AnswerChange
    extra = 0
    fields = readonly_fields = (
        "at",
        "by",
        "kind",
        "version",
        "based_on",
        "old_value",
        "new_value",
        "file_name",
    )
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Answer)
class AnswerAdmin(NetworkStaffMixin, admin.ModelAdmin[Answer]):
    network_path = "assessment__round__network"
    read_only = True
    list_display = ["assessment", "question", "version", "updated_by", "updated_at"]
    list_filter = ["assessment__round"]
    search_fields = ["question", "assessment__city__name"]
    readonly_fields = [
        "assessment",
        "question",
        "value",
        "evidence",
        "links",
        "version",
        "updated_by",
        "updated_at",
    ]
    inlines = [AnswerChangeInline]


@admin.register(Attachment)
class AttachmentAdmin(NetworkStaffMixin, admin.ModelAdmin[Attachment]):
    network_path = "answer__assessment__round__network"
    read_only = True
    list_display = ["name", "answer", "size", "uploaded_by", "uploaded_at"]
    fields = readonly_fields = ("download", "answer", "size", "uploaded_by", "uploaded_at")

    @admin.display(description=_("file"))
    def download(self, obj: Attachment) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.name)


@admin.register(Reminder)
class ReminderAdmin(NetworkStaffMixin, admin.ModelAdmin[Reminder]):
    network_path = "round__network"
    read_only = True
    list_display = ["round", "city", "sent_on", "recipients"]
    list_filter = ["round"]
    readonly_fields = ["round", "city", "sent_on", "recipients"]
