"""A fetch plan as stored with a fetched dataset: the order of its selection survives the database."""

from __future__ import annotations

import json

from mangfold.sources.plan import FetchPlan, parse_selection

SELECTION = parse_selection(["OMRÅDE=101", "HERKOMST=*", "Tid=2024K1,2024K2"])


def test_the_selection_is_stored_as_pairs_in_the_order_it_was_named() -> None:
    plan = FetchPlan("statbank", "FOLK1C", SELECTION, select={"KØN": ["1", "2"]})
    stored = plan.as_json()
    assert stored["selection"] == [["OMRÅDE", ["101"]], ["HERKOMST", ["*"]], ["Tid", ["2024K1", "2024K2"]]]
    assert stored["select"] == [["KØN", ["1", "2"]]]


def test_a_stored_plan_reads_back_as_the_same_plan_with_the_same_order() -> None:
    plan = FetchPlan("statbank", "FOLK1C", SELECTION, area="OMRÅDE", level="municipality")
    again = FetchPlan.from_json(json.loads(json.dumps(plan.as_json())))
    assert again == FetchPlan("statbank", "FOLK1C", SELECTION, area="OMRÅDE", level="municipality")
    assert list(again.selection) == ["OMRÅDE", "HERKOMST", "Tid"]


def test_a_plan_stored_before_the_pairs_still_reads() -> None:
    older = {"service": "pxweb", "table": "https://px.example/T1", "selection": {"Region": ["0301"]}}
    plan = FetchPlan.from_json({**older, "select": {}, "retired_field": 1})
    assert (plan.service, plan.table, dict(plan.selection), dict(plan.select)) == (
        "pxweb",
        "https://px.example/T1",
        {"Region": ["0301"]},
        {},
    )
