"""The choice lists of the questionnaire, with the points each answer earns.

Graded lists follow MIPEX: the weakest answer earns 0 points, the strongest 100, and the steps in between
are evenly spaced (0/50/100 for three steps, 0/33/67/100 for four, 0/25/50/75/100 for five). "We do not
know" earns 0 points, like the weakest answer: a city that does not measure something cannot show it.
Multiple-choice lists give points per option; the scorer sums the chosen options and caps the sum at 100,
so a city gets full points by doing several (not necessarily all) of the things listed. Each
multiple-choice list has a ``none`` option worth 0, so that "none of these" is an answer, not a gap.
"""

from __future__ import annotations

from .choices_multiple import MULTIPLE_CHOICES
from .model import Choice

CHOICES: dict[str, tuple[Choice, ...]] = {
    # The reserved yes/no list; every yes/no question is phrased so that "yes" is the good answer.
    "yes_no": (
        Choice("yes", "Ja", "Yes", 100),
        Choice("no", "Nej", "No", 0),
    ),
    # --- graded scales shared by several questions -----------------------------------------------
    "strategy": (
        Choice("none", "Nej", "No", 0),
        Choice("preparing", "Den er under udarbejdelse", "It is being prepared", 25),
        Choice(
            "adopted",
            "Den er vedtaget, men uden egen økonomi eller fast opfølgning",
            "It is adopted, but without its own budget or regular follow-up",
            50,
        ),
        Choice(
            "funded",
            "Den er vedtaget med økonomi og en ansvarlig enhed",
            "It is adopted with a budget and a responsible unit",
            75,
        ),
        Choice(
            "evaluated",
            "Den er vedtaget med økonomi og en ansvarlig enhed og bliver evalueret regelmæssigt",
            "It is adopted with a budget and a responsible unit, and it is evaluated regularly",
            100,
        ),
    ),
    "extent": (
        Choice("no", "Nej", "No", 0),
        Choice("partly", "Delvist eller kun i enkelte tilfælde", "Partly, or only in some cases", 50),
        Choice("systematic", "Ja, fuldt ud og systematisk", "Yes, fully and systematically", 100),
    ),
    "frequency": (
        Choice("never", "Aldrig", "Never", 0),
        Choice("rarely", "Sjældnere end en gang om året", "Less than once a year", 33),
        Choice("yearly", "En til to gange om året", "Once or twice a year", 67),
        Choice("often", "Flere gange om året", "Several times a year", 100),
    ),
    "coverage": (
        Choice("none", "Ingen", "None", 0),
        Choice("few", "Nogle få", "A few", 33),
        Choice("many", "Mange", "Many", 67),
        Choice("all", "Alle eller næsten alle", "All or almost all", 100),
    ),
    "often": (
        Choice("rarely", "Sjældent eller aldrig", "Rarely or never", 0),
        Choice("sometimes", "Af og til", "Sometimes", 50),
        Choice("often", "Ofte", "Often", 100),
    ),
    # Share of a group (staff, teachers, councillors) compared with its share of the population.
    "representation": (
        Choice("unknown", "Det ved vi ikke", "We do not know", 0),
        Choice(
            "far_below",
            "Langt under (mindre end halvdelen af andelen i befolkningen)",
            "Far below (less than half the share in the population)",
            0,
        ),
        Choice(
            "below",
            "Noget under (mellem halvdelen og ni tiendedele af andelen i befolkningen)",
            "Somewhat below (between half and nine tenths of the share in the population)",
            50,
        ),
        Choice("matches", "Omtrent den samme eller højere", "About the same or higher", 100),
    ),
    # "Are there places where …?" – the good answer is "no".
    "concentration": (
        Choice("several", "Ja, flere", "Yes, several", 0),
        Choice("few", "Ja, enkelte", "Yes, a few", 50),
        Choice("no", "Nej", "No", 100),
    ),
    "survey": (
        Choice("never", "Nej", "No", 0),
        Choice("once", "Ja, én gang inden for de seneste fem år", "Yes, once in the last five years", 50),
        Choice(
            "regular",
            "Ja, regelmæssigt (mindst hvert andet år)",
            "Yes, regularly (at least every other year)",
            100,
        ),
    ),
    # --- lists of a single question ------------------------------------------------------------
    "coordination": (
        Choice("no", "Nej", "No", 0),
        Choice(
            "without_mandate",
            "Ja, men uden mandat til at koordinere på tværs af forvaltningerne",
            "Yes, but without a mandate to coordinate across departments",
            50,
        ),
        Choice(
            "with_mandate",
            "Ja, med mandat og ressourcer til at koordinere på tværs af forvaltningerne",
            "Yes, with a mandate and resources to coordinate across departments",
            100,
        ),
    ),
    "recruitment": (
        Choice("no", "Nej", "No", 0),
        Choice("statement", "Ja, som en hensigtserklæring", "Yes, as a statement of intent", 50),
        Choice(
            "measures",
            "Ja, med konkrete tiltag og opfølgning",
            "Yes, with concrete measures and follow-up",
            100,
        ),
    ),
    "charter": (
        Choice("no", "Nej", "No", 0),
        Choice("city_only", "Ja, men kun kommunen selv", "Yes, but only the city itself", 50),
        Choice(
            "city_and_business",
            "Ja, kommunen og en række lokale virksomheder",
            "Yes, the city and a number of local businesses",
            100,
        ),
    ),
    "mediation_service": (
        Choice("no", "Nej", "No", 0),
        Choice(
            "general",
            "Ja, men uden særlig viden om kulturelle og religiøse konflikter",
            "Yes, but without specific knowledge of cultural and religious conflict",
            33,
        ),
        Choice(
            "partner",
            "Ja, hos en organisation med interkulturel kompetence, som kommunen støtter",
            "Yes, through an organisation with intercultural competence that the city supports",
            67,
        ),
        Choice(
            "municipal",
            "Ja, en kommunal tjeneste med interkulturel kompetence",
            "Yes, a municipal service with intercultural competence",
            100,
        ),
    ),
    "language_course": (
        Choice("none", "Der er intet tilbud", "There is no course", 0),
        Choice(
            "standard",
            "Et standardtilbud (fx det, loven kræver)",
            "A standard course (e.g. the one the law requires)",
            50,
        ),
        Choice(
            "flexible",
            "Et tilbud ud over standarden, med fleksible forløb (fx aften, online eller med børnepasning)",
            "A course beyond the standard, with flexible options (e.g. evenings, online or with childcare)",
            100,
        ),
    ),
    "welcome_service": (
        Choice("no", "Nej", "No", 0),
        Choice("some_groups", "Ja, for nogle grupper af nytilkomne", "Yes, for some groups of newcomers", 50),
        Choice("one_place", "Ja, ét sted for alle nytilkomne", "Yes, one place for all newcomers", 100),
    ),
    "welcome_pack": (
        Choice("no", "Nej", "No", 0),
        Choice("official", "Ja, kun på det officielle sprog", "Yes, in the official language only", 33),
        Choice(
            "official_english",
            "Ja, på det officielle sprog og engelsk",
            "Yes, in the official language and English",
            67,
        ),
        Choice(
            "several",
            "Ja, på flere sprog, der afspejler, hvem de nytilkomne er",
            "Yes, in several languages that reflect who the newcomers are",
            100,
        ),
    ),
    "voting_rights": (
        Choice("no", "Nej", "No", 0),
        Choice("vote", "De kan stemme, men ikke stille op", "They can vote but not stand", 50),
        Choice("vote_and_stand", "De kan både stemme og stille op", "They can both vote and stand", 100),
    ),
    "complaint_service": (
        Choice("no", "Nej", "No", 0),
        Choice("national", "Kun hos nationale instanser", "Only through national bodies", 33),
        Choice(
            "partner",
            "Ja, hos en lokal organisation, som kommunen støtter",
            "Yes, through a local organisation the city supports",
            67,
        ),
        Choice(
            "municipal", "Ja, i en kommunal enhed eller tjeneste", "Yes, in a municipal unit or service", 100
        ),
    ),
    "advisory_body": (
        Choice("no", "Nej", "No", 0),
        Choice("rarely_heard", "Ja, men det bliver sjældent hørt", "Yes, but it is rarely consulted", 33),
        Choice(
            "consulted",
            "Ja, og det bliver hørt i relevante sager",
            "Yes, and it is consulted on relevant matters",
            67,
        ),
        Choice(
            "influence",
            "Ja, det bliver hørt fast og kan selv rejse sager over for byrådet",
            "Yes, it is consulted as a rule and can itself raise matters with the city council",
            100,
        ),
    ),
    "involvement": (
        Choice("no", "Nej", "No", 0),
        Choice("consulted", "Ja, gennem en høring", "Yes, through a consultation", 50),
        Choice("co_drafted", "Ja, de var med til at udarbejde den", "Yes, they helped draft it", 100),
    ),
    # --- multiple-choice lists (choices_multiple.py) -------------------------------------------
    **MULTIPLE_CHOICES,
}
