"""Every app carries a complete Danish catalogue: no message left untranslated or fuzzy."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

WEB = Path(__file__).resolve().parents[2] / "src" / "mangfold" / "web"
CATALOGUES = sorted(WEB.glob("*/locale/da/LC_MESSAGES/django.po"))


def test_every_app_with_templates_or_models_has_a_danish_catalogue() -> None:
    apps = {path.parent.name for path in WEB.glob("*/apps.py")}
    with_catalogue = {path.parents[3].name for path in CATALOGUES}
    assert apps <= with_catalogue, f"apps without locale/da: {sorted(apps - with_catalogue)}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_the_danish_catalogue_is_complete(path: Path) -> None:
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale="da")
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    assert missing == [], f"{path}: untranslated or fuzzy: {missing[:10]}"
