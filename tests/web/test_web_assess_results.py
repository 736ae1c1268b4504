"""Published results: the round's results page, the scorecard explained, legacy imports and the demo."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from mangfold.web.assessments.legacy import LegacyImportError, import_legacy
from mangfold.web.assessments.models import Assessment, Round

pytestmark = pytest.mark.django_db

RESULTS = "/en/assessments/test-network/2026/results/"


def test_the_results_page_shows_published_scores_per_city_and_indicator(world: Any) -> None:
    published = Assessment.objects.get(round__slug="2026", city=world.city_b)
    body = Client().get(RESULTS).content.decode()
    assert "Bby" in body and "Aby" not in body  # city A's draft is not published
    commitment = published.official_scorecard["indicators"][0]["score"]
    assert f'<td class="num">{round(published.overall)}</td>' in body
    assert commitment == pytest.approx(100 / 6)  # COM1 "yes" (100 points) of 6 scored questions
    assert 'Commitment</th><td class="num">17</td>' in body


def test_no_evidence_is_ever_public(world: Any) -> None:
    client = Client()
    base = "/en/assessments/test-network/2026/city/city-b/"
    for path in (RESULTS, base, f"{base}scorecard/", "/en/assessments/test-network/2026/"):
        body = client.get(path).content.decode()
        assert "Private evidence" not in body and "minutes.txt" not in body, path
    assert client.get(f"{base}files/{world.paths['attachment_b']}/").status_code == 302
    assert client.get(f"{base}history/COM1/").status_code == 302


def test_the_scorecard_explains_each_indicator_question_by_question(world: Any) -> None:
    client = Client()
    client.force_login(world.users["coordinator"])
    body = client.get("/en/assessments/test-network/2026/city/city-a/scorecard/").content.decode()
    assert "live scores of the answers so far" in body
    assert "Has the city council adopted a statement" in body
    assert "not answered: counts 0 points" in body
    assert "<td>Yes</td>" in body and '<td class="num">100</td>' in body  # COM1 earns 100 points
    assert f"Commitment: {round(100 / 6)}" in body  # COM1's 100 points over 6 scored questions (COM7 is text)


def test_the_public_scorecard_never_shows_free_text_answers(world: Any) -> None:
    from mangfold.index.scorecard import load_scorecard
    from mangfold.web.assessments.questionnaires import questionnaire_of
    from mangfold.web.assessments.scores import scorecard_view

    published = Assessment.objects.get(round__slug="2026", city=world.city_b)
    card = dict(published.official_scorecard)
    line = {
        "code": "COM7",
        "status": "unscored",
        "answer": "Our secret plan",
        "points": None,
        "share": None,
        "contribution": None,
    }
    card["indicators"] = [{**card["indicators"][0], "questions": [line]}]
    questionnaire = questionnaire_of(published.round.questionnaire)
    stored = load_scorecard(card)
    assert stored is not None
    assert scorecard_view(stored, questionnaire, private=False).indicators[0].lines[0].answer == "–"
    assert (
        scorecard_view(stored, questionnaire, private=True).indicators[0].lines[0].answer == "Our secret plan"
    )


LEGACY = """network,round,city,overall,source,source_url,note,round_name,commitment
test-network,2011,city-a,66,"Committee minutes 16.01.2012",https://example.org/m,"5th of 20",ICC 2011,"72,5"
test-network,2011,city-b,62 %,investmelitopol.gov.ua,,,ICC 2011,
"""


def test_legacy_results_are_imported_with_their_source_and_no_answers(world: Any, tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    path.write_text(LEGACY, encoding="utf-8")
    out = StringIO()
    call_command("import_legacy_results", str(path), stdout=out)
    assert "2 result(s) imported" in out.getvalue()
    round_ = Round.objects.get(network=world.network, slug="2011")
    assert round_.name == "ICC 2011" and round_.questionnaire is None
    a = Assessment.objects.get(round=round_, city=world.city_a)
    assert a.state == "published" and a.overall == 66 and a.source == "Committee minutes 16.01.2012"
    assert a.official_scorecard["indicators"] == [
        {**a.official_scorecard["indicators"][0], "code": "commitment", "score": 72.5}
    ]
    assert not a.answers.exists() and a.transitions.get().to_state == "published"
    body = Client().get("/en/assessments/test-network/2011/results/").content.decode()
    assert (
        "Committee minutes 16.01.2012" in body and "5th of 20" in body and ">66<" in body and ">62<" in body
    )
    detail = Client().get("/en/assessments/test-network/2011/city/city-a/").content.decode()
    assert "imported without answers" in detail and 'href="https://example.org/m"' in detail
    scorecard = Client().get("/en/assessments/test-network/2011/city/city-a/scorecard/").content.decode()
    assert "Commitment: 73" in scorecard and "Committee minutes 16.01.2012" in scorecard
    call_command("import_legacy_results", str(path), stdout=StringIO())  # again: nothing changes
    assert Assessment.objects.filter(round=round_).count() == 2 and a.transitions.count() == 1


def test_a_bad_results_file_names_every_problem_with_row_and_column(world: Any, tmp_path: Path) -> None:
    content = "network,round,city,overall,source,bad column\ntest-network,2011,city-a,166,,\n"
    with pytest.raises(LegacyImportError) as error:
        import_legacy(content)
    assert [str(p) for p in error.value.problems] == [
        "row 1, column 'bad column': not a column name nor an indicator code"
    ]
    content = "network,round,city,overall,source\ntest-network,2011,city-a,166,\nno-net,2011,nowhere,50,x\n"
    with pytest.raises(LegacyImportError) as error:
        import_legacy(content)
    assert [str(p) for p in error.value.problems] == [
        "row 2, column 'overall': a score lies in 0–100, got 166",
        "row 2, column 'source': required",
    ]
    path = tmp_path / "r.csv"
    path.write_text("network,round,city,overall,source\nno-net,2011,nowhere,50,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="row 2, column 'network': no network 'no-net'"):
        call_command("import_legacy_results", str(path))
    assert not Round.objects.filter(slug="2011").exists()


def test_legacy_results_never_overwrite_an_assessment_with_answers(world: Any) -> None:
    with pytest.raises(LegacyImportError, match="has an assessment with answers"):
        import_legacy("network,round,city,overall,source\ntest-network,2026,city-a,50,x\n")
    assert Assessment.objects.get(round__slug="2026", city=world.city_a).state == "draft"


def test_the_demo_loads_published_figures_with_sources_and_an_invented_example(
    db: Any, settings: Any, tmp_path: Path
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MANGFOLD_EVIDENCE_ROOT = tmp_path
    from mangfold.web.core.demo import load_demo

    load_demo("demo-password-123")
    load_demo("demo-password-123")  # idempotent
    copenhagen = Assessment.objects.get(round__slug="2011", city__slug="copenhagen")
    assert copenhagen.overall == 66 and "16.01.2012" in copenhagen.source
    assert (copenhagen.published_rank, copenhagen.published_sample) == (5, 20)
    assert copenhagen.published_period == "2011-spring" and copenhagen.round.instrument == "icc-index"
    published = dict(Assessment.objects.filter(source__gt="").values_list("city__slug", "overall").order_by())
    assert {
        k: published[k] for k in ("oslo", "barcelona", "dortmund", "odesa", "pavlohrad", "melitopol")
    } == {"oslo": 85, "barcelona": 72, "dortmund": 71, "odesa": 70, "pavlohrad": 67, "melitopol": 62}
    assert not Assessment.objects.filter(source__gt="", answers__isnull=False).exists()  # no invented answers
    example = Assessment.objects.get(city__slug="eksempelby", round__slug="2026")
    assert example.state == "published" and example.overall is not None
    assert Assessment.objects.filter(city__slug="eksempelby").count() == 2  # rounds 2026 and 2027
    answers = list(example.answers.all())
    assert len(answers) == len(example.official_scorecard["indicators"][0]["questions"]) + sum(
        len(i["questions"]) for i in example.official_scorecard["indicators"][1:]
    ) + len(example.official_scorecard["unscored"])
    assert all("Invented for the demo" in a.evidence for a in answers)
    body = Client().get("/en/assessments/icc-demo/2026/results/").content.decode()
    assert "Eksempelby (example)" in body and "fictional example, invented answers" in body
    page = Client().get("/da/assessments/icc-demo/2026/city/eksempelby/").content.decode()
    assert 'class="example-banner"' in page and "eksempel" in page
