"""A seeded slice of the fuzz campaign (``make fuzz`` runs the whole): no reader crashes or hangs."""

from __future__ import annotations

import pytest

from mangfold.fuzz import TARGETS, Case, fuzz
from mangfold.fuzz.runner import _signature, case_input, run_cases
from mangfold.i18n import read_po

PART = {t.name: t.part for t in TARGETS}


def test_a_seeded_slice_of_every_reader_gives_no_crash_and_no_timeout() -> None:
    summary = fuzz(seed=16, total=300, workers=1)
    assert summary["cases"] >= 300
    assert set(summary["by_target"]) == set(PART)
    assert summary["outcomes"]["timeout"] == 0, summary["timeouts"]
    crashes = summary["crash_signatures"]
    assert not crashes, "\n".join(f"{c['signature']}: {c['message']} (e.g. {c['example']})" for c in crashes)


def test_a_case_is_reproduced_from_its_seed_target_and_index() -> None:
    case = Case(3, "pc-axis", 41)
    assert case_input(case) == case_input(Case(3, "pc-axis", 41))
    assert case_input(case) != case_input(Case(4, "pc-axis", 41))


def test_a_crash_is_signed_with_its_type_and_the_innermost_frame_in_mangfold() -> None:
    with pytest.raises(ValueError) as caught:
        read_po('msgid "a"\nthis is no po file\n')
    assert _signature(caught.value) == "ValueError in i18n.py:read_po"


def test_a_case_past_its_time_limit_is_a_timeout_and_the_run_goes_on() -> None:
    cases = [Case(1, "xlsform", i) for i in range(3)]
    outcomes = list(run_cases(cases, workers=1, time_limit=0.001, chunk_size=3))
    assert sorted(o.case.index for o in outcomes) == [0, 1, 2]
    assert {o.kind for o in outcomes} == {"timeout"}
