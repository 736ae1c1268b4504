"""The permission policy: the one place that answers "may this user do X to this city?".

Views and templates ask this module; they never look at roles, ``is_staff`` or ``is_superuser``
themselves. docs/permissions.md holds the role matrix that the tests check every URL against.

"Administer" has one meaning here: holding the administrator role of a network (:class:`NetworkRole`).
:func:`administers_network` asks it of one network, :func:`administers_network_of` of the networks a city
belongs to, :func:`administers_any_network` of any network. Django's own admin site (``is_staff``,
``is_superuser``) is asked through :func:`may_use_admin_site` and the functions after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from mangfold.web.accounts.models import CityRole, NetworkRole
from mangfold.web.assessments.models import Assessment, Round, public_q
from mangfold.web.network.models import City, Network

AnyUser = AbstractBaseUser | AnonymousUser


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user of a request the policy has already let through (a view that writes "who did
    it"); an anonymous request that reaches it anyway is refused, never recorded."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


class Action(StrEnum):
    VIEW_PUBLISHED = "view_published"
    VIEW_PRIVATE = "view_private"
    EDIT_ANSWERS = "edit_answers"
    SUBMIT = "submit"
    MANAGE_OFFICIALS = "manage_officials"
    REVIEW = "review"
    PUBLISH = "publish"
    MANAGE_NETWORK = "manage_network"
    EDIT_PRACTICE = "edit_practice"
    """Write the city's good practices: drafts directly, published ones as revisions awaiting publication."""
    PUBLISH_PRACTICE = "publish_practice"
    """Publish (or withdraw) a good practice, or a pending revision of one: network administrators only."""
    IMPORT_STATISTICS = "import_statistics"
    """Import, fetch, refresh and delete the city's population statistics: coordinators and admins."""
    EDIT_BAROMETER = "edit_barometer"
    """Define, fill in and publish the city's outcome barometer: coordinators and admins."""
    MANAGE_ROUNDS = "manage_rounds"
    """Create, edit, archive and delete a network's rounds and invite its cities: network administrators."""
    WRITE_BRIEFING = "write_briefing"
    """Write the city's committee briefing on a round's results: its editors and coordinators, and the
    administrators of the round's network (:func:`briefing_actions`)."""


_CITY_ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    CityRole.Role.VIEWER: frozenset({Action.VIEW_PUBLISHED, Action.VIEW_PRIVATE}),
    CityRole.Role.EDITOR: frozenset(
        {
            Action.VIEW_PUBLISHED,
            Action.VIEW_PRIVATE,
            Action.EDIT_ANSWERS,
            Action.EDIT_PRACTICE,
            Action.WRITE_BRIEFING,
        }
    ),
    CityRole.Role.COORDINATOR: frozenset(
        {
            Action.VIEW_PUBLISHED,
            Action.VIEW_PRIVATE,
            Action.EDIT_ANSWERS,
            Action.SUBMIT,
            Action.MANAGE_OFFICIALS,
            Action.EDIT_PRACTICE,
            Action.IMPORT_STATISTICS,
            Action.EDIT_BAROMETER,
            Action.WRITE_BRIEFING,
        }
    ),
}
_NETWORK_ADMIN_ACTIONS = frozenset(Action)
_TWO_FACTOR_ROLES = frozenset({CityRole.Role.COORDINATOR})
"""City roles that must sign in with a second factor: those who give others access to the city."""


def city_role(user: AnyUser, city: City) -> str | None:
    """The user's role in the city (coordinator, editor, viewer) or None."""
    if not isinstance(user, User) or not user.is_authenticated:
        return None
    return CityRole.objects.filter(user=user, city=city).values_list("role", flat=True).first()


def _admin_roles(user: AnyUser) -> QuerySet[NetworkRole]:
    if not isinstance(user, User):
        return NetworkRole.objects.none()
    return NetworkRole.objects.filter(user=user, role=NetworkRole.Role.ADMIN)


def administers_network(user: AnyUser, network: Network) -> bool:
    """Whether the user is an administrator of this network."""
    return bool(user.is_authenticated) and _admin_roles(user).filter(network=network).exists()


