"""The sentences of the drafted committee briefing in Danish and English (:mod:`mangfold.reports.briefing`).

Placeholders in braces are filled by the drafting functions; every key exists in both languages.
"""

from __future__ import annotations

__all__ = ["WORDS"]

_DA: dict[str, str] = {
    "rec_intro": "Forvaltningen indstiller, at udvalget",
    "rec_note": "tager orienteringen om {city} resultat i {network}, {round}, til efterretning,",
    "rec_follow": (
        "beslutter, at forvaltningen undersøger, hvordan de anbefalede praksisser kan bruges inden for "
        "{areas}, og vender tilbage med et forslag."
    ),
    "rec_follow_overall": (
        "beslutter, at forvaltningen vender tilbage med forslag til, hvordan byens resultat kan forbedres."
    ),
    "intro": (
        "{city} deltager i {network}. Netværkets indeks måler på en skala fra 0 til 100, hvor godt en by "
        "inkluderer en mangfoldig befolkning, på en række politikområder (indikatorer)."
    ),
    "result": "I {round} fik {city} en samlet score på {score} af 100.",
    "mean": ", og byernes gennemsnit er {mean}.",
    "previous": "I {round} var scoren {score}",
    "previous_rank": " (nr. {rank} af {of})",
    "change": "; det er en ændring på {change} point.",
    "not_comparable": "; de to runder bygger på forskellige spørgeskemaer og kan ikke sammenlignes direkte.",
    "strongest": "Byens stærkeste områder er {list}.",
    "weakest": "De svageste er {list}.",
    "mean_aside": "; gennemsnit {mean}",
    "no_indicators": "Resultatet er offentliggjort uden scorer for de enkelte indikatorer.",
    "inhabitants": "{city} har {n} indbyggere{year}.",
    "immigrant": "{share} indvandrerbaggrund",
    "nonwestern": "{share} ikke-vestlig baggrund",
    "shares": "Af dem har {list}.",
    "dissimilarity": (
        "Dissimilaritetsindekset for personer med ikke-vestlig baggrund over for personer med dansk "
        "oprindelse er {d}{period}: den andel af den ene gruppe, der skulle flytte, for at de to grupper "
        "var fordelt ens på byens områder."
    ),
    "source": "Kilde: {source}",
    "practices_intro": (
        "Forvaltningen foreslår at lære af byer, der scorer højt på de områder, hvor {city} ligger længst "
        "under de andre byers gennemsnit:"
    ),
    "practice": "{indicator}: »{title}« fra {city} (score {score})",
    "no_practices": (
        "Praksisbiblioteket rummer endnu ingen offentliggjorte praksisser fra de andre byer i runden på de "
        "områder, hvor byen ligger lavest. Forvaltningen foreslår at søge erfaringer hos byer med "
        "høje scorer."
    ),
    "no_practices_overall": (
        "Resultatet har ingen indikatorscorer at anbefale praksisser ud fra. Forvaltningen foreslår at "
        "besvare netværkets spørgeskema i næste runde."
    ),
    "see_profile": "Byprofilen i bilag 1 viser resultatet for hver indikator med de anbefalede praksisser.",
    "see_profile_overall": "Byprofilen i bilag 1 viser resultatet, byens placering og dens befolkning.",
    "economy": (
        "Ingen. Orienteringen har ingen økonomiske konsekvenser; forslag til konkrete initiativer "
        "forelægges udvalget med deres økonomi."
    ),
    "process": (
        "Forvaltningen vender tilbage til udvalget med forslag til initiativer inden for {areas}. "
        "Byens resultat følges i netværkets næste runde."
    ),
    "process_overall": "Byens resultat følges i netværkets næste runde.",
    "attachment": "Bilag {n}: {title}",
    "no_attachments": "Ingen.",
}

_EN: dict[str, str] = {
    "rec_intro": "The administration recommends that the committee",
    "rec_note": "takes note of {city} result in {network}, {round},",
    "rec_follow": (
        "decides that the administration examines how the recommended practices can be used in "
        "{areas}, and returns with a proposal."
    ),
    "rec_follow_overall": (
        "decides that the administration returns with proposals for improving the city's result."
    ),
    "intro": (
        "{city} takes part in {network}. The network's index measures on a scale from 0 to 100 how well a "
        "city includes a diverse population, across a number of policy areas (indicators)."
    ),
    "result": "In {round}, {city} scored {score} out of 100 overall.",
    "mean": "; the mean of the cities is {mean}.",
    "previous": "In {round} the score was {score}",
    "previous_rank": " (rank {rank} of {of})",
    "change": ": a change of {change} points.",
    "not_comparable": "; the two rounds use different questionnaires and cannot be compared directly.",
    "strongest": "The city's strongest areas are {list}.",
    "weakest": "The weakest are {list}.",
    "mean_aside": "; mean {mean}",
    "no_indicators": "The result was published without scores for the individual indicators.",
    "inhabitants": "{city} has {n} inhabitants{year}.",
    "immigrant": "{share} have an immigrant background",
    "nonwestern": "{share} have a non-Western background",
    "shares": "Of them, {list}.",
    "dissimilarity": (
        "The dissimilarity index of residents with a non-Western background against residents of Danish "
        "origin is {d}{period}: the share of one group that would have to move for the two groups to be "
        "spread alike over the city's areas."
    ),
    "source": "Source: {source}",
    "practices_intro": (
        "The administration proposes to learn from cities that score high in the areas where {city} trails "
        "the mean of the other cities most:"
    ),
    "practice": "{indicator}: “{title}” from {city} (score {score})",
    "no_practices": (
        "The practice library holds no published practice yet from the other cities of the round in the "
        "areas where the city trails. The administration proposes to seek the experience of cities "
        "with high scores."
    ),
    "no_practices_overall": (
        "The result has no indicator scores to recommend practices from. The administration proposes to "
        "answer the network's questionnaire in the next round."
    ),
    "see_profile": (
        "The city profile in attachment 1 shows the result for each indicator with the recommended practices."
    ),
    "see_profile_overall": (
        "The city profile in attachment 1 shows the result, the city's rank and its population."
    ),
    "economy": (
        "None. Taking note has no financial consequences; proposals for concrete initiatives will be "
        "presented to the committee with their costs."
    ),
    "process": (
        "The administration returns to the committee with proposals for initiatives in {areas}. "
        "The city's result is followed in the network's next round."
    ),
    "process_overall": "The city's result is followed in the network's next round.",
    "attachment": "Attachment {n}: {title}",
    "no_attachments": "None.",
}


WORDS: dict[str, dict[str, str]] = {"da": _DA, "en": _EN}
