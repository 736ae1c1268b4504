"""Questionnaire 2026.2 and its version map from 2026.1 (issue 14)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mangfold.index.errors import QuestionnaireError
from mangfold.index.instrument import Instrument, comparable
from mangfold.index.model import Change, Choice, Indicator, Kind, Question, Questionnaire, QuestionType, Text
from mangfold.index.progress import comparable_indicators as shares
from mangfold.index.scoring import score
from mangfold.index.versions import check_version_map, comparable_indicators, version_groups
from mangfold.index.xlsform import bundled_questionnaires, read_xlsform, write_xlsform

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def versions() -> tuple[Questionnaire, Questionnaire]:
    paths = bundled_questionnaires()
    return read_xlsform(paths[-2], check_xlsform=False), read_xlsform(paths[-1], check_xlsform=False)


def test_the_newest_bundled_questionnaire_is_2026_2_after_2026_1(versions: tuple[Questionnaire, ...]) -> None:
    old, new = versions
    assert (old.version, new.version, new.previous_version) == ("2026.1", "2026.2", "2026.1")


def test_every_2026_1_question_is_accounted_for_in_the_map(versions: tuple[Questionnaire, ...]) -> None:
    old, new = versions
    assert check_version_map(new, old) == []
    assert {e.previous for e in new.version_map} == {q.code for q in old.questions}


def test_a_map_that_leaves_a_question_out_is_refused_naming_it(versions: tuple[Questionnaire, ...]) -> None:
    old, new = versions
    from dataclasses import replace

    short = replace(new, version_map=tuple(e for e in new.version_map if e.previous != "GOV1"))
    problems = check_version_map(short, old)
    assert [p.message for p in problems] == ["question GOV1 of version 2026.1 is not accounted for"]


def test_an_indicator_is_comparable_only_when_all_its_questions_are_same_or_reworded(
    versions: tuple[Questionnaire, ...],
) -> None:
    old, new = versions
    result = comparable_indicators(old, new)
    assert {code for code, ok in result.items() if ok} == {"media", "mediation"}
    changes = {e.previous: e.change for e in new.version_map}
    for indicator in old.indicators:
        all_kept = all(changes[q.code].comparable for q in old.questions_of(indicator.code) if q.scored)
        assert result[indicator.code] is all_kept, indicator.code
    assert changes["SPA4"] is Change.SPLIT and changes["COM6"] is Change.DROPPED
    assert shares(old, new)["welcoming"] == 0.0 and shares(old, new)["media"] == 1.0


def test_the_overall_scores_of_2026_1_and_2026_2_are_not_comparable(
    versions: tuple[Questionnaire, ...],
) -> None:
    assert version_groups(versions) == {}
    a, b = (Instrument.questionnaire("mangfold", v) for v in ("2026.1", "2026.2"))
    assert not comparable(a, b)


def test_2026_2_fixes_the_issues_of_2026_1(versions: tuple[Questionnaire, ...]) -> None:
    _, new = versions
    assert not any(q.code.startswith("ICC") for q in new.questions)
    assert not new.question("GOV1").not_applicable
    assert new.label(new.indicator("commitment").name, "da") == "Politisk forankring og strategi"
    assert new.label(new.indicator("governance").name, "da") == "Ledelse og medborgerskab"
    assert "ikke-vestlig oprindelse" in new.question("NEI3").text.get("da")
    assert "sogne" in new.question("NEI3").text.get("da")
    gaps = [new.question(c).bands for c in ("PUB6", "BUS5", "CUL5", "GOV5", "PAR5")]
    assert all(bands == gaps[0] for bands in gaps)
    for question in new.questions:
        if question.type is QuestionType.MULTIPLE_CHOICE:
            none = question.choice("none")
            assert none is not None and none.exclusive, question.code
    wel3 = new.question("WEL3")
    assert wel3.choice("refugees").required  # type: ignore[union-attr]


def test_wel3_cannot_reach_100_with_refugees_left_out(versions: tuple[Questionnaire, ...]) -> None:
    _, new = versions
    card = score(new, {"WEL3": "workers students family minors"})
    # 4 × 20 = 80 points, and without refugees (20) at most 80: not 100
    assert card.question("WEL3").points == pytest.approx(80.0)
    assert score(new, {"WEL3": "workers students family minors refugees"}).question("WEL3").points == 100


def test_the_committed_workbook_is_what_the_script_builds(tmp_path: Path) -> None:
    out = tmp_path / "built.xlsx"
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "questionnaire_2026_2.py"), "-o", str(out)], check=True
    )
    assert read_xlsform(out, check_xlsform=False) == read_xlsform(
        bundled_questionnaires()[-1], check_xlsform=False
    )


def _one(question: Question, choices: tuple[Choice, ...] = ()) -> Questionnaire:
    return Questionnaire("t", "1", Text(da="t"), indicators=(Indicator("a", Text(da="A")),), rows=(question,))


def test_the_validator_refuses_not_measured_on_a_policy_question(tmp_path: Path) -> None:
    yes_no = (Choice("yes", Text(da="Ja"), 100), Choice("no", Text(da="Nej"), 0))
    policy = Question(
        "A1",
        Text(da="Har kommunen en politik?"),
        QuestionType.YES_NO,
        "a",
        kind=Kind.INPUT,
        choices=yes_no,
        not_measured=True,
    )
    path = tmp_path / "q.xlsx"
    write_xlsform(_one(policy), path)
    with pytest.raises(QuestionnaireError, match="'not measured' is for scored measurements"):
        read_xlsform(path, check_xlsform=False)


def test_the_validator_refuses_exclusive_on_a_single_choice_list(tmp_path: Path) -> None:
    choices = (Choice("yes", Text(da="Ja"), 100), Choice("none", Text(da="Ingen"), 0, exclusive=True))
    question = Question("A1", Text(da="?"), QuestionType.SINGLE_CHOICE, "a", list_name="l", choices=choices)
    path = tmp_path / "q.xlsx"
    write_xlsform(_one(question), path)
    with pytest.raises(QuestionnaireError, match="exclusive is for lists of multiple-choice questions"):
        read_xlsform(path, check_xlsform=False)


def test_a_city_change_across_the_versions_is_given_only_for_comparable_indicators(
    versions: tuple[Questionnaire, ...],
) -> None:
    from mangfold.index.benchmark import CityResult
    from mangfold.index.crossversion import mapped_changes

    old, new = versions
    before = CityResult("x", 50.0, {"media": 40.0, "mediation": 60.0, "welcoming": 30.0})
    after = CityResult("x", 55.0, {"media": 55.0, "mediation": 60.0, "welcoming": 70.0})
    changes = {c.measure: c for c in mapped_changes(before, after, old, new)}
    assert changes["media"].change == 15.0 and changes["mediation"].change == 0.0
    assert changes["welcoming"].change is None and not changes["welcoming"].comparable
    assert changes["overall"].change is None  # 2026.1 and 2026.2 overall scores are not comparable
    with pytest.raises(ValueError, match=r"no version map from 2026\.2"):
        mapped_changes(after, before, new, old)
