"""Database queries per page: list pages read a fixed number, however many rows they show (no N+1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mangfold.web.accounts.models import CityRole, NetworkRole
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.network.models import City, Membership
from mangfold.web.practices.models import Practice
from tests.conftest import World
from tests.reports.reports_world import FOCUS, ReportsWorld, build_reports_world

pytestmark = pytest.mark.django_db

ROUNDS = "/en/assessments/"
ROUND = "/en/assessments/test-network/2026/"


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def more_cities(world: World, count: int) -> None:
    """``count`` more cities in the network: each with a draft in round 2026 and the viewer as official;
    half as many again without an assessment, where the editor may start one."""
    round_ = Round.objects.get(network=world.network, slug="2026")
    for i in range(count):
        city = City.objects.create(slug=f"extra-{i}", name=f"Extra {i}", country="DK")
        Membership.objects.create(network=world.network, city=city)
        Assessment.objects.create(round=round_, city=city)
        CityRole.objects.create(user=world.users["viewer"], city=city, role=CityRole.Role.VIEWER)
    for i in range(count // 2):
        city = City.objects.create(slug=f"unstarted-{i}", name=f"Unstarted {i}", country="DK")
        Membership.objects.create(network=world.network, city=city)
        CityRole.objects.create(user=world.users["editor"], city=city, role=CityRole.Role.EDITOR)


@pytest.mark.parametrize("page", [ROUNDS, ROUND])
@pytest.mark.parametrize("role", ["anonymous", "viewer", "editor", "coordinator", "admin"])
def test_the_round_pages_read_as_many_queries_for_many_cities_as_for_two(
    world: World,
    client_for: Callable[[str], Client],
    django_assert_max_num_queries: Any,
    page: str,
    role: str,
) -> None:
    client = client_for(role)
    few = queries(client, page)
    more_cities(world, 6)
    with django_assert_max_num_queries(few):
        html = client.get(page).content.decode()
    if role in ("viewer", "admin"):  # the new assessments are listed (theirs, or their network's)
        assert "Extra 5" in html
    if role == "editor" and page == ROUND:
        assert "Start the assessment of Unstarted 2" in html


def test_the_round_pages_read_few_queries(world: World, client_for: Callable[[str], Client]) -> None:
    more_cities(world, 6)
    viewer = client_for("viewer")
    assert queries(viewer, ROUNDS) <= 5  # session, user, rounds, the user's assessments, network admin?
    assert queries(viewer, ROUND) <= 8  # … round, roles, memberships, network role, assessments, cities


@pytest.fixture
def rw(db: Any, settings: Any) -> ReportsWorld:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_reports_world()


def test_the_briefing_page_reads_the_data_of_its_files_once(rw: ReportsWorld) -> None:
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_user("admin", password="not-used-here-42")
    NetworkRole.objects.create(user=admin, network=rw.network)
    client = Client()
    client.force_login(admin)
    briefing = f"/en/reports/report-net/2024/{FOCUS}/briefing/"
    profile = f"/en/reports/report-net/2024/{FOCUS}/"
    # Measured: 33, a fixed number whatever the number of cities (below: 6 more published cities with
    # practices read the same). It was 52 when each format's key and its profile's key read the data
    # anew, 30 before the profile carried recommendations from real practice (+2: the practice library,
    # its cities' published results) and the barometer section (+1, and +1 for the barometer in the
    # files' key), 34 while the profile also built the old recommendations (-1: their practice query);
    # 34 since the briefing carries the barometer (+1: a draft barometer, which the profile never shows,
    # is looked up once when the city has no published one). The public results are computed once per
    # change of their data (mangfold.web.results.cache): the first request computes them and reads their
    # fingerprints twice (before and after), 46 queries; every later one reads the fingerprints once.
    assert queries(client, briefing) <= 46
    assert queries(client, briefing) <= 34
    # 28: it was 30, then 25; +4 fixed for the same reasons as the briefing's (library, its cities'
    # results, barometer section, barometer in the key), -1 for the old recommendations' practice query
    assert queries(client, profile) <= 28
    few = queries(client, briefing), queries(client, profile)
    add_published_cities(rw, 6)
    assert queries(client, briefing) <= 46  # new published results: computed anew, once
    assert (queries(client, briefing), queries(client, profile)) == few


def add_published_cities(rw: ReportsWorld, count: int) -> None:
    """``count`` more cities with a published result in round 2024 (Lund's scorecard) and a published
    practice each on the indicators of one of the world's practices."""
    lund = rw.assessments[("2024", "lund")]
    indicators = list(next(iter(rw.practices.values())).indicators or [])
    for i in range(count):
        city = City.objects.create(slug=f"more-{i}", name=f"More {i}", country="DK", population=100_000 + i)
        Membership.objects.create(network=rw.network, city=city)
        Assessment.objects.create(
            round=lund.round,
            city=city,
            state="published",
            official_scorecard=lund.official_scorecard,
            overall=lund.overall,
            approved_at=lund.approved_at,
            published_at=lund.published_at,
        )
        Practice.objects.create(
            title=f"Practice {i}",
            city=city,
            status=Practice.Status.PUBLISHED,
            purpose="Nye borgere godt i gang.",
            indicators=indicators,
            source="Årsrapport 2023",
        )
