"""What several command groups share: the ``--lang`` choice and starting Django for the web commands."""

from __future__ import annotations

import os
from enum import StrEnum

import typer


class Lang(StrEnum):
    """The language of the output."""

    da = "da"
    en = "en"


def setup_django(needs: str) -> None:
    """Configure and start Django with mangfold's web settings (unless ``DJANGO_SETTINGS_MODULE`` is set);
    ``needs`` is the message when Django is not installed, e.g. ``"importing needs mangfold[web]"``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangfold.web.settings")
    try:
        import django
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise typer.BadParameter(needs) from error
    django.setup()
