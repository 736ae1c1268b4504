"""Optional indicators (extended index only): participation and interaction."""

# ruff: noqa: E501

from __future__ import annotations

from .model import Indicator, number, select_multiple, select_one, yes_no

PARTICIPATION = Indicator(
    code="participation",
    da="Borgerinddragelse",
    en="Participation",
    scope_da="Om borgere med indvandrerbaggrund er med til at forme kommunens politik, og om der er et rådgivende organ med reel indflydelse. Indikatoren ser også på, om kommunens høringer og borgerinddragelse når ud til alle grupper i byen.",
    scope_en="Whether residents of migrant background help shape the city's policy, and whether there is an advisory body with real influence. It also looks at whether the city's consultations and public involvement reach all groups in the city.",
    core=False,
    questions=(
        select_one(
            "PAR1",
            "advisory_body",
            "input",
            da="Har kommunen et råd eller udvalg, der rådgiver byrådet om integration og mangfoldighed, fx et integrationsråd?",
            en="Does the city have a council or committee that advises the city council on integration and diversity, e.g. an integration council?",
            help_da="Link til rådets kommissorium og eksempler på sager, det er blevet hørt i eller selv har rejst.",
            help_en="Link to the body's terms of reference and examples of matters on which it was consulted or that it raised itself.",
        ),
        select_one(
            "PAR2",
            "extent",
            "input",
            da="Sørger kommunen for, at høringer og borgermøder når ud til borgere med forskellig baggrund, fx gennem tolkning, oversatte materialer eller møder i lokalområderne?",
            en="Does the city make sure that consultations and public meetings reach residents of different backgrounds, e.g. through interpreting, translated material or meetings in local areas?",
            help_da="Eksempler fra de seneste to år, og hvordan man nåede ud til forskellige grupper.",
            help_en="Examples from the last two years and how different groups were reached.",
        ),
        select_one(
            "PAR3",
            "involvement",
            "input",
            da="Har borgere med indvandrerbaggrund været med til at udforme kommunens gældende politik for integration eller mangfoldighed?",
            en="Did residents of migrant background take part in shaping the city's current integration or diversity policy?",
            help_da="Beskrivelse af processen, fx workshops, høringssvar eller deltagelse i en arbejdsgruppe.",
            help_en="Description of the process, e.g. workshops, consultation responses or membership of a working group.",
        ),
        yes_no(
            "PAR4",
            "input",
            da="Støtter kommunen foreninger eller forløb, der styrker borgere med indvandrerbaggrund i at deltage i demokratiet, fx kurser i foreningsarbejde eller mentorordninger?",
            en="Does the city support associations or programmes that help residents of migrant background take part in democracy, e.g. courses in running associations or mentoring?",
            help_da="Eksempler på støttede foreninger eller forløb og antal deltagere.",
            help_en="Examples of supported associations or programmes and the number of participants.",
        ),
        number(
            "PAR5",
            "decimal",
            "impact",
            points="0=0; 25=25; 50=50; 75=75; 90=100",
            da="Hvor stor var andelen af deltagere med indvandrerbaggrund i kommunens seneste større borgerinddragelse, i procent af gruppens andel af befolkningen?",
            en="How large was the share of participants of migrant background in the city's latest major public involvement exercise, as a percentage of the group's share of the population?",
            help_da="Fx 12 % af deltagerne mod 20 % af befolkningen giver 60. Angiv hvilken borgerinddragelse, og hvordan deltagerne blev opgjort.",
            help_en="E.g. 12 % of participants against 20 % of the population gives 60. State which exercise, and how participants were counted.",
        ),
    ),
)

INTERACTION = Indicator(
    code="interaction",
    da="Møder på tværs",
    en="Interaction",
    scope_da="Om kommunen har programmer, der bringer borgere med forskellig baggrund sammen i hverdagen – i idræt, boligområder, på arbejdspladser og i fritiden. Indikatoren ser også på, om kommunen ved, om møderne faktisk finder sted og fører til varige kontakter.",
    scope_en="Whether the city runs programmes that bring residents of different backgrounds together in everyday life – in sport, housing estates, workplaces and leisure. It also looks at whether the city knows if these encounters actually happen and lead to lasting contact.",
    core=False,
    questions=(
        select_multiple(
            "IAC1",
            "meeting_settings",
            "input",
            da="I hvilke sammenhænge støtter kommunen programmer, der bringer borgere med forskellig baggrund sammen?",
            en="In which settings does the city support programmes that bring residents of different backgrounds together?",
            help_da="Et eksempel på et program for hver sammenhæng, der er sat kryds ved.",
            help_en="One example of a programme for each setting ticked.",
        ),
        select_one(
            "IAC2",
            "strategy",
            "input",
            da="Har kommunen en samlet plan for, hvordan den fremmer møder mellem borgere med forskellig baggrund?",
            en="Does the city have an overall plan for how it encourages encounters between residents of different backgrounds?",
            help_da="Link til planen eller den del af en strategi, hvor den står.",
            help_en="Link to the plan or the part of a strategy where it is set out.",
        ),
        yes_no(
            "IAC3",
            "input",
            da="Støtter kommunen frivillige mentor- eller venskabsordninger mellem nytilkomne og borgere, der har boet længe i byen?",
            en="Does the city support volunteer mentoring or befriending schemes between newcomers and long-standing residents?",
            help_da="Navn på ordningen, hvem der driver den, og antal par i det seneste år.",
            help_en="Name of the scheme, who runs it, and the number of pairs in the last year.",
        ),
        select_one(
            "IAC4",
            "extent",
            "input",
            da="Evaluerer kommunen, om dens mødeprogrammer fører til varige kontakter mellem deltagerne?",
            en="Does the city evaluate whether its programmes lead to lasting contact between participants?",
            help_da="Link til den seneste evaluering.",
            help_en="Link to the latest evaluation.",
        ),
        number(
            "IAC5",
            "decimal",
            "impact",
            points="0=0; 25=25; 40=50; 55=75; 70=100",
            da="Hvor stor en andel af borgerne har ifølge den seneste undersøgelse jævnligt kontakt med mennesker med en anden etnisk baggrund end deres egen, uden for arbejde og familie (i procent)?",
            en="According to the latest survey, what share of residents regularly have contact with people of a different ethnic background from their own, outside work and family (per cent)?",
            help_da="Kilde, år og den præcise formulering af spørgsmålet i undersøgelsen.",
            help_en="Source, year and the exact wording of the survey question.",
        ),
    ),
)
