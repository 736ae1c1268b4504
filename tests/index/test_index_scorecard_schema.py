"""The stored scorecard: a versioned schema read by one loader (load_scorecard)."""

from __future__ import annotations

import json

import pytest

from mangfold.index.model import Questionnaire
from mangfold.index.scorecard import SCHEMA_VERSION, Scorecard, ScorecardSchemaError, load_scorecard
from mangfold.index.scoring import score
from tests.index.test_index_scoring import ANSWERS, COMMITMENT, EDUCATION_ZERO


def test_a_stored_scorecard_reads_back_with_every_number(worked_example: Questionnaire) -> None:
    stored = json.loads(json.dumps(score(worked_example, ANSWERS).to_dict()))
    assert stored["schema"] == SCHEMA_VERSION == 1
    card = load_scorecard(stored)
    assert card is not None
    assert card.overall == pytest.approx(205 / 3) and card.missing_answer_rule == "zero"
    scores = card.indicator_scores()
    assert scores["commitment"] == pytest.approx(COMMITMENT) and scores["education"] == pytest.approx(
        EDUCATION_ZERO
    )
    e1 = next(q for i in card.indicators for q in i.questions if q.code == "E1")
    assert (e1.status, e1.points, e1.weight, e1.share, e1.answer) == (
        "missing_counted_zero",
        0.0,
        3.0,
        0.6,
        None,
    )
    assert card.question_points()["E1"] == 0.0


def test_a_scorecard_stored_before_the_schema_key_is_read_as_version_one() -> None:
    old = Scorecard.legacy(66, {"commitment": 72.5}, source="Report").to_dict()
    del old["schema"]
    card = load_scorecard(old)
    assert card is not None and (card.overall, card.source, card.indicator_scores()) == (
        66.0,
        "Report",
        {"commitment": 72.5},
    )
    assert load_scorecard(None) is None and load_scorecard({}) is None


def test_an_unknown_schema_or_a_wrong_field_is_refused_by_name() -> None:
    stored = Scorecard.legacy(66, source="Report").to_dict()
    with pytest.raises(ScorecardSchemaError, match="schema version 2"):
        load_scorecard({**stored, "schema": 2})
    with pytest.raises(ScorecardSchemaError, match="core_index: not a number: '66'"):
        load_scorecard({**stored, "core_index": "66"})
    with pytest.raises(ScorecardSchemaError, match="lacks 'code'"):
        load_scorecard({**stored, "indicators": [{"score": 50}]})
