"""The barometer pages: public once published, statuses in words, uploads that name their errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from mangfold.barometer.model import Barometer, Direction, Goal, Indicator
from mangfold.barometer.workbook import write_workbook
from mangfold.web.barometer.models import BarometerValue, CityBarometer
from mangfold.web.barometer.sections import barometer_section

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_anyone_sees_a_published_barometer_with_base_year_status_in_words_and_its_reason(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    page = client_for("anonymous").get("/da/barometer/cities/city-b/").content.decode()
    assert "Basisår" in page
    assert "grøn" in page  # 52 % (2014) → 56 % (2018), higher is better
    assert "56 % i 2018 mod 52 % i basisåret 2014, afrundet til hele tal: op" in page
    assert "sammenhæng, ikke effekt" in page
    english = client_for("anonymous").get("/en/barometer/cities/city-b/").content.decode()
    assert "Base year" in english and "green" in english


def test_a_draft_barometer_is_hidden_from_the_public_and_shown_to_the_citys_viewer(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    assert client_for("anonymous").get("/da/barometer/cities/city-a/").status_code == 404
    page = client_for("viewer").get("/da/barometer/cities/city-a/").content.decode()
    assert "Kladde: ikke offentliggjort" in page


def test_the_city_page_links_to_the_barometer_only_when_the_visitor_may_see_it(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    anonymous = client_for("anonymous")
    assert "/da/barometer/cities/city-b/" in anonymous.get("/da/network/cities/city-b/").content.decode()
    assert "/da/barometer/cities/city-a/" not in anonymous.get("/da/network/cities/city-a/").content.decode()
    assert (
        "/da/barometer/cities/city-a/"
        in client_for("viewer").get("/da/network/cities/city-a/").content.decode()
    )


def workbook_with_base_year(base_year: object) -> bytes:
    barometer = Barometer(
        "Nyt barometer",
        "New barometer",
        (Goal("work", "Beskæftigelse", "Work", ("employment",)),),
        (Indicator("employment", "Beskæftigelse", "Employment", "%", Direction.HIGHER, 2014),),
        version="2",
    )
    data = write_workbook(barometer)
    if base_year == 2014:
        return data
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    book["indicators"]["G2"] = base_year
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_coordinator_uploads_a_definition_and_a_bad_one_is_refused_by_sheet_row_and_column(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    client = client_for("coordinator")
    client.get("/da/barometer/cities/city-a/manage/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    bad = SimpleUploadedFile("b.xlsx", workbook_with_base_year("sidste år"), content_type=XLSX)
    response = client.post(
        "/da/barometer/cities/city-a/manage/definition/", {"workbook": bad}, HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 400
    assert "ark &#x27;indicators&#x27;, række 2, kolonne &#x27;base_year&#x27;" in response.content.decode()
    assert CityBarometer.objects.get(city=world.city_a).definition["title_da"] == "Barometer"
    good = SimpleUploadedFile("g.xlsx", workbook_with_base_year(2014), content_type=XLSX)
    response = client.post(
        "/da/barometer/cities/city-a/manage/definition/", {"workbook": good}, HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 302
    assert CityBarometer.objects.get(city=world.city_a).definition["title_da"] == "Nyt barometer"
    assert list(CityBarometer.objects.get(city=world.city_a).versions.values_list("version", flat=True)) == [
        "2"
    ]
    assert "Uploadede definitioner" in client.get("/da/barometer/cities/city-a/manage/").content.decode()


def test_a_values_file_is_saved_whole_or_not_at_all(world: Any, client_for: Callable[[str], Any]) -> None:
    client = client_for("coordinator")
    client.get("/da/barometer/cities/city-a/manage/")
    token = client.cookies["csrftoken"].value
    url = "/da/barometer/cities/city-a/manage/values/"
    stored = CityBarometer.objects.get(city=world.city_a)
    bad = SimpleUploadedFile("v.csv", b"indicator,year,value\nemployment,2019,57\nemployment,2020,x\n")
    response = client.post(url, {"values": bad, "source": "Aby"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 400
    assert "v.csv, række 3, kolonne" in response.content.decode()
    assert stored.values.count() == 2
    good = SimpleUploadedFile("v.csv", b"indicator,year,value\nemployment,2019,57\nemployment,2018,55\n")
    response = client.post(url, {"values": good, "source": "Aby statistik"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
    assert sorted(stored.values.values_list("year", "value", "source")) == [
        (2014, 52.0, "Test"),
        (2018, 55.0, "Aby statistik"),
        (2019, 57.0, "Aby statistik"),
    ]


def test_publishing_makes_the_draft_public(world: Any, client_for: Callable[[str], Any]) -> None:
    client = client_for("coordinator")
    client.get("/da/barometer/cities/city-a/manage/")
    response = client.post(
        "/da/barometer/cities/city-a/manage/publish/", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    )
    assert response.status_code == 302
    assert client_for("anonymous").get("/da/barometer/cities/city-a/").status_code == 200


def test_the_section_for_profile_and_briefing_is_plain_data_and_respects_publication(world: Any) -> None:
    assert barometer_section(world.city_a, "da") is None
    draft = barometer_section(world.city_a, "da", include_draft=True)
    assert draft is not None and draft["is_published"] is False
    section = barometer_section(world.city_b, "en", scores={"business": 40.0})
    assert section is not None
    goal = section["goals"][0]
    assert (goal["status"], goal["status_name"]) == ("green", "green")
    assert goal["indicators"][0]["base_year"] == 2014
    # a plain mapping names no round or instrument: its score is not shown
    assert goal["policy"] == [{"code": "business", "name": "Business and labour market", "score": None}]
    assert goal["policy_note"] == ""
    assert section["summary"] == "1 goals: green 1, yellow 0, red 0, white 0"
    assert (section["based_on"], section["deviations"]) == ("", [])


def policy_of(world: Any, scores: Any) -> tuple[float | None, str]:
    section = barometer_section(world.city_b, "en", scores=scores)
    assert section is not None
    goal = section["goals"][0]
    return goal["policy"][0]["score"], goal["policy_note"]


def test_a_policy_score_is_shown_only_from_a_result_on_the_questionnaire_with_its_round_and_instrument(
    world: Any,
) -> None:
    from mangfold.index.instrument import Instrument
    from mangfold.web.barometer.policy import NO_RESULT, PolicyScores

    questionnaire = Instrument.questionnaire("mangfold", "2026.1", "mangfold questionnaire")
    assert policy_of(world, PolicyScores({"business": 40.0}, "Round 2025", questionnaire)) == (
        40.0,
        "Scores from the city's published result in Round 2025, measured with mangfold questionnaire, "
        "version 2026.1.",
    )
    icc = Instrument.published("icc-index", "2011")
    assert policy_of(world, PolicyScores({"business": 40.0}, "ICC Index 2012", icc)) == (
        None,
        "The city's latest published result is from ICC Index 2012, measured with ICC Index (Council of "
        "Europe), edition 2011; it has no scores for these indicators.",
    )
    assert policy_of(world, PolicyScores({}, "Round 2025", questionnaire))[0] is None
    assert policy_of(world, NO_RESULT) == (
        None,
        "The city has no published result with scores for these indicators.",
    )


def test_the_demo_loads_copenhagen_and_eksempelby_once(db: Any) -> None:
    from mangfold.web.barometer.demo import load_barometer_demo
    from mangfold.web.network.models import City

    City.objects.create(slug="copenhagen", name="København", country="DK")
    City.objects.create(slug="eksempelby", name="Eksempelby", country="DK", is_example=True)
    assert load_barometer_demo() == 2
    count = BarometerValue.objects.count()
    assert load_barometer_demo() == 2 and BarometerValue.objects.count() == count
    section = barometer_section(City.objects.get(slug="copenhagen"), "da")
    assert section is not None
    assert [g["status_name"] for g in section["goals"]] == ["grøn", "hvid", "hvid"]
    stored = CityBarometer.objects.get(city__slug="copenhagen")
    assert list(stored.versions.values_list("version", flat=True)) == [stored.version]


def test_copenhagens_demo_page_names_what_it_is_labels_the_publication_year_and_claims_no_score(
    db: Any,
) -> None:
    from django.test import Client

    from mangfold.web.barometer.demo import load_barometer_demo
    from mangfold.web.network.models import City

    City.objects.create(slug="copenhagen", name="København", country="DK")
    City.objects.create(slug="eksempelby", name="Eksempelby", country="DK", is_example=True)
    load_barometer_demo()
    page = Client().get("/da/barometer/cities/copenhagen/").content.decode()
    assert "<h1>Udvalgte mål efter Københavns Integrationsbarometer og integrationsbarometer.dk</h1>" in page
    assert "Dette er ikke Københavns Integrationsbarometer 2015–18, men et udvalg: det havde 26 mål" in page
    assert "data har ingen værdi for 2014, så status er målt mod 2011" in page
    assert "Hele landet: 20 procentpoint (offentliggjort 2022)." in page
    assert "Taget fra det nationale integrationsbarometer (integrationsbarometer.dk)." in page
    assert "Kommunen har intet offentliggjort resultat med scorer for disse indikatorer." in page
    assert "Politikscorer fra" not in page and "/ 100" not in page
    assert "Resultatbarometer" in page and "dfaldsbarometer" not in page
    assert "Eksempelby" not in page  # an example city's invented figures are not set beside a real city's


def test_other_cities_values_of_the_same_indicator_are_compared_only_once_published(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    anonymous = client_for("anonymous")
    BarometerValue.objects.filter(barometer__city=world.city_a, year=2018).update(value=61.0)
    assert "Aby 61 %" not in anonymous.get("/da/barometer/cities/city-b/").content.decode()  # A is a draft
    CityBarometer.objects.filter(city=world.city_a).update(is_published=True)
    assert "Aby 61 % (2018; Test)" in anonymous.get("/da/barometer/cities/city-b/").content.decode()
    stored = CityBarometer.objects.get(city=world.city_a)
    stored.definition["indicators"][0]["definition_da"] = "Andel i job blandt alle 16–64-årige"
    stored.save()
    assert "Aby 61 %" not in anonymous.get("/da/barometer/cities/city-b/").content.decode()  # not comparable


def entry(name: str, score: float | None, value: float | None, definition: str = "Andel i job") -> Any:
    from mangfold.barometer.model import Value, ValueSet
    from mangfold.web.barometer.association import CityEntry

    barometer = Barometer(
        "B",
        "B",
        (Goal("work", "Job", "Work", ("employment",), policy_indicators=("business",)),),
        (
            Indicator(
                "employment", "Job", "Employment", "%", Direction.HIGHER, 2014, definition_da=definition
            ),
        ),
    )
    values = ValueSet.of([] if value is None else [Value("employment", 2018, value)])
    return CityEntry(name, barometer, values, {} if score is None else {"business": score})


def test_policy_and_outcome_are_paired_only_with_three_comparable_cities(db: Any) -> None:
    from mangfold.web.barometer.association import association_pairs

    entries = [entry("Aby", 40.0, 56.0), entry("Bby", 70.0, 52.0), entry("Cby", None, 50.0)]
    entries += [
        entry("Dby", 55.0, 60.0, definition="Andel i job blandt 16–64-årige"),
        entry("Eby", 30.0, None),
    ]
    shown, too_few = association_pairs(entries, "en")
    assert shown == [] and too_few == [
        {"indicator": "Employment", "policy": "Business and labour market", "instrument": "", "count": 2}
    ]
    shown, _ = association_pairs([*entries, entry("Fby", 90.0, 58.0)], "en")
    assert shown[0]["points"] == [("Aby", 40.0, 56.0), ("Bby", 70.0, 52.0), ("Fby", 90.0, 58.0)]


def test_cities_are_paired_only_on_comparable_instruments_which_the_pair_names(db: Any) -> None:
    import dataclasses

    from mangfold.index.instrument import Instrument
    from mangfold.web.barometer.association import association_pairs

    first = Instrument.questionnaire("mangfold", "2026.2", "mangfold questionnaire")
    other = Instrument.questionnaire("another", "1", "Another questionnaire")
    entries = [
        dataclasses.replace(entry(name, score, value), instrument=instrument)
        for name, score, value, instrument in (
            ("Aby", 40.0, 56.0, first),
            ("Bby", 70.0, 52.0, first),
            ("Cby", 60.0, 50.0, other),
        )
    ]
    shown, too_few = association_pairs(entries, "en")
    assert shown == [] and too_few[0]["count"] == 2
    assert too_few[0]["instrument"] == "mangfold questionnaire, version 2026.2"
    entries[2] = dataclasses.replace(entries[2], instrument=first)
    shown, _ = association_pairs(entries, "en")
    assert [point[0] for point in shown[0]["points"]] == ["Aby", "Bby", "Cby"]


def test_the_network_page_says_association_not_effect(world: Any, client_for: Callable[[str], Any]) -> None:
    page = client_for("anonymous").get("/en/barometer/networks/test-network/").content.decode()
    assert "association, not effect" in page
    assert "1 city of the network has published a barometer." in page


def test_the_section_include_renders_on_its_own_for_the_profile_and_briefing(world: Any) -> None:
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("da"):
        section = barometer_section(world.city_b)
        html = render_to_string("barometer/_section.html", {"barometer": section})
    assert "Basisår" in html and "grøn" in html and "sammenhæng, ikke effekt" in html
