"""Published results stay published: the ICC places of the demo, never a rank recomputed from the few
results held, never a change between the ICC index and mangfold's own questionnaire (domain.md §2, §7)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from mangfold.web.assessments.demo import legacy_results_csv
from mangfold.web.assessments.legacy import LegacyImportError, import_legacy
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.network.models import City, Network
from mangfold.web.reports.profile import build_profile
from tests.conftest import bundled_questionnaire_version
from tests.web.results_world import scorecard

pytestmark = pytest.mark.django_db

CITIES = {
    "copenhagen": ("København", "DK"),
    "melitopol": ("Melitopol", "UA"),
    "oslo": ("Oslo", "NO"),
    "barcelona": ("Barcelona", "ES"),
    "dortmund": ("Dortmund", "DE"),
    "odesa": ("Odesa", "UA"),
    "pavlohrad": ("Pavlohrad", "UA"),
    "aarhus": ("Aarhus", "DK"),
    "odense": ("Odense", "DK"),
    "aalborg": ("Aalborg", "DK"),
    "esbjerg": ("Esbjerg", "DK"),
}


@pytest.fixture
def icc(db: Any) -> Network:
    network = Network.objects.create(slug="icc-demo", name="Intercultural Cities (demo)")
    for slug, (name, country) in CITIES.items():
        City.objects.create(slug=slug, name=name, country=country)
    import_legacy(legacy_results_csv(), filename="icc-published-results.csv")
    return network


def page(path: str, lang: str = "da") -> str:
    response = Client().get(f"/{lang}/results/icc-demo/{path}")
    assert response.status_code == 200, path
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_copenhagen_2011_shows_the_published_fifth_of_twenty_with_date_and_source(icc: Network) -> None:
    text = page("2011/city/copenhagen/")
    assert "Samlet score 66 af 100" in text and "nr. 5 af 20 byer" in text and "foråret 2011" in text
    assert "66,0" not in text  # as published, in the key figures and the table over time alike
    assert "Land Danmark" in text and "Land DK" not in text
    assert "referat af udvalgsmøde 16.01.2012" in text and "ICC-indekset (Europarådet), udgave 2011" in text
    assert "1 af 2" not in text and "nr. 1" not in text and "Percentil" not in text
    assert "Byernes gennemsnit 64,0" not in text  # the mean of the two results held is no published mean
    assert "foran 79 % af de øvrige byer (ud fra den offentliggjorte placering)" in text
    english = page("2011/city/copenhagen/", "en")
    assert "no. 5 of 20 cities" in english and "spring 2011" in english
    assert "ahead of 79 % of the other cities (from the published place)" in english


def test_copenhagen_2012_shows_eighth_of_thirty_four_and_both_relative_positions(icc: Network) -> None:
    text = page("2012/city/copenhagen/")
    assert "nr. 8 af 34 byer" in text and "begyndelsen af 2012" in text
    assert (
        "Som offentliggjort: København lå nr. 5 af 20 byer i ICC-indekset 2011 og ligger nu nr. 8 af 34 byer"
        in (text)
    )
    assert "dengang foran 79 % af de øvrige byer, nu foran 79 % af de øvrige byer" in text
    assert "Byens egen ændring" not in text  # no own/others split on published places
    assert "1 af 1" not in text


def test_a_published_result_without_a_place_says_so(icc: Network) -> None:
    assert "Placering ikke offentliggjort." in page("2017/city/oslo/")
    assert "placering ikke offentliggjort" in page("2017/")
    assert "Place not published." in page("2017/city/oslo/", "en")
    melitopol = page("2011/city/melitopol/")
    assert "Placering ikke offentliggjort." in melitopol and "nr. 2" not in melitopol


def test_published_places_in_peer_groups_are_shown_as_published(icc: Network) -> None:
    odesa = page("2017/city/odesa/")
    assert (
        "nr. 17 af 93 byer" in odesa
        and "nr. 12 (offentliggjort)" in odesa
        and "nr. 13 (offentliggjort)" in odesa
    )
    assert "nr. 7 (offentliggjort)" in page("2018/city/pavlohrad/")


def test_the_round_overview_of_a_published_index_computes_no_mean_and_no_rank(icc: Network) -> None:
    text = page("2017/")
    assert "nr. 17 af 93 byer" in text and "Gennemsnitlig samlet score" not in text
    assert "Offentliggjort placering" in text


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ("25,20,2011-spring", "published_rank", "the rank 25 is above the sample of 20 cities"),
        ("0,20,2011", "published_rank", "not a whole number from 1: '0'"),
        ("5,0,2011", "published_sample", "not a whole number from 1: '0'"),
        ("5,20,spring 2011", "published_date", "not a date of publication"),
    ],
)
def test_an_inconsistent_published_place_is_refused_with_file_row_and_column(
    icc: Network, cells: str, column: str, message: str
) -> None:
    content = (
        "network,round,city,overall,source,published_rank,published_sample,published_date\n"
        f"icc-demo,2011,aarhus,50,Report,{cells}\n"
    )
    with pytest.raises(LegacyImportError) as error:
        import_legacy(content, filename="places.csv")
    problems = [str(p) for p in error.value.problems]
    assert len(problems) == 1 and problems[0].startswith(f"places.csv, row 2, column '{column}': {message}")
    assert not Assessment.objects.filter(city__slug="aarhus").exists()


def test_a_score_outside_0_to_100_names_the_file(icc: Network) -> None:
    with pytest.raises(LegacyImportError) as error:
        import_legacy(
            "network,round,city,overall,source\nicc-demo,2011,aarhus,101,Report\n", filename="x.csv"
        )
    assert [str(p) for p in error.value.problems] == [
        "x.csv, row 2, column 'overall': a score lies in 0–100, got 101"
    ]


def mangfold_round(network: Network, copenhagen: float = 50.3) -> Round:
    """Round 2026 on the bundled questionnaire: København and four other cities published."""
    round_ = Round.objects.create(
        network=network, slug="2026", name="mangfold 2026", questionnaire=bundled_questionnaire_version()
    )
    scores = {"copenhagen": copenhagen, "aarhus": 60.0, "odense": 55.0, "aalborg": 45.0, "esbjerg": 40.0}
    for slug, overall in scores.items():
        card = scorecard(overall, {"commitment": overall, "education": overall}, {})
        Assessment.objects.create(
            round=round_,
            city=City.objects.get(slug=slug),
            state="published",
            official_scorecard=card,
            overall=overall,
            published_at=timezone.now(),
        )
    return round_


def test_a_mangfold_result_is_never_compared_with_the_icc_score_of_the_city(icc: Network) -> None:
    mangfold_round(icc)
    text = page("2026/city/copenhagen/")
    assert "nr. 3 af 5 byer" in text  # ranked among the five results on mangfold's questionnaire
    assert "Ændring siden" not in text and "−15,7" not in text and "-15,7" not in text
    assert "Scorerne stammer fra 2 forskellige måleredskaber" in text
    with translation.override("da"):
        report = build_profile(Round.objects.get(slug="2026"), "copenhagen", "da")
    assert report is not None and report.progress is None
    assert [(row.round.slug, row.comparable) for row in report.history] == [
        ("2011", False),
        ("2012", False),
        ("2026", True),
    ]
    series = {value["series"] for value in report.charts["trend"]["data"]["values"]}
    assert len(series) == 2 and all(s.startswith("København – ") for s in series)
    assert "Byernes gennemsnit" not in series  # a mean line would join the two instruments visually


def test_the_icc_pages_of_a_city_stay_apart_from_its_later_mangfold_result(icc: Network) -> None:
    mangfold_round(icc)
    text = page("2012/city/copenhagen/")
    assert "nr. 8 af 34 byer" in text and "50,3" in text  # the later result is listed in the trend table
    assert "Som offentliggjort: København lå nr. 5 af 20 byer" in text  # progress only from ICC 2011


def test_a_chart_draws_no_mean_line_where_a_mean_is_withheld() -> None:
    from mangfold.web.results.profile import IndicatorRow
    from mangfold.web.results.result_charts import radar_chart

    rows = [
        IndicatorRow("commitment", "Commitment", 70.0, 60.0, None),
        IndicatorRow("education", "Education", 50.0, None, None),  # two cities with a score: no mean
        IndicatorRow("language", "Language", 40.0, 45.0, None),
    ]
    with translation.override("en"):
        spec = radar_chart(rows, "København")
    assert spec is not None
    series = {v.get("series") for layer in spec["layer"] for v in layer.get("data", {}).get("values", [])}
    assert "København" in series and "Mean of the cities" not in series
