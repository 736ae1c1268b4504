"""The good-practice library: stemmed search in Danish and English on both databases, filters, writing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from mangfold.web.practices.models import Practice
from mangfold.web.practices.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(world: Any) -> dict[str, Practice]:
    def make(title: str, purpose: str, city: Any = None, **extra: Any) -> Practice:
        return Practice.objects.create(
            title=title,
            purpose=purpose,
            city=city or world.city_a,
            status=Practice.Status.PUBLISHED,
            indicators=extra.pop("indicators", ["welcoming"]),
            **extra,
        )

    return {
        "integration": make("Integration through sport", "Sport clubs open their doors to newcomers."),
        "children": make(
            "Lektiecafé", "Frivillige hjælper børn med lektierne efter skole.", indicators=["education"]
        ),
        "women": make(
            "Netværk for kvinde", "Et mødested for en kvinde, der er ny i byen.", period_start=2012
        ),
        "rumour": make(
            "Anti-rumour agents", "Trained volunteers counter rumours about migrants.", city=world.city_b
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("integrationen", {"integration"}),
        ("børnene", {"children"}),
        ("kvinder", {"women"}),
        ("rumour", {"rumour"}),
        ("volunteer rumours", {"rumour"}),
        ("zyxwvutsr", set()),
    ],
)
def test_search_stems_danish_and_english(
    library: dict[str, Practice], query: str, expected: set[str]
) -> None:
    found = set(search(Practice.objects.all(), query))
    assert found == {library[key] for key in expected}, connection.vendor


def test_search_follows_edits(library: dict[str, Practice]) -> None:
    practice = library["rumour"]
    practice.purpose = "Borgere mødes i biblioteket."
    practice.save()
    assert list(search(Practice.objects.all(), "biblioteket")) == [practice]
    assert list(search(Practice.objects.all(), "rumours")) == [library["rumour"]]  # still in the title
    practice.delete()
    assert list(search(Practice.objects.all(), "biblioteket")) == []


def test_the_list_filters_by_indicator_country_and_year(
    library: dict[str, Practice], client_for: Callable[[str], Any]
) -> None:
    client = client_for("anonymous")
    body = client.get("/en/practices/", {"indicator": "education"}).content.decode()
    assert "Lektiecafé" in body and "Anti-rumour" not in body
    body = client.get("/en/practices/", {"country": "SE"}).content.decode()
    assert "Anti-rumour agents" in body and "Lektiecafé" not in body
    body = client.get("/en/practices/", {"year": 2010}).content.decode()
    assert "Netværk for kvinde" not in body and "Lektiecafé" in body
    body = client.get("/da/practices/", {"q": "børnene"}).content.decode()
    assert "Lektiecafé" in body and "1 praksis" in body


def test_the_list_sorts_cities_the_danish_way(world: Any, client_for: Callable[[str], Any]) -> None:
    for name in ("Århus", "Aalborg", "Ærø", "Zagreb", "Bergen"):
        city = type(world.city_a).objects.create(slug=name.lower(), name=name, country="DK")
        Practice.objects.create(title=f"P {name}", purpose="x", city=city, status="published")
    body = client_for("anonymous").get("/da/practices/").content.decode()
    positions = [body.index(f"P {name}") for name in ("Bergen", "Zagreb", "Ærø", "Aalborg", "Århus")]
    assert positions == sorted(positions)


def test_an_editor_adds_a_draft_that_the_public_cannot_see(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    client = client_for("editor")
    client.cookies["csrftoken"] = "practicesformtoken0123456789abcd"
    data = {
        "title": "Velkomstvenner",
        "city": world.city_a.pk,
        "indicators": ["welcoming", "interaction"],
        "questions": "wel1 wel3",
        "purpose": "Nye borgere får en ven i byen.",
        "language": "da",
        "period_start": 2020,
        "period_end": 2019,
    }
    response = client.post("/da/practices/new/", data, HTTP_X_CSRFTOKEN="practicesformtoken0123456789abcd")
    assert response.status_code == 200
    assert "Perioden kan ikke slutte, før den begynder." in response.content.decode()
    data["period_end"] = 2024
    response = client.post("/da/practices/new/", data, HTTP_X_CSRFTOKEN="practicesformtoken0123456789abcd")
    assert response.status_code == 302
    practice = Practice.objects.get(title="Velkomstvenner")
    assert practice.status == "draft" and practice.questions == ["WEL1", "WEL3"]
    assert practice.created_by == world.users["editor"]
    assert client_for("anonymous").get(f"/da/practices/{practice.pk}/").status_code == 404
    assert "Velkomstvenner" not in client_for("anonymous").get("/da/practices/").content.decode()


def test_an_editor_cannot_add_a_practice_for_another_city(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    client = client_for("editor")
    client.cookies["csrftoken"] = "practicesformtoken0123456789abcd"
    data = {
        "title": "X",
        "city": world.city_b.pk,
        "indicators": ["welcoming"],
        "purpose": "x",
        "language": "da",
    }
    response = client.post("/en/practices/new/", data, HTTP_X_CSRFTOKEN="practicesformtoken0123456789abcd")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Practice.objects.filter(title="X").exists()


def test_a_forged_post_without_csrf_token_is_refused(world: Any, client_for: Callable[[str], Any]) -> None:
    response = client_for("admin").post(
        f"/en/practices/{world.paths['practice_a_draft']}/publish/", {"publish": "1"}
    )
    assert response.status_code == 403
    assert Practice.objects.get(pk=world.paths["practice_a_draft"]).status == "draft"
