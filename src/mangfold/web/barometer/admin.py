from django.contrib import admin

from mangfold.web.barometer.models import BarometerValue, CityBarometer


class ValueInline(admin.TabularInline[BarometerValue, CityBarometer]):
    model = BarometerValue
    extra = 0


@admin.register(CityBarometer)
class CityBarometerAdmin(admin.ModelAdmin[CityBarometer]):
    list_display = ["city", "version", "is_published", "updated_at"]
    list_filter = ["is_published"]
    inlines = [ValueInline]
