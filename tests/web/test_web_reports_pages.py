"""The report pages: the public city profile, the private briefing (edit, versions), files made in the
background and cached until the data change."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from mangfold.web.accounts.models import CityRole, NetworkRole
from mangfold.web.reports.models import Briefing, ReportFile
from mangfold.web.reports.tasks import make_report
from tests.reports.reports_world import FOCUS, ReportsWorld, build_reports_world

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BASE = f"/{{lang}}/reports/report-net/2024/{FOCUS}/"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def rw(db: Any, settings: Any) -> ReportsWorld:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_reports_world()


@pytest.fixture
def client_as(rw: ReportsWorld) -> Callable[[str], Client]:
    """A CSRF-enforcing client logged in as: admin, coordinator, editor, viewer (of the focus city),
    other (coordinator of another city) or anonymous."""
    from django.contrib.auth import get_user_model

    users = {}
    for role in ("admin", "coordinator", "editor", "viewer", "other"):
        users[role] = get_user_model().objects.create_user(role, password="not-used-here-42")
    NetworkRole.objects.create(user=users["admin"], network=rw.network)
    for role in ("coordinator", "editor", "viewer"):
        CityRole.objects.create(user=users[role], city=rw.focus, role=role)
    CityRole.objects.create(user=users["other"], city=rw.cities["oestby"], role="coordinator")

    def make(role: str) -> Client:
        client = Client(enforce_csrf_checks=False)
        if role != "anonymous":
            client.force_login(users[role])
        return client

    return make


def url(rest: str = "", lang: str = "da") -> str:
    return BASE.format(lang=lang) + rest


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("lang", "words"), [("da", "ligger nr."), ("en", "ranks")])
def test_a_published_profile_is_public(rw: ReportsWorld, lang: str, words: str) -> None:
    response = Client().get(url(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    text = visible_text(html)
    assert f"Ærøskøbing {words}" in text
    assert "Legacyby" in text and "Skjultby" not in text
    assert (
        'id="chart-ranking"' in html and 'id="chart-indicator-education"' in html
    )  # the web draws the specs
    assert "Kilde: Danmarks Statistik" in text if lang == "da" else "Source: Statistics Denmark" in text
    peer_groups = {
        "da": "byer med under eller mindst 200.000 indbyggere, med mere eller mindre end 15 % udenlandsfødte",
        "en": "cities under or at least 200,000 inhabitants, with more or less than 15 % foreign-born",
    }
    assert peer_groups[lang] in text
    assert "/briefing/" not in html  # the briefing's existence is not shown to the public


def test_no_profile_without_a_public_result(rw: ReportsWorld, client_as: Callable[[str], Client]) -> None:
    assert client_as("admin").get("/da/reports/report-net/2024/skjultby/").status_code == 404  # approved only
    assert Client().get("/da/reports/report-net/2023/tromso/").status_code == 404  # not in that round
    rw.rounds["2024"].embargo_until = timezone.now() + datetime.timedelta(days=1)
    rw.rounds["2024"].save()
    assert client_as("coordinator").get(url()).status_code == 404


def test_the_briefing_is_for_the_city_and_the_network_only(
    rw: ReportsWorld, client_as: Callable[[str], Client]
) -> None:
    for role in ("admin", "coordinator", "editor", "viewer"):
        assert client_as(role).get(url("briefing/")).status_code == 200, role
    assert client_as("other").get(url("briefing/")).status_code == 404
    anonymous = client_as("anonymous").get(url("briefing/"))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert client_as("other").get(url("briefing/pdf/")).status_code == 404
    assert client_as("other").post(url("briefing/docx/")).status_code == 404
    assert client_as("other").get(url("briefing/docx/download/")).status_code == 404
    assert "/briefing/" in client_as("viewer").get(url()).content.decode()  # linked for those who may see it


def test_the_drafted_briefing_shows_the_figures_in_the_six_sections(
    rw: ReportsWorld, client_as: Callable[[str], Client]
) -> None:
    html = client_as("coordinator").get(url("briefing/")).content.decode()
    labels = re.findall(r'<label for="id_(\w+)">([^<]+)</label>', html)
    assert labels[2:] == [
        ("recommendation", "Indstilling og beslutning"),
        ("problem", "Problemstilling"),
        ("solution", "Løsning"),
        ("economy", "Økonomi"),
        ("process", "Videre proces"),
        ("attachments", "Bilag"),
    ]
    overall = rw.assessments[("2024", FOCUS)].overall
    assert f"{overall:.1f}".replace(".", ",") in html
    assert 'aria-describedby="id_problem_helptext"' in html
    assert 'id="id_problem_helptext"' in html


def edit(client: Client, version: int, **changes: str) -> Any:
    values = {
        "title": "Ærøskøbings resultat",
        "case_number": "2024-0815",
        "version": str(version),
        "recommendation": "Forvaltningen indstiller, at udvalget\n\n1. tager orienteringen til efterretning.",
        "problem": "Problem.",
        "solution": "Løsning.",
        "economy": "Ingen.",
        "process": "Videre.",
        "attachments": "- Bilag 1: Byprofil",
        **changes,
    }
    return client.post(url("briefing/"), values)


def test_the_case_line_carries_the_case_number_or_a_blank_to_fill_in(
    rw: ReportsWorld, client_as: Callable[[str], Client]
) -> None:
    from mangfold.web.reports.rendering import make

    round_ = rw.rounds["2024"]
    blank = make("briefing", "html", round_, FOCUS, "da")
    assert blank is not None and "Sagsnr. ______________ ·" in blank.decode()
    viewer_page = client_as("viewer").get(url("briefing/")).content.decode()
    assert "Sagsnummer: ______________" in visible_text(viewer_page)
    coordinator = client_as("coordinator")
    assert edit(coordinator, 0).status_code == 302
    entered = make("briefing", "html", round_, FOCUS, "da")
    assert entered is not None and "Sagsnr. 2024-0815 ·" in entered.decode()
    assert "2024-0815" in client_as("viewer").get(url("briefing/")).content.decode()


def test_a_viewer_reads_the_briefing_but_may_not_change_it(
    rw: ReportsWorld, client_as: Callable[[str], Client]
) -> None:
    viewer = client_as("viewer")
    assert "<textarea" not in viewer.get(url("briefing/")).content.decode()
    assert edit(viewer, 0).status_code == 403
    assert not Briefing.objects.exists()


def test_saving_on_an_old_version_is_refused_and_both_texts_shown(
    rw: ReportsWorld, client_as: Callable[[str], Client]
) -> None:
    first, second = client_as("coordinator"), client_as("editor")
    assert edit(first, 0, problem="Første udgave.").status_code == 302
    saved = Briefing.objects.get()
    assert (saved.version, saved.sections["problem"], saved.language) == (1, "Første udgave.", "da")
    refused = edit(second, 0, problem="Anden udgave.")
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "En anden har gemt indstillingen" in html
    assert "Første udgave." in html and "Anden udgave." in html  # theirs below, mine in the form
    assert 'name="version" value="1"' in html
    assert Briefing.objects.get().sections["problem"] == "Første udgave."
    assert edit(second, 1, problem="Flettet udgave.").status_code == 302
    assert (Briefing.objects.get().version, Briefing.objects.get().sections["problem"]) == (
        2,
        "Flettet udgave.",
    )
    assert Briefing.objects.get().updated_by.username == "editor"


def test_briefings_are_kept_per_language(rw: ReportsWorld, client_as: Callable[[str], Client]) -> None:
    client = client_as("coordinator")
    assert edit(client, 0).status_code == 302
    english = client.get(url("briefing/", "en")).content.decode()
    assert "Not saved yet" in english and "Recommendation and decision" in english
    assert (
        client.post(url("briefing/", "en"), {"title": "", "version": "0"}).status_code == 200
    )  # invalid: shown again
    assert Briefing.objects.count() == 1


def test_drafting_again_fills_the_form_from_the_data(
    rw: ReportsWorld, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    edit(client, 0, problem="Min egen tekst.")
    assert "Min egen tekst." in client.get(url("briefing/")).content.decode()
    redrafted = client.get(url("briefing/?redraft=1")).content.decode()
    assert "Min egen tekst." not in redrafted and "ligger nr." in redrafted
    assert 'name="version" value="1"' in redrafted  # saving the new draft replaces version 1


def test_a_file_is_made_in_the_background_once_until_the_data_change(
    rw: ReportsWorld, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    assert client.get(url("briefing/docx/download/")).status_code == 404  # not made yet
    assert client.get(url("briefing/docx/?format=json")).json()["state"] == "missing"
    with override_settings(TASKS=IMMEDIATE):
        assert client.post(url("briefing/docx/")).status_code == 302
        status = client.get(url("briefing/docx/?format=json")).json()
        assert status["done"] and status["progress"] == 100 and status["download"].endswith("/download/")
        download = client.get(status["download"])
        assert download.status_code == 200 and download["Content-Type"] == DOCX
        assert (
            download["Content-Disposition"]
            == f'attachment; filename="mangfold-briefing-{FOCUS}-2024-da.docx"'
        )
        first = ReportFile.objects.get()
        client.post(url("briefing/docx/"))
        assert ReportFile.objects.get().pk == first.pk  # cached: nothing made again
        edit(client, 0, problem="Ny tekst.")  # the briefing changes: a new file is due
        assert client.get(url("briefing/docx/?format=json")).json()["state"] == "missing"
        client.post(url("briefing/docx/"))
    newest = ReportFile.objects.get()  # the stale file is gone
    assert newest.pk != first.pk and newest.status == ReportFile.Status.DONE


def test_the_progress_shows_while_the_worker_has_not_run(
    rw: ReportsWorld, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    assert client.post(url("briefing/docx/")).status_code == 302  # the database backend: queued
    status = client.get(url("briefing/docx/?format=json")).json()
    assert status == {
        "state": "queued",
        "progress": 0,
        "step": "Venter på baggrundsprocessen",
        "done": False,
        "failed": False,
        "download": None,
        "size": None,
    }
    page = client.get(url("briefing/docx/")).content.decode()
    assert "<progress" in page and "Opdater siden for at se, hvor langt den er" in page
    assert "reports/progress.js" in page
    queued = ReportFile.objects.get()
    task = make_report.get_result(queued.task_id)  # the task as the database backend stored it
    assert task.status == "READY" and task.args == [queued.pk]
    task.task.call(*task.args, **task.kwargs)  # what the worker (db_worker) runs
    assert client.get(url("briefing/docx/?format=json")).json()["done"]
    assert "Hent" in client.get(url("briefing/docx/")).content.decode()


def test_a_failed_file_says_so_and_can_be_made_again(
    rw: ReportsWorld, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    client.post(url("briefing/docx/"))
    ReportFile.objects.update(status=ReportFile.Status.FAILED, error="LookupError: test")
    page = client.get(url("briefing/docx/")).content.decode()
    assert "Filen kunne ikke laves." in page and "Prøv igen" in page
    with override_settings(TASKS=IMMEDIATE):
        client.post(url("briefing/docx/"))
    assert ReportFile.objects.get().status == ReportFile.Status.DONE


def test_a_file_the_worker_never_finished_is_made_again(
    rw: ReportsWorld, client_as: Callable[[str], Client]
) -> None:
    client = client_as("coordinator")
    client.post(url("briefing/docx/"))
    ReportFile.objects.update(
        status=ReportFile.Status.RUNNING, started_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    with override_settings(TASKS=IMMEDIATE):
        client.post(url("briefing/docx/"))
        assert ReportFile.objects.get().status == ReportFile.Status.RUNNING  # still within time: left alone
        ReportFile.objects.update(started_at=timezone.now() - datetime.timedelta(minutes=11))
        client.post(url("briefing/docx/"))
    assert ReportFile.objects.get().status == ReportFile.Status.DONE


def test_a_practice_change_or_a_new_result_makes_the_profile_due_again(rw: ReportsWorld) -> None:
    from mangfold.web.reports import keys

    round_ = rw.rounds["2024"]
    key = keys.report_key("profile", "pdf", round_, rw.focus, "da")
    assert key == keys.report_key("profile", "pdf", round_, rw.focus, "da")
    assert key != keys.report_key("profile", "pdf", round_, rw.focus, "en")
    rw.practices["mentors"].save()  # updated_at moves
    after_practice = keys.report_key("profile", "pdf", round_, rw.focus, "da")
    assert after_practice != key
    skjult = rw.assessments[("2024", "skjultby")]
    skjult.state, skjult.published_at = "published", timezone.now()
    skjult.save()
    assert keys.report_key("profile", "pdf", round_, rw.focus, "da") != after_practice


def test_unknown_formats_are_not_found(rw: ReportsWorld) -> None:
    client = Client()
    assert client.get(url("profile/docx/")).status_code == 404
    assert client.get(url("nonsense/pdf/")).status_code == 404
    assert client.get(url("profile/pdf/")).status_code == 200
