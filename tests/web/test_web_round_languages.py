"""A round is named in the page's language: the demo's published ICC rounds and its own rounds have a Danish
and an English name and description, and the results pages show the one of the page's language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from mangfold.web.assessments.demo import legacy_results_csv
from mangfold.web.assessments.demo_published import DESCRIPTION, DESCRIPTION_EN, name_published_rounds
from mangfold.web.assessments.legacy import import_legacy
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.network.models import City, Network

pytestmark = pytest.mark.django_db

CITIES = ["copenhagen", "melitopol", "oslo", "barcelona", "dortmund", "odesa", "pavlohrad"]
CITIES += ["aarhus", "odense", "aalborg", "esbjerg"]


@pytest.fixture
def icc(db: Any) -> Network:
    network = Network.objects.create(slug="icc-demo", name="Intercultural Cities (demo)")
    for slug in CITIES:
        City.objects.create(slug=slug, name=slug.title(), country="DK")
    import_legacy(legacy_results_csv(), filename="icc-published-results.csv")
    return network


def visible(lang: str, path: str) -> str:
    response = Client().get(f"/{lang}/results/icc-demo/{path}")
    assert response.status_code == 200, path
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_published_rounds_are_imported_with_their_danish_names(icc: Network) -> None:
    names = dict(Round.objects.filter(network=icc).values_list("slug", "name"))
    assert names == {
        "2011": "ICC-indekset 2011",
        "2012": "ICC-indekset 2012",
        "2017": "ICC-indekset 2017",
        "2018": "ICC-indekset 2018",
    }


def test_the_published_rounds_get_english_names_and_both_descriptions(icc: Network) -> None:
    scores = sorted(Assessment.objects.values_list("city__slug", "round__slug", "overall"))
    assert name_published_rounds() == 4
    round_ = Round.objects.get(network=icc, slug="2011")
    assert (round_.name, round_.name_en) == ("ICC-indekset 2011", "ICC Index 2011")
    assert (round_.description, round_.description_en) == (DESCRIPTION, DESCRIPTION_EN)
    assert name_published_rounds() == 0  # nothing left blank: loading twice changes nothing
    assert sorted(Assessment.objects.values_list("city__slug", "round__slug", "overall")) == scores


def test_a_name_given_by_hand_is_kept(icc: Network) -> None:
    Round.objects.filter(network=icc, slug="2012").update(name_en="ICC Index, 2012 edition")
    name_published_rounds()
    assert Round.objects.get(network=icc, slug="2012").name_en == "ICC Index, 2012 edition"


def test_the_results_pages_name_the_round_in_the_page_language(icc: Network) -> None:
    name_published_rounds()
    danish = visible("da", "2011/city/copenhagen/")
    english = visible("en", "2011/city/copenhagen/")
    assert "ICC-indekset 2011" in danish and "ICC Index 2011" not in danish
    assert "ICC Index 2011" in english and "ICC-indekset 2011" not in english
    assert "ICC Index 2011" in visible("en", "2011/") and "ICC-indekset 2011" in visible("da", "2011/")
