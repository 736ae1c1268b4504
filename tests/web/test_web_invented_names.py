"""An invented city's name is marked as invented wherever accounts, assessments, barometer and reports pages
show it, once and in the page's language; its stored English aside ("Testby (example)") is never shown."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from mangfold.web.assessments.notices import send_notice

MARKS = {"da": "Testby (opdigtet eksempel)", "en": "Testby (invented example)"}


def _invent(city: Any) -> None:
    city.name = "Testby (example)"
    city.is_example = True
    city.save()


def _assert_marked_once(text: str, lang: str) -> None:
    """Every "Testby" on the page is followed by the page's mark, and by nothing else of the kind."""
    other = "en" if lang == "da" else "da"
    assert text.count(MARKS[lang]) >= 1
    assert text.count("Testby") == text.count(MARKS[lang])
    assert "(example)" not in text
    assert MARKS[other] not in text
    assert f"{MARKS[lang]} (" not in text  # no second mark after the first


RANKING_BARS = re.compile(r'<script type="application/json">[^<]*"order": 0[^<]*</script>')
"""The results app's ranking bars that a report shows: web/results labels them (not the reports app)."""


CITY_A_PAGES = [
    ("coordinator", "/{lang}/accounts/cities/city-a/"),
    ("coordinator", "/{lang}/accounts/cities/city-a/officials/"),
    ("coordinator", "/{lang}/accounts/cities/city-a/invite/"),
    ("coordinator", "/{lang}/accounts/me/"),
    ("coordinator", "/{lang}/assessments/test-network/2026/city/city-a/"),
    ("coordinator", "/{lang}/assessments/test-network/2026/city/city-a/review/"),
    ("coordinator", "/{lang}/assessments/test-network/2026/city/city-a/scorecard/"),
    ("coordinator", "/{lang}/assessments/test-network/2026/city/city-a/answers/commitment/"),
    ("coordinator", "/{lang}/barometer/cities/city-a/manage/"),
    ("admin", "/{lang}/assessments/test-network/2025/city/city-a/approve/"),
]

CITY_B_PAGES = [
    "/{lang}/barometer/",
    "/{lang}/barometer/cities/city-b/",
    "/{lang}/reports/test-network/2026/city-b/",
    "/{lang}/reports/test-network/2026/city-b/profile/pdf/",
]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize(("role", "path"), CITY_A_PAGES)
def test_an_invented_citys_own_pages_mark_its_name(
    world: Any, client_for: Any, lang: str, role: str, path: str
) -> None:
    _invent(world.city_a)
    response = client_for(role).get(path.format(lang=lang))
    assert response.status_code == 200, path
    _assert_marked_once(response.content.decode(), lang)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("path", CITY_B_PAGES)
def test_public_pages_mark_an_invented_citys_name(world: Any, client_for: Any, lang: str, path: str) -> None:
    _invent(world.city_b)
    response = client_for("anonymous").get(path.format(lang=lang))
    assert response.status_code == 200, path
    _assert_marked_once(RANKING_BARS.sub("", response.content.decode()), lang)


def test_a_real_citys_name_is_shown_as_stored(world: Any, client_for: Any) -> None:
    html = client_for("coordinator").get("/da/accounts/cities/city-a/").content.decode()
    assert "Aby" in html
    assert "opdigtet eksempel" not in html


def test_notices_mark_an_invented_city_in_each_language(world: Any, settings: Any) -> None:
    from mangfold.web.assessments.models import Assessment

    settings.LANGUAGES = [("da", "Dansk"), ("en", "English")]
    _invent(world.city_a)
    assessment = Assessment.objects.get(round__slug="2026", city=world.city_a)
    mail.outbox.clear()
    assert send_notice(assessment, "invited") == 1
    (message,) = mail.outbox
    for text in (message.subject, message.body):
        assert "(example)" not in text
        assert MARKS["da"] in text and MARKS["en"] in text
