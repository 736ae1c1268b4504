"""Django's admin for accounts: users with their roles, invitations, failed log-ins (to unlock someone)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mangfold.web.accounts import invitations
from mangfold.web.accounts.csv_import import Invitee
from mangfold.web.accounts.models import CityRole, Invitation, LoginFailure, NetworkRole, PasswordResetRequest


@admin.register(CityRole)
class CityRoleAdmin(admin.ModelAdmin[CityRole]):
    list_display = ["user", "city", "role"]
    list_filter = ["role", "city"]
    search_fields = ["user__username", "user__email", "city__name"]


@admin.register(NetworkRole)
class NetworkRoleAdmin(admin.ModelAdmin[NetworkRole]):
    list_display = ["user", "network", "role"]


class CityRoleInline(admin.TabularInline[CityRole, User]):
    model = CityRole
    extra = 0


class NetworkRoleInline(admin.TabularInline[NetworkRole, User]):
    model = NetworkRole
    extra = 0


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(UserAdmin[User]):
    inlines = [CityRoleInline, NetworkRoleInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ["email", "city", "role", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "city", "language"]
    search_fields = ["email", "name", "city__name"]
    readonly_fields = ["invited_by", "created_at", "accepted_at", "accepted_by"]
    fields = ["email", "name", "city", "role", "language", "expires_at", *readonly_fields]
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # invitations are made on the city's officials page, where the e-mail goes out

    @admin.action(description=_("Send the selected invitations again (new link, new expiry)"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        pending = list(queryset.filter(accepted_at__isnull=True).select_related("city"))
        for invitation in pending:
            invitee = Invitee(email=invitation.email, role=invitation.role, name=invitation.name)
            try:
                invitations.invite(invitation.city, [invitee], request.user, invitation.language)
            except OSError:
                self.message_user(
                    request, _("The e-mail could not be sent. Try again later."), messages.ERROR
                )
                return
        message = ngettext(
            "%(count)d invitation was sent again.", "%(count)d invitations were sent again.", len(pending)
        )
        self.message_user(request, message % {"count": len(pending)}, messages.SUCCESS)


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin[LoginFailure]):
    """Read-only; deleting a username's rows unlocks it at once."""

    list_display = ["username", "ip", "at"]
    search_fields = ["username", "ip"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PasswordResetRequest)
class PasswordResetRequestAdmin(admin.ModelAdmin[PasswordResetRequest]):
    """Read-only; deleting an IP address's rows lifts its limit at once."""

    list_display = ["at", "ip", "address_digest"]
    search_fields = ["ip"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
