"""The report files' cache key changes with the words: a changed catalogue makes every file anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from mangfold.web.reports import keys


def package(root: Path) -> Path:
    """A package tree shaped like mangfold's: web/reports (the app), reports (the core), catalogues."""
    app = root / "web" / "reports"
    for folder in (app / "templates", root / "reports", root / "locale" / "da" / "LC_MESSAGES"):
        folder.mkdir(parents=True)
    (app / "templates" / "profile.html").write_text("<h1>{% translate 'Profile' %}</h1>")
    (root / "reports" / "briefing.py").write_text("WORDS = 1\n")
    (root / "locale" / "da" / "LC_MESSAGES" / "briefing.po").write_text('msgid "x"\nmsgstr "før"\n')
    return app


def test_a_changed_catalogue_or_template_changes_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = package(tmp_path)
    monkeypatch.setattr(keys, "APP_DIR", app)
    version = keys.template_version.__wrapped__
    first = version()
    assert version() == first
    (tmp_path / "locale" / "da" / "LC_MESSAGES" / "briefing.po").write_text('msgid "x"\nmsgstr "efter"\n')
    second = version()
    assert second != first
    (app / "templates" / "profile.html").write_text("<h1>Profil</h1>")
    third = version()
    assert third != second
    (tmp_path / "notes.txt").write_text("not part of a report")
    assert version() == third
