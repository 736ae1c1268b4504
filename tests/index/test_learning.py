"""Recommendations from real practice (mangfold.index.learning): which areas, which practices, why."""

from __future__ import annotations

import math

import pytest

from mangfold.i18n import language
from mangfold.index.learning import (
    Basis,
    CityProfile,
    IndicatorScore,
    PracticeInfo,
    Strength,
    basis_note,
    chosen_indicators,
    first_sentence,
    learn,
    similarity,
)

AARHUS = CityProfile("aarhus", "Aarhus", "DK", 360_000, 11.0)
OSLO = CityProfile("oslo", "Oslo", "NO", 700_000, 27.0)
ODENSE = CityProfile("odense", "Odense", "DK", 205_000, 12.0)
SAMPLE = CityProfile("sampleton", "Sampleton (example)", "GB", 910_000, 27.5)


def practice(key: str, city: CityProfile, indicators: tuple[str, ...], **extra: object) -> PracticeInfo:
    summary = str(extra.pop("summary", f"{city.name} ran {key}. More follows."))
    return PracticeInfo(key, key.title(), city, indicators, summary=summary, **extra)  # type: ignore[arg-type]


def test_similarity_is_the_mean_of_size_diversity_and_country() -> None:
    # size: 1 - |log10 360000 - log10 205000| / 2 = 1 - 0.2445 / 2; diversity 1 - 1/30; country 1
    expected = (1 - abs(math.log10(360_000) - math.log10(205_000)) / 2 + (1 - 1 / 30) + 1) / 3
    assert similarity(AARHUS, ODENSE) == pytest.approx(expected)
    assert similarity(AARHUS, ODENSE) > similarity(AARHUS, OSLO)
    assert similarity(CityProfile("a", "A"), CityProfile("b", "B")) == 0.0


def test_trailing_indicators_need_three_peers_and_come_largest_gap_first() -> None:
    scores = [
        IndicatorScore("welcoming", "Velkomst", 40, (60, 70, 80)),  # gap 30
        IndicatorScore("education", "Uddannelse", 50, (55, 60, 65)),  # gap 10
        IndicatorScore("media", "Medier", 90, (10, 20, 30)),  # ahead
    ]
    basis, chosen = chosen_indicators(scores)
    assert basis is Basis.TRAILS
    assert [s.indicator for s in chosen] == ["welcoming", "education"]
    basis, chosen = chosen_indicators([IndicatorScore("welcoming", "Velkomst", 40, (60, 70))])
    assert basis is Basis.WEAKEST


def test_too_few_peers_gives_the_weakest_areas_marked_as_such() -> None:
    scores = [
        IndicatorScore("media", "Medier", 70, (90,)),
        IndicatorScore("welcoming", "Velkomst", 20, (10,)),
        IndicatorScore("education", "Uddannelse", 45, ()),
    ]
    practices = [practice("p1", OSLO, ("welcoming",)), practice("p2", OSLO, ("education",))]
    advice = learn(AARHUS, scores, practices, this_year=2026, max_indicators=2)
    assert [(a.indicator, a.basis, a.peer_mean) for a in advice] == [
        ("welcoming", Basis.WEAKEST, None),
        ("education", Basis.WEAKEST, None),
    ]
    with language("da"):
        note = basis_note(Basis.WEAKEST)
        reason = learn(AARHUS, scores, practices, this_year=2026)[0].suggestions[0].reason
    assert note.startswith("Runden har for få byer til at sige, hvor kommunen ligger under de andre")
    assert reason.startswith("Velkomst er blandt kommunens svageste områder (score 20).")


def test_a_real_practice_is_always_chosen_before_an_invented_one() -> None:
    scores = [IndicatorScore("welcoming", "Welcoming", 40, (60, 70, 80))]
    invented = practice(
        "invented",
        ODENSE,
        ("welcoming",),
        is_example=True,
        strength={"welcoming": Strength(99.0, "mangfold 2026")},
    )
    real = practice("real", SAMPLE, ("welcoming",))
    picked = learn(AARHUS, scores, [invented, real], this_year=2026)[0].suggestions
    assert [s.practice.key for s in picked] == ["real"]
    only_invented = learn(AARHUS, scores, [invented], this_year=2026)[0].suggestions
    assert [s.practice.key for s in only_invented] == ["invented"]
    assert "invented example" in only_invented[0].reason


