"""The shared test world (style.md §2): one network, two cities, a user for every role.

Roles: ``admin`` (network administrator), ``coordinator``, ``editor`` and ``viewer`` of city A,
``official_b`` (coordinator of city B, i.e. another city's official) and ``anonymous``.
Pure-core tests never touch it; web tests ask for ``world`` and ``client_for``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

ROLES = ("admin", "coordinator", "editor", "viewer", "official_b", "anonymous")
PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def _numpy_error_state() -> Any:
    """Importing `segregation` changes NumPy's error state process-wide: restore it after each test."""
    state = np.geterr()
    yield
    np.seterr(**state)


@dataclass
class World:
    network: Any
    city_a: Any
    city_b: Any
    users: dict[str, Any] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    """Values for the ``{placeholders}`` of docs/permissions.md, e.g. ``practice_a_draft`` -> ``"3"``."""


@pytest.fixture
def world(db: Any, settings: Any) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
    from django.contrib.auth import get_user_model

    from mangfold.web.accounts.models import CityRole, NetworkRole
    from mangfold.web.network.models import City, Membership, Network

    network = Network.objects.create(slug="test-network", name="Test network")
    city_a = City.objects.create(slug="city-a", name="Aby", country="DK", population=150_000)
    city_b = City.objects.create(slug="city-b", name="Bby", country="SE", population=350_000)
    for city in (city_a, city_b):
        Membership.objects.create(network=network, city=city)
    user_model = get_user_model()
    users = {
        role: user_model.objects.create_user(username=role, email=f"{role}@example.org", password=PASSWORD)
        for role in ROLES
        if role != "anonymous"
    }
    users["admin"].is_staff = True
    users["admin"].save()
    NetworkRole.objects.create(user=users["admin"], network=network)
    CityRole.objects.create(user=users["coordinator"], city=city_a, role=CityRole.Role.COORDINATOR)
    CityRole.objects.create(user=users["editor"], city=city_a, role=CityRole.Role.EDITOR)
    CityRole.objects.create(user=users["viewer"], city=city_a, role=CityRole.Role.VIEWER)
    CityRole.objects.create(user=users["official_b"], city=city_b, role=CityRole.Role.COORDINATOR)
    world = World(network=network, city_a=city_a, city_b=city_b, users=users)
    _add_practices(world)
    return world


def _add_practices(world: World) -> None:
    from mangfold.web.practices.models import Practice

    def practice(city: Any, status: str, title: str) -> Any:
        return Practice.objects.create(
            title=title,
            city=city,
            status=status,
            purpose="Bring residents together.",
            indicators=["interaction"],
        )

    world.paths["practice_a_draft"] = str(practice(world.city_a, "draft", "Aby draft").pk)
    world.paths["practice_a_published"] = str(practice(world.city_a, "published", "Aby published").pk)
    world.paths["practice_b_draft"] = str(practice(world.city_b, "draft", "Bby draft").pk)


@pytest.fixture
def client_for(world: World) -> Callable[[str], Any]:
    """A CSRF-enforcing test client logged in as the given role (``anonymous``: logged out)."""
    from django.test import Client

    def make(role: str) -> Client:
        client = Client(enforce_csrf_checks=True)
        if role != "anonymous":
            client.force_login(world.users[role])
        return client

    return make
