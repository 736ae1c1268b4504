"""Searching the practice library: parts of Danish compounds, inflections, ranking and highlighting,
the same set of hits on SQLite and PostgreSQL (run with DATABASE_URL set for the latter)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from mangfold.textsearch import normalised_stems, normalised_words, query_terms
from mangfold.web.network.models import City
from mangfold.web.practices.models import Practice
from mangfold.web.practices.search import search

pytestmark = pytest.mark.django_db

RECORDS = {
    "housing": (
        "Boligsocial helhedsplan med fælleshus og blandede boligtyper",
        "Beboerne planlægger sammen.",
    ),
    "welcome": ("Velkomstdag på rådhuset for nye borgere", "Borgerne mødes med politikerne."),
    "school": ("Forældre i folkeskolen", "Forældrene hjælper i skolens klasser."),
    "language": ("Sprogcafé", "Frivillige taler dansk med nye sprogbrugere."),
    "english": ("Neighbourhood housing councils", "Tenants plan their estates with the city."),
    "rumour": ("Anti-rumour agents", "Trained volunteers counter rumours about migrants."),
}


@pytest.fixture
def library(world: Any) -> dict[str, Practice]:
    made = {}
    for key, (title, purpose) in RECORDS.items():
        made[key] = Practice.objects.create(
            title=title, purpose=purpose, city=world.city_a, status="published", indicators=["welcoming"]
        )
    return made


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bolig", {"housing"}),  # the start of a compound
        ("social", {"housing"}),  # its middle
        ("plan", {"housing", "english"}),  # the end of helhedsplan; "plan" in English
        ("skole", {"school"}),  # folkeskolen
        ("velkomst", {"welcome"}),
        ("borger", {"welcome"}),  # borgere, Borgerne
        ("borgerne", {"welcome"}),  # by its stem
        ("sprog", {"language"}),
        ("housing", {"english"}),
        ("rumours", {"rumour"}),
        ("council", {"english"}),  # councils
        ("velkomst rådhus", {"welcome"}),  # every word must match
        ("velkomst skole", set()),
        ("zyxwvutsr", set()),
        ("og", {"housing"}),  # a two-letter word only as a whole word
    ],
)
def test_a_word_is_found_in_compounds_and_inflections_on_this_database(
    library: dict[str, Practice], query: str, expected: set[str]
) -> None:
    found = set(search(Practice.objects.all(), query))
    assert found == {library[key] for key in expected}, connection.vendor


def test_every_hit_contains_every_query_word_or_its_stem(library: dict[str, Practice]) -> None:
    for query in ("bolig", "plan", "skole", "borgerne", "sprog", "council"):
        for practice in search(Practice.objects.all(), query):
            text = practice.searchable_text()
            stored_words, stored_stems = normalised_words(text), normalised_stems(text)
            assert all(term.matches(stored_words, stored_stems) for term in query_terms(query))


def test_the_database_gives_the_hits_the_rule_gives_in_python(library: dict[str, Practice]) -> None:
    """The SQL (LIKE on the stored text) and the rule evaluated in Python agree on every record."""
    for query in ("bolig", "plan", "skole", "borgerne", "ba", "counc", "rådhuset nye", "tenant"):
        terms = query_terms(query)
        by_rule = {
            p.pk
            for p in Practice.objects.all()
            if all(t.matches(p.search_words, p.search_stems) for t in terms)
        }
        assert set(search(Practice.objects.all(), query).values_list("pk", flat=True)) == by_rule, query


def test_an_edit_and_a_city_name_are_searched(library: dict[str, Practice], world: Any) -> None:
    practice = library["rumour"]
    practice.purpose = "Borgere mødes i biblioteket."
    practice.save()
    assert list(search(Practice.objects.all(), "bibliotek")) == [practice]
    practice.status = "draft"
    practice.save(update_fields=["status"])
    assert list(search(Practice.objects.all(), "bibliotek")) == [practice]
    assert set(search(Practice.objects.filter(pk__in=[p.pk for p in library.values()]), "aby")) == set(
        library.values()
    )  # city A's name


def test_the_page_ranks_title_hits_first_and_real_practices_before_examples(
    library: dict[str, Practice], world: Any, client_for: Callable[[str], Any]
) -> None:
    example_city = City.objects.create(slug="eksempelby", name="Eksempelby (example)", country="DK")
    Practice.objects.create(
        title="Eksempel: Boligplan",
        purpose="Opdigtet eksempel.",
        city=example_city,
        is_example=True,
        status="published",
    )
    Practice.objects.create(
        title="Byens naboskab",
        purpose="Boliger, boligområder og boligforeninger.",
        city=world.city_b,
        status="published",
    )
    body = client_for("anonymous").get("/da/practices/", {"q": "bolig"}).content.decode()
    assert "3 praksisser" in body
    real_title = body.index("<mark>Bolig</mark>social helhedsplan")
    real_text = body.index("Byens naboskab")
    example = body.index("Eksempel: <mark>Bolig</mark>plan")
    assert real_title < real_text < example
    assert body.count("Opdigtet eksempel</span>") == 1


def test_the_count_and_marks_in_english(
    library: dict[str, Practice], client_for: Callable[[str], Any]
) -> None:
    body = client_for("anonymous").get("/en/practices/", {"q": "plan"}).content.decode()
    assert "2 practices" in body
    assert "helheds<mark>plan</mark>" in body
    assert client_for("anonymous").get("/en/practices/", {"q": "qwxz"}).content.decode().count("0 practices")


def test_a_query_with_markup_is_escaped_around_the_marks(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    Practice.objects.create(
        title="<script>alert(1)</script> Bolig", purpose="x", city=world.city_a, status="published"
    )
    body = client_for("anonymous").get("/da/practices/", {"q": "script bolig"}).content.decode()
    assert "<script>alert" not in body
    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; <mark>Bolig</mark>" in body


def test_a_very_long_query_is_answered_not_failed(
    library: dict[str, Practice], client_for: Callable[[str], Any]
) -> None:
    words = " ".join(["bolig"] * 5 + [f"ord{n}" for n in range(80)])
    assert list(search(Practice.objects.all(), words)) == []  # the first twelve words count: ord0 … ord6
    assert set(search(Practice.objects.all(), "bolig " * 40)) == {library["housing"]}
    response = client_for("anonymous").get("/da/practices/", {"q": "x" * 500})
    assert response.status_code == 200


def test_a_renamed_city_is_found_under_its_new_name(library: dict[str, Practice], world: Any) -> None:
    world.city_a.name = "Nyborg"
    world.city_a.save()
    found = set(search(Practice.objects.filter(pk__in=[p.pk for p in library.values()]), "nyborg"))
    assert found == set(library.values())
    assert not search(Practice.objects.filter(pk__in=[p.pk for p in library.values()]), "aby").exists()
