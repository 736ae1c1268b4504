"""Indicator names for pages and forms, from the bundled questionnaire (read once per process)."""

from __future__ import annotations

from functools import lru_cache

from mangfold.index import Questionnaire, bundled_questionnaires, read_xlsform


@lru_cache(maxsize=1)
def bundled() -> Questionnaire:
    """The newest questionnaire shipped with mangfold."""
    return read_xlsform(bundled_questionnaires()[-1], check_xlsform=False)


def indicator_choices(lang: str) -> list[tuple[str, str]]:
    """(code, name in ``lang``) for every indicator of the bundled questionnaire, in its order."""
    questionnaire = bundled()
    return [(i.code, questionnaire.label(i.name, lang)) for i in questionnaire.indicators]


def indicator_name(code: str, lang: str) -> str:
    """An indicator's name in ``lang``; the code itself when the bundled questionnaire lacks it."""
    return dict(indicator_choices(lang)).get(code, code)


def plain_name(code: str) -> str:
    """The name of an indicator no questionnaire names, made from its code: ``local_policy`` ->
    "Local policy"."""
    return code.replace("_", " ").capitalize()
