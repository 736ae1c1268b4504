"""The shared test world (style.md §2): one network, two cities, a user for every role.

Roles: ``admin`` (network administrator), ``coordinator``, ``editor`` and ``viewer`` of city A,
``official_b`` (coordinator of city B, i.e. another city's official) and ``anonymous``.
Pure-core tests never touch it; web tests ask for ``world`` and ``client_for``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

ROLES = ("admin", "coordinator", "editor", "viewer", "official_b", "anonymous")
PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def _fresh_results_cache() -> Any:
    """Each test starts with no public results computed by an earlier one (a test that patches the core
    would otherwise read an answer computed without its patch from identical rows)."""
    yield
    cache = sys.modules.get("mangfold.web.results.cache")
    if cache is not None:
        cache.results_cache.clear()


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
def world(db: Any, settings: Any, tmp_path: Any) -> World:
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
    _add_assessments(world, settings, tmp_path)
    _add_statistics(world)
    _add_barometers(world)
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


STATISTICS_CSV = """area,period,group,n
A1,2019,danish,900
A1,2019,imm_nonwestern,60
A1,2019,desc_nonwestern,40
A1,2019,imm_western,30
A1,2019,desc_western,10
A2,2019,danish,500
A2,2019,imm_nonwestern,300
A2,2019,desc_nonwestern,150
A2,2019,imm_western,20
A2,2019,desc_western,5
A1,2020,danish,880
A1,2020,imm_nonwestern,70
A1,2020,desc_nonwestern,45
A1,2020,imm_western,35
A1,2020,desc_western,10
A2,2020,danish,480
A2,2020,imm_nonwestern,320
A2,2020,desc_nonwestern,160
A2,2020,imm_western,25
A2,2020,desc_western,5
"""


def _add_statistics(world: World) -> None:
    """A small dataset uploaded for city A (areas A1, A2; 2019–2020).

    Paths ``stats_dataset_a`` (the dataset) and ``stats_area_a`` (city A's municipality-level area).
    """
    from mangfold.population.detect import InputFile
    from mangfold.web.statistics.importing import ImportOptions, import_files

    done = import_files(
        [InputFile("aby.csv", STATISTICS_CSV.encode())],
        ImportOptions(scheme="dst", name="Aby by area", source="Aby statistics office"),
        city=world.city_a,
        user=world.users["coordinator"],
    )
    world.paths["stats_dataset_a"] = str(done.dataset.pk)
    world.paths["stats_area_a"] = str(done.dataset.areas.get(level="municipality").pk)


def _add_barometers(world: World) -> None:
    """City A's outcome barometer as a draft, city B's published (one goal, one indicator, two values)."""
    from mangfold.barometer.model import Barometer, Direction, Goal, Indicator
    from mangfold.barometer.workbook import to_data
    from mangfold.web.barometer.models import BarometerValue, CityBarometer

    barometer = Barometer(
        "Barometer",
        "Barometer",
        (Goal("work", "Beskæftigelse", "Work", ("employment",), "Udvalget", ("business",)),),
        (Indicator("employment", "Beskæftigelse", "Employment", "%", Direction.HIGHER, 2014),),
    )
    for city, published in ((world.city_a, False), (world.city_b, True)):
        record = CityBarometer.objects.create(
            city=city, definition=to_data(barometer), is_published=published
        )
        for year, value in ((2014, 52.0), (2018, 56.0)):
            BarometerValue.objects.create(
                barometer=record, indicator="employment", year=year, value=value, source="Test"
            )


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


@pytest.fixture
def as_role(world: World) -> Callable[[str], Any]:
    """A test client logged in as the given role, without CSRF enforcement (the permission matrix checks
    CSRF with :func:`client_for`)."""
    from django.test import Client

    def make(role: str) -> Client:
        client = Client()
        client.force_login(world.users[role])
        return client

    return make


def bundled_questionnaire_version() -> Any:
    """The bundled questionnaire 2026.1 as a stored version, without re-validating it (fast; tests only)."""
    import hashlib

    from mangfold.index.xlsform import bundled_questionnaires
    from mangfold.web.assessments.models import QuestionnaireVersion

    # version 2026.1, which the test worlds' rounds were answered on (2026.2 is newer; see issue 14)
    data = next(p for p in bundled_questionnaires() if p.name == "mangfold-2026.xlsx").read_bytes()
    version, _ = QuestionnaireVersion.objects.get_or_create(
        sha256=hashlib.sha256(data).hexdigest(),
        defaults={
            "form_id": "mangfold",
            "version": "bundled",
            "title": "mangfold",
            "filename": "mangfold.xlsx",
            "workbook": data,
        },
    )
    return version


def _add_assessments(world: World, settings: Any, tmp_path: Any) -> None:
    """Two rounds of test-network on the bundled questionnaire, each city with an assessment.

    Round ``2026``: city A's draft, city B's published assessment. Round ``2025``: city A's submitted,
    city B's approved assessment. Each has COM1 answered "yes", private evidence and an evidence file
    (paths ``attachment_a`` / ``attachment_b`` of round 2026). Evidence files go to ``tmp_path``.
    """
    from django.core.files.base import ContentFile

    from mangfold.web.assessments.models import Answer, AnswerChange, Assessment, Attachment, Round
    from mangfold.web.assessments.workflow import move

    settings.MANGFOLD_EVIDENCE_ROOT = tmp_path / "evidence"
    version = bundled_questionnaire_version()
    steps = {
        "draft": [],
        "submitted": ["submitted"],
        "approved": ["submitted", "approved"],
        "published": ["submitted", "approved", "published"],
    }
    plan = [
        ("2026", "a", "draft"),
        ("2026", "b", "published"),
        ("2025", "a", "submitted"),
        ("2025", "b", "approved"),
    ]
    for slug, key, state in plan:
        round_, _ = Round.objects.get_or_create(
            network=world.network, slug=slug, defaults={"name": f"Round {slug}", "questionnaire": version}
        )
        city, official = (world.city_a, "coordinator") if key == "a" else (world.city_b, "official_b")
        assessment = Assessment.objects.create(round=round_, city=city)
        answer = Answer.objects.create(
            assessment=assessment,
            question="COM1",
            value={"choices": ["yes"]},
            evidence=f"Private evidence of city {key.upper()}",
            version=1,
            updated_by=world.users[official],
        )
        AnswerChange.objects.create(
            answer=answer,
            version=1,
            based_on=0,
            by=answer.updated_by,
            new_value=answer.value,
            new_evidence=answer.evidence,
        )
        attachment = Attachment.objects.create(
            answer=answer, file=ContentFile(b"council minutes", name="minutes.txt"), name="minutes.txt"
        )
        if slug == "2026":
            world.paths[f"attachment_{key}"] = str(attachment.pk)
        for step in steps[state]:
            move(assessment, step, world.users[official if step == "submitted" else "admin"])


if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):

    @pytest.fixture(scope="session", autouse=True)
    def _no_stray_connections_at_teardown(django_db_setup: Any, django_db_blocker: Any) -> Any:
        """End connections that threads (live server, background tasks) left open in the test database,
        so that pytest-django can drop it: PostgreSQL refuses to drop a database that is in use."""
        yield
        from django.db import connection, connections

        with django_db_blocker.unblock():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            connections.close_all()
