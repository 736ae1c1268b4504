from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mangfold.web.practices.models import Practice


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "period_start", "status", "is_example"]
    list_filter = ["status", "is_example", "city__country"]
    search_fields = ["title", "purpose"]
    actions = ["publish"]

    @admin.action(description=_("Publish the selected practices"))
    def publish(self, request, queryset):  # type: ignore[no-untyped-def]
        queryset.update(status=Practice.Status.PUBLISHED)
