from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mangfold.web.practices import workflow
from mangfold.web.practices.models import Practice, PracticeRevision


class RevisionInline(admin.TabularInline):  # type: ignore[type-arg]
    """Every revision of the practice, read only: revisions are kept, never edited or deleted."""

    model = PracticeRevision
    fields = ["number", "status", "created_by", "created_at", "published_by", "published_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "city", "period_start", "status", "is_example"]
    list_filter = ["status", "is_example", "city__country"]
    search_fields = ["title", "title_da", "title_en", "purpose"]
    actions = ["publish"]
    inlines = [RevisionInline]

    @admin.action(description=_("Publish the selected practices (with their pending revisions)"))
    def publish(self, request: Any, queryset: Any) -> None:
        for practice in queryset:
            workflow.publish(practice, request.user)
