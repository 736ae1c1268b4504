"""What the round's e-mails share: whom to write to, absolute links, and the text in both languages.

Users have no language setting, so every notice and reminder is written in Danish and then English,
separated by :data:`SEPARATOR` (subjects by " / ").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.conf import settings
from django.utils import translation

from mangfold.web.accounts.models import CityRole
from mangfold.web.network.models import City

SEPARATOR = "\n\n――――――――\n\n"


def officials_emails(city: City, roles: Sequence[str]) -> list[str]:
    """The e-mail addresses of the city's officials in ``roles``, sorted."""
    found = CityRole.objects.filter(city=city, role__in=roles).select_related("user")
    return sorted({r.user.email for r in found if r.user.email})


def absolute(path: str) -> str:
    """The site's address (``settings.SITE_URL``) before a path of the site, for a link in an e-mail."""
    return settings.SITE_URL.rstrip("/") + path


def in_both_languages(render: Callable[[], str]) -> list[str]:
    """``render()`` in every interface language, the default first (``settings.LANGUAGES``: Danish and
    English unless ``MANGFOLD_LANGUAGES`` adds one; users have no language setting)."""
    parts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            parts.append(render().strip())
    return parts
