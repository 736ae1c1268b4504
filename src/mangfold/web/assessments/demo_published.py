"""The demo's published ICC rounds in both languages: "ICC-indekset 2011" and "ICC Index 2011".

The import of ``data/icc-published-results.csv`` names each round in Danish (its ``round_name`` column,
the name a page in Danish shows); the English name and a description of what the round holds, in both
languages, are set here after the import. Published values (scores, places, dates, sources) stay as
published: only blank names and descriptions are filled.
"""

from __future__ import annotations

from mangfold.web.assessments.models import Round

PREFIX = "ICC-indekset "
DESCRIPTION = (
    "Offentliggjorte samlede scorer fra Europarådets Intercultural Cities-indeks, hver med sin kilde. "
    "Platformen rummer kun nogle af de offentliggjorte resultater."
)
DESCRIPTION_EN = (
    "Published overall scores of the Council of Europe's Intercultural Cities Index, each with its source. "
    "The platform holds only some of the published results."
)


def name_published_rounds() -> int:
    """Give each imported ICC round ("ICC-indekset <edition>", no questionnaire) the English name "ICC
    Index <edition>" and the descriptions where they are blank; the number of rounds changed."""
    changed = 0
    for round_ in Round.objects.filter(name__startswith=PREFIX, questionnaire__isnull=True):
        blank = {
            "name_en": f"ICC Index {round_.name.removeprefix(PREFIX)}",
            "description": DESCRIPTION,
            "description_en": DESCRIPTION_EN,
        }
        fields = [field for field in blank if not getattr(round_, field)]
        for field in fields:
            setattr(round_, field, blank[field])
        if fields:
            round_.save(update_fields=fields)
            changed += 1
    return changed
