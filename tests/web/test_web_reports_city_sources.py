"""A city's entered facts are cited in the report's language as the city stores them (City.source): the
Danish source in a Danish report when the city has one, else the source as entered, an English one quoted
and marked "(på engelsk)" (:func:`mangfold.reports.sources.entered_note`), never part-translated."""

from __future__ import annotations

from mangfold.reports.context import Coverage
from mangfold.reports.sources import source_note
from mangfold.web.network.models import City
from mangfold.web.reports.population import sources_in_language
from mangfold.web.statistics.services import CityFigures, Figure

ENGLISH = "Municipal yearbook 2020, table 3.1 (population on 1 January 2020)"
DANISH = "Kommunens statistiske årbog 2020, tabel 3.1 (befolkningen 1. januar 2020)"


def city(danish: str = DANISH) -> City:
    return City(
        name="Ærøskøbing",
        country="DK",
        population=6_000,
        population_year=2020,
        population_source=ENGLISH,
        population_source_da=danish,
    )


def figures(statistics_source: str = "Danmarks Statistik, tabel KMSTA001") -> CityFigures:
    return CityFigures(
        population=Figure(6_000.0, 2020, ENGLISH),
        immigrant_background_share=Figure(9.5, 2020, statistics_source, True, Coverage(4, 4)),
        foreign_born_share=Figure(None, None, ""),
    )


def test_a_danish_report_cites_the_danish_source_the_city_stores() -> None:
    cited = sources_in_language(figures(), city(), "da")
    assert cited.population.source == DANISH
    assert source_note(cited.population.source, "da") == DANISH  # no substitution on a Danish note


def test_an_english_report_cites_the_english_source() -> None:
    assert sources_in_language(figures(), city(), "en").population.source == ENGLISH


def test_without_a_danish_source_an_english_one_is_cited_as_it_is_and_marked() -> None:
    note = sources_in_language(figures(), city(danish=""), "da").population.source
    assert note == f"»{ENGLISH}« (på engelsk)"
    assert source_note(note, "da") == note  # not part-translated ("befolkningen on 1. januar 2020")
    danish_only = City(population=1, population_source="Kommunens årbog 2020", population_source_da="")
    entered = Figure(1.0, 2020, "Kommunens årbog 2020")
    only = CityFigures(entered, entered, Figure(None, None, ""))
    assert sources_in_language(only, danish_only, "da").population.source == "Kommunens årbog 2020"


def test_a_figure_from_statistics_keeps_its_own_source() -> None:
    cited = sources_in_language(figures(), city(), "da")
    assert cited.immigrant_background_share.source == "Danmarks Statistik, tabel KMSTA001"
    assert cited.foreign_born_share == figures().foreign_born_share  # no value, no source
