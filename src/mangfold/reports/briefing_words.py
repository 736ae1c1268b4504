"""The sentences of the drafted committee briefing in Danish and English (:mod:`mangfold.reports.briefing`).

Placeholders in braces are filled by the drafting functions; every key exists in both languages.
"""

from __future__ import annotations

__all__ = ["WORDS"]

_DA: dict[str, str] = {
    "rec_intro": "Forvaltningen indstiller, at udvalget",
    "rec_note": "tager orienteringen om {result} i {network}, {round}, til efterretning,",
    "rec_follow": (
        "beslutter, at forvaltningen undersøger, hvordan de anbefalede praksisser kan anvendes i kommunen "
        "inden for {areas}, og forelægger udvalget et forslag."
    ),
    "rec_follow_overall": (
        "beslutter, at forvaltningen forelægger udvalget forslag til, hvordan kommunens resultat kan "
        "forbedres."
    ),
    "intro": (
        "{city} deltager i {network}. Indekset måler på en skala fra 0 til 100, hvor godt en by "
        "inkluderer en mangfoldig befolkning, på en række politikområder (indikatorer)."
    ),
    "instrument": "Resultatet er opgjort på {instrument}.",
    "result": "I {round} fik {city} en samlet score på {score} af 100.",
    "rank_only": "{city} ligger nr. {rank}",
    "mean": "Gennemsnittet for de {n} byer i runden, som mangfold har resultater for, er {mean}.",
    "previous": "I {round} var scoren {score}",
    "previous_rank": " (nr. {rank} af {of} byer)",
    "change": "; det er en ændring på {change} point.",
    "unchanged": "; scoren er uændret.",
    "not_comparable": (
        "Den forrige runde, {round}, bygger på et andet spørgeskema; de to scorer kan ikke "
        "sammenlignes, og notatet angiver derfor ingen ændring."
    ),
    "strongest": "Kommunens stærkeste områder er {list}.",
    "weakest": "De svageste er {list}.",
    "mean_aside": "; gennemsnit {mean}",
    "means_are": "Gennemsnittene er for byerne i runden med en score på indikatoren.",
    "same_areas": "{year}, samme småområder og kilde",
    "no_indicators": (
        "For denne runde er kun den samlede score registreret i mangfold, ikke scorerne for de enkelte "
        "indikatorer; notatet og byprofilen kan derfor ikke vise kommunens resultat område for område."
    ),
    "inhabitants": "{city} havde {n} indbyggere {aside}.",
    "inhabitants_partial": (
        "Statistikken dækker {areas} af kommunens {of} småområder, hvor der boede {n} indbyggere {aside}."
    ),
    "immigrant": "{share} indvandrerbaggrund",
    "nonwestern": "{share} ikke-vestlig baggrund",
    "shares": "Af indbyggerne havde {list} {aside}.",
    "dissimilarity": (
        "Dissimilaritetsindekset for personer med ikke-vestlig baggrund over for personer med dansk "
        "oprindelse var {d} {aside}: den andel af den ene gruppe, der skulle flytte, for at de to "
        "grupper var fordelt ens på kommunens områder."
    ),
    "source": "kilde: {source}",
    "practices_intro": (
        "Forvaltningen foreslår at lære af byer, der scorer højt på de områder, hvor {city} ligger længst "
        "under de andre byers gennemsnit:"
    ),
    "practice": "{indicator}: »{title}« fra {city} (score {score})",
    "no_practices": (
        "Praksisbiblioteket rummer endnu ingen offentliggjorte praksisser fra de andre byer i runden på de "
        "områder, hvor kommunen ligger længst under de andre byers gennemsnit. Forvaltningen foreslår at "
        "søge erfaringer hos byer med høje scorer på disse områder."
    ),
    "ahead_everywhere": (
        "Kommunen scorer på eller over gennemsnittet for byerne i runden på alle indikatorer med et "
        "gennemsnit; notatet peger derfor ikke på praksisser fra andre byer."
    ),
    "no_comparison": (
        "Byerne i runden har for få indikatorscorer til et gennemsnit at sammenligne med; notatet peger "
        "derfor ikke på praksisser fra andre byer."
    ),
    "no_practices_overall": (
        "Da scorerne for de enkelte indikatorer ikke er registreret, kan notatet ikke pege på de områder, "
        "hvor kommunen ligger lavest, eller på praksisser fra andre byer."
    ),
    "see_profile": "Byprofilen i bilag 1 viser resultatet for hver indikator med de anbefalede praksisser.",
    "see_profile_overall": "Byprofilen i bilag 1 viser resultatet med dets kilde.",
    "economy": (
        "Ingen. Orienteringen har ingen økonomiske konsekvenser; forslag til konkrete initiativer "
        "forelægges udvalget med deres økonomi."
    ),
    "process": (
        "Forvaltningen forelægger udvalget forslag til initiativer inden for {areas} og orienterer "
        "udvalget, når kommunens næste resultat foreligger."
    ),
    "process_overall": "Forvaltningen orienterer udvalget, når kommunens næste resultat foreligger.",
    "attachment": "Bilag {n}: {title}",
    "no_attachments": "Ingen.",
}

