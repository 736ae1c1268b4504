"""Facts of the real demo cities: a year and a source (in English and Danish) for each number, plausible
values, idempotent loads; the invented figures of the example cities say so in each language."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from django.forms.models import model_to_dict

from mangfold.data import attribution
from mangfold.data import data_path as shipped
from mangfold.index.benchmark import DIVERSITY_THRESHOLD, SIZE_THRESHOLD
from mangfold.reports.sources import is_english
from mangfold.web.core.demo import DEMO_CITIES
from mangfold.web.network.demo_facts import (
    FACTS,
    INVENTED_SOURCE,
    INVENTED_SOURCE_DA,
    FactsLoad,
    city_field_values,
    data_path,
    load_city_facts,
    mark_invented_facts,
    read_city_facts,
    sync_city_facts,
)
from mangfold.web.network.models import City

REAL = {slug: (name, country) for slug, name, country, is_example in DEMO_CITIES if not is_example}


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(data_path().read_text(encoding="utf-8"))
    return data


def _figures(raw: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (slug, fact, record[fact])
        for slug, record in raw["cities"].items()
        for fact in FACTS
        if record.get(fact) is not None
    ]


def _make_cities(slugs: Any) -> None:
    for slug in slugs:
        name, country = REAL[slug]
        City.objects.create(slug=slug, name=name, country=country)


def _snapshot() -> list[dict[str, Any]]:
    return [model_to_dict(c, exclude=["networks"]) for c in City.objects.order_by("slug")]


# The file --------------------------------------------------------------------------------------------


def test_every_real_demo_city_has_a_record_and_every_record_is_a_real_demo_city(raw: dict[str, Any]) -> None:
    assert set(raw["cities"]) == set(REAL)
    for slug, record in raw["cities"].items():
        assert (record["name"], record["country"]) == REAL[slug]


def test_every_number_has_a_year_a_source_and_an_address(raw: dict[str, Any]) -> None:
    figures = _figures(raw)
    assert {slug for slug, fact, _ in figures if fact == "population"} == set(REAL)
    for slug, fact, entry in figures:
        assert isinstance(entry["year"], int) and 2000 <= entry["year"] <= 2026, (slug, fact)
        assert entry["source"].strip() and len(entry["source"]) <= 300, (slug, fact)
        assert entry["source_da"].strip() and len(entry["source_da"]) <= 300, (slug, fact)
        assert entry["source_da"] != entry["source"], (slug, fact)
        assert entry["url"].startswith(("https://", "http://")), (slug, fact)
        assert entry["note"].strip(), (slug, fact)


def test_the_values_are_plausible(raw: dict[str, Any]) -> None:
    for slug, fact, entry in _figures(raw):
        if fact == "population":
            assert isinstance(entry["value"], int) and 10_000 < entry["value"] < 5_000_000, slug
        else:
            assert 0.0 < entry["value"] < 100.0, (slug, fact)
    for slug, record in raw["cities"].items():
        born, background = record.get("foreign_born_share"), record.get("immigrant_background_share")
        if born and background:  # the foreign-born of these definitions are part of the immigrant background
            assert born["value"] < background["value"], slug


def test_the_peer_groups_a_source_states_agree_with_the_figures(raw: dict[str, Any]) -> None:
    checked = 0
    for group in raw["peer_groups"]:
        record = raw["cities"][group["city"]]
        assert group["source"] and group["url"].startswith("http") and group["year"]
        if group["size"] is not None:
            large = record["population"]["value"] >= SIZE_THRESHOLD
            assert large == (group["size"] == "large"), group["city"]
            checked += 1
        if group["diversity"] is not None and record.get("foreign_born_share") is not None:
            diverse = record["foreign_born_share"]["value"] > DIVERSITY_THRESHOLD
            assert diverse == (group["diversity"] == "diverse"), group["city"]
    assert checked == 2


def test_copenhagens_foreign_born_share_is_the_immigrants_of_the_shipped_kmsta001(
    raw: dict[str, Any],
) -> None:
    path = shipped("kmsta001", "KMSTA001_capital_region_parishes_2008_2020_long.csv.gz")
    entry = raw["cities"]["copenhagen"]["foreign_born_share"]
    total = immigrants = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["TID"] == str(entry["year"]) and "(København Municipality)" in row["SOGN"]:
                total += int(row["INDHOLD"])
                immigrants += int(row["INDHOLD"]) if row["HERKOMST"].startswith("Immigrants") else 0
    assert total > 400_000
    assert round(100 * immigrants / total, 1) == entry["value"]


def test_the_data_set_has_its_attribution_in_english_and_danish() -> None:
    assert "Statistics Denmark" in attribution("demo_cities")
    assert "Danmarks Statistik" in attribution("demo_cities", "da")


def test_a_figure_without_a_year_or_with_an_impossible_share_is_refused(tmp_path: Path) -> None:
    data = json.loads(data_path().read_text(encoding="utf-8"))
    del data["cities"]["oslo"]["population"]["year"]
    broken = tmp_path / "no-year.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"oslo\.population: year"):
        read_city_facts(broken)
    data = json.loads(data_path().read_text(encoding="utf-8"))
    data["cities"]["dortmund"]["foreign_born_share"]["value"] = 121.7
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"dortmund\.foreign_born_share: a share"):
        read_city_facts(broken)


# Loading ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_twice_sets_the_facts_once_and_then_changes_nothing(raw: dict[str, Any]) -> None:
    _make_cities(REAL)
    assert load_city_facts() == len(REAL)
    first = _snapshot()
    assert sync_city_facts() == FactsLoad(updated=0, unchanged=len(REAL), missing=())
    assert load_city_facts() == len(REAL)
    assert _snapshot() == first
    oslo = City.objects.get(slug="oslo")
    entry = raw["cities"]["oslo"]
    assert oslo.population == entry["population"]["value"]
    assert oslo.population_year == entry["population"]["year"]
    assert oslo.foreign_born_share == entry["foreign_born_share"]["value"]
    assert oslo.immigrant_background_source == entry["immigrant_background_share"]["source"]


@pytest.mark.django_db
def test_every_loaded_number_has_its_year_and_source(raw: dict[str, Any]) -> None:
    _make_cities(REAL)
    load_city_facts()
    for city in City.objects.all():
        assert city.population and city.population > 10_000, city.slug
        for value_field, year_field, source_field, danish_field in FACTS.values():
            value = getattr(city, value_field)
            if value is not None:
                assert getattr(city, year_field) and getattr(city, source_field), (city.slug, value_field)
                assert getattr(city, danish_field), (city.slug, value_field)
    assert City.objects.exclude(foreign_born_share=None).count() == sum(
        record.get("foreign_born_share") is not None for record in raw["cities"].values()
    )


@pytest.mark.django_db
def test_a_missing_city_is_skipped_and_a_null_figure_leaves_the_field_alone(raw: dict[str, Any]) -> None:
    _make_cities(["odesa", "barcelona"])
    City.objects.filter(slug="odesa").update(
        foreign_born_share=18.0, foreign_born_year=2020, foreign_born_source="entered by hand"
    )
    load = sync_city_facts()
    assert load.updated == 2 and load.unchanged == 0
    assert set(load.missing) == set(REAL) - {"odesa", "barcelona"}
    odesa = City.objects.get(slug="odesa")
    assert raw["cities"]["odesa"]["foreign_born_share"] is None
    assert (odesa.foreign_born_share, odesa.foreign_born_source) == (18.0, "entered by hand")
    assert odesa.population == raw["cities"]["odesa"]["population"]["value"]


@pytest.mark.django_db
def test_a_changed_figure_is_written_back(raw: dict[str, Any]) -> None:
    _make_cities(["dortmund"])
    load_city_facts()
    City.objects.filter(slug="dortmund").update(population=1, population_source="stale")
    assert sync_city_facts().updated == 1
    dortmund = City.objects.get(slug="dortmund")
    assert dortmund.population == raw["cities"]["dortmund"]["population"]["value"]
    assert dortmund.population_source == raw["cities"]["dortmund"]["population"]["source"]
    assert city_field_values(raw["cities"]["dortmund"])["population_year"] == dortmund.population_year


def test_the_danish_source_titles_hold_no_english_words(raw: dict[str, Any]) -> None:
    """The Danish titles are Danish (proper names in English, such as "The New Barcelona Post", aside)."""
    names = (
        "The New Barcelona Post",
        "Norway Today",
        "City Population",
        "UA News Odesa",
        "Intercultural Cities",
    )
    for slug, fact, entry in _figures(raw):
        text = entry["source_da"]
        for name in names:
            text = text.replace(name, "")
        assert not is_english(text), (slug, fact, entry["source_da"])
        assert is_english(entry["source"]) or "Statistics" in entry["source"], (slug, fact)


@pytest.mark.django_db
def test_a_danish_page_shows_the_danish_source_and_an_english_page_the_english_one(
    raw: dict[str, Any],
) -> None:
    _make_cities(["copenhagen"])
    load_city_facts()
    city = City.objects.get(slug="copenhagen")
    entry = raw["cities"]["copenhagen"]["foreign_born_share"]
    assert city.source("foreign_born", "da") == entry["source_da"]
    assert city.source("foreign_born", "en") == entry["source"]
    City.objects.filter(pk=city.pk).update(foreign_born_source_da="")
    city.refresh_from_db()
    assert city.source("foreign_born", "da") == entry["source"]  # no Danish title: the one entered
    with pytest.raises(ValueError, match="unknown fact"):
        city.source("population_source")


@pytest.mark.django_db
def test_the_figures_of_a_fictional_city_are_marked_invented_in_each_language() -> None:
    made_up = City.objects.create(
        slug="eksempelby",
        name="Eksempelby (example)",
        country="DK",
        is_example=True,
        population=145_000,
        population_year=2026,
        population_source="Invented for the demo (fictional city) / opfundet til demoen (opdigtet by)",
    )
    real = City.objects.create(
        slug="oslo",
        name="Oslo",
        country="NO",
        population=666_757,
        population_year=2017,
        population_source="SSB",
    )
    assert mark_invented_facts() == 1
    made_up.refresh_from_db()
    assert (made_up.population_source, made_up.population_source_da) == (INVENTED_SOURCE, INVENTED_SOURCE_DA)
    assert made_up.foreign_born_source == made_up.foreign_born_source_da == ""  # no figure, no source
    assert mark_invented_facts() == 0  # idempotent
    real.refresh_from_db()
    assert (real.population_source, real.population_source_da) == ("SSB", "")
