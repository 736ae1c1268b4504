"""The one error type of the statistics clients: what went wrong, with the service's own words.

A :class:`FetchError` says which service, what kind of failure (:class:`Failure`) and, when the service
explained itself, its own message (StatBank's ``{"errorTypeCode": …, "message": …}``, PxWebApi 2's problem
details ``{"title": …, "detail": …}``). The command line prints it as one line; the web shows it on the
fetch page. Nothing else escapes the clients: HTTP errors, timeouts and undecodable bodies are turned
into a :class:`FetchError`.
"""

from __future__ import annotations

from enum import StrEnum

from mangfold.i18n import gettext as _

__all__ = ["Failure", "FetchError"]


class Failure(StrEnum):
    """The kinds of failure a user can act on."""

    UNKNOWN_TABLE = "unknown_table"
    UNKNOWN_VARIABLE = "unknown_variable"
    UNKNOWN_VALUE = "unknown_value"
    REFUSED = "refused"
    SERVICE_DOWN = "service_down"
    BAD_RESPONSE = "bad_response"


def _headline(kind: Failure) -> str:
    return {
        Failure.UNKNOWN_TABLE: _("unknown table"),
        Failure.UNKNOWN_VARIABLE: _("unknown variable"),
        Failure.UNKNOWN_VALUE: _("unknown value"),
        Failure.REFUSED: _("the service refused the request"),
        Failure.SERVICE_DOWN: _("the service does not answer"),
        Failure.BAD_RESPONSE: _("the service's answer cannot be read"),
    }[kind]


class FetchError(Exception):
    """A fetch that failed: ``service`` (e.g. ``"StatBank"``), ``kind``, and ``detail``: the service's
    own message or ours (which table, variable or value)."""

    def __init__(self, service: str, kind: Failure, detail: str = "", *, status: int | None = None) -> None:
        self.service = service
        self.kind = kind
        self.detail = detail
        self.status = status
        super().__init__(str(self))

    def __str__(self) -> str:
        text = _("{service}: {headline}").format(service=self.service, headline=_headline(self.kind))
        return f"{text}: {self.detail}" if self.detail else text
