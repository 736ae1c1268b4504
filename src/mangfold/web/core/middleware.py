"""The core's messages (readers, validators) in the page's language."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from mangfold.i18n import language


class CoreLanguageMiddleware:
    """Run the view inside :func:`mangfold.i18n.language` with the language LocaleMiddleware chose, so
    that an error from ``mangfold.population`` or ``mangfold.index`` reads in Danish on a Danish page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with language(translation.get_language()):
            return self.get_response(request)
