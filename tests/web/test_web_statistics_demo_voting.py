"""The demo's voting areas: areas of the 2024 election, population of 1 January 2020, said so everywhere.

The files carry no date; KMSTA001 (1 January each year) gives it: three municipalities' sums equal its
2020 figures exactly. A database loaded when the dataset was labelled 2024 is corrected in place.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import Sum
from django.test import Client
from django.utils import timezone, translation

from mangfold.data import attribution
from mangfold.reports.context import ContextFigure, area_kind, figure_label
from mangfold.web.network.models import City
from mangfold.web.reports.population import population_section
from mangfold.web.statistics import demo
from mangfold.web.statistics.demo import VOTING_PERIOD, load_statistics_demo
from mangfold.web.statistics.models import Area, CityArea, Count, Dataset

pytestmark = pytest.mark.django_db

OLD_NAMES = ("Afstemningsområder 2024: alle kommuner", "Voting areas 2024: all municipalities")
NAMES = (
    "Afstemningsområder 2024 (befolkningen pr. 1. januar 2020): alle kommuner",
    "Voting areas 2024 (population 1 January 2020): all municipalities",
)
EXACT = {"161": "Glostrup", "183": "Ishøj", "175": "Rødovre"}  # voting-area code: KMSTA001's name


@pytest.fixture
def copenhagen(db: Any) -> City:
    return City.objects.create(slug="copenhagen", name="København", country="DK")


def _sums(dataset: Dataset, municipality: str, period: str) -> tuple[int, int]:
    """(residents, immigrants and descendants) of a municipality's areas in one period."""
    counts = Count.objects.filter(
        dataset=dataset, area__municipality__code=municipality, area__level="small_area", period=period
    )
    total = counts.aggregate(n=Sum("n"))["n"] or 0.0
    danish = counts.filter(group="danish").aggregate(n=Sum("n"))["n"] or 0.0
    return round(total), round(total - danish)


def test_the_population_is_of_the_year_whose_kmsta001_figures_it_equals(copenhagen: City) -> None:
    kmsta, voting = load_statistics_demo(["kmsta001", "voting2024"])
    assert voting.periods == [VOTING_PERIOD] == ["2020"]
    assert set(Count.objects.filter(dataset=voting).values_list("period", flat=True)) == {"2020"}
    for code, name in EXACT.items():
        election = _sums(voting, code, VOTING_PERIOD)
        assert election == _sums(kmsta, name, VOTING_PERIOD), name
        assert election != _sums(kmsta, name, "2019"), name
    assert _sums(voting, "161", "2020") == (23_128, 4_890)
    assert (voting.name, voting.name_en) == NAMES
    (again,) = load_statistics_demo(["voting2024"])
    assert again.pk == voting.pk and Dataset.objects.filter(name__startswith="Afstemn").count() == 1
    assert again.periods == ["2020"] and again.uploaded_at == voting.uploaded_at  # nothing to change


def test_a_database_loaded_as_2024_is_corrected_in_place_without_reading_the_files(
    copenhagen: City, monkeypatch: pytest.MonkeyPatch
) -> None:
    (first,) = load_statistics_demo(["voting2024"])
    sizes = (Area.objects.count(), Count.objects.count(), CityArea.objects.count())
    before = timezone.now() - datetime.timedelta(days=30)
    Dataset.objects.filter(pk=first.pk).update(  # as an earlier version of the demo loaded it
        name=OLD_NAMES[0],
        name_en=OLD_NAMES[1],
        source="Statistics Denmark, election database 2024",
        attribution_en="Source: Statistics Denmark (valgdatabase.dst.dk); voting-area boundaries …",
        attribution_da="Kilde: Danmarks Statistik (valgdatabase.dst.dk); afstemningsområder …",
        periods=["2024"],
        uploaded_at=before,
    )
    Count.objects.filter(dataset=first).update(period="2024")

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("the files were read again")

    monkeypatch.setattr(demo, "read_voting_areas_2024", unread)
    (again,) = load_statistics_demo(["voting2024"])
    assert again.pk == first.pk and Dataset.objects.count() == 1
    assert (Area.objects.count(), Count.objects.count(), CityArea.objects.count()) == sizes
    again.refresh_from_db()
    assert (again.name, again.name_en, again.periods) == (*NAMES, ["2020"])
    assert set(Count.objects.filter(dataset=again).values_list("period", flat=True)) == {"2020"}
    assert again.attribution_da == attribution("dk_election2024", "da")
    assert again.uploaded_at > before  # the reports' cache key holds it: their files are made anew
    danish = Client().get(f"/da/statistics/cities/copenhagen/?dataset={again.pk}").content.decode()
    assert "Indbyggere i datasættets områder, 2020" in danish
    assert "Indbyggere i datasættets områder, 2024" not in danish
    (third,) = load_statistics_demo(["voting2024"])
    assert third.uploaded_at == again.uploaded_at  # corrected once


def test_changed_files_under_a_former_name_replace_it(copenhagen: City) -> None:
    (first,) = load_statistics_demo(["voting2024"])
    Dataset.objects.filter(pk=first.pk).update(name=OLD_NAMES[0], sha256="an older version")
    (new,) = load_statistics_demo(["voting2024"])
    assert new.pk != first.pk
    assert list(Dataset.objects.values_list("name", flat=True)) == [NAMES[0]]
    assert CityArea.objects.get(city=copenhagen).area.dataset == new


def test_the_attribution_says_2020_and_names_voting_areas_for_the_reports() -> None:
    for lang, words in (("en", "population on 1 January 2020"), ("da", "befolkning pr. 1. januar 2020")):
        line = attribution("dk_election2024", lang)
        assert words in line and area_kind(line) == "voting_area", line
    figure = ContextFigure(0.16, 2020, attribution("dk_election2024", "da"), False, round_year=2024)
    assert (
        figure_label(figure, "da")
        == "2020, nærmeste tidligere år end rundens (2024), summen over afstemningsområder"
    )


def test_a_round_of_2024_shows_the_2020_population_as_the_nearest_earlier_year(db: Any) -> None:
    glostrup = City.objects.create(slug="glostrup", name="Glostrup", country="DK")
    (voting,) = load_statistics_demo(["voting2024"])
    CityArea.objects.create(
        city=glostrup, area=Area.objects.get(dataset=voting, code="161", level="municipality")
    )
    with translation.override("da"):
        section = population_section(glostrup, "da", year=2024)
        earlier = population_section(glostrup, "da", year=2019)
    assert section is not None and earlier is not None
    assert section.period == section.map_period == "2020"
    assert section.map_caption.endswith(", 2020, nærmeste tidligere år end rundens (2024)")
    assert section.indices_period == "2020, nærmeste tidligere år end rundens (2024)"
    assert section.sources[0].startswith(f"»{NAMES[0]}«: Kilde: Danmarks Statistik")
    assert (earlier.period, earlier.map_period, "map" in earlier.charts) == (
        "",
        "",
        False,
    )  # never a later year


def test_the_data_sources_page_gives_the_attribution_lines_as_the_data_do(db: Any) -> None:
    for lang in ("en", "da"):
        html = Client().get(f"/{lang}/data-sources/").content.decode().replace("&#x27;", "'")
        for dataset in ("kmsta001", "dk_election2024", "cph_bydele"):
            assert attribution(dataset, lang) in html, (lang, dataset)
