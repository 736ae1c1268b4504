"""The permission policy: the one place that answers "may this user do X to this city?".

Views and templates ask this module; they never look at roles themselves. docs/permissions.md holds the
role matrix that the tests check every URL against.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from mangfold.web.accounts.models import CityRole, NetworkRole
from mangfold.web.network.models import City

AnyUser = AbstractBaseUser | AnonymousUser


class Action(StrEnum):
    VIEW_PUBLISHED = "view_published"
    VIEW_PRIVATE = "view_private"
    EDIT_ANSWERS = "edit_answers"
    SUBMIT = "submit"
    MANAGE_OFFICIALS = "manage_officials"
    REVIEW = "review"
    PUBLISH = "publish"
    MANAGE_NETWORK = "manage_network"


_CITY_ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    CityRole.Role.VIEWER: frozenset({Action.VIEW_PUBLISHED, Action.VIEW_PRIVATE}),
    CityRole.Role.EDITOR: frozenset({Action.VIEW_PUBLISHED, Action.VIEW_PRIVATE, Action.EDIT_ANSWERS}),
    CityRole.Role.COORDINATOR: frozenset(
        {
            Action.VIEW_PUBLISHED,
            Action.VIEW_PRIVATE,
            Action.EDIT_ANSWERS,
            Action.SUBMIT,
            Action.MANAGE_OFFICIALS,
        }
    ),
}
_NETWORK_ADMIN_ACTIONS = frozenset(Action)


def city_role(user: AnyUser, city: City) -> str | None:
    """The user's role in the city (coordinator, editor, viewer) or None."""
    if not user.is_authenticated:
        return None
    return CityRole.objects.filter(user_id=user.pk, city=city).values_list("role", flat=True).first()


def is_network_admin(user: AnyUser, city: City | None = None) -> bool:
    """Whether the user administers a network (one the city belongs to, when a city is given)."""
    if not user.is_authenticated:
        return False
    roles = NetworkRole.objects.filter(user_id=user.pk, role=NetworkRole.Role.ADMIN)
    if city is not None:
        roles = roles.filter(network__memberships__city=city)
    return roles.exists()


def allowed_actions(user: AnyUser, city: City) -> frozenset[Action]:
    """Everything the user may do to the city."""
    actions: set[Action] = {Action.VIEW_PUBLISHED}
    if is_network_admin(user, city):
        actions |= _NETWORK_ADMIN_ACTIONS
    role = city_role(user, city)
    if role is not None:
        actions |= _CITY_ROLE_ACTIONS[role]
    return frozenset(actions)


def can(user: AnyUser, action: Action, city: City) -> bool:
    """May ``user`` do ``action`` to ``city``?"""
    return action in allowed_actions(user, city)


def cities_with(user: AnyUser, action: Action) -> QuerySet[City]:
    """The cities on which the user may do ``action`` (every city for VIEW_PUBLISHED)."""
    if action == Action.VIEW_PUBLISHED:
        return City.objects.all()
    if not user.is_authenticated:
        return City.objects.none()
    admin_of = Q(
        memberships__network__roles__user_id=user.pk,
        memberships__network__roles__role=NetworkRole.Role.ADMIN,
    )
    roles = [role for role, actions in _CITY_ROLE_ACTIONS.items() if action in actions]
    official_of = Q(roles__user_id=user.pk, roles__role__in=roles)
    return City.objects.filter(admin_of | official_of).distinct()
