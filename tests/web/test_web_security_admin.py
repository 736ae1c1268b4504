"""The admin's import of published results: a network administrator imports into their own networks only,
and a malformed file is refused with its row and column (nothing half-written, no server error)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mangfold.web.assessments.legacy import LegacyImportError, import_legacy
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.network.models import Membership, Network

pytestmark = pytest.mark.django_db

URL = "/en/admin/assessments/assessment/import-legacy/"
HEADER = "network,round,city,overall,source,round_name\n"


@pytest.fixture
def other_network(world: Any) -> Network:
    """A second network that city B belongs to too; the world's admin does not administer it."""
    network = Network.objects.create(slug="other-network", name="Other network")
    Membership.objects.create(network=network, city=world.city_b)
    Round.objects.create(network=network, slug="2013", name="Round 2013")
    return network


def admin_client(world: Any) -> Client:
    client = Client()
    client.force_login(world.users["admin"])
    return client


def upload(client: Client, text: str) -> Any:
    return client.post(URL, {"file": SimpleUploadedFile("results.csv", text.encode())})


def test_a_network_admin_cannot_import_results_into_another_network(
    world: Any, other_network: Network
) -> None:
    text = HEADER + "test-network,2014,city-a,70,Report,\nother-network,2013,city-b,90,Forged,\n"
    response = upload(admin_client(world), text)
    assert response.status_code == 200
    assert (
        "row 3, column &#x27;network&#x27;: you do not administer the network &#x27;other-network&#x27;"
        in response.content.decode()
    )
    assert not Assessment.objects.filter(round__slug__in=["2013", "2014"]).exists()
    assert not Round.objects.filter(slug="2014").exists()  # all or nothing


def test_a_network_admin_cannot_overwrite_another_networks_published_results(
    world: Any, other_network: Network
) -> None:
    import_legacy(HEADER + "other-network,2013,city-b,40,Official report,\n")
    response = upload(admin_client(world), HEADER + "other-network,2013,city-b,99,Forged,\n")
    assert response.status_code == 200
    found = Assessment.objects.get(round__network=other_network, city=world.city_b)
    assert (found.overall, found.source) == (40, "Official report")


def test_a_superuser_imports_into_any_network(world: Any, other_network: Network) -> None:
    world.users["admin"].is_superuser = True
    world.users["admin"].save()
    response = upload(admin_client(world), HEADER + "other-network,2013,city-b,90,Report,\n")
    assert response.status_code == 302
    assert Assessment.objects.get(round__network=other_network).overall == 90


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            "test-network,2014 spring,city-a,70,Report,",
            "row 2, column 'round': not a short name (letters, digits, hyphens, underscores): '2014 spring'",
        ),
        (
            "test-network," + "r" * 51 + ",city-a,70,Report,",
            "row 2, column 'round': longer than 50 characters",
        ),
        (
            "test-network,2014,city-a,70,Report," + "n" * 201,
            "row 2, column 'round_name': longer than 200 characters",
        ),
    ],
)
def test_a_round_that_cannot_be_stored_or_linked_is_refused_by_row_and_column(
    world: Any, row: str, problem: str
) -> None:
    with pytest.raises(LegacyImportError) as caught:
        import_legacy(HEADER + row + "\n")
    assert [str(p) for p in caught.value.problems] == [problem]
    assert not Round.objects.exclude(slug__in=["2025", "2026"]).exists()
    response = upload(admin_client(world), HEADER + row + "\n")
    assert response.status_code == 200  # the form with the problem, not a server error
