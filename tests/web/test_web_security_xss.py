"""Stored cross-site scripting: addresses people type (a practice's links, an imported result's source
address) become links on public pages, so only web addresses (http, https) are accepted or linked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mangfold.web.assessments.legacy import LegacyImportError, import_legacy
from mangfold.web.assessments.models import Assessment
from mangfold.web.practices.models import Practice

pytestmark = pytest.mark.django_db

TOKEN = "securityxsstoken0123456789abcdef"
SCRIPT_URL = "javascript:alert(document.cookie)"


def post(client: Any, path: str, data: dict[str, Any]) -> Any:
    client.cookies["csrftoken"] = TOKEN
    return client.post(path, data, HTTP_X_CSRFTOKEN=TOKEN)


def practice_data(world: Any, links: str) -> dict[str, Any]:
    return {
        "title": "Velkomstvenner",
        "city": world.city_a.pk,
        "indicators": ["welcoming"],
        "purpose": "Nye borgere får en ven i byen.",
        "language": "da",
        "links": links,
    }


def test_a_practice_link_that_is_not_a_web_address_is_refused_with_its_line(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    data = practice_data(world, f"https://example.org/venner\n{SCRIPT_URL}")
    response = post(client_for("editor"), "/en/practices/new/", data)
    assert response.status_code == 200
    assert "Line 2 is not a web address" in response.content.decode()
    assert not Practice.objects.filter(title="Velkomstvenner").exists()
    danish = post(client_for("editor"), "/da/practices/new/", data)
    assert "Linje 2 er ikke en webadresse" in danish.content.decode()


def test_an_edited_practice_keeps_its_links_checked(world: Any, client_for: Callable[[str], Any]) -> None:
    pk = world.paths["practice_a_draft"]
    page = client_for("editor").get(f"/en/practices/{pk}/edit/")
    data = {**practice_data(world, SCRIPT_URL), "loaded": page.context["form"]["loaded"].value()}
    response = post(client_for("editor"), f"/en/practices/{pk}/edit/", data)
    assert response.status_code == 200
    assert "Line 1 is not a web address" in response.content.decode()
    assert Practice.objects.get(pk=pk).links == ""
    data["links"] = "https://example.org/venner"
    assert post(client_for("editor"), f"/en/practices/{pk}/edit/", data).status_code == 302
    assert Practice.objects.get(pk=pk).links == "https://example.org/venner"


def test_a_stored_script_address_is_never_a_link_on_the_public_page(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    pk = world.paths["practice_a_published"]
    Practice.objects.filter(pk=pk).update(links=f"https://example.org/ok\n {SCRIPT_URL}\nJaVaScRiPt:x")
    body = client_for("anonymous").get(f"/en/practices/{pk}/").content.decode()
    assert 'href="https://example.org/ok"' in body
    assert "javascript:" not in body.lower()


def legacy_csv(source_url: str) -> str:
    return (
        "network,round,city,overall,source,source_url\n"
        f"test-network,2014,city-b,70,Annual report 2014,{source_url}\n"
    )


def test_an_imported_source_address_must_be_a_web_address(world: Any) -> None:
    with pytest.raises(LegacyImportError) as caught:
        import_legacy(legacy_csv(SCRIPT_URL))
    assert [str(p) for p in caught.value.problems] == [
        "row 2, column 'source_url': not a web address (starting with https:// or http://): "
        "'javascript:alert(document.cookie)'"
    ]
    assert not Assessment.objects.filter(round__slug="2014").exists()
    import_legacy(legacy_csv("https://example.org/report-2014.pdf"))
    assert Assessment.objects.get(round__slug="2014").source_url == "https://example.org/report-2014.pdf"


def test_the_admin_import_refuses_a_script_source_address(world: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    client = Client()
    client.force_login(world.users["admin"])
    upload = SimpleUploadedFile("r.csv", legacy_csv(SCRIPT_URL).encode())
    response = client.post("/en/admin/assessments/assessment/import-legacy/", {"file": upload})
    assert response.status_code == 200
    assert "column &#x27;source_url&#x27;: not a web address" in response.content.decode()
    assert not Assessment.objects.filter(round__slug="2014").exists()
