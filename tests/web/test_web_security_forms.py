"""A wrong form field gets a clear error, never a server error: an invited address becomes the username, so
it may be no longer than a username (150 characters), in the form and in a CSV file alike."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mangfold.web.accounts.models import Invitation
from tests.conftest import World

pytestmark = pytest.mark.django_db

LONG = "a" * 64 + "@" + "b" * 63 + "." + "c" * 20 + ".org"  # a valid address of 153 characters


def coordinator(world: World) -> Client:
    client = Client()
    client.force_login(world.users["coordinator"])
    return client


def test_an_address_longer_than_a_username_is_refused_on_the_form(world: World) -> None:
    assert len(LONG) == 153
    data = {"email": LONG, "role": "editor", "name": ""}
    response = coordinator(world).post("/en/accounts/cities/city-a/invite/", data)
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_address_longer_than_a_username_is_refused_in_a_csv_file(world: World) -> None:
    content = f"email,role\nok@example.org,viewer\n{LONG},editor\n".encode()
    file = SimpleUploadedFile("people.csv", content, content_type="text/csv")
    response = coordinator(world).post("/en/accounts/cities/city-a/invite/csv/", {"file": file})
    assert response.status_code == 200
    assert "Row 3, column “email”: is longer than 150 characters" in response.content.decode()
    assert not Invitation.objects.exists()  # nobody is invited unless every row is correct
