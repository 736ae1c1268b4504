"""The small data model the questionnaire content is written in.

Each question is built with one of the helpers below (``select_one``, ``yes_no``, ``select_multiple``,
``number``, ``text``) so that the content modules read as plain data. The build script
(``scripts/build_questionnaire.py``) turns these objects into the XLSForm workbook described in
``docs/questionnaire-format.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("fact", "input", "impact")

#: The composite of the six indicators that look at the city through an intercultural lens.
LENS = ("intercultural_lens",)


@dataclass(frozen=True)
class Choice:
    """One answer option of a choice list, with its points (0–100)."""

    name: str
    da: str
    en: str
    points: int


@dataclass(frozen=True)
class Question:
    """One survey row: an XLSForm question with mangfold's extra columns."""

    code: str
    type: str
    kind: str
    da: str
    en: str
    help_da: str
    help_en: str
    scored: bool
    not_applicable: bool = False
    points: str = ""
    weight: float = 1

    @property
    def list_name(self) -> str | None:
        """The choice list of a select question, else ``None``."""
        head, _, tail = self.type.partition(" ")
        return tail if head in ("select_one", "select_multiple") else None


@dataclass(frozen=True)
class Indicator:
    """One row of the ``indicators`` sheet and the questions that belong to it."""

    code: str
    da: str
    en: str
    scope_da: str
    scope_en: str
    core: bool
    questions: tuple[Question, ...]
    composites: tuple[str, ...] = ()
    weight: float = 1


def _question(
    code: str,
    type_: str,
    kind: str,
    *,
    scored: bool,
    texts: dict[str, str],
    na: bool = False,
    points: str = "",
) -> Question:
    if kind not in KINDS:
        raise ValueError(f"{code}: unknown kind {kind!r}")
    return Question(
        code=code,
        type=type_,
        kind=kind,
        da=texts["da"],
        en=texts["en"],
        help_da=texts["help_da"],
        help_en=texts["help_en"],
        scored=scored,
        not_applicable=na,
        points=points,
    )


def select_one(code: str, list_name: str, kind: str, *, na: bool = False, **texts: str) -> Question:
    """A scored single-choice question over ``list_name``.

    ``texts`` are ``da``, ``en`` (question text) and ``help_da``, ``help_en`` (evidence expected).
    """
    return _question(code, f"select_one {list_name}", kind, scored=True, na=na, texts=texts)


def yes_no(code: str, kind: str, *, na: bool = False, **texts: str) -> Question:
    """A scored yes/no question (``yes`` is the good answer: 100 points, ``no`` 0)."""
    return _question(code, "select_one yes_no", kind, scored=True, na=na, texts=texts)


def select_multiple(code: str, list_name: str, kind: str, *, na: bool = False, **texts: str) -> Question:
    """A scored multiple-choice question: the chosen options' points are summed, capped at 100."""
    return _question(code, f"select_multiple {list_name}", kind, scored=True, na=na, texts=texts)


def number(code: str, type_: str, kind: str, *, points: str = "", na: bool = False, **texts: str) -> Question:
    """An ``integer`` or ``decimal`` question, scored through ``points`` bands when given.

    Bands are ``THRESHOLD=POINTS`` separated by ``;``: a value at or above a threshold earns its
    points (the highest threshold reached counts).
    """
    if type_ not in ("integer", "decimal"):
        raise ValueError(f"{code}: a number question is integer or decimal, not {type_!r}")
    return _question(code, type_, kind, scored=bool(points), na=na, points=points, texts=texts)


def text(code: str, kind: str, **texts: str) -> Question:
    """An unscored free-text question, for evidence and description."""
    return _question(code, "text", kind, scored=False, texts=texts)
