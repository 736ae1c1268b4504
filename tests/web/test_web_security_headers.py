"""The headers every response carries (content security and permissions policies), no caching of what a
signed-in user sees (pages, evidence files, a briefing's files), and NUL characters refused with a 400."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mangfold.web.assessments.models import Answer
from mangfold.web.reports.models import ReportFile
from tests.conftest import World

pytestmark = pytest.mark.django_db

TOKEN = "securityheaderstoken0123456789ab"
SAVE = "/en/assessments/test-network/2026/city/city-a/save/"


def directives(response: Any) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";")}


def post(client: Any, path: str, data: dict[str, Any], **headers: Any) -> Any:
    client.cookies["csrftoken"] = TOKEN
    return client.post(path, data, HTTP_X_CSRFTOKEN=TOKEN, **headers)


def test_every_page_has_a_policy_that_allows_only_the_sites_own_scripts_and_style_sheets(
    world: World,
) -> None:
    from django.test import Client

    for path in ("/da/", "/en/results/", "/en/accounts/login/", "/en/no-such-page/"):
        policy = directives(Client().get(path))
        assert policy["script-src"] == "script-src 'self'", path
        assert policy["style-src"] == "style-src 'self'", path
        assert policy["style-src-attr"] == "style-src-attr 'unsafe-inline'"  # attributes only
        assert [d for d in policy.values() if "unsafe" in d] == ["style-src-attr 'unsafe-inline'"]
        assert policy["object-src"] == "object-src 'none'"
        assert policy["frame-ancestors"] == "frame-ancestors 'none'"


def test_every_page_turns_off_the_browser_features_it_does_not_use(world: World) -> None:
    from django.test import Client

    features = dict(item.split("=") for item in Client().get("/da/")["Permissions-Policy"].split(", "))
    assert features["camera"] == "()" and features["geolocation"] == "()" and features["microphone"] == "()"


def test_a_public_page_for_an_anonymous_visitor_may_be_cached(world: World) -> None:
    from django.test import Client

    response = Client().get("/en/practices/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_no_page_a_signed_in_user_sees_is_stored_by_a_cache(
    world: World, client_for: Callable[[str], Any]
) -> None:
    client = client_for("viewer")
    for path in ("/en/practices/", "/en/results/", "/en/accounts/me/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], path
        assert "Cookie" in response["Vary"]


def test_an_evidence_file_is_never_stored_by_a_cache(world: World, client_for: Callable[[str], Any]) -> None:
    path = f"/en/assessments/test-network/2026/city/city-a/files/{world.paths['attachment_a']}/"
    response = client_for("editor").get(path)
    assert b"".join(response.streaming_content) == b"council minutes"
    assert "no-store" in response["Cache-Control"]


def test_a_briefing_file_is_never_stored_by_a_cache(world: World, client_for: Callable[[str], Any]) -> None:
    from mangfold.web.reports import keys

    BRIEFING = ReportFile.Kind.BRIEFING
    round_ = world.city_b.assessments.get(round__slug="2026").round
    key = keys.report_key(BRIEFING, "docx", round_, world.city_b, "en")
    ReportFile.objects.create(
        key=key,
        kind=BRIEFING,
        fmt="docx",
        city=world.city_b,
        round=round_,
        language="en",
        status=ReportFile.Status.DONE,
        content=b"PK briefing",
    )
    response = client_for("official_b").get("/en/reports/test-network/2026/city-b/briefing/docx/download/")
    assert response.status_code == 200 and response.content == b"PK briefing"
    assert "no-store" in response["Cache-Control"]


def test_a_nul_in_an_answer_is_refused_with_a_400_and_nothing_is_stored(
    world: World, client_for: Callable[[str], Any]
) -> None:
    before = list(Answer.objects.order_by("pk").values())
    data = {"question": "COM1", "ver-COM1": "1", "a-COM1": "yes", "ev-COM1": "minutes\x00of the council"}
    response = post(client_for("editor"), SAVE, data)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()  # the site's own page
    assert list(Answer.objects.order_by("pk").values()) == before


def test_autosave_gets_the_refusal_as_json_in_the_pages_language(
    world: World, client_for: Callable[[str], Any]
) -> None:
    data = {"question": "COM1", "ver-COM1": "1", "a-COM1": "yes", "ev-COM1": "\x00"}
    response = post(client_for("editor"), SAVE.replace("/en/", "/da/"), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"
    assert "NUL-tegn" in response.json()["message"]


def test_a_nul_in_a_field_name_or_a_search_is_refused_too(
    world: World, client_for: Callable[[str], Any]
) -> None:
    assert post(client_for("editor"), SAVE, {"question\x00": "COM1"}).status_code == 400
    assert client_for("anonymous").get("/en/practices/", {"q": "bus\x00"}).status_code == 400


def test_a_forged_post_with_a_nul_is_still_refused_by_the_csrf_check(
    world: World, client_for: Callable[[str], Any]
) -> None:
    response = client_for("editor").post(SAVE, {"question": "COM1\x00"})
    assert response.status_code == 403
    assert b"CSRF" in response.content


def test_text_without_nul_still_saves(world: World, client_for: Callable[[str], Any]) -> None:
    data = {"question": "COM1", "ver-COM1": "1", "a-COM1": "yes", "ev-COM1": "Tab\tand newline\n are fine"}
    response = post(client_for("editor"), SAVE, data)
    assert response.status_code == 200, response.content
    answer = Answer.objects.get(
        assessment__city=world.city_a, assessment__round__slug="2026", question="COM1"
    )
    assert answer.evidence.startswith("Tab\tand newline")
