"""The worked example of docs/methodology/index.md, built in code (tests/index/data holds it as files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mangfold.index.model import (
    Band,
    Choice,
    Composite,
    Indicator,
    Kind,
    Question,
    Questionnaire,
    QuestionType,
    SurveyRow,
    Text,
)

DATA = Path(__file__).parent / "data"


def _choices(*rows: tuple[str, str, str, float]) -> tuple[Choice, ...]:
    return tuple(Choice(name, Text(da=da, en=en), points) for name, da, en, points in rows)


YES_NO = _choices(("yes", "Ja", "Yes", 100), ("no", "Nej", "No", 0))
LEVEL = _choices(
    ("none", "Nej", "No", 0),
    ("partial", "Delvist", "Partly", 50),
    ("full", "Ja, fuldt ud", "Yes, fully", 100),
)
PARTS = _choices(
    ("budget", "Et budget", "A budget", 60),
    ("body", "Et ansvarligt organ", "A responsible body", 50),
    ("evaluation", "Evaluering", "Evaluation", 20),
)
FREQUENCY = _choices(
    ("never", "Aldrig", "Never", 0),
    ("yearly", "Årligt", "Yearly", 25),
    ("monthly", "Månedligt", "Monthly", 75),
    ("weekly", "Ugentligt", "Weekly", 100),
)
REQUIRED = (("required", "yes"),)


def build_worked_example() -> Questionnaire:
    """The worked example, question for question as in tests/index/data/worked_example.xlsx."""

    def q(
        code: str, da: str, en: str, qtype: QuestionType, indicator: str, kind: Kind, **kw: object
    ) -> Question:
        return Question(code, Text(da=da, en=en), qtype, indicator, kind=kind, **kw)  # type: ignore[arg-type]

    yes_no = {"list_name": "yes_no", "choices": YES_NO}
    rows = (
        SurveyRow(
            "note",
            "intro",
            Text(
                da="Et lille spørgeskema til at regne efter i hånden.",
                en="A small questionnaire to check by hand.",
            ),
        ),
        SurveyRow("begin_group", "commitment_group", Text(da="Forpligtelse", en="Commitment")),
        q(
            "C1",
            "Har byen officielt erklæret sig interkulturel?",
            "Has the city officially declared itself intercultural?",
            QuestionType.YES_NO,
            "commitment",
            Kind.INPUT,
            weight=2.0,
            help=Text(da="Fx en byrådsbeslutning.", en="E.g. a city council decision."),
            extra=REQUIRED,
            **yes_no,
        ),
        q(
            "C2",
            "Har byen en strategi for mangfoldighed?",
            "Does the city have a diversity strategy?",
            QuestionType.SINGLE_CHOICE,
            "commitment",
            Kind.INPUT,
            list_name="level",
            choices=LEVEL,
        ),
        q(
            "C3",
            "Hvilke dele har strategien?",
            "Which parts does the strategy have?",
            QuestionType.MULTIPLE_CHOICE,
            "commitment",
            Kind.INPUT,
            list_name="parts",
            choices=PARTS,
            help=Text(da="Vælg alle, der passer.", en="Choose all that apply."),
        ),
        q(
            "C4",
            "Hædrer byen borgere, der fremmer samspil?",
            "Does the city honour residents who foster interaction?",
            QuestionType.YES_NO,
            "commitment",
            Kind.INPUT,
            not_applicable=True,
            **yes_no,
        ),
        SurveyRow("end_group"),
        q(
            "E1",
            "Afspejler lærerne elevernes baggrund?",
            "Do teachers reflect the pupils' backgrounds?",
            QuestionType.SINGLE_CHOICE,
            "education",
            Kind.IMPACT,
            weight=3.0,
            list_name="level",
            choices=LEVEL,
        ),
        q(
            "E2",
            "Hvor mange skoler har interkulturelle projekter?",
            "How many schools run intercultural projects?",
            QuestionType.NUMBER,
            "education",
            Kind.FACT,
            scored=True,
            integer=True,
            bands=(Band(0, 0), Band(1, 50), Band(5, 100)),
        ),
        q(
            "E3",
            "Inddrages forældre af alle oprindelser?",
            "Are parents of all origins involved?",
            QuestionType.YES_NO,
            "education",
            Kind.INPUT,
            **yes_no,
        ),
        q(
            "E4",
            "Henvisning til dokumentation",
            "Reference to evidence",
            QuestionType.TEXT,
            "education",
            Kind.FACT,
        ),
        q(
            "I1",
            "Hvor ofte holder byen idrætsarrangementer på tværs af oprindelse?",
            "How often does the city hold sports events across origins?",
            QuestionType.SINGLE_CHOICE,
            "interaction",
            Kind.INPUT,
            list_name="frequency",
            choices=FREQUENCY,
            not_applicable=True,
        ),
        q(
            "I2",
            "Hvor ofte holder boligområderne fælles arrangementer?",
            "How often do housing estates hold joint events?",
            QuestionType.SINGLE_CHOICE,
            "interaction",
            Kind.INPUT,
            list_name="frequency",
            choices=FREQUENCY,
        ),
    )
    indicators = (
        Indicator(
            "commitment",
            Text(da="Forpligtelse", en="Commitment"),
            Text(da="Erklæring, strategi og anerkendelse.", en="Statement, strategy and recognition."),
            weight=2.0,
        ),
        Indicator(
            "education",
            Text(da="Uddannelse", en="Education"),
            Text(da="Skoler, lærere og forældre.", en="Schools, teachers and parents."),
            composites=("lens",),
        ),
        Indicator(
            "interaction",
            Text(da="Samspil", en="Interaction"),
            Text(da="Hverdagsmøder på tværs af oprindelse.", en="Everyday encounters across origins."),
            core=False,
            composites=("lens",),
        ),
    )
    return Questionnaire(
        form_id="worked_example",
        version="1",
        title=Text(da="Arbejdseksempel", en="Worked example"),
        indicators=indicators,
        composites=(Composite("lens", Text(da="Interkulturel linse", en="Intercultural lens")),),
        rows=rows,
    )


@pytest.fixture
def worked_example() -> Questionnaire:
    return build_worked_example()


@pytest.fixture
def data_dir() -> Path:
    return DATA
