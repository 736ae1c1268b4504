from django.contrib import admin

from mangfold.web.network.models import City, Membership, Network


class MembershipInline(admin.TabularInline[Membership, Network]):
    model = Membership
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin[Network]):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(City)
class CityAdmin(admin.ModelAdmin[City]):
    list_display = ["name", "country", "population", "is_example"]
    list_filter = ["country", "is_example"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
