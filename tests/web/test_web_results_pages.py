"""The results pages in Danish and English: ranking, city profile, one indicator; nothing unpublished."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.web.results_world import SECRET, ResultsWorld, build_results_world

pytestmark = pytest.mark.django_db

BASE = "/{lang}/results/results-net/"


@pytest.fixture
def rw(db: Any) -> ResultsWorld:
    return build_results_world()


def get(path: str, lang: str = "en") -> str:
    response = Client().get(path.format(lang=lang))
    assert response.status_code == 200, path
    return response.content.decode()


def text(html: str) -> str:
    """The page's visible text (scripts and tags removed, spaces collapsed)."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def charts(html: str) -> dict[str, Any]:
    """The Vega-Lite specifications of the page's charts by figure id."""
    found = re.findall(
        r'<figure class="chart" id="([^"]+)"[^>]*>.*?<script type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    return {chart_id: json.loads(payload) for chart_id, payload in found}


def ranking_rows(html: str) -> list[tuple[str, str, str]]:
    table = re.search(r'<table id="ranking">.*?</table>', html, re.S)
    assert table is not None
    rows = re.findall(
        r'<tr><td class="num">([^<]+)</td>\s*<th scope="row"><a href="[^"]+">([^<]+)</a>'
        r'.*?<td class="num">([^<]+)</td>',
        table.group(0),
        re.S,
    )
    return [(rank, name, score) for rank, name, score in rows]


@pytest.mark.parametrize(
    ("lang", "mean", "eighty", "shared"),
    [("da", "66,0", "80,0", "2 (delt)"), ("en", "66.0", "80.0", "2 (shared)")],
)
def test_the_round_ranks_every_published_city(
    rw: ResultsWorld, lang: str, mean: str, eighty: str, shared: str
) -> None:
    html = get(BASE + "2024/", lang)
    assert ranking_rows(html) == [
        ("1", "Ankeby", eighty),
        (shared, "Birkeby", mean.replace("66", "70")),
        (shared, "Cederby", mean.replace("66", "70")),
        ("4", "Fjordby", "66"),  # a published result as published
        ("5", "Dalby", mean.replace("66", "60")),
        ("6", "Egeby", mean.replace("66", "50")),
    ]
    assert mean in text(html)  # the mean of the round
    for slug in ("ankeby", "birkeby", "cederby", "dalby", "egeby", "fjordby"):
        assert f'href="/{lang}/results/results-net/2024/city/{slug}/"' in html
    assert "Granby" not in html and "Holmby" not in html  # approved but unpublished, draft
    spec = charts(html)["distribution"]
    assert sorted(v["score"] for v in spec["data"]["values"]) == [50, 60, 66, 70, 70, 80]


def test_the_round_names_its_peer_tags_and_downloads(rw: ResultsWorld) -> None:
    html = get(BASE + "2024/", "da")
    assert "lille by" in text(html) and "stor by" in text(html)
    for fmt in ("csv", "xlsx", "json"):
        assert f'href="/da/results/results-net/2024/export.{fmt}"' in html
    assert "CC BY 4.0" in html


def test_an_embargoed_round_shows_no_result(rw: ResultsWorld) -> None:
    html = get(BASE + "2025/")
    assert "under embargo" in html
    assert "Ankeby" not in html and "97" not in text(html)
    assert Client().get("/en/results/results-net/2025/city/ankeby/").status_code == 404


def test_results_appear_once_the_embargo_ends(rw: ResultsWorld) -> None:
    rw.rounds["2025"].embargo_until = timezone.now() - datetime.timedelta(seconds=1)
    rw.rounds["2025"].save()
    assert ranking_rows(get(BASE + "2025/")) == [("–", "Ankeby", "97.0")]  # alone: no rank "1 of 1"
    page = text(get(BASE + "2025/city/ankeby/"))
    assert "There is only 1 city with a result on this questionnaire; places are shown from 5 cities." in page
    assert "1 of 1" not in page and "Percentile" not in page
    # Ankeby is alone in the round: no area can be said to trail, the weakest areas are offered instead
    assert "The round has too few cities to say where the municipality trails the others" in page


@pytest.mark.parametrize("city", ["granby", "holmby", "no-such-city"])
def test_unpublished_results_have_no_profile(rw: ResultsWorld, city: str) -> None:
    assert Client().get(f"/da/results/results-net/2024/city/{city}/").status_code == 404


def test_an_unknown_round_or_indicator_is_not_found(rw: ResultsWorld) -> None:
    assert Client().get("/en/results/results-net/1999/").status_code == 404
    assert Client().get("/en/results/results-net/2024/indicators/no_such/").status_code == 404
    assert Client().get("/en/results/results-net/2024/indicators/media/").status_code == 404  # nobody scored


def test_the_city_profile_in_danish(rw: ResultsWorld) -> None:
    html = get(BASE + "2024/city/cederby/", "da")
    page = text(html)
    assert "70,0" in page and "nr. 2 (delt) af 6 byer" in page and "2=" not in page
    assert "250.000" in page and "18,0 %" in page
    assert "Byer med mindst 200.000 indbyggere" in page
    assert (
        "efter størrelse (200.000 indbyggere), efter andelen af udenlandsfødte indbyggere (15 %), efter land"
        in page
    )
    assert "Siden Round 2023 er Cederby gået fra nr. 5 af 5 byer til nr. 2 (delt) af 6 byer" in page
    assert "dengang foran 0 % af de øvrige byer, nu foran 80 % af de øvrige byer" in page
    assert "+10,0" in page
    found = charts(html)
    assert {"indicator-bars", "indicator-radar", "distribution", "trend"} <= set(found)
    bars = [v for v in found["indicator-bars"]["data"]["values"] if v["series"] == "Cederby"]
    assert [(v["indicator"], v["score"]) for v in bars] == [
        ("Forpligtelse", 50),
        ("Uddannelse", 80),
        ("Sprog", 55),
    ]


def test_the_city_profile_in_english(rw: ResultsWorld) -> None:
    html = get(BASE + "2024/city/cederby/", "en")
    page = text(html)
    assert "250,000" in page and "of 6 cities" in page
    assert "Cities with at least 200,000 inhabitants" in page
    assert "by size (200,000 inhabitants), by the share of foreign-born residents (15 %), by country" in page
    assert "Its own change in score accounts for 2 places up" in page
    table = re.search(r'<table id="indicator-table">.*?</table>', html, re.S)
    assert table is not None
    cells = re.findall(r'<td class="num">([^<]*)</td>', table.group(0))
    assert cells[:3] == ["50.0", "62.0", "\u221212.0"]  # commitment: Cederby, mean of 5, difference
    trend = charts(html)["trend"]
    assert {(v["round"], v["series"], v["score"]) for v in trend["data"]["values"]} == {
        ("Round 2023", "Cederby", 60),
        ("Round 2024", "Cederby", 70),
        ("Round 2023", "Mean of the cities", 67.6),
        ("Round 2024", "Mean of the cities", 66),
    }


def test_the_profile_recommends_published_practices_of_stronger_cities(rw: ResultsWorld) -> None:
    html = get(BASE + "2024/city/dalby/", "en")
    # by the source city's strength on education: Cederby 80, Ankeby 70 (2023), Egeby 60
    assert html.index("Lektiecafé") < html.index("Forældrenetværk") < html.index("Skolemix")
    assert f'href="/en/practices/{rw.practices["lektiecafe"].pk}/"' in html
    assert "Cederby scores 80 on education in its published result (Round 2024)" in html
    assert "The municipality scores 40 on education; its 3 comparable cities average 66.7." in html
    assert "Unpublished draft practice" not in html


def test_a_legacy_profile_shows_its_source_and_no_indicator_chart(rw: ResultsWorld) -> None:
    html = get(BASE + "2024/city/fjordby/", "en")
    assert "Published report 2024" in html and "no. 4 of 6 cities" in html
    assert "Only the overall score of this published result has been imported" in html
    assert "published without indicator scores" not in html  # the publication may well have given them
    assert "indicator-bars" not in charts(html)
    assert "so no area can be named" in html


@pytest.mark.parametrize("lang", ["da", "en"])
def test_one_indicator_across_the_cities(rw: ResultsWorld, lang: str) -> None:
    html = get(BASE + "2024/indicators/education/", lang)
    table = re.search(r'<table id="indicator-ranking">.*?</table>', html, re.S)
    assert table is not None
    names = re.findall(r'<th scope="row"><a [^>]+>([^<]+)</a>', table.group(0))
    assert names == ["Cederby", "Ankeby", "Egeby", "Dalby"]  # Birkeby and Fjordby have no score
    assert "(shared)" not in table.group(0) and "(delt)" not in table.group(0)  # four cities: no ranks
    ranks = re.findall(r'<tr><td class="num">([^<]+)</td>', table.group(0))
    assert ranks == ["–"] * 4
    assert ("Der er kun 4 byer" if lang == "da" else "There are only 4 cities") in text(html)
    spec = charts(html)["indicator-ranking-chart"]
    assert [v["city"] for v in spec["layer"][0]["data"]["values"]] == names
    assert spec["layer"][1]["data"]["values"][0]["score"] == 60


def test_evidence_and_answers_never_appear(rw: ResultsWorld) -> None:
    for path in (
        "2024/",
        "2024/city/ankeby/",
        "2024/indicators/commitment/",
        "2024/export.json",
        "2024/export.csv",
    ):
        assert SECRET not in Client().get((BASE + path).format(lang="en")).content.decode("utf-8-sig")


def test_the_index_lists_rounds_with_their_public_counts(rw: ResultsWorld) -> None:
    page = text(get("/{lang}/results/"))
    assert "Round 2024 6" in page
    assert "Round 2025 0" in page  # under embargo


@pytest.mark.parametrize(("lang", "shared"), [("da", "2 (delt)"), ("en", "2 (shared)")])
def test_a_shared_rank_on_an_indicator_is_written_in_words(rw: ResultsWorld, lang: str, shared: str) -> None:
    html = get(BASE + "2024/indicators/commitment/", lang)
    table = re.search(r'<table id="indicator-ranking">.*?</table>', html, re.S)
    assert table is not None
    ranks = re.findall(r'<tr><td class="num">([^<]+)</td>', table.group(0))
    assert ranks == ["1", shared, shared, "4", "5"]  # Birkeby and Dalby share the 2nd place
    assert "2=" not in text(html)