_EN: dict[str, str] = {
    "rec_intro": "The administration recommends that the committee",
    "rec_note": "takes note of {result} in {network}, {round},",
    "rec_follow": (
        "decides that the administration examines how the recommended practices can be used in the "
        "city in {areas}, and presents a proposal to the committee."
    ),
    "rec_follow_overall": (
        "decides that the administration presents proposals to the committee for improving the city's result."
    ),
    "intro": (
        "{city} takes part in {network}. The index measures on a scale from 0 to 100 how well a city "
        "includes a diverse population, across a number of policy areas (indicators)."
    ),
    "instrument": "The result is measured on {instrument}.",
    "result": "In {round}, {city} scored {score} out of 100 overall.",
    "rank_only": "{city} ranks {rank}",
    "mean": "The mean of the {n} cities of the round whose results mangfold holds is {mean}.",
    "previous": "In {round} the score was {score}",
    "previous_rank": " (rank {rank} of {of} cities)",
    "change": ": a change of {change} points.",
    "unchanged": "; the score is unchanged.",
    "not_comparable": (
        "The previous round, {round}, used another questionnaire; the two scores cannot be compared, "
        "so this briefing states no change."
    ),
    "strongest": "The city's strongest areas are {list}.",
    "weakest": "The weakest are {list}.",
    "mean_aside": "; mean {mean}",
    "means_are": "The means are those of the cities of the round with a score on the indicator.",
    "same_areas": "{year}, the same small areas and source",
    "no_indicators": (
        "Only the overall score of this round is recorded in mangfold, not the scores of the individual "
        "indicators; the briefing and the city profile cannot show the result area by area."
    ),
    "inhabitants": "{city} had {n} inhabitants {aside}.",
    "inhabitants_partial": (
        "The statistics cover {areas} of the city's {of} small areas, where {n} people lived {aside}."
    ),
    "immigrant": "{share} had an immigrant background",
    "nonwestern": "{share} a non-Western background",
    "shares": "Of the inhabitants, {list} {aside}.",
    "dissimilarity": (
        "The dissimilarity index of residents with a non-Western background against residents of Danish "
        "origin was {d} {aside}: the share of one group that would have to move for the two groups to "
        "be spread alike over the city's areas."
    ),
    "source": "source: {source}",
    "practices_intro": (
        "The administration proposes to learn from cities that score high in the areas where {city} trails "
        "the mean of the other cities most:"
    ),
    "practice": "{indicator}: “{title}” from {city} (score {score})",
    "no_practices": (
        "The practice library holds no published practice yet from the other cities of the round in the "
        "areas where the city trails the other cities' mean most. The administration proposes to seek the "
        "experience of cities with high scores in these areas."
    ),
    "ahead_everywhere": (
        "The city scores at or above the mean of the cities of the round on every indicator with a mean; "
        "the briefing therefore points to no practices of other cities."
    ),
    "no_comparison": (
        "The cities of the round have too few indicator scores for a mean to compare with; the briefing "
        "therefore points to no practices of other cities."
    ),
    "no_practices_overall": (
        "As the scores of the individual indicators are not recorded, the briefing cannot point to the "
        "areas where the city trails, nor to practices of other cities."
    ),
    "see_profile": (
        "The city profile in attachment 1 shows the result for each indicator with the recommended practices."
    ),
    "see_profile_overall": "The city profile in attachment 1 shows the result with its source.",
    "economy": (
        "None. Taking note has no financial consequences; proposals for concrete initiatives will be "
        "presented to the committee with their costs."
    ),
    "process": (
        "The administration presents proposals for initiatives in {areas} to the committee and informs "
        "the committee when the city's next result is available."
    ),
    "process_overall": "The administration informs the committee when the city's next result is available.",
    "attachment": "Attachment {n}: {title}",
    "no_attachments": "None.",
}


WORDS: dict[str, dict[str, str]] = {"da": _DA, "en": _EN}
