"""The platform's operations on the one command line: ``mangfold load-demo``, ``import-questionnaire``,
``import-legacy-results`` and ``send-reminders`` do what the ``manage.py`` aliases do, and refuse bad input
with a message and exit code 1, never a traceback."""

from __future__ import annotations

import datetime
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from typer.testing import CliRunner

from mangfold.cli import app
from mangfold.cli.send_reminders import DEFAULT_DAYS_HELP
from mangfold.index.xlsform import bundled_questionnaires
from mangfold.web.assessments.models import Assessment, QuestionnaireVersion, Reminder, Round
from mangfold.web.assessments.reminders import DEFAULT_DAYS

pytestmark = pytest.mark.django_db

LEGACY = """network,round,city,overall,source,round_name
test-network,2011,city-a,66,"Committee minutes 16.01.2012",ICC 2011
test-network,2011,city-b,62 %,investmelitopol.gov.ua,ICC 2011
"""


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def test_load_demo_prints_the_same_logins_as_the_manage_py_alias(settings: Any, monkeypatch: Any) -> None:
    monkeypatch.delenv("MANGFOLD_DEMO_PASSWORD", raising=False)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
    result = run("load-demo", "--password", "demo-password-for-tests")
    assert result.exit_code == 0, result.output
    alias = StringIO()
    call_command("load_demo", stdout=alias)  # loading again changes nothing and prints the same
    assert result.output.splitlines()[0] == "Demo network loaded."
    assert "with password 'demo-password-for-tests' as:" in result.output
    users = re.findall(r"^  ([a-z]+) ", result.output, flags=re.MULTILINE)  # what .ci/run reads
    assert users[0] == "netadmin" and "redaktoer" in users
    assert alias.getvalue().replace("'mangfold-demo'", "'demo-password-for-tests'") == result.output


def test_a_questionnaire_is_stored_once_and_a_second_time_refused_naming_the_cell(tmp_path: Path) -> None:
    workbook = bundled_questionnaires()[0]
    result = run("import-questionnaire", str(workbook))
    assert result.exit_code == 0, result.output
    stored = QuestionnaireVersion.objects.get()
    assert result.output == f"Stored {stored}.\n"
    again = run("import-questionnaire", str(workbook))
    assert again.exit_code == 1
    assert "1 problem(s):" in again.output and "exists already" in again.output
    assert "Traceback" not in again.output and QuestionnaireVersion.objects.count() == 1


def test_a_missing_questionnaire_file_is_refused_by_name(tmp_path: Path) -> None:
    result = run("import-questionnaire", str(tmp_path / "nowhere.xlsx"))
    assert result.exit_code == 1 and "nowhere.xlsx" in result.output
    assert not QuestionnaireVersion.objects.exists()


def test_legacy_results_are_imported_and_a_bad_file_names_its_row_and_writes_nothing(
    world: Any, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("network,round,city,overall,source\nno-net,2011,nowhere,50,x\n", encoding="utf-8")
    refused = run("import-legacy-results", str(bad))
    assert refused.exit_code == 1
    assert refused.output.splitlines() == [
        "2 problem(s), nothing imported:",
        "  bad.csv, row 2, column 'network': no network 'no-net'",
        "  bad.csv, row 2, column 'city': no city 'nowhere'",
    ]
    assert not Round.objects.filter(slug="2011").exists()
    good = tmp_path / "results.csv"
    good.write_text(LEGACY, encoding="utf-8")
    result = run("import-legacy-results", str(good))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "2 result(s) imported from results.csv."
    overall = Assessment.objects.filter(round__slug="2011").order_by("city__slug").values_list("overall")
    assert list(overall) == [(66,), (62,)]


def test_reminders_are_sent_on_the_chosen_day_and_bad_days_are_refused(world: Any) -> None:
    round_ = Round.objects.get(network=world.network, slug="2026")
    round_.deadline = datetime.date(2026, 3, 31)
    round_.save()
    assert run("send-reminders", "--date", "2026-03-16", "--days", "14").output == "0 reminder(s) sent.\n"
    result = run("send-reminders", "--date", "2026-03-17", "--days", "14")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "1 reminder(s) sent." and Reminder.objects.count() == 1
    for option, value, message in [
        ("--days", "14,seven", "--days: 'seven' is not a whole number of days"),
        ("--date", "17.03.2026", "--date: '17.03.2026' is not a date written YYYY-MM-DD"),
    ]:
        refused = run("send-reminders", option, value)
        assert refused.exit_code == 1 and message in refused.output
    assert Reminder.objects.count() == 1


def test_the_help_states_the_reminders_own_default_days() -> None:
    assert ",".join(map(str, DEFAULT_DAYS)) == DEFAULT_DAYS_HELP
