"""mangfold.index: the policy index.

A questionnaire version is data (an XLSForm workbook with mangfold's columns, see
``docs/questionnaire-format.md``) read into a :class:`Questionnaire`; :func:`score` turns a city's answers
into a :class:`Scorecard` that explains every number (``docs/methodology/index.md``).

    >>> from mangfold.index import read_xlsform, read_answers, score
    >>> card = score(read_xlsform("questionnaire.xlsx"), read_answers("answers.csv"))  # doctest: +SKIP

Names are imported on first use, so ``import mangfold.index`` stays cheap (no openpyxl, no pyxform).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mangfold.index.answers import Answer, AnswerSheet, RawAnswer, parse_answers, read_answers
    from mangfold.index.errors import AnswerError, AnswerProblem, Problem, QuestionnaireError
    from mangfold.index.markdown import questionnaire_markdown
    from mangfold.index.model import (
        Band,
        Choice,
        ChoiceList,
        Composite,
        Indicator,
        Kind,
        Language,
        MissingRule,
        Question,
        Questionnaire,
        QuestionType,
        SurveyRow,
        Text,
    )
    from mangfold.index.scorecard import (
        CompositeScore,
        IndicatorScore,
        QuestionScore,
        Scorecard,
        Status,
    )
    from mangfold.index.scoring import score
    from mangfold.index.versions import code_map, migrate_answers
    from mangfold.index.xlsform import (
        bundled_questionnaires,
        read_xlsform,
        validate_xlsform,
        write_xlsform,
    )

_EXPORTS: dict[str, str] = {
    **dict.fromkeys(["Answer", "AnswerSheet", "RawAnswer", "parse_answers", "read_answers"], "answers"),
    **dict.fromkeys(["AnswerError", "AnswerProblem", "Problem", "QuestionnaireError"], "errors"),
    **dict.fromkeys(
        [
            "Band",
            "Choice",
            "ChoiceList",
            "Composite",
            "Indicator",
            "Kind",
            "Language",
            "MissingRule",
            "Question",
            "QuestionType",
            "Questionnaire",
            "SurveyRow",
            "Text",
        ],
        "model",
    ),
    **dict.fromkeys(
        ["CompositeScore", "IndicatorScore", "QuestionScore", "Scorecard", "Status"], "scorecard"
    ),
    "questionnaire_markdown": "markdown",
    "score": "scoring",
    **dict.fromkeys(["code_map", "migrate_answers"], "versions"),
    **dict.fromkeys(
        ["bundled_questionnaires", "read_xlsform", "validate_xlsform", "write_xlsform"], "xlsform"
    ),
}

__all__ = [
    "Answer",
    "AnswerError",
    "AnswerProblem",
    "AnswerSheet",
    "Band",
    "Choice",
    "ChoiceList",
    "Composite",
    "CompositeScore",
    "Indicator",
    "IndicatorScore",
    "Kind",
    "Language",
    "MissingRule",
    "Problem",
    "Question",
    "QuestionScore",
    "QuestionType",
    "Questionnaire",
    "QuestionnaireError",
    "RawAnswer",
    "Scorecard",
    "Status",
    "SurveyRow",
    "Text",
    "bundled_questionnaires",
    "code_map",
    "migrate_answers",
    "parse_answers",
    "questionnaire_markdown",
    "read_answers",
    "read_xlsform",
    "score",
    "validate_xlsform",
    "write_xlsform",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
