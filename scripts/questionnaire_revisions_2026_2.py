"""What version 2026.2 changes in the bundled questionnaire (issue 14), as data.

``scripts/questionnaire_2026_2.py`` applies these revisions to the 2026.1 content in
``scripts/questionnaire_content`` and writes ``mangfold-2026.2.xlsx`` with its ``version_map`` sheet.
Every entry says why; the version map classifies each 2026.1 question (same, reworded, rescored, split,
dropped) from these lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from questionnaire_content.model import Question, select_one, yes_no


@dataclass(frozen=True)
class Choice:
    """An answer option of 2026.2: as in 2026.1, and ``required`` for full points or ``exclusive``."""

    name: str
    da: str
    en: str
    points: int
    required: bool = False
    exclusive: bool = False


#: The same bands for every gap question, in percentage points (the group's share below the
#: comparison group's): under 1 point 100, under 5 75, under 10 50, under 15 25, from 15 on 0.
#: A negative gap (the group ahead) earns 100. The national integration barometer reports gaps in
#: percentage points too.
GAP_BANDS = "-100=100; 1=75; 5=50; 10=25; 15=0"

#: 2026.1 code -> 2026.2 code: "ICC" clashes with the network's acronym (Intercultural Cities).
RENAMED = {f"ICC{n}": f"CMP{n}" for n in range(1, 7)}

#: Indicator names in Danish a municipality would use.
INDICATOR_NAMES = {
    "commitment": ("Politisk forankring og strategi", "Political commitment and strategy"),
    "governance": ("Ledelse og medborgerskab", "Leadership and citizenship"),
}

#: Questions that accept "not measured": measurements a city may have no data for.
NOT_MEASURED = {"CMP5", "IAC5", "WEL5", "PUB6", "CUL5", "ADI6", "PAR5", "GOV5", "BUS5"}

#: 2026.2 code -> fields replaced (texts, points bands, not applicable, type).
TEXTS: dict[str, dict[str, object]] = {
    "EDU1": {
        "da": "Hvor stor en andel af eleverne i kommunens folkeskoler er tosprogede (i procent)?",
        "en": "What share of the pupils in the city's public schools are bilingual (per cent)?",
        "help_da": "Seneste opgørelse fra Børne- og Undervisningsministeriets statistik over tosprogede "
        "elever, med år. Svar »ikke relevant«, hvis kommunen ikke driver skoler.",
        "help_en": "The latest figure from the ministry's statistics of bilingual pupils, with the year. "
        'Answer "not applicable" if the city does not run schools.',
    },
    "EDU3": {
        "da": "Er der folkeskoler i kommunen med langt flere tosprogede elever end skolerne i nærheden?",
        "en": "Are there public schools in the city with far more bilingual pupils than the schools nearby?",
        "help_da": "Andelen af tosprogede elever pr. skole, med kilde og år.",
        "help_en": "The share of bilingual pupils per school, with source and year.",
    },
    "NEI2": {
        "da": "Er der boligområder i kommunen, hvor mere end halvdelen af beboerne har ikke-vestlig "
        "oprindelse?",
        "en": "Are there residential areas in the city where more than half of the residents are of "
        "non-Western origin?",
        "help_da": "Befolkningen efter oprindelse (Danmarks Statistik) for kommunens sogne eller "
        "lokalområder, med år. Oprindelse som i mangfolds egen statistik.",
        "help_en": "Population by origin (Statistics Denmark) for the city's parishes or local areas, "
        "with the year. Origin as in mangfold's own statistics.",
    },
    "NEI3": {
        "da": "Hvad er segregationsindekset (dissimilaritetsindekset D, 0–1) mellem borgere med "
        "ikke-vestlig oprindelse og borgere med dansk oprindelse på tværs af kommunens sogne?",
        "en": "What is the segregation index (the index of dissimilarity D, 0–1) between residents of "
        "non-Western origin and residents of Danish origin across the city's parishes?",
        "help_da": "Samme D, som mangfold beregner på kommunens statistikside (sogne, seneste år). D "
        "afhænger af områdeinddelingen: mindre områder giver højere D, så pointgrænserne gælder for "
        "sogne. Jo lavere indeks, jo flere point.",
        "help_en": "The same D that mangfold computes on the city's statistics page (parishes, latest "
        "year). D depends on the areas: smaller areas give a higher D, so the bands hold for parishes. "
        "The lower the index, the more points.",
    },
    "PUB6": {
        "da": "Hvor mange procentpoint ligger andelen af tilfredse med kommunens service blandt borgere "
        "med indvandrerbaggrund under andelen blandt alle borgere?",
        "en": "By how many percentage points is the share satisfied with the city's services among "
        "residents of migrant background below the share among all residents?",
        "help_da": "Fx 68 % mod 80 % giver 12. Et negativt tal, hvis gruppen er mere tilfreds. Kilde og "
        "år for borgerundersøgelsen; svar »ikke målt«, hvis kommunen ikke har tallene.",
        "help_en": "E.g. 68 % against 80 % gives 12; negative if the group is more satisfied. Source and "
        'year of the survey; answer "not measured" if the city has no such figures.',
        "points": GAP_BANDS,
    },
    "BUS5": {
        "da": "Hvor mange procentpoint ligger beskæftigelsesfrekvensen for borgere med "
        "indvandrerbaggrund (16–64 år) under frekvensen for borgere med dansk oprindelse?",
        "en": "By how many percentage points is the employment rate of residents of migrant background "
        "(aged 16–64) below that of residents of Danish origin?",
        "help_da": "Fx 63 % mod 78 % giver 15. Kilde: beskæftigelsesstatistik efter herkomst, med år.",
        "help_en": "E.g. 63 % against 78 % gives 15. Source: employment statistics by origin, with year.",
        "points": GAP_BANDS,
    },
    "CUL5": {
        "da": "Hvor mange procentpoint ligger andelen af foreningsmedlemmer blandt borgere med "
        "indvandrerbaggrund under andelen blandt borgere med dansk oprindelse?",
        "en": "By how many percentage points is the share of association members among residents of "
        "migrant background below the share among residents of Danish origin?",
        "help_da": "Fx 30 % mod 50 % giver 20. Kilde og år; svar »ikke målt«, hvis tallene ikke findes.",
        "help_en": 'E.g. 30 % against 50 % gives 20. Source and year; "not measured" if there are none.',
        "points": GAP_BANDS,
    },
    "GOV5": {
        "da": "Hvor mange procentpoint lå valgdeltagelsen ved seneste kommunalvalg blandt borgere med "
        "indvandrerbaggrund under valgdeltagelsen blandt borgere med dansk oprindelse?",
        "en": "By how many percentage points was turnout at the latest local election among residents "
        "of migrant background below turnout among residents of Danish origin?",
        "help_da": "Fx 52 % mod 72 % giver 20. Kilde: valgdeltagelse efter herkomst (Danmarks "
        "Statistik eller en valgundersøgelse), med år.",
        "help_en": "E.g. 52 % against 72 % gives 20. Source: turnout by origin (Statistics Denmark or an "
        "election study), with year.",
        "points": GAP_BANDS,
    },
    "PAR5": {
        "da": "Hvor mange procentpoint lå andelen af deltagere med indvandrerbaggrund i kommunens "
        "seneste større borgerinddragelse under gruppens andel af befolkningen?",
        "en": "By how many percentage points was the share of participants of migrant background in "
        "the city's latest major public consultation below the group's share of the population?",
        "help_da": "Fx 12 % af deltagerne mod 20 % af befolkningen giver 8. Angiv hvilken "
        "borgerinddragelse, og hvordan deltagerne blev opgjort.",
        "help_en": "E.g. 12 % of participants against 20 % of the population gives 8. Name the "
        "consultation and how participants were counted.",
        "points": GAP_BANDS,
    },
    "GOV1": {
        "help_da": "Svar efter de regler, der gælder for kommunalvalg i kommunen, også når de er "
        "fastsat ved lov: spørgsmålet måler borgernes adgang til lokaldemokratiet.",
        "help_en": "Answer by the rules that apply to local elections in the city, also when national "
        "law sets them: the question measures residents' access to local democracy.",
        "not_applicable": False,
    },
    "MED1": {
        "da": "Har kommunen en fast mæglingsindsats med uddannede mæglere, der kan håndtere konflikter "
        "med en kulturel eller religiøs dimension?",
        "help_da": "Navn på indsatsen, hvem der står for den, og hvordan borgere kommer i kontakt med den.",
    },
    "MED5": {
        "da": "Hvor mange sager om konflikter med en kulturel eller religiøs dimension har "
        "mæglingsindsatsen behandlet i det seneste år?",
        "help_da": "Tal fra indsatsens årsopgørelse. Svar »ikke relevant«, hvis kommunen ikke har en "
        "mæglingsindsats.",
    },
    "LAN1": {
        "da": "Hvilket tilbud om danskuddannelse har kommunen til voksne nytilkomne?",
        "en": "What Danish language education does the city offer adult newcomers?",
    },
    "LAN3": {"type": "select_one mother_tongue"},
    "LAN5": {"type": "select_one minority_support"},
    "INT1": {
        "da": "Har kommunen en politik for internationalt samarbejde, og hvor langt er den?",
        "en": "Does the city have a policy for international cooperation, and how far has it come?",
        "help_da": "Link til politikken og, hvis den har økonomi, budgetlinjen.",
        "help_en": "Link to the policy and, if it has a budget, the budget line.",
    },
    "INT4": {
        "type": "select_one extent",
        "da": "Samarbejder kommunen med byer eller organisationer i de lande, som mange af byens "
        "borgere har rødder i?",
        "en": "Does the city cooperate with cities or organisations in the countries where many of its "
        "residents have roots?",
        "help_da": "Eksempler på samarbejder fra de seneste fire år.",
        "help_en": "Examples of cooperation from the last four years.",
    },
    "SPA4": {
        "da": "Er der offentlige steder i byen, som mange borgere oplever som utrygge?",
        "en": "Are there public places in the city that many residents experience as unsafe?",
        "help_da": "Kommunens tryghedsundersøgelse eller politiets tryghedsindeks, med kilde og år.",
        "help_en": "The city's safety survey or the police's safety index, with source and year.",
    },
    "SPA5": {
        "da": "Har kommunen en plan for de steder, der opleves som utrygge?",
        "en": "Does the city have a plan for the places that are experienced as unsafe?",
        "help_da": "Link til planen. Svar »ikke relevant«, hvis der ikke er sådanne steder.",
        "help_en": 'Link to the plan. Answer "not applicable" if there are no such places.',
    },
    "ADI2": {
        "help_da": "Hvem borgerne kan henvende sig til (fx borgerrådgiveren, en lokal rådgivning eller "
        "Institut for Menneskerettigheder) og hjælp til at klage til Ligebehandlingsnævnet; antal "
        "henvendelser sidste år.",
        "help_en": "Where residents can turn (e.g. the municipal citizens' adviser, a local advice "
        "service or the Danish Institute for Human Rights) and help to complain to the Board of Equal "
        "Treatment; number of enquiries last year.",
    },
}

_SPLIT_TEXTS = {
    "da": "Er der offentlige steder i byen, som én gruppe dominerer, så andre borgere holder sig væk?",
    "en": "Are there public places in the city that one group dominates so that other residents stay away?",
    "help_da": "Kommunens egne undersøgelser eller observationer, med kilde og år.",
    "help_en": "The city's own surveys or observations, with source and year.",
}

#: 2026.1 code -> the new 2026.2 questions it is split into (besides itself, under its own code).
SPLITS: dict[str, tuple[Question, ...]] = {
    "SPA4": (select_one("SPA6", "concentration", "impact", **_SPLIT_TEXTS),),
    "SPA5": (
        yes_no(
            "SPA7",
            "input",
            na=True,
            da="Har kommunen en plan for de steder, som én gruppe dominerer?",
            en="Does the city have a plan for the places that one group dominates?",
            help_da="Link til planen. Svar »ikke relevant«, hvis der ikke er sådanne steder.",
            help_en='Link to the plan. Answer "not applicable" if there are no such places.',
        ),
    ),
    "INT4": (
        select_one(
            "INT6",
            "extent",
            "input",
            da="Inddrager kommunen borgernes egne foreninger i sit internationale samarbejde?",
            en="Does the city involve residents' own associations in its international cooperation?",
            help_da="Eksempler på foreninger, der deltager, og hvordan.",
            help_en="Examples of associations taking part, and how.",
        ),
    ),
}

#: Dropped, with the reason.
DROPPED = {
    "COM6": "rewarded easy targets, and its 'leave it blank (0 points)' conflicted with completeness",
}

#: Comparable texts no longer: the answers mean something else or earn other points.
RESCORED = {
    "EDU1": "bilingual pupils (the ministry's measure) instead of pupils of migrant background",
    "EDU3": "asks about bilingual pupils compared with nearby schools",
    "NEI2": "more than half of non-Western origin, instead of 'one minority group forms the majority'",
    "NEI3": "D of non-Western against Danish origin across parishes, as mangfold computes it",
    "PUB4": "points sum to 100; language information and health required for full points",
    "PUB6": "gap in percentage points with the common gap bands; 'not measured' accepted",
    "BUS5": "gap in percentage points with the common gap bands; 'not measured' accepted",
    "CUL5": "gap in percentage points with the common gap bands; 'not measured' accepted",
    "GOV5": "gap in percentage points with the common gap bands; 'not measured' accepted",
    "PAR5": "gap in percentage points with the common gap bands; 'not measured' accepted",
    "ICC5": "'not measured' accepted (no survey no longer scores 0)",
    "WEL5": "'not measured' accepted (no survey no longer scores 0)",
    "IAC5": "'not measured' accepted (no survey no longer scores 0)",
    "ADI6": "'not measured' accepted (no survey no longer scores 0)",
    "GOV1": "'not applicable' removed: the rules that apply are answered, wherever they are set",
    "LAN2": "points sum to 100; parents at home required for full points",
    "WEL3": "points sum to 100; refugees required for full points",
    "IAC1": "points sum to 100; schools and childcare required for full points",
}


def _c(name: str, da: str, en: str, points: int, *, required: bool = False) -> Choice:
    return Choice(name, da, en, points, required, name == "none")


NONE = ("none", "Ingen af disse", "None of these")

#: Choice lists replaced in 2026.2 (the other lists stay; every ``none`` becomes exclusive).
CHOICES: dict[str, tuple[Choice, ...]] = {
    "service_adaptations": (
        _c(
            "food",
            "Mad i institutioner og ældrepleje, der tager hensyn til religion og kultur",
            "Food in institutions and elderly care that respects religion and culture",
            15,
        ),
        _c(
            "burial",
            "Begravelse efter forskellige religiøse skikke",
            "Burial according to different religious customs",
            15,
        ),
        _c(
            "sport",
            "Idræt og svømning, fx særlige tider eller hold",
            "Sport and swimming, e.g. separate times or classes",
            15,
        ),
        _c(
            "health",
            "Sundhed og pleje med tolk eller kulturelt tilpasset information",
            "Health and care with interpreters or culturally adapted information",
            20,
            required=True,
        ),
        _c(
            "access",
            "Åbningstider og kontaktformer, der passer til forskellige behov",
            "Opening hours and ways of contact that suit different needs",
            15,
        ),
        _c(
            "languages",
            "Information om kommunens service på flere sprog",
            "Information about the city's services in several languages",
            20,
            required=True,
        ),
        _c(*NONE, 0),
    ),
    "meeting_settings": (
        _c("sport", "Idræt og motion", "Sport and exercise", 15),
        _c("housing", "Boligområder", "Housing estates", 15),
        _c("workplaces", "Arbejdspladser", "Workplaces", 15),
        _c(
            "schools",
            "Skoler og dagtilbud, også for forældrene",
            "Schools and childcare, including the parents",
            25,
            required=True,
        ),
        _c("volunteering", "Frivilligt arbejde", "Volunteering", 15),
        _c("culture", "Kultur og fritid", "Culture and leisure", 15),
        _c(*NONE, 0),
    ),
    "language_groups": (
        _c(
            "parents_at_home",
            "Hjemmegående forældre, fx mødre med små børn",
            "Parents at home, e.g. mothers with young children",
            20,
            required=True,
        ),
        _c("elders", "Ældre", "Older people", 20),
        _c(
            "workers",
            "Personer i arbejde (undervisning på eller tæt på arbejdspladsen)",
            "People in work (teaching at or near the workplace)",
            20,
        ),
        _c(
            "little_schooling",
            "Personer med kort eller ingen skolegang",
            "People with little or no schooling",
            20,
        ),
        _c("preschool", "Børn før skolestart", "Children before they start school", 20),
        _c(*NONE, 0),
    ),
    "newcomer_groups": (
        _c("workers", "Arbejdstagere og deres familier", "Workers and their families", 20),
        _c("students", "Internationale studerende og forskere", "International students and researchers", 20),
        _c("refugees", "Flygtninge", "Refugees", 20, required=True),
        _c("family", "Familiesammenførte", "People joining family members", 20),
        _c("minors", "Uledsagede mindreårige", "Unaccompanied minors", 20),
        _c(*NONE, 0),
    ),
    "welcome_pack": (
        _c("no", "Nej", "No", 0),
        _c("official", "Ja, kun på dansk", "Yes, in Danish only", 33),
        _c("official_english", "Ja, på dansk og engelsk", "Yes, in Danish and English", 67),
        _c(
            "several",
            "Ja, på flere sprog, der afspejler, hvem de nytilkomne er",
            "Yes, in several languages that reflect who the newcomers are",
            100,
        ),
    ),
    "complaint_service": (
        _c("no", "Nej", "No", 0),
        _c(
            "national",
            "Kun hos nationale instanser (Ligebehandlingsnævnet, Institut for Menneskerettigheder)",
            "Only through national bodies (Board of Equal Treatment, Danish Institute for Human Rights)",
            33,
        ),
        _c(
            "partner",
            "Ja, hos en lokal organisation, som kommunen støtter",
            "Yes, through a local organisation the city supports",
            67,
        ),
        _c(
            "municipal",
            "Ja, hos kommunen selv, fx borgerrådgiveren eller en antidiskriminationsenhed",
            "Yes, at the city itself, e.g. the citizens' adviser or an anti-discrimination unit",
            100,
        ),
    ),
    "mediation_service": (
        _c("no", "Nej", "No", 0),
        _c(
            "general",
            "Ja, men uden særlig viden om kulturelle og religiøse konflikter",
            "Yes, but without specific knowledge of cultural and religious conflict",
            33,
        ),
        _c(
            "partner",
            "Ja, hos en organisation med interkulturel kompetence, som kommunen støtter",
            "Yes, through an organisation with intercultural competence that the city supports",
            67,
        ),
        _c(
            "municipal",
            "Ja, i kommunen selv, med mæglere med interkulturel kompetence",
            "Yes, in the city itself, with mediators of intercultural competence",
            100,
        ),
    ),
    "mother_tongue": (
        _c("no", "Nej", "No", 0),
        _c(
            "partly",
            "Ja, på nogle skoler eller i nogle sprog",
            "Yes, at some schools or in some languages",
            50,
        ),
        _c(
            "systematic",
            "Ja, på alle skoler i de sprog, mange elever taler",
            "Yes, at every school in the languages many pupils speak",
            100,
        ),
    ),
    "minority_support": (
        _c("no", "Nej", "No", 0),
        _c("partly", "Ja, enkelte projekter eller foreninger", "Yes, a few projects or associations", 50),
        _c(
            "systematic",
            "Ja, gennem en fast pulje eller faste aftaler",
            "Yes, through a standing fund or standing agreements",
            100,
        ),
    ),
}
