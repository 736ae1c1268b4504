from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from mangfold.web.accounts.policy import signed_in_user
from mangfold.web.practices import workflow
from mangfold.web.practices.models import Practice, PracticeRevision


class RevisionInline(admin.TabularInline[PracticeRevision, Practice]):
    """Every revision of the practice, read only: revisions are kept, never edited or deleted."""

    model = PracticeRevision
    fields = readonly_fields = (
        "number",
        "status",
        "created_by",
        "created_at",
        "published_by",
        "published_at",
    )
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin[Practice]):
    list_display = ["title", "city", "period_start", "status", "is_example"]
    list_filter = ["status", "is_example", "city__country"]
    search_fields = ["title", "title_da", "title_en", "purpose"]
    actions = ["publish"]
    inlines = [RevisionInline]

    @admin.action(description=_("Publish the selected practices (with their pending revisions)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Practice]) -> None:
        for practice in queryset:
            workflow.publish(practice, signed_in_user(request))