def administers_network_of(user: AnyUser, city: City) -> bool:
    """Whether the user administers one of the networks the city belongs to (any one of them)."""
    return bool(user.is_authenticated) and _admin_roles(user).filter(network__memberships__city=city).exists()


def administers_any_network(user: AnyUser) -> bool:
    """Whether the user administers a network, whichever."""
    return bool(user.is_authenticated) and _admin_roles(user).exists()


def allowed_actions(user: AnyUser, city: City) -> frozenset[Action]:
    """Everything the user may do to the city."""
    actions: set[Action] = {Action.VIEW_PUBLISHED}
    if administers_network_of(user, city):
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


# Assessments: a city's role actions, narrowed by the assessment's state. Reviewing and publishing belong
# to the administrators of the round's network (not of any network the city happens to be in).


def may_manage_rounds(user: AnyUser, network: Network | None = None) -> bool:
    """``Action.MANAGE_ROUNDS``: whether the user administers the network (any one, when none is given)."""
    return administers_network(user, network) if network is not None else administers_any_network(user)


def administered_networks(user: AnyUser) -> QuerySet[Network]:
    """The networks the user administers."""
    if not user.is_authenticated:
        return Network.objects.none()
    return Network.objects.filter(roles__user_id=user.pk, roles__role=NetworkRole.Role.ADMIN).distinct()


def _role_actions(role: str | None) -> frozenset[Action]:
    return _CITY_ROLE_ACTIONS[role] if role is not None else frozenset()


def assessment_actions(user: AnyUser, assessment: Assessment) -> frozenset[Action]:
    """What the user may do to this assessment now.

    VIEW_PUBLISHED: see that it exists and its official scores (public once published and past the
    embargo; otherwise only its city's officials and the network's administrators: a 404 for others).
    VIEW_PRIVATE: answers, evidence, history, live scores. EDIT_ANSWERS and SUBMIT: while a draft or
    returned. REVIEW (return or approve): while submitted. PUBLISH: once approved.
    """
    role = city_role(user, assessment.city)
    return _assessment_actions(assessment, role, administers_network(user, assessment.round.network))


def _assessment_actions(assessment: Assessment, role: str | None, reviewer: bool) -> frozenset[Action]:
    """:func:`assessment_actions` for a user with ``role`` in the city, ``reviewer`` of the round."""
    role_actions = _role_actions(role)
    actions: set[Action] = set()
    if reviewer or Action.VIEW_PRIVATE in role_actions:
        actions |= {Action.VIEW_PUBLISHED, Action.VIEW_PRIVATE}
    elif assessment.is_public:
        actions.add(Action.VIEW_PUBLISHED)
    if assessment.is_editable:
        editing = {Action.EDIT_ANSWERS, Action.SUBMIT}
        actions |= editing if reviewer else editing & role_actions
    if reviewer and assessment.state == Assessment.State.SUBMITTED:
        actions.add(Action.REVIEW)
    if reviewer and assessment.state == Assessment.State.APPROVED:
        actions.add(Action.PUBLISH)
    return frozenset(actions)


def can_start(user: AnyUser, round_: Round, city: City) -> bool:
    """May the user open the city's assessment in this round (an official who edits, or an administrator)?"""
    if round_.questionnaire_id is None or not round_.network.memberships.filter(city=city).exists():
        return False
    editor = Action.EDIT_ANSWERS in _role_actions(city_role(user, city))
    return editor or administers_network(user, round_.network)


@dataclass(frozen=True)
class RoundAccess:
    """One user's roles for a whole round, read once: what a page listing every city of the round asks.

    :meth:`assessment_actions` and :meth:`can_start` answer as the functions of the same name do.
    """

    round: Round
    reviewer: bool
    """The user administers the round's network."""
    roles: Mapping[int, str]
    """The user's role in each city (by the city's id)."""
    members: frozenset[int]
    """The ids of the cities of the round's network."""

    def assessment_actions(self, assessment: Assessment) -> frozenset[Action]:
        return _assessment_actions(assessment, self.roles.get(assessment.city_id), self.reviewer)

    def can_start(self, city: City) -> bool:
        if self.round.questionnaire_id is None or city.pk not in self.members:
            return False
        return Action.EDIT_ANSWERS in _role_actions(self.roles.get(city.pk)) or self.reviewer


