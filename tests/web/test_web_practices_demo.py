"""The demo records of the good-practice library: idempotent loading, coverage, sources, Danish search."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.forms.models import model_to_dict

from mangfold.index.xlsform import read_xlsform
from mangfold.web.network.models import City, Membership, Network
from mangfold.web.practices.demo import (
    PracticeDataError,
    PracticeLoad,
    check_record,
    data_path,
    load_practices,
    read_demo_data,
    sync_practices,
)
from mangfold.web.practices.models import Practice
from mangfold.web.practices.search import search

QUESTIONNAIRE = data_path().parent.parent / "questionnaires" / "mangfold-2026.xlsx"
REAL_CITIES = {
    "barcelona",
    "oslo",
    "vienna",
    "berlin-neukoelln",
    "neuchatel",
    "botkyrka",
    "reggio-emilia",
    "hamburg",
    "mechelen",
    "copenhagen",
}


@pytest.fixture(scope="module")
def questionnaire() -> Any:
    return read_xlsform(QUESTIONNAIRE, check_xlsform=False)


@pytest.fixture
def network(db: Any) -> Network:
    return Network.objects.create(slug="icc-demo", name="Demo network")


def _snapshot() -> tuple[Any, ...]:
    practices = [(p.pk, p.updated_at, model_to_dict(p)) for p in Practice.objects.order_by("pk")]
    cities = [model_to_dict(c, exclude=["networks"]) for c in City.objects.order_by("pk")]
    memberships = list(Membership.objects.order_by("pk").values_list("network_id", "city_id"))
    return practices, cities, memberships


def _text(practice: Practice) -> str:
    return practice.searchable_text().casefold()


# The file itself -------------------------------------------------------------------------------------


def test_keys_and_natural_keys_are_unique_and_cities_declared() -> None:
    data = read_demo_data()
    records = data["practices"]
    assert len({r["key"] for r in records}) == len(records)
    assert len({(r["city"], r["title"]) for r in records}) == len(records)
    assert {r["city"] for r in records} <= {c["slug"] for c in data["cities"]}


def test_every_code_exists_in_the_bundled_questionnaire(questionnaire: Any) -> None:
    indicator_codes = {i.code for i in questionnaire.indicators}
    for record in read_demo_data()["practices"]:
        assert record["indicators"], record["key"]
        assert set(record["indicators"]) <= indicator_codes, record["key"]
        for code in record["questions"]:
            assert questionnaire.has_question(code), (record["key"], code)
            assert questionnaire.question(code).indicator in record["indicators"], (record["key"], code)


def test_real_practices_cover_the_cities_named_in_the_brief() -> None:
    real = [r for r in read_demo_data()["practices"] if not r["is_example"]]
    assert {r["city"] for r in real} >= REAL_CITIES
    assert len(real) >= 40


def test_every_real_record_has_a_source_address_and_both_summaries() -> None:
    for record in read_demo_data()["practices"]:
        check_record(record, 1, data_path())  # raises for a real record that lacks one
        if not record["is_example"]:
            assert record["summary_da"].strip() and record["summary_en"].strip(), record["key"]
            assert record["title_da"].strip() and record["title_en"].strip(), record["key"]


def test_a_real_record_without_a_danish_summary_or_a_source_address_is_refused_by_name(
    network: Network, tmp_path: Any
) -> None:
    data = read_demo_data()
    real = next(i for i, r in enumerate(data["practices"]) if not r["is_example"])
    broken = dict(data["practices"][real], summary_da="")
    path = tmp_path / "practices.json"
    path.write_text(json.dumps({**data, "practices": [broken]}), encoding="utf-8")
    with pytest.raises(PracticeDataError, match=r"practices.json, practice 1 \(.+\), field 'summary_da'"):
        sync_practices(network, path)
    no_link = dict(data["practices"][real], links=["not an address"])
    path.write_text(json.dumps({**data, "practices": [no_link]}), encoding="utf-8")
    with pytest.raises(PracticeDataError, match="field 'links': a real practice needs a source address"):
        sync_practices(network, path)
    assert not Practice.objects.exists()


def test_an_older_invented_record_without_the_bilingual_fields_still_loads(
    network: Network, tmp_path: Any
) -> None:
    data = read_demo_data()
    example = next(r for r in data["practices"] if r["is_example"])
    old = {k: v for k, v in example.items() if k not in {"title_da", "title_en", "summary_da", "summary_en"}}
    path = tmp_path / "practices.json"
    path.write_text(json.dumps({**data, "practices": [old]}), encoding="utf-8")
    assert sync_practices(network, path).created == 1
    loaded = Practice.objects.get()
    assert (loaded.summary_da, loaded.title_en, loaded.is_example) == ("", "", True)


# Loading ----------------------------------------------------------------------------------------------


def test_loading_twice_changes_nothing(network: Network) -> None:
    first = sync_practices(network)
    assert first.created == first.total >= 30
    before = _snapshot()
    assert sync_practices(network) == PracticeLoad(created=0, updated=0, unchanged=first.total)
    assert _snapshot() == before


def test_a_changed_record_is_restored_not_duplicated(network: Network) -> None:
    total = load_practices(network)
    practice = Practice.objects.get(city__slug="oslo", title__startswith="OXLO")
    practice.purpose = "edited"
    practice.status = Practice.Status.DRAFT
    practice.save()
    assert sync_practices(network) == PracticeLoad(created=0, updated=1, unchanged=total - 1)
    practice.refresh_from_db()
    assert practice.purpose.startswith("A long-term") and practice.is_published
    assert Practice.objects.count() == total


def test_an_existing_city_keeps_its_name_and_joins_the_network(network: Network) -> None:
    City.objects.create(slug="copenhagen", name="Copenhagen (lead's row)", country="DK")
    load_practices(network)
    city = City.objects.get(slug="copenhagen")
    assert city.name == "Copenhagen (lead's row)"
    assert city.practices.exists()
    assert Membership.objects.filter(network=network, city=city).exists()


def test_it_joins_the_demo_network_of_the_core_loader(db: Any, settings: Any) -> None:
    from mangfold.web.core.demo import DEMO_CITIES, DEMO_NETWORK, load_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo("demo-password-for-tests-42")
    network = Network.objects.get(slug=DEMO_NETWORK)
    load_practices(network)
    names = {slug: name for slug, name, *_ in DEMO_CITIES}
    for city in City.objects.filter(slug__in=names):
        assert city.name == names[city.slug]
    assert Practice.objects.filter(city__slug="eksempelby").exists()
    assert Practice.objects.filter(city__slug="copenhagen", language="da").exists()
    assert not Practice.objects.exclude(city__networks=network).exists()


@pytest.fixture(scope="class")
def demo_network(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """One load shared by a test class, removed again after it."""
    with django_db_blocker.unblock():
        network = Network.objects.create(slug="icc-demo-shared", name="Shared demo network")
        load_practices(network)
    yield network
    with django_db_blocker.unblock():
        City.objects.filter(networks=network).delete()  # cascades to practices and memberships
        network.delete()


class TestTheLoadedDemo:
    """Read-only checks on one load shared by the class (indexing every record takes about a second)."""

    @pytest.fixture
    def loaded(self, demo_network: Network, db: Any) -> list[Practice]:
        return list(
            Practice.objects.filter(city__networks=demo_network).select_related("city").order_by("pk")
        )

    def test_new_cities_are_created_and_join_the_network(
        self, loaded: list[Practice], demo_network: Network
    ) -> None:
        vienna = City.objects.get(slug="vienna")
        assert (vienna.name, vienna.country, vienna.is_example) == ("Wien", "AT", False)
        used = {p.city_id for p in loaded}
        assert set(Membership.objects.filter(network=demo_network).values_list("city_id", flat=True)) >= used

    def test_at_least_30_published_records(self, loaded: list[Practice]) -> None:
        assert len(loaded) >= 30
        assert all(p.is_published for p in loaded)

    def test_every_indicator_has_a_practice_and_an_example(
        self, loaded: list[Practice], questionnaire: Any
    ) -> None:
        codes = {i.code for i in questionnaire.indicators}
        assert len(codes) == 17
        assert codes <= {code for p in loaded for code in p.indicators}
        assert codes <= {code for p in loaded if p.is_example for code in p.indicators}

    def test_real_records_have_a_source_and_links(self, loaded: list[Practice]) -> None:
        real = [p for p in loaded if not p.is_example]
        assert real
        for practice in real:
            assert practice.source.strip(), practice.title
            assert practice.link_list, practice.title
            assert all(link.startswith(("https://", "http://")) for link in practice.link_list), (
                practice.title
            )
            assert not practice.city.is_example and "(example)" not in practice.city.name
            assert "example" not in practice.title.casefold()

    def test_examples_are_marked_everywhere(self, loaded: list[Practice]) -> None:
        examples = [p for p in loaded if p.is_example]
        assert len(examples) >= 19
        for practice in examples:
            marker = "Eksempel:" if practice.language == "da" else "Example:"
            assert practice.title.startswith(marker), practice.title
            assert practice.purpose.startswith(("Opdigtet eksempel.", "Invented example.")), practice.title
            assert practice.city.is_example and "(example)" in practice.city.name
            assert "eksempel" in practice.source.casefold() or "example" in practice.source.casefold()
            assert not practice.link_list

    def test_every_real_record_reads_in_both_languages_and_examples_are_in_both(
        self, loaded: list[Practice]
    ) -> None:
        real = [p for p in loaded if not p.is_example]
        assert len(real) >= 40
        for practice in real:
            assert practice.summary_in("da")[1] == "da" and practice.summary_in("en")[1] == "en"
        languages = Counter(p.language for p in loaded if p.is_example)
        assert languages["da"] >= 5 and set(languages) == {"da", "en"}

    @pytest.mark.parametrize(
        ("query", "stem"),
        [("integrationen", "integration"), ("børnene", "børn"), ("kvinder", "kvind")],
    )
    def test_danish_inflections_find_the_base_word(
        self, loaded: list[Practice], query: str, stem: str
    ) -> None:
        found = list(search(Practice.objects.all(), query))
        assert found, connection.vendor
        assert any(p.language == "da" for p in found)
        for practice in found:
            assert any(word.startswith(stem) for word in _text(practice).split()), (practice.title, stem)

    def test_a_nonsense_word_finds_nothing(self, loaded: list[Practice]) -> None:
        assert not search(Practice.objects.all(), "qwzxyvbnrt").exists()
