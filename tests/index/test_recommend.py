"""Recommendations: the largest gaps to the peers, practices of the strongest cities, explained."""

from __future__ import annotations

from mangfold.index.benchmark import CityResult
from mangfold.index.recommend import PracticeRef, explain, recommend, weak_questions

RESULTS = [
    CityResult("København", 66, {"media": 40, "education": 60, "welcoming": 60}),
    CityResult("Oslo", 85, {"media": 95, "education": 80, "welcoming": 70}),
    CityResult("Barcelona", 72, {"media": 90, "education": 60, "welcoming": 50}),
    CityResult("Dortmund", 71, {"media": 50, "education": 65, "welcoming": None}),
]
PRACTICES = [
    PracticeRef("antirumour", "Anti-rumour strategy", "Barcelona", ("media",), ("MDA3", "MDA5")),
    PracticeRef("oxlo", "OXLO – Oslo Extra Large", "Oslo", ("media", "commitment"), ("MDA1",)),
    PracticeRef("oxlo-media", "OXLO media partnership", "Oslo", ("media",), ("MDA3", "MDA5")),
    PracticeRef("own", "København's own", "København", ("media",), ("MDA3",)),
    PracticeRef("welcome", "Welcome desk", "Oslo", ("welcoming",), ()),
]
POINTS = {"MDA1": 100.0, "MDA3": 0.0, "MDA5": 25.0, "MDA7": None}


def test_gaps_are_ranked_largest_first_and_only_where_the_city_trails() -> None:
    recs = recommend("København", RESULTS, PRACTICES, question_points=POINTS)
    assert [r.indicator for r in recs] == ["media", "education"]
    media = recs[0]
    assert media.peer_mean == (95 + 90 + 50) / 3
    assert media.gap == (95 + 90 + 50) / 3 - 40
    assert media.peers == 3
    # welcoming: peers 70 and 50 (Dortmund has none) → mean 60 = København's 60: no gap
    assert all(r.indicator != "welcoming" for r in recs)


def test_practices_come_from_the_strongest_cities_never_the_city_itself() -> None:
    media = recommend("København", RESULTS, PRACTICES, question_points=POINTS)[0]
    titles = [p.practice.title for p in media.practices]
    assert titles == ["OXLO media partnership", "OXLO – Oslo Extra Large", "Anti-rumour strategy"]
    assert media.practices[0].weak_questions == ("MDA3", "MDA5")
    assert media.practices[1].weak_questions == ()


def test_peer_group_restricts_the_gaps_but_practices_come_from_the_whole_round() -> None:
    recs = recommend("København", RESULTS, PRACTICES, peers=["Dortmund"], question_points=POINTS)
    assert [r.indicator for r in recs] == ["media", "education"]
    assert recs[0].peer_mean == 50
    assert recs[0].practices[0].practice.city == "Oslo"


def test_weak_questions_need_a_score_under_fifty() -> None:
    assert weak_questions(POINTS, ["MDA1", "MDA3", "MDA5", "MDA7", "MDA9"]) == ("MDA3", "MDA5")


def test_explanations_in_danish_and_english() -> None:
    media = recommend("København", RESULTS, PRACTICES, question_points=POINTS)[0]
    choice = media.practices[0]
    assert explain(media, choice, "medier", "da") == (
        "Oslo scorer 95 på medier, og I scorer 40; deres praksis »OXLO media partnership« "
        "adresserer spørgsmål MDA3 og MDA5, hvor I scorede under 50."
    )
    assert explain(media, choice, "media", "en") == (
        "Oslo scores 95 on media and you score 40; its practice “OXLO media partnership” "
        "addresses questions MDA3 and MDA5, where you scored under 50."
    )
