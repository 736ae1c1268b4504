"""A questionnaire version as readable Markdown, in Danish or English.

Indicators with their scope, weight and composites; under each, its questions with help text, kind,
weight and every choice with its points (or the number bands), so that anyone can see how answers
are scored. Used by ``mangfold questionnaire export``.
"""

from __future__ import annotations

from mangfold.index.model import (
    Indicator,
    MissingRule,
    Question,
    Questionnaire,
    QuestionType,
)

__all__ = ["format_number", "questionnaire_markdown"]

_WORDS: dict[str, dict[str, str]] = {
    "da": {
        "version": "version",
        "languages": "sprog",
        "zero": "Et manglende svar på et spørgsmål med point tæller 0 point.",
        "exclude": "Et manglende svar på et spørgsmål med point udelades af gennemsnittet.",
        "rules": "En indikators score er det vægtede gennemsnit af dens spørgsmåls point (0–100); "
        "svarene »ikke relevant« og »ikke målt« udelades. Ved flere valg lægges pointene sammen, højst 100, "
        "og uden et påkrævet svar under 100.",
        "composites": "Sammensatte indeks",
        "weight": "vægt",
        "core": "kerneindeks",
        "optional": "valgfri (kun det udvidede indeks)",
        "part_of": "indgår i",
        "scored": "giver point",
        "unscored": "giver ikke point",
        "na": "»ikke relevant« kan svares",
        "nm": "»ikke målt« kan svares (ingen data: udelades af indikatoren)",
        "required": "påkrævet for fuldt point",
        "exclusive": "kan ikke kombineres med andre svar",
        "answer": "Svar",
        "points": "Point",
        "value": "Værdi",
        "at_least": "mindst",
        "below": "under",
        "no_indicator": "Spørgsmål uden indikator",
        "fact": "fakta",
        "input": "indsats",
        "impact": "virkning",
        "single_choice": "ét valg",
        "multiple_choice": "flere valg",
        "yes_no": "ja/nej",
        "number": "tal",
        "text": "tekst",
    },
    "en": {
        "version": "version",
        "languages": "languages",
        "zero": "A missing answer to a scored question counts 0 points.",
        "exclude": "A missing answer to a scored question is left out of the mean.",
        "rules": "An indicator's score is the weighted mean of its questions' points (0–100); "
        'answers of "not applicable" and "not measured" are left out. Multiple choice adds up points, '
        "at most 100, and below 100 without a required choice.",
        "composites": "Composites",
        "weight": "weight",
        "core": "core index",
        "optional": "optional (extended index only)",
        "part_of": "part of",
        "scored": "scored",
        "unscored": "not scored",
        "na": '"not applicable" may be answered',
        "nm": '"not measured" may be answered (no data: left out of the indicator)',
        "required": "required for full points",
        "exclusive": "cannot be combined with other answers",
        "answer": "Answer",
        "points": "Points",
        "value": "Value",
        "at_least": "at least",
        "below": "below",
        "no_indicator": "Questions without an indicator",
        "fact": "fact",
        "input": "input",
        "impact": "impact",
        "single_choice": "single choice",
        "multiple_choice": "multiple choice",
        "yes_no": "yes/no",
        "number": "number",
        "text": "text",
    },
}


def format_number(value: float, lang: str) -> str:
    """A number for people: at most two decimals, no trailing zeros, a decimal comma in Danish."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "da" else text


def questionnaire_markdown(questionnaire: Questionnaire, lang: str = "da") -> str:
    """The questionnaire as Markdown in ``lang`` (``"da"`` or ``"en"``; texts missing in ``lang`` fall
    back to the questionnaire's default language)."""
    q = questionnaire
    words = _WORDS.get(lang, _WORDS["en"])
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
