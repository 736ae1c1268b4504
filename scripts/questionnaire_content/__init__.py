"""The content of mangfold's bundled questionnaire, as Python data.

This package is the source of truth; ``scripts/build_questionnaire.py`` writes it to
``src/mangfold/data/questionnaires/mangfold-2026.xlsx``. The questions are mangfold's own, written for
this project; the choice of indicators follows the Council of Europe's Intercultural Cities index (see
``src/mangfold/data/questionnaires/README.md``).
"""

from __future__ import annotations

from .choices import CHOICES
from .dialogue import LANGUAGE, MEDIA, MEDIATION
from .lens_life import BUSINESS, CULTURAL_CIVIL, PUBLIC_SPACE
from .lens_services import EDUCATION, NEIGHBOURHOODS, PUBLIC_SERVICES
from .model import Choice, Indicator, Question
from .openness import COMPETENCE, INTERNATIONAL, WELCOMING
from .optional import INTERACTION, PARTICIPATION
from .policy import ANTI_DISCRIMINATION, COMMITMENT, GOVERNANCE

DANISH = "Danish (da)"
ENGLISH = "English (en)"

#: The form's title per language. Only the Danish (default-language) title is written, as the plain
#: ``form_title``: XForms has no translated title, and pyxform 4.5 fails on ``form_title::…`` columns.
TITLES: dict[str, str] = {
    DANISH: "mangfold – spørgeskema om interkulturel politik",
    ENGLISH: "mangfold – intercultural policy questionnaire",
}

SETTINGS: dict[str, str] = {
    "form_title": TITLES[DANISH],
    "form_id": "mangfold",
    "version": "2026.1",
    "default_language": DANISH,
    "missing_answer_rule": "zero",
}

#: Composite code → (Danish, English) name.
COMPOSITES: dict[str, tuple[str, str]] = {
    "intercultural_lens": ("Den interkulturelle linse", "The intercultural lens"),
}

#: In the order of the ICC index, then anti-discrimination, then the optional indicators.
INDICATORS: tuple[Indicator, ...] = (
    COMMITMENT,
    EDUCATION,
    NEIGHBOURHOODS,
    PUBLIC_SERVICES,
    BUSINESS,
    CULTURAL_CIVIL,
    PUBLIC_SPACE,
    MEDIATION,
    LANGUAGE,
    MEDIA,
    INTERNATIONAL,
    COMPETENCE,
    WELCOMING,
    GOVERNANCE,
    ANTI_DISCRIMINATION,
    PARTICIPATION,
    INTERACTION,
)

__all__ = [
    "CHOICES",
    "COMPOSITES",
    "DANISH",
    "ENGLISH",
    "INDICATORS",
    "SETTINGS",
    "TITLES",
    "Choice",
    "Indicator",
    "Question",
]
