from django.contrib import admin

from mangfold.web.accounts.models import CityRole, NetworkRole


@admin.register(CityRole)
class CityRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "city", "role"]
    list_filter = ["role", "city"]


@admin.register(NetworkRole)
class NetworkRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "role"]
