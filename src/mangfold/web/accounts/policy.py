"""The permission policy: the one place that answers "may this user do X to this city?".

Views and templates ask this module; they never look at roles themselves. docs/permissions.md holds the
role matrix that the tests check every URL against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from mangfold.web.accounts.models import CityRole, NetworkRole
from mangfold.web.assessments.models import Assessment, Round, public_q
from mangfold.web.network.models import City, Network

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


_CITY_ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    CityRole.Role.VIEWER: frozenset({Action.VIEW_PUBLISHED, Action.VIEW_PRIVATE}),
    CityRole.Role.EDITOR: frozenset(
        {Action.VIEW_PUBLISHED, Action.VIEW_PRIVATE, Action.EDIT_ANSWERS, Action.EDIT_PRACTICE}
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


# Assessments: a city's role actions, narrowed by the assessment's state. Reviewing and publishing belong
# to the administrators of the round's network (not of any network the city happens to be in).


def administers(user: AnyUser, network: Network) -> bool:
    """Whether the user is an administrator of this network."""
    if not user.is_authenticated:
        return False
    return NetworkRole.objects.filter(user_id=user.pk, network=network, role=NetworkRole.Role.ADMIN).exists()


def may_manage_rounds(user: AnyUser, network: Network | None = None) -> bool:
    """``Action.MANAGE_ROUNDS``: whether the user administers the network (any one, when none is given)."""
    return administers(user, network) if network is not None else administered_networks(user).exists()


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
    return _assessment_actions(assessment, role, administers(user, assessment.round.network))


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
    return editor or administers(user, round_.network)


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
    return RoundAccess(round_, administers(user, round_.network), roles, members)


def briefing_actions(user: AnyUser, round_: Round, city: City) -> frozenset[Action]:
    """What the user may do to the city's committee briefing on the round's results.

    VIEW_PRIVATE: read it and its files (the city's officials and the administrators of the round's
    network, not of any other network the city is in: a 404 for everyone else). EDIT_ANSWERS: write it
    (those of them who may edit the city's answers).
    """
    actions = set(_role_actions(city_role(user, city)))
    if administers(user, round_.network):
        actions |= {Action.VIEW_PRIVATE, Action.EDIT_ANSWERS}
    return frozenset(actions & {Action.VIEW_PRIVATE, Action.EDIT_ANSWERS})


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
