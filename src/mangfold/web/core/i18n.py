"""Problems the web layer writes beside the core's, in the same language as the core's messages.

The import pages show problems from the core readers (:mod:`mangfold.i18n`) next to problems the web
apps find themselves (a file name in use, a dataset of another city, a legacy results row). Both must
read in one language: :func:`gettext` and :func:`ngettext` translate with Django's catalogues into
:func:`mangfold.i18n.active_language` — the page's language in a request (set by
:class:`~mangfold.web.core.middleware.CoreLanguageMiddleware`), and outside one (``mangfold import``,
``mangfold import-legacy-results``) ``MANGFOLD_LANGUAGE`` or English, where Django alone would fall back
to ``LANGUAGE_CODE`` (Danish).
"""

from __future__ import annotations

from django.utils import translation

from mangfold.i18n import active_language

__all__ = ["gettext", "ngettext"]


def gettext(message: str) -> str:
    """``message`` in the language of the core's messages."""
    with translation.override(active_language()):
        return translation.gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """:func:`gettext` for a message with a count: ``singular`` or ``plural`` as the language has it."""
    with translation.override(active_language()):
        return translation.ngettext(singular, plural, number)
