from django.contrib import admin

from mangfold.web.statistics.models import CityArea, Dataset, FetchedSource, Outline


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin[Dataset]):
    list_display = ["name", "scheme", "source", "city", "rows", "uploaded_at", "use_for_figures"]
    list_filter = ["scheme", "use_for_figures"]
    search_fields = ["name", "name_en", "source"]
    readonly_fields = ["file_name", "sha256", "uploaded_by", "uploaded_at", "periods", "rows"]


@admin.register(CityArea)
class CityAreaAdmin(admin.ModelAdmin[CityArea]):
    list_display = ["city", "area"]
    raw_id_fields = ["area"]


@admin.register(Outline)
class OutlineAdmin(admin.ModelAdmin[Outline]):
    list_display = ["name", "code", "municipality", "dataset"]
    raw_id_fields = ["municipality"]


@admin.register(FetchedSource)
class FetchedSourceAdmin(admin.ModelAdmin[FetchedSource]):
    """Provenance as the service gave it (read-only); only the refresh mark may be changed."""

    list_display = ["table", "city", "service", "table_updated", "fetched_at", "refresh", "last_error"]
    list_filter = ["refresh", "service"]
    readonly_fields = [
        "dataset",
        "city",
        "service",
        "table",
        "title",
        "selection",
        "plan",
        "table_updated",
        "fetched_at",
        "requests",
        "last_error",
    ]
