"""The trend's note on several instruments: changes only between versions a version map links."""

from __future__ import annotations

from mangfold.i18n import language
from mangfold.index.instrument import Instrument, separation_note

V1 = Instrument.questionnaire("mangfold", "2026.1", "Questionnaire")
V2 = Instrument.questionnaire("mangfold", "2026.2", "Questionnaire")
ICC = Instrument.published("icc-index", "2011")


def test_linked_versions_say_changes_are_computed_between_them() -> None:
    note = separation_note([V1, V2], linked=[(V1, V2)])
    assert "each version has its own series" in note
    assert "only between the versions a version map links (2026.1 → 2026.2)" in note
    assert "no change is computed" not in note
    with language("da"):
        danish = separation_note([V1, V2], linked=[(V1, V2)])
    assert "hver version har sin egen serie" in danish
    assert "kun mellem de versioner, som et versionskort forbinder (2026.1 → 2026.2)" in danish
    assert "ingen ændring" not in danish


def test_without_a_link_no_change_is_computed() -> None:
    assert "no change is computed between them" in separation_note([V1, V2])
    assert "no change is computed between them" in separation_note([ICC, V2], linked=[(V1, V2)])
    with language("da"):
        assert "der beregnes ingen ændring mellem dem" in separation_note([ICC, V1])


def test_one_instrument_needs_no_note() -> None:
    assert separation_note([V2, V2], linked=[(V1, V2)]) == ""
