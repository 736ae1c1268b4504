"""Instruments, published places, minimum samples and the symmetric rank-change split (benchmark.md)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mangfold.i18n import language
from mangfold.index.benchmark import CityFacts, CityResult, benchmark_round
from mangfold.index.instrument import (
    IncomparableError,
    Instrument,
    comparable,
    instrument_label,
    one_instrument,
    separation_note,
)
from mangfold.index.progress import rank_change, rank_changes, score_changes
from mangfold.index.standing import (
    CityStanding,
    Limits,
    Placement,
    PublishedPlace,
    Withheld,
    city_standing,
    period_label,
    relative_position,
    summarise,
    valid_period,
    withheld_sentence,
)

ICC_2011 = Instrument.published("icc-index", "2011")
MANGFOLD = Instrument.questionnaire("mangfold-2026", "1.0")


def round_of(instrument: Instrument | None, scores: dict[str, float]) -> list[CityResult]:
    return [CityResult(city, score, instrument=instrument) for city, score in scores.items()]


def test_two_instruments_are_never_ranked_together() -> None:
    mixed = [CityResult("copenhagen", 66, instrument=ICC_2011), CityResult("aarhus", 50, instrument=MANGFOLD)]
    with pytest.raises(IncomparableError):
        benchmark_round(mixed)


def test_a_score_of_one_instrument_is_never_subtracted_from_another() -> None:
    icc = CityResult("copenhagen", 66, instrument=ICC_2011)
    ours = CityResult("copenhagen", 50.3, instrument=MANGFOLD)
    with pytest.raises(IncomparableError):
        score_changes(icc, ours, None)
    with pytest.raises(IncomparableError):
        rank_change([icc], [ours], "copenhagen")
    with pytest.raises(IncomparableError):
        rank_changes([icc], [ours])


def test_questionnaire_versions_are_comparable_only_through_a_version_map() -> None:
    later = Instrument.questionnaire("mangfold-2026", "1.1")
    assert comparable(MANGFOLD, MANGFOLD) and not comparable(MANGFOLD, later)
    assert comparable(MANGFOLD, later, {"mangfold-2026": [{"1.0", "1.1"}]})
    assert not comparable(MANGFOLD, Instrument.questionnaire("other", "1.0"), {"other": [{"1.0"}]})


def test_a_published_index_is_never_comparable_with_a_questionnaire() -> None:
    icc_as_questionnaire = Instrument.questionnaire("icc-index", "2011")
    assert not comparable(ICC_2011, icc_as_questionnaire, {"icc-index": [{"2011"}]})
    assert not comparable(ICC_2011, Instrument.published("icc-index", "2017"))
    assert (
        one_instrument([ICC_2011, ICC_2011, Instrument.published("icc-index", "2011", "title")]) == ICC_2011
    )
    with pytest.raises(IncomparableError):
        one_instrument([ICC_2011, None])


def test_instruments_are_named_in_the_active_language() -> None:
    with language("da"):
        assert instrument_label(ICC_2011) == "ICC-indekset (Europarådet), udgave 2011"
        note = separation_note([ICC_2011, MANGFOLD])
    assert note.startswith("Scorerne stammer fra 2 forskellige måleredskaber")
    assert instrument_label(ICC_2011) == "ICC Index (Council of Europe), edition 2011"
    assert separation_note([MANGFOLD, MANGFOLD]) == ""


SIX = {"a": 80, "b": 70, "c": 70, "d": 60, "e": 50, "f": 66}


def standing_of(scores: dict[str, float], city: str, limits: Limits | None = None) -> CityStanding:
    results = round_of(MANGFOLD, scores)
    benchmark = benchmark_round(results, k=2)[city]
    return city_standing(results, city, instrument=MANGFOLD, benchmark=benchmark, limits=limits or Limits())


def test_a_rank_is_not_shown_for_a_group_of_four() -> None:
    four = {"a": 80, "b": 70, "c": 60, "d": 50}
    standing = standing_of(four, "a")
    assert standing.placement is None and standing.withheld is Withheld.SMALL_SAMPLE
    assert standing.mean == 65.0  # four scores: a mean may be shown
    with language("da"):
        assert withheld_sentence(standing.withheld, standing.count, standing.limits) == (
            "Der er kun 4 byer med et resultat på dette spørgeskema; placeringer vises først fra 5 byer."
        )


def test_a_rank_and_percentile_are_shown_from_five_cities() -> None:
    standing = standing_of(SIX, "c")
    assert standing.placement == Placement(2, 6, tied=True, percentile=pytest.approx(200 / 3))
    assert standing.mean == 66.0 and standing.withheld is None


def test_the_minimum_is_a_parameter() -> None:
    assert standing_of(SIX, "c", Limits(min_rank=7)).placement is None
    assert Limits(min_rank=1).may_rank(1) is False  # a rank among one city is never a rank


def test_no_mean_of_fewer_than_three_scores() -> None:
    assert summarise([66.0, 62.0]).mean is None
    assert summarise([66.0, 62.0, 70.0]).mean == 66.0
    standing = standing_of({"a": 66, "b": 62}, "a")
    assert (standing.mean, standing.median, standing.placement) == (None, None, None)


def test_peer_groups_under_the_minimum_show_no_place_and_no_mean_under_three() -> None:
    scores = {"a": 80, "b": 70, "c": 70, "d": 60, "e": 50, "f": 66}
    results = [
        CityResult(c, s, instrument=MANGFOLD, facts=CityFacts(300_000 if c in "ab" else 90_000, 20.0, "DK"))
        for c, s in scores.items()
    ]
    benchmark = benchmark_round(results, k=2)["a"]
    standing = city_standing(results, "a", instrument=MANGFOLD, benchmark=benchmark)
    large = next(p for p in standing.peers if p.kind.value == "large")
    assert (large.count, large.placement, large.withheld, large.mean) == (
        2,
        None,
        Withheld.SMALL_SAMPLE,
        None,
    )
    country = next(p for p in standing.peers if p.kind.value == "country")
    assert country.placement is not None and country.placement.rank == 1 and country.mean == 66.0


def test_a_published_place_is_the_published_one_and_nothing_is_computed() -> None:
    held = round_of(ICC_2011, {"copenhagen": 66, "melitopol": 62})
    published = PublishedPlace(5, 20, "2011-spring", "Københavns Kommune, referat 16.01.2012")
    standing = city_standing(held, "copenhagen", instrument=ICC_2011, benchmark=None, published=published)
    assert standing.placement == Placement(
        5, 20, published=True, period="2011-spring", source=published.source
    )
    assert (standing.mean, standing.median, standing.peers, standing.ranked) == (None, None, (), False)
    alone = city_standing(held, "melitopol", instrument=ICC_2011, benchmark=None, published=None)
    assert alone.placement is None and alone.withheld is Withheld.NOT_PUBLISHED


def test_published_peer_places_are_kept_without_a_group_size() -> None:
    published = PublishedPlace(
        17, 93, "2017", "Одеська міська рада, 2017", peer_ranks={"large": 12, "diverse": 13}
    )
    held = round_of(Instrument.published("icc-index", "2017"), {"odesa": 70, "oslo": 85})
    standing = city_standing(
        held, "odesa", instrument=held[0].instrument, benchmark=None, published=published
    )
    assert {(p.kind.value, p.placement.rank, p.placement.of) for p in standing.peers} == {
        ("large", 12, None),
        ("diverse", 13, None),
    }


def test_the_relative_position_makes_samples_of_different_sizes_comparable() -> None:
    assert round(relative_position(5, 20), 3) == round(15 / 19, 3) == 0.789
    assert round(relative_position(8, 34), 3) == round(26 / 33, 3) == 0.788
    assert (relative_position(1, 6), relative_position(6, 6), relative_position(1, 1)) == (1.0, 0.0, None)


def test_the_rank_change_split_is_the_same_in_either_order() -> None:
    # X climbs from 50 to 70 while Y climbs from 60 to 75: X stays 2nd of 2.
    # City first: X's 70 among Y's 60 is 1st (own −1), then Y's 75 pushes it back (others +1);
    # others first: Y's 75 changes nothing for X's 50 (others 0), X's 70 stays 2nd (own 0).
    moved = rank_change(round_of(None, {"x": 50, "y": 60}), round_of(None, {"x": 70, "y": 75}), "x")
    assert moved is not None
    assert (moved.own_effect, moved.sample_effect, moved.change) == (-0.5, 0.5, 0)


@given(
    st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 100), min_size=1),
    st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 100), min_size=1),
)
def test_own_and_sample_effects_add_up_and_the_vectorised_form_agrees(
    before: dict[str, int], after: dict[str, int]
) -> None:
    previous, current = round_of(None, before), round_of(None, after)
    together = rank_changes(previous, current)
    for city in set(before) & set(after):
        one = rank_change(previous, current, city)
        assert one is not None and one == together[city]
        assert one.own_effect + one.sample_effect == one.change
        assert one.own_effect * 2 == int(one.own_effect * 2)  # whole or half places


def test_publication_periods_are_checked_and_named() -> None:
    assert all(valid_period(p) for p in ("2011", "2011-spring", "2012-early", "2011-03"))
    assert not any(valid_period(p) for p in ("spring 2011", "2011-13", "11", "2011-winter"))
    with language("da"):
        assert [period_label(p) for p in ("2011-spring", "2012-early", "2017")] == [
            "foråret 2011",
            "begyndelsen af 2012",
            "2017",
        ]
    assert period_label("2011-spring") == "spring 2011"
