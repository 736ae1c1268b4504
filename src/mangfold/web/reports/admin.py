"""Reports in Django's admin: the saved briefings and the generated files (their state, for operators)."""

from __future__ import annotations

from django.contrib import admin

from mangfold.web.reports.models import Briefing, ReportFile


@admin.register(Briefing)
class BriefingAdmin(admin.ModelAdmin[Briefing]):
    list_display = ("city", "round", "language", "version", "updated_by", "updated_at")
    list_filter = ("language", "round__network")
    search_fields = ("city__name", "title", "case_number")
    readonly_fields = ("version", "updated_by", "updated_at")


@admin.register(ReportFile)
class ReportFileAdmin(admin.ModelAdmin[ReportFile]):
    list_display = (
        "kind",
        "fmt",
        "city",
        "round",
        "language",
        "status",
        "progress",
        "size",
        "seconds",
        "created_at",
    )
    list_filter = ("status", "kind", "fmt", "language")
    search_fields = ("city__name", "key")
    exclude = ("content",)
    readonly_fields = [f.name for f in ReportFile._meta.fields if f.name != "content"]

    def has_add_permission(self, request: object) -> bool:
        return False
