"""Template context shared by every page: the languages and the current page in each of them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url


def site(request: HttpRequest) -> dict[str, Any]:
    path = request.get_full_path()
    alternates = [
        {"code": code, "name": name, "url": translate_url(path, code)} for code, name in settings.LANGUAGES
    ]
    return {"language_alternates": alternates, "site_url": settings.SITE_URL}
