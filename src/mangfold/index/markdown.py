"""A questionnaire version as readable Markdown, in Danish or English.

Indicators with their scope, weight and composites; under each, its questions with help text, kind,
weight and every choice with its points (or the number bands), so that anyone can see how answers
are scored. Used by ``mangfold questionnaire export``.
"""

from __future__ import annotations

from mangfold.charts.locale import format_locale
from mangfold.i18n import gettext as _
from mangfold.i18n import language
from mangfold.index.model import (
    Indicator,
    MissingRule,
    Question,
    Questionnaire,
    QuestionType,
)

__all__ = ["format_number", "questionnaire_markdown"]


def _words(lang: str) -> dict[str, str]:
    """The labels of the export in ``lang`` (:mod:`mangfold.i18n`; English where it has none)."""
    with language(lang):
        return {
            "version": _("version"),
            "languages": _("languages"),
            "zero": _("A missing answer to a scored question counts 0 points."),
            "exclude": _("A missing answer to a scored question is left out of the mean."),
            "rules": _(
                "An indicator's score is the weighted mean of its questions' points (0–100); "
                'answers of "not applicable" and "not measured" are left out. Multiple choice '
                "adds up points, at most 100, and below 100 without a required choice."
            ),
            "composites": _("Composites"),
            "weight": _("weight"),
            "core": _("core index"),
            "optional": _("optional (extended index only)"),
            "part_of": _("part of"),
            "scored": _("scored"),
            "unscored": _("not scored"),
            "na": _('"not applicable" may be answered'),
            "nm": _('"not measured" may be answered (no data: left out of the indicator)'),
            "required": _("required for full points"),
            "exclusive": _("cannot be combined with other answers"),
            "answer": _("Answer"),
            "points": _("Points"),
            "value": _("Value"),
            "at_least": _("at least"),
            "below": _("below"),
            "no_indicator": _("Questions without an indicator"),
            "fact": _("fact"),
            "input": _("input"),
            "impact": _("impact"),
            "single_choice": _("single choice"),
            "multiple_choice": _("multiple choice"),
            "yes_no": _("yes/no"),
            "number": _("number"),
            "text": _("text"),
        }


def format_number(value: float, lang: str) -> str:
    """A number for people: at most two decimals, no trailing zeros, the language's decimal mark (a
    comma in Danish; :func:`mangfold.charts.locale.format_locale`)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", format_locale(lang)["decimal"])


def questionnaire_markdown(questionnaire: Questionnaire, lang: str = "da") -> str:
    """The questionnaire as Markdown in ``lang`` (``"da"`` or ``"en"``; texts missing in ``lang`` fall
    back to the questionnaire's default language)."""
    q = questionnaire
    words = _words(lang)
    languages = ", ".join(la.name for la in q.languages)
    lines = [
        f"# {_escape(q.label(q.title, lang))}",
        "",
        f"`{q.form_id}` · {words['version']} {q.version or '–'} · {words['languages']}: {languages}",
        "",
    ]
    lines += [_escape(q.label(note, lang)) + "\n" for note in q.notes]
    if q.scored:
        rule = words["zero" if q.missing_answer_rule is MissingRule.ZERO else "exclude"]
        lines += [f"{words['rules']} {rule}", ""]
    if q.composites:
        lines += [f"## {words['composites']}", ""]
        for composite in q.composites:
            members = ", ".join(q.label(i.name, lang) for i in q.members_of(composite.code))
            lines.append(f"- **{_escape(q.label(composite.name, lang))}** (`{composite.code}`): {members}")
        lines.append("")
    for number, indicator in enumerate(q.indicators, start=1):
        lines += _indicator(q, indicator, number, lang, words)
        for question in q.questions_of(indicator.code):
            lines += _question(q, question, lang, words)
    orphans = [x for x in q.questions if x.indicator is None]
    if orphans:
        if q.indicators:
            lines += [f"## {words['no_indicator']}", ""]
        for question in orphans:
            lines += _question(q, question, lang, words)
    return "\n".join(lines).rstrip() + "\n"


def _indicator(
    q: Questionnaire, indicator: Indicator, number: int, lang: str, words: dict[str, str]
) -> list[str]:
    lines = [f"## {number}. {_escape(q.label(indicator.name, lang))} (`{indicator.code}`)", ""]
    if indicator.scope:
        lines += [_escape(q.label(indicator.scope, lang)), ""]
    facts = [
        f"{words['weight']} {format_number(indicator.weight, lang)}",
        words["core"] if indicator.core else words["optional"],
    ]
    if indicator.composites:
        names = [q.label(q.composite(c).name, lang) for c in indicator.composites]
        facts.append(f"{words['part_of']}: {', '.join(names)}")
    return [*lines, "*" + " · ".join(facts) + "*", ""]


def _question(q: Questionnaire, question: Question, lang: str, words: dict[str, str]) -> list[str]:
    lines = [f"### {question.code}. {_escape(q.label(question.text, lang))}", ""]
    if question.help:
        lines += [f"> {_escape(q.label(question.help, lang))}", ""]
    facts = [words[question.type.value]]
    if question.kind is not None:
        facts.insert(0, words[question.kind.value])
    facts.append(words["scored"] if question.scored else words["unscored"])
    if question.scored:
        facts.append(f"{words['weight']} {format_number(question.weight, lang)}")
    if question.not_applicable:
        facts.append(words["na"])
    if question.not_measured:
        facts.append(words["nm"])
    lines += ["*" + " · ".join(facts) + "*", ""]
    if question.choices:
        lines += [f"| {words['answer']} | {words['points']} |", "|---|---:|"]
        for choice in question.choices:
            points = "–" if choice.points is None else format_number(choice.points, lang)
            label = _escape(q.label(choice.label, lang) or choice.name)
            marks = [words[m] for m in ("required", "exclusive") if getattr(choice, m)]
            mark = f" *({'; '.join(marks)})*" if marks else ""
            lines.append(f"| {label} (`{choice.name}`){mark} | {points} |")
        lines.append("")
    if question.type is QuestionType.NUMBER and question.bands:
        lines += [f"| {words['value']} | {words['points']} |", "|---|---:|"]
        first = question.bands[0].threshold
        lines.append(f"| {words['below']} {format_number(first, lang)} | 0 |")
        for band in question.bands:
            threshold = format_number(band.threshold, lang)
            lines.append(f"| {words['at_least']} {threshold} | {format_number(band.points, lang)} |")
        lines.append("")
    return lines


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
