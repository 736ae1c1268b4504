"""A published result is cited with its period and its source apart (reviewer's item 3): the period dates
the result, never the source ("referat af udvalgsmøde 16.01.2012 …, offentliggjort foråret 2011" made
minutes of January 2012 published in the spring of 2011)."""

from __future__ import annotations

import pytest

from mangfold.reports.sources import is_english, published_result_note

MINUTES = "Københavns Kommune, committee minutes of 16.01.2012 (kk.dk)"


def test_the_danish_note_gives_the_results_period_then_its_source_in_danish() -> None:
    note = published_result_note(MINUTES, "2011-spring", "da")
    assert (
        note == "resultat fra foråret 2011; kilde: Københavns Kommune, udvalgsreferat af 16.01.2012 (kk.dk)"
    )
    assert not is_english(note)


def test_the_english_note_keeps_the_source_as_written() -> None:
    assert published_result_note(MINUTES, "2012-early", "en") == f"result from early 2012; source: {MINUTES}"


@pytest.mark.parametrize(
    ("source", "period", "expected"),
    [
        ("", "2011-spring", "resultat fra foråret 2011"),
        ("Oslo kommune", "", "kilde: Oslo kommune"),
        ("", "", ""),
        ("Kilde: Oslo kommune.", "2017", "resultat fra 2017; kilde: Oslo kommune"),
    ],
)
def test_a_missing_part_is_left_out(source: str, period: str, expected: str) -> None:
    assert published_result_note(source, period, "da") == expected
