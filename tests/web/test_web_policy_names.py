"""The policy's questions named after what they guard, answered for every role of the test world: writing a
briefing, the second factor, the admin site and a dataset imported by command."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from mangfold.web.accounts import policy
from mangfold.web.accounts.models import NetworkRole
from mangfold.web.accounts.policy import Action
from mangfold.web.assessments.models import Round
from mangfold.web.network.models import Membership, Network

pytestmark = pytest.mark.django_db


def users(world: Any) -> dict[str, Any]:
    return {**world.users, "anonymous": AnonymousUser()}


def test_a_briefing_is_written_by_its_citys_editors_and_coordinators_and_the_rounds_admins(
    world: Any,
) -> None:
    round_ = Round.objects.get(network=world.network, slug="2026")
    may = {
        role: sorted(policy.briefing_actions(user, round_, world.city_a))
        for role, user in users(world).items()
    }
    both = [Action.VIEW_PRIVATE, Action.WRITE_BRIEFING]
    assert may == {
        "admin": both,
        "coordinator": both,
        "editor": both,
        "viewer": [Action.VIEW_PRIVATE],
        "official_b": [],
        "anonymous": [],
    }


def test_an_admin_of_another_network_of_the_city_administers_that_network_only(world: Any) -> None:
    other = Network.objects.create(slug="other", name="Other network")
    Membership.objects.create(network=other, city=world.city_a)
    outsider = get_user_model().objects.create_user(username="outsider")
    NetworkRole.objects.create(user=outsider, network=other)
    assert policy.administers_network_of(outsider, world.city_a)
    assert not policy.administers_network_of(outsider, world.city_b)
    assert policy.administers_network(outsider, other)
    assert not policy.administers_network(outsider, world.network)
    assert policy.administers_any_network(outsider) and not policy.administers_any_network(
        world.users["editor"]
    )


def test_the_second_factor_is_required_of_admins_coordinators_and_superusers(world: Any) -> None:
    required = {role: policy.requires_two_factor(user) for role, user in users(world).items()}
    assert required == {
        "admin": True,
        "coordinator": True,
        "editor": False,
        "viewer": False,
        "official_b": True,
        "anonymous": False,
    }
    root = get_user_model().objects.create_superuser(username="root", password="x-" * 8)
    assert policy.requires_two_factor(root)


def test_the_admin_site_admits_staff_who_administer_a_network_limited_to_their_networks(world: Any) -> None:
    admin, editor = world.users["admin"], world.users["editor"]
    root = get_user_model().objects.create_superuser(username="root", password="x-" * 8)
    Network.objects.create(slug="other", name="Other network")
    assert [policy.may_use_admin_site(u) for u in (admin, root, editor, AnonymousUser())] == [
        True,
        True,
        False,
        False,
    ]
    editor.is_staff = True  # staff without a network to administer: still no admin site
    assert not policy.may_use_admin_site(editor)
    admin_networks = policy.admin_site_networks(admin)
    assert admin_networks is not None and list(admin_networks) == [world.network]
    assert policy.admin_site_networks(root) is None
    assert policy.may_delete_in_admin_site(root) and not policy.may_delete_in_admin_site(admin)


def test_a_dataset_imported_by_command_is_deleted_only_by_staff_who_administer_a_network(world: Any) -> None:
    admin = world.users["admin"]
    assert policy.may_delete_unlinked_dataset(admin)
    admin.is_staff = False
    assert not policy.may_delete_unlinked_dataset(admin)
    coordinator = world.users["coordinator"]
    coordinator.is_staff = True
    assert not policy.may_delete_unlinked_dataset(coordinator)
