"""The demo statistics: loaded from the project's own data, idempotent, linked to København."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from mangfold.web.network.models import City
from mangfold.web.statistics.demo import load_statistics_demo
from mangfold.web.statistics.models import Area, CityArea, Count, Dataset
from mangfold.web.statistics.services import city_areas, city_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def copenhagen(db: Any) -> City:
    return City.objects.create(slug="copenhagen", name="København", country="DK")


def test_the_danish_demo_loads_once_and_links_koebenhavn(copenhagen: City) -> None:
    first = load_statistics_demo(["kmsta001", "voting2024"])
    sizes = (Dataset.objects.count(), Area.objects.count(), Count.objects.count(), CityArea.objects.count())
    again = load_statistics_demo(["kmsta001", "voting2024"])
    assert [d.pk for d in again] == [d.pk for d in first]
    assert (
        Dataset.objects.count(),
        Area.objects.count(),
        Count.objects.count(),
        CityArea.objects.count(),
    ) == sizes
    kmsta, voting = first
    assert kmsta.rows == Count.objects.filter(dataset=kmsta).count() == 8255
    codes = set(voting.areas.filter(level="municipality").values_list("code", flat=True))
    assert len(codes - {"411"}) == 98  # and Christiansø (411), which belongs to no municipality
    assert voting.areas.filter(level="small_area").exclude(geometry="").count() > 1200
    assert [a.dataset for a in city_areas(copenhagen)] == [kmsta, voting]  # most years first
    assert [a.code for a in city_areas(copenhagen)] == ["København", "101"]
    assert city_figures(copenhagen).population.year == 2020  # the voting areas are not for city figures
    html = Client().get(f"/en/statistics/cities/copenhagen/?dataset={voting.pk}").content.decode()
    assert "Voting areas 2024 (population 1 January 2020): all municipalities" in html
    assert "Afstemningsområder" not in html
    danish = Client().get(f"/da/statistics/cities/copenhagen/?dataset={voting.pk}").content.decode()
    assert "Afstemningsområder 2024 (befolkningen pr. 1. januar 2020): alle kommuner" in danish
    assert "Voting areas" not in danish
    assert (
        "voting areas of the 2024 European Parliament election with their population on 1 January 2020"
        in (html)
    )


def test_a_changed_file_is_loaded_again_and_the_city_stays_linked(copenhagen: City) -> None:
    (old,) = load_statistics_demo(["kmsta001"])
    Dataset.objects.filter(pk=old.pk).update(sha256="an older version")
    (new,) = load_statistics_demo(["kmsta001"])
    assert new.pk != old.pk
    assert list(Dataset.objects.values_list("pk", flat=True)) == [new.pk]
    assert CityArea.objects.get(city=copenhagen).area.dataset == new


def test_an_unknown_part_is_refused(db: Any) -> None:
    with pytest.raises(ValueError, match="unknown demo parts"):
        load_statistics_demo(["mars"])


@pytest.mark.slow
def test_england_and_wales_by_lsoa_within_local_authorities(db: Any) -> None:
    (dataset,) = load_statistics_demo(["ew2011"])
    assert dataset.rows == 34_753 * 14
    assert dataset.areas.filter(level="municipality").count() == 348
    tower = Area.objects.get(dataset=dataset, code="Tower Hamlets", level="municipality")
    html = Client().get(f"/en/statistics/areas/{tower.pk}/?group=bangladeshi&reference=white_british").content
    text = html.decode()
    assert "Segregation: Asian/Asian British: Bangladeshi against White: English/Welsh/Scottish" in text
    assert "There are no boundaries for these areas" in text
    assert "Source: Office for National Statistics, 2011 Census (Open Government Licence v3)." in text


def test_a_dataset_is_named_in_the_page_language_and_in_danish_without_an_english_name(db: Any) -> None:
    named = Dataset(name="Afstemningsområder 2024", name_en="Voting areas 2024")
    upload = Dataset(name="Vores egne tal")
    with translation.override("en"):
        assert (named.title, upload.title) == ("Voting areas 2024", "Vores egne tal")
    with translation.override("da"):
        assert (named.title, upload.title) == ("Afstemningsområder 2024", "Vores egne tal")


def test_a_demo_dataset_loaded_under_its_english_name_is_renamed_not_loaded_twice(copenhagen: City) -> None:
    (first,) = load_statistics_demo(["kmsta001"])
    Dataset.objects.filter(pk=first.pk).update(name=first.name_en, name_en="")  # as loaded before
    (again,) = load_statistics_demo(["kmsta001"])
    assert again.pk == first.pk and Dataset.objects.count() == 1
    assert (again.name, again.name_en) == (
        "KMSTA001: Region Hovedstadens sogne 2008–2020",
        "KMSTA001: Capital Region parishes 2008–2020",
    )