def test_practices_rank_by_strength_then_similarity_then_recency() -> None:
    scores = [IndicatorScore("welcoming", "Welcoming", 40, (60, 70, 80))]
    strong_far = practice(
        "strong far", OSLO, ("welcoming",), strength={"welcoming": Strength(90.0, "mangfold 2026")}
    )
    near_old = practice("near old", ODENSE, ("welcoming",), period_start=2001, period_end=2005)
    near_new = practice("near new", ODENSE, ("welcoming",), period_start=2019)
    far = practice("far", SAMPLE, ("welcoming",), period_start=2020)
    own = practice("own", AARHUS, ("welcoming",))
    other_area = practice("other area", ODENSE, ("media",))
    picked = learn(AARHUS, scores, [far, near_old, own, other_area, near_new, strong_far], this_year=2026)
    assert [s.practice.key for s in picked[0].suggestions] == ["strong far", "near new", "near old"]


def test_the_reason_names_the_gap_the_source_city_and_what_it_did_in_danish_and_english() -> None:
    scores = [IndicatorScore("welcoming", "Velkomst", 42, (60, 62, 64))]
    host = practice(
        "host",
        OSLO,
        ("welcoming",),
        summary="Oslo matcher nyankomne med frivillige værter, bl.a. i ca. 3.000 forløb. Mere tekst.",
        period_start=2012,
        strength={"welcoming": Strength(85.0, "mangfold 2026")},
    )
    with language("da"):
        reason = learn(AARHUS, scores, [host], this_year=2026)[0].suggestions[0].reason
    assert reason == (
        "Kommunen scorer 42 på velkomst; gennemsnittet for de 3 sammenlignelige byer er 62. "
        "Oslo (2012–): Oslo matcher nyankomne med frivillige værter, bl.a. i ca. 3.000 forløb. "
        "Oslo scorer 85 på velkomst i sit offentliggjorte resultat (mangfold 2026)."
    )
    with language("en"):
        english = learn(
            AARHUS, [IndicatorScore("welcoming", "Welcoming", 42, (60, 62, 64))], [host], this_year=2026
        )
    assert (
        english[0]
        .suggestions[0]
        .reason.startswith(
            "The municipality scores 42 on welcoming; its 3 comparable cities average 62. Oslo (2012–): "
        )
    )


def test_a_city_without_indicator_scores_gets_real_practices_of_the_most_similar_cities() -> None:
    practices = [
        practice("far", SAMPLE, ("media",)),
        practice("near", ODENSE, ("welcoming",)),
        practice("invented", ODENSE, ("welcoming",), is_example=True),
    ]
    advice = learn(AARHUS, [], practices, this_year=2026)
    assert [a.basis for a in advice] == [Basis.SIMILAR]
    assert [s.practice.key for s in advice[0].suggestions] == ["near", "far"]
    assert advice[0].suggestions[0].reason == "Odense: Odense ran near."
    assert learn(AARHUS, [], [practices[2]], this_year=2026) == []


def test_the_first_sentence_is_not_cut_at_abbreviations() -> None:
    assert (
        first_sentence("Byen har bl.a. ca. 3.000 boliger. Næste sætning.")
        == "Byen har bl.a. ca. 3.000 boliger."
    )
    assert first_sentence("No full stop") == "No full stop"


def test_scores_in_reasons_have_one_decimal_rounded_half_up_in_the_readers_style() -> None:
    scores = [IndicatorScore("language", "Sprog", 44.5, (70, 60, 50, 45))]  # mean 56.25
    with language("da"):
        reason = learn(AARHUS, scores, [practice("p", OSLO, ("language",))], this_year=2026)[0]
    assert reason.suggestions[0].reason.startswith(
        "Kommunen scorer 44,5 på sprog; gennemsnittet for de 4 sammenlignelige byer er 56,3."
    )
