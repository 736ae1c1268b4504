"""A third language added by a setting and catalogues alone (issue #12, item 2): the page's language
reaches the core through the bridge, and the briefing form's section labels come from the core's
catalogue of that language."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.test import RequestFactory, override_settings

from mangfold.i18n import active_language
from mangfold.reports.briefing_words import headings
from mangfold.web.core.middleware import CoreLanguageMiddleware
from mangfold.web.reports.forms import BriefingForm

SWEDISH = """msgid ""
msgstr ""
"Language: sv\\n"

msgid "Recommendation and decision"
msgstr "Förslag till beslut"
"""

THREE = [("da", "Dansk"), ("en", "English"), ("sv", "Svenska")]


@pytest.fixture(autouse=True)
def swedish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "sv" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "briefing.po").write_text(SWEDISH, encoding="utf-8")
    monkeypatch.setenv("MANGFOLD_LOCALE_PATHS", str(tmp_path))


def test_the_briefing_form_labels_its_sections_from_the_swedish_catalogue() -> None:
    form = BriefingForm(lang="sv")
    assert form.fields["recommendation"].label == "Förslag till beslut"
    assert form.fields["problem"].label == "Issue"  # not in the catalogue: English, not Danish


@override_settings(LANGUAGES=THREE)
def test_a_swedish_page_gives_the_core_swedish() -> None:
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(active_language())
        return HttpResponse(headings(active_language())["recommendation"])

    chain = LocaleMiddleware(CoreLanguageMiddleware(view))
    response = chain(RequestFactory().get("/sv/", HTTP_ACCEPT_LANGUAGE="sv"))
    assert seen == ["sv"]
    assert response.content.decode() == "Förslag till beslut"
