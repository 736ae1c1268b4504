"""The questionnaire model, version mapping and the package's public names."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

import mangfold.index
from mangfold.index.model import (
    Band,
    Choice,
    Indicator,
    Language,
    Question,
    Questionnaire,
    QuestionType,
    Text,
)
from mangfold.index.versions import code_map, migrate_answers


def test_text_holds_one_string_per_language() -> None:
    text = Text({"en": "Commitment"}, da="Forpligtelse", sv="")
    assert text == Text(da="Forpligtelse", en="Commitment")
    assert text.languages == ("da", "en") and "sv" not in text
    assert text.get("en") == "Commitment"
    assert text.get("de") == "" and text.get("de", "da") == "Forpligtelse"
    assert text.as_dict() == {"da": "Forpligtelse", "en": "Commitment"}
    assert not Text() and not Text(da="")
    assert hash(text) == hash(Text(en="Commitment", da="Forpligtelse"))


@pytest.mark.parametrize(
    ("name", "code"),
    [("Danish (da)", "da"), ("English  (en) ", "en"), ("Norsk bokmål (nb)", "nb"), ("English", "English")],
)
def test_a_language_code_comes_from_the_parentheses(name: str, code: str) -> None:
    assert Language.parse(name).code == code


def test_question_defaults_follow_the_type() -> None:
    yes_no = Question("Q1", Text(da="?"), QuestionType.YES_NO)
    assert yes_no.scored and yes_no.list_name == "yes_no" and yes_no.xlsform_type == "select_one yes_no"
    number = Question("Q2", Text(da="?"), QuestionType.NUMBER, integer=True)
    assert not number.scored and number.xlsform_type == "integer"
    banded = Question("Q3", Text(da="?"), QuestionType.NUMBER, bands=(Band(0, 0), Band(1, 100)))
    assert banded.scored and banded.xlsform_type == "decimal"
    text = Question("Q4", Text(da="?"), QuestionType.TEXT)
    assert not text.scored and text.xlsform_type == "text"
    multiple = Question("Q5", Text(da="?"), QuestionType.MULTIPLE_CHOICE, list_name="parts", scored=False)
    assert not multiple.scored and multiple.xlsform_type == "select_multiple parts"


def test_questionnaire_lookups(worked_example: Questionnaire) -> None:
    q = worked_example
    assert q.question("C3").list_name == "parts" and q.has_question("C3") and not q.has_question("X")
    with pytest.raises(KeyError):
        q.question("intro")  # a note, not a question
    assert [x.code for x in q.questions_of("education")] == ["E1", "E2", "E3", "E4"]
    assert [i.code for i in q.members_of("lens")] == ["education", "interaction"]
    assert [c.name for c in q.choice_lists] == ["yes_no", "level", "parts", "frequency"]
    assert q.scored and q.composite("lens").name.get("en") == "Intercultural lens"
    assert q.label(q.indicator("commitment").name, "de") == "Forpligtelse"  # falls back to Danish
    with pytest.raises(KeyError):
        q.indicator("media")


def test_notes_and_layout_do_not_take_part_in_equality(worked_example: Questionnaire) -> None:
    other = replace(worked_example, notes=(Text(en="x"),), layout=(("survey", ("type",)),))
    assert other == worked_example
    assert replace(worked_example, version="2") != worked_example


def _next_version(previous: Questionnaire) -> Questionnaire:
    """Version 2: C2 renamed C2b, E1 split into E1a and E1b, E3 dropped."""
    rows = []
    for row in previous.rows:
        if isinstance(row, Question) and row.code == "C2":
            rows.append(replace(row, code="C2b", previous_code="C2"))
        elif isinstance(row, Question) and row.code == "E1":
            rows += [
                replace(row, code="E1a", previous_code="E1"),
                replace(row, code="E1b", previous_code="E1"),
            ]
        elif not (isinstance(row, Question) and row.code == "E3"):
            rows.append(row)
    return replace(previous, version="2", previous_version="1", rows=tuple(rows))


def test_code_map_follows_previous_codes(worked_example: Questionnaire) -> None:
    current = _next_version(worked_example)
    mapping = code_map(current, worked_example)
    assert mapping["C2b"] == "C2" and mapping["E1a"] == mapping["E1b"] == "E1"
    assert mapping["C1"] == "C1" and "E3" not in mapping.values()
    with pytest.raises(ValueError, match="follows version 1, not 7"):
        code_map(current, replace(worked_example, version="7"))


def test_migrate_answers_carries_answers_to_the_new_codes(worked_example: Questionnaire) -> None:
    current = _next_version(worked_example)
    old = {"C1": "yes", "C2": "full", "E1": "partial", "E3": "no"}
    migrated, left = migrate_answers(old, current, worked_example)
    assert migrated == {"C1": "yes", "C2b": "full", "E1a": "partial", "E1b": "partial"}
    assert left == ("E3",)
    assert migrate_answers(old, current)[0] == migrated  # without the previous questionnaire


def test_the_package_exports_its_public_names_lazily() -> None:
    assert mangfold.index.__all__ == sorted(mangfold.index._EXPORTS)
    for name in mangfold.index.__all__:
        assert getattr(mangfold.index, name) is not None
    with pytest.raises(AttributeError):
        _ = mangfold.index.nothing_here
    code = "import sys, mangfold.index; print('openpyxl' in sys.modules, 'pyxform' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_the_model_refuses_impossible_points_and_weights() -> None:
    with pytest.raises(ValueError, match="choice 'a': points must lie in 0–100"):
        Choice("a", points=101)
    with pytest.raises(ValueError, match="band 5: points"):
        Band(5, -1)
    with pytest.raises(ValueError, match="question 'Q1': weight"):
        Question("Q1", Text(da="?"), QuestionType.TEXT, weight=0)
    with pytest.raises(ValueError, match="indicator 'x': weight"):
        Indicator("x", Text(da="x"), weight=float("nan"))
