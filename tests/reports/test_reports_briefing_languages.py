"""A language is added to the briefing by catalogues alone (issue #12, item 2): a Swedish catalogue in a
folder named by ``MANGFOLD_LOCALE_PATHS`` changes the headings and the sentences it translates, with no
code listing the languages; a sentence it lacks stays English."""

from __future__ import annotations

from pathlib import Path

import pytest

from mangfold.charts.locale import number
from mangfold.i18n import catalogue
from mangfold.reports.briefing import HEADINGS, SECTIONS, BriefingFacts, draft
from mangfold.reports.briefing_words import headings
from mangfold.reports.typography import percent

SWEDISH = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: sv\\n"

msgid "Recommendation and decision"
msgstr "Förslag till beslut"

msgid "Issue"
msgstr "Ärendet"

msgid "Solution"
msgstr "Förslag"

msgid "Finances"
msgstr "Ekonomi"

msgid "Next steps"
msgstr "Fortsatt arbete"

msgid "Attachments"
msgstr "Bilagor"

msgid "The administration recommends that the committee"
msgstr "Förvaltningen föreslår att nämnden"

msgid "None."
msgstr "Inga."

msgid "1,234.5"
msgstr "1\u00a0234,5"

msgid "{number}%"
msgstr "{number}\u00a0%"
"""

FACTS = BriefingFacts(city="Malmö", network="ICC", round="ICC-index 2019", score=61.0)


@pytest.fixture
def swedish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "sv" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "briefing.po").write_text(SWEDISH, encoding="utf-8")
    monkeypatch.setenv("MANGFOLD_LOCALE_PATHS", str(tmp_path))


@pytest.mark.usefixtures("swedish")
def test_a_swedish_catalogue_gives_the_briefing_swedish_headings() -> None:
    assert headings("sv") == {
        "recommendation": "Förslag till beslut",
        "problem": "Ärendet",
        "solution": "Förslag",
        "economy": "Ekonomi",
        "process": "Fortsatt arbete",
        "attachments": "Bilagor",
    }
    assert [HEADINGS["sv"][key] for key in SECTIONS][:2] == ["Förslag till beslut", "Ärendet"]
    assert "sv" in HEADINGS


@pytest.mark.usefixtures("swedish")
def test_the_draft_is_swedish_where_the_catalogue_translates_and_english_elsewhere() -> None:
    text = draft(FACTS, "sv")
    assert text["recommendation"].startswith("Förvaltningen föreslår att nämnden\n\n1. ")
    assert text["attachments"] == "Inga."
    # not in the Swedish catalogue: the English sentence, not the Danish one
    assert text["problem"].startswith("Malmö takes part in ICC.")
    assert text["economy"] == draft(FACTS, "en")["economy"]
    assert "scored 61,0 out of 100" in text["problem"]


@pytest.mark.usefixtures("swedish")
def test_a_swedish_catalogue_gives_swedish_numbers_and_per_cents() -> None:
    assert number(1234.5, "sv", 1) == "1\u00a0234,5"
    assert percent(18.5, "sv") == "18,5\u00a0%"


def test_without_the_catalogue_swedish_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MANGFOLD_LOCALE_PATHS", raising=False)
    assert catalogue("sv") == {}
    assert headings("sv") == headings("en")
    assert number(1234.5, "sv", 1) == "1,234.5"
    assert headings("da")["recommendation"] == "Indstilling og beslutning"