def round_access(user: AnyUser, round_: Round) -> RoundAccess:
    """The user's :class:`RoundAccess` to ``round_`` (three queries; none for an anonymous user)."""
    if not user.is_authenticated:
        return RoundAccess(round_, reviewer=False, roles={}, members=frozenset())
    roles = dict(CityRole.objects.filter(user_id=user.pk).values_list("city_id", "role"))
    members = frozenset(round_.network.memberships.values_list("city_id", flat=True))
    return RoundAccess(round_, administers_network(user, round_.network), roles, members)


def briefing_actions(user: AnyUser, round_: Round, city: City) -> frozenset[Action]:
    """What the user may do to the city's committee briefing on the round's results.

    VIEW_PRIVATE: read it and its files (the city's officials and the administrators of the round's
    network, not of any other network the city is in: a 404 for everyone else). WRITE_BRIEFING: write it
    (the city's editors and coordinators, and those administrators).
    """
    briefing = {Action.VIEW_PRIVATE, Action.WRITE_BRIEFING}
    actions = set(_role_actions(city_role(user, city)))
    if administers_network(user, round_.network):
        actions |= briefing
    return frozenset(actions & briefing)


def _private_to(user: AnyUser) -> Q:
    """The assessments whose private pages an authenticated user may see (``Action.VIEW_PRIVATE``):
    their cities' (as an official who may see private material) and their networks' (as administrator)."""
    viewers = [role for role, actions in _CITY_ROLE_ACTIONS.items() if Action.VIEW_PRIVATE in actions]
    official = Q(city__roles__user_id=user.pk, city__roles__role__in=viewers)
    admin = Q(round__network__roles__user_id=user.pk, round__network__roles__role=NetworkRole.Role.ADMIN)
    return official | admin


def visible_assessments(user: AnyUser) -> QuerySet[Assessment]:
    """The assessments whose existence the user may see: public ones, their cities', their networks'."""
    public = public_q()
    if not user.is_authenticated:
        return Assessment.objects.filter(public)
    return Assessment.objects.filter(public | _private_to(user)).distinct()


def private_assessments(user: AnyUser) -> QuerySet[Assessment]:
    """The assessments on which the user may do ``Action.VIEW_PRIVATE`` (in one query, for lists)."""
    if not user.is_authenticated:
        return Assessment.objects.none()
    return Assessment.objects.filter(_private_to(user)).distinct()


def requires_two_factor(user: AnyUser) -> bool:
    """Whether the user must sign in with a second factor (when ``MANGFOLD_REQUIRE_2FA`` is on): superusers,
    network administrators and city coordinators, everyone who can give others access or publish."""
    if not user.is_authenticated:
        return False
    coordinator = CityRole.objects.filter(user_id=user.pk, role__in=_TWO_FACTOR_ROLES).exists()
    return bool(getattr(user, "is_superuser", False)) or administers_any_network(user) or coordinator


# Django's admin site: staff who administer a network, limited to their networks; superusers everywhere.


def may_use_admin_site(user: AnyUser) -> bool:
    """Whether the user may open the admin pages of the assessments: active staff who are superusers or
    administer a network."""
    staff = bool(user.is_active and getattr(user, "is_staff", False))
    return staff and (bool(getattr(user, "is_superuser", False)) or administers_any_network(user))


def admin_site_networks(user: AnyUser) -> QuerySet[Network] | None:
    """The networks whose records the user sees and changes in the admin site (None: all, a superuser)."""
    return None if getattr(user, "is_superuser", False) else administered_networks(user)


def may_delete_in_admin_site(user: AnyUser) -> bool:
    """Whether the user may delete records in the admin site: superusers only."""
    return bool(getattr(user, "is_superuser", False))


def may_delete_unlinked_dataset(user: AnyUser) -> bool:
    """Whether the user may delete a statistics dataset linked to no city (imported by command): staff who
    administer a network."""
    return bool(getattr(user, "is_staff", False)) and administers_any_network(user)
