"""Reports: a committee briefing belongs to its city's officials and the round's network (not to the
administrators of some other network the city is in); charts rendered for print fetch nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from mangfold.charts.render import to_svg
from mangfold.web.accounts.models import NetworkRole
from mangfold.web.assessments.models import Round
from mangfold.web.network.models import Membership, Network
from mangfold.web.reports.keys import report_key
from mangfold.web.reports.models import Briefing, ReportFile

pytestmark = pytest.mark.django_db

BRIEFING = "/en/reports/test-network/2026/city-b/briefing/"


@pytest.fixture
def outsider_admin(world: Any) -> Client:
    """The administrator of another network that city B belongs to as well."""
    network = Network.objects.create(slug="other-network", name="Other network")
    Membership.objects.create(network=network, city=world.city_b)
    user = get_user_model().objects.create_user("other_admin", password="not-used-here-42", is_staff=True)
    NetworkRole.objects.create(user=user, network=network)
    client = Client(enforce_csrf_checks=False)
    client.force_login(user)
    return client


def test_another_networks_admin_does_not_see_the_briefing(world: Any, outsider_admin: Client) -> None:
    assert outsider_admin.get(BRIEFING).status_code == 404
    assert outsider_admin.get(BRIEFING.replace("briefing/", "briefing/docx/")).status_code == 404
    assert outsider_admin.get(BRIEFING.replace("briefing/", "briefing/docx/download/")).status_code == 404
    assert outsider_admin.post(BRIEFING.replace("briefing/", "briefing/pdf/")).status_code == 404
    profile = outsider_admin.get("/en/results/test-network/2026/city/city-b/").content.decode()
    assert "briefing/" not in profile
    assert "briefing/" not in outsider_admin.get("/en/reports/test-network/2026/city-b/").content.decode()


def test_another_networks_admin_cannot_write_the_briefing(world: Any, outsider_admin: Client) -> None:
    data = {"title": "Forged", "version": "0"}
    assert outsider_admin.post(BRIEFING, data).status_code == 404
    assert not Briefing.objects.exists()


def test_the_rounds_admin_and_the_citys_officials_still_do(world: Any, client_for: Any) -> None:
    for role in ("admin", "official_b"):
        assert client_for(role).get(BRIEFING).status_code == 200
        profile = client_for(role).get("/en/results/test-network/2026/city/city-b/").content.decode()
        assert "briefing/" in profile


def test_a_chart_for_print_fetches_no_external_data() -> None:
    spec = {
        "data": {"url": "http://127.0.0.1:9/private.json"},
        "mark": "point",
        "encoding": {"x": {"field": "a", "type": "quantitative"}},
    }
    with pytest.raises(Exception, match="not allowed"):
        to_svg(spec)
    inline = {**spec, "data": {"values": [{"a": 1}]}}
    assert to_svg(inline).startswith("<svg")


def test_a_cached_report_is_not_served_once_another_round_it_shows_is_under_embargo(world: Any) -> None:
    """A city profile shows the city's results in every round of the network (its trend): the embargo of
    any of those rounds is part of the file's cache key, so a file made before it started is not served."""
    current, other = Round.objects.get(slug="2026"), Round.objects.get(slug="2025")
    key = report_key("profile", "pdf", current, world.city_b, "en")
    ReportFile.objects.create(
        key=key,
        kind="profile",
        fmt="pdf",
        city=world.city_b,
        round=current,
        language="en",
        status=ReportFile.Status.DONE,
        content=b"%PDF-1.7 with the 2025 results",
        size=30,
    )
    download = "/en/reports/test-network/2026/city-b/profile/pdf/download/"
    assert Client().get(download).status_code == 200
    other.embargo_until = timezone.now() + datetime.timedelta(days=7)
    other.save()
    assert report_key("profile", "pdf", current, world.city_b, "en") != key
    assert Client().get(download).status_code == 404  # made anew, for the data as they may be shown now
