"""The network and city pages in each language: names of fictional cities marked in the page's language,
countries by name, each population with its year and source, the member count from the data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from mangfold.web.network.countries import country_name
from mangfold.web.network.figures import members, members_text
from mangfold.web.network.models import City, Membership, Network

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    """The page's text: tags out, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def network(db: Any) -> Network:
    network = Network.objects.create(
        slug="net", name="Net", description="Et netværk til prøve.", description_en="A network to try."
    )
    cities = [
        City(
            slug="aby",
            name="Aby",
            country="DK",
            population=50_000,
            population_year=2019,
            population_source="Statistics Denmark, FOLK1A",
            population_source_da="Danmarks Statistik, FOLK1A",
        ),
        City(
            slug="bstadt",
            name="Bstadt",
            country="DE",
            population=1_200_000,
            population_year=2016,
            population_source="Stadt Bstadt, register",
            population_source_da="Stadt Bstadt, folkeregistret",
        ),
        City(slug="cby", name="Cby", country="UA"),
        City(
            slug="made-up",
            name="Madeup (example)",
            country="SE",
            is_example=True,
            population=70_000,
            population_year=2026,
            population_source="Invented for the demo (fictional city)",
            population_source_da="opfundet til demoen (opdigtet by)",
        ),
        City(slug="other", name="Otherby (example)", country="XX", is_example=True),
    ]
    for city in cities:
        city.save()
        Membership.objects.create(network=network, city=city)
    return network


def test_the_danish_member_table_has_no_english_and_every_population_its_year_and_source(
    network: Network,
) -> None:
    page = text(Client().get("/da/network/net/").content.decode())
    assert "Et netværk til prøve." in page and "A network to try" not in page
    assert "(example)" not in page and "eksempel)" in page
    assert "Madeup (opdigtet eksempel)" in page and "Otherby (opdigtet eksempel)" in page
    assert (
        "5 medlemsbyer: 3 virkelige byer og 2 opdigtede eksempelbyer (Madeup og Otherby), hvis tal og svar "
        "er opdigtede." in page
    )
    assert "Aby Danmark 50.000 2019 Danmarks Statistik, FOLK1A" in page
    assert "Bstadt Tyskland 1.200.000 2016 Stadt Bstadt, folkeregistret" in page
    assert "Cby Ukraine – – –" in page
    assert "70.000 (opdigtet) 2026 opfundet til demoen (opdigtet by)" in page
    assert "XX" in page  # a country without a name keeps its code
    # the years of the real figures, not the invented 2026
    assert "Indbyggertallene er fra forskellige år (2016–2019)" in page


def test_the_english_member_table(network: Network) -> None:
    page = text(Client().get("/en/network/net/").content.decode())
    assert "A network to try." in page
    assert "5 member cities: 3 real cities and 2 fictional example cities (Madeup and Otherby)" in page
    assert "Bstadt Germany 1,200,000 2016 Stadt Bstadt, register" in page
    assert (
        "Madeup (invented example) Sweden 70,000 (invented) 2026 Invented for the demo (fictional city)"
        in page
    )
    assert "The populations are of different years (2016–2019)" in page


def test_one_population_year_needs_no_note(network: Network) -> None:
    City.objects.filter(slug="bstadt").update(population_year=2019)
    page = text(Client().get("/da/network/net/").content.decode())
    assert "forskellige år" not in page


def test_the_city_page_names_the_country_and_gives_the_source_in_the_pages_language(network: Network) -> None:
    page = text(Client().get("/da/network/cities/aby/").content.decode())
    assert "Land Danmark" in page
    assert "Befolkning 50.000 (2019, Danmarks Statistik, FOLK1A)" in page
    english = text(Client().get("/en/network/cities/aby/").content.decode())
    assert "Country Denmark" in english
    assert "Population 50,000 (2019, Statistics Denmark, FOLK1A)" in english


def test_a_fictional_citys_page_marks_its_name_and_figures_in_the_pages_language(network: Network) -> None:
    page = text(Client().get("/da/network/cities/made-up/").content.decode())
    assert "(example)" not in page
    assert "Madeup (opdigtet eksempel)" in page
    assert "Dens svar og tal er opdigtede." in page
    assert "Befolkning 70.000 (2026, opfundet til demoen (opdigtet by))" in page
    english = text(Client().get("/en/network/cities/made-up/").content.decode())
    assert "Madeup (invented example)" in english and "Invented for the demo" in english


def test_a_city_is_shown_by_its_marked_name() -> None:
    made_up = City(slug="x", name="Eksempelby (example)", country="DK", is_example=True)
    real = City(slug="y", name="Frankfurt (Oder)", country="DE")
    with translation.override("da"):
        assert (str(made_up), made_up.plain_name) == ("Eksempelby (opdigtet eksempel)", "Eksempelby")
        assert (str(real), real.plain_name) == ("Frankfurt (Oder)", "Frankfurt (Oder)")
    with translation.override("en"):
        assert made_up.display_name == "Eksempelby (invented example)"
        assert City(slug="z", name="Prøvestad", country="DK", is_example=True).display_name == (
            "Prøvestad (invented example)"
        )


def test_country_names() -> None:
    assert (country_name("DE", "da"), country_name("DE", "en")) == ("Tyskland", "Germany")
    assert (country_name("gb", "da"), country_name("UA", "da")) == ("Storbritannien", "Ukraine")
    assert country_name("ZZ", "da") == "ZZ"


def test_the_member_sentence_without_invented_cities_and_with_only_invented_ones() -> None:
    real = City(slug="a", name="A", country="DK")
    made_up = City(slug="b", name="B (example)", country="DK", is_example=True)
    with translation.override("da"):
        assert members_text(members([real]), "da") == "1 medlemsby."
        assert members_text(members([made_up]), "da") == (
            "1 medlemsby: 1 opdigtet eksempelby (B), hvis tal og svar er opdigtede."
        )
    with translation.override("en"):
        assert members_text(members([real, made_up]), "en") == (
            "2 member cities: 1 real city and 1 fictional example city (B), whose figures and answers are "
            "invented."
        )


def test_the_description_follows_the_pages_language() -> None:
    network = Network(slug="n", name="N", description="Dansk tekst.", description_en="English text.")
    with translation.override("da"):
        assert network.about == "Dansk tekst."
    with translation.override("en"):
        assert network.about == "English text."
        assert Network(slug="m", name="M", description="Kun dansk.").about == "Kun dansk."
