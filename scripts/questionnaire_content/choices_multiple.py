"""The multiple-choice lists of the questionnaire: points per option, the sum capped at 100.

Each list has a ``none`` option worth 0, so that "none of these" is an answer, not a gap.
"""

from __future__ import annotations

from .model import Choice

NONE_OF_THESE = Choice("none", "Ingen af disse", "None of these", 0)

MULTIPLE_CHOICES: dict[str, tuple[Choice, ...]] = {
    "school_activities": (
        Choice(
            "curriculum",
            "Undervisningsforløb om migration, religion og kultur",
            "Teaching units on migration, religion and culture",
            25,
        ),
        Choice(
            "twinning",
            "Venskabsklasser eller udveksling mellem skoler med forskellig elevsammensætning",
            "Partner classes or exchanges between schools with different pupil populations",
            25,
        ),
        Choice(
            "training",
            "Efteruddannelse af lærere i interkulturel pædagogik",
            "In-service training of teachers in intercultural teaching",
            25,
        ),
        Choice(
            "parents",
            "Forældre med forskellig baggrund bidrager til undervisningen",
            "Parents of different backgrounds contribute to teaching",
            15,
        ),
        Choice(
            "celebrations",
            "Markering af højtider og mærkedage fra flere traditioner",
            "Marking holidays and festivals from several traditions",
            10,
        ),
        NONE_OF_THESE,
    ),
    "service_adaptations": (
        Choice(
            "food",
            "Mad i institutioner og ældrepleje, der tager hensyn til religion og kultur",
            "Food in institutions and elderly care that respects religion and culture",
            20,
        ),
        Choice(
            "burial",
            "Begravelse efter forskellige religiøse skikke",
            "Burial according to different religious customs",
            20,
        ),
        Choice(
            "sport",
            "Idræt og svømning, fx særlige tider eller hold",
            "Sport and swimming, e.g. separate times or classes",
            20,
        ),
        Choice(
            "health",
            "Sundhed og pleje med tolk eller kulturelt tilpasset information",
            "Health and care with interpreters or culturally adapted information",
            20,
        ),
        Choice(
            "access",
            "Åbningstider og kontaktformer, der passer til forskellige behov",
            "Opening hours and ways of contact that suit different needs",
            20,
        ),
        Choice(
            "languages",
            "Information om kommunens service på flere sprog",
            "Information about the city's services in several languages",
            20,
        ),
        NONE_OF_THESE,
    ),
    "public_places": (
        Choice("libraries", "Biblioteker", "Libraries", 20),
        Choice("parks", "Parker og grønne områder", "Parks and green spaces", 20),
        Choice("squares", "Pladser og gader", "Squares and streets", 20),
        Choice("museums", "Museer og kulturhuse", "Museums and cultural centres", 20),
        Choice("sports", "Idrætsanlæg og legepladser", "Sports grounds and playgrounds", 20),
        NONE_OF_THESE,
    ),
    "mediation_fields": (
        Choice("schools", "Skoler", "Schools", 25),
        Choice("housing", "Boligområder", "Housing estates", 25),
        Choice(
            "streets",
            "Gader og natteliv, i samarbejde med politiet",
            "Streets and nightlife, together with the police",
            25,
        ),
        Choice(
            "services",
            "Kommunens egne services og arbejdspladser",
            "The city's own services and workplaces",
            25,
        ),
        NONE_OF_THESE,
    ),
    "language_groups": (
        Choice(
            "parents_at_home",
            "Hjemmegående forældre, fx mødre med små børn",
            "Parents at home, e.g. mothers with young children",
            25,
        ),
        Choice("elders", "Ældre", "Older people", 25),
        Choice(
            "workers",
            "Personer i arbejde (undervisning på eller tæt på arbejdspladsen)",
            "People in work (teaching at or near the workplace)",
            25,
        ),
        Choice(
            "little_schooling",
            "Personer med kort eller ingen skolegang",
            "People with little or no schooling",
            25,
        ),
        Choice("preschool", "Børn før skolestart", "Children before they start school", 25),
        NONE_OF_THESE,
    ),
    "newcomer_groups": (
        Choice("workers", "Arbejdstagere og deres familier", "Workers and their families", 25),
        Choice(
            "students", "Internationale studerende og forskere", "International students and researchers", 25
        ),
        Choice("refugees", "Flygtninge", "Refugees", 25),
        Choice("family", "Familiesammenførte", "People joining family members", 25),
        Choice("minors", "Uledsagede mindreårige", "Unaccompanied minors", 25),
        NONE_OF_THESE,
    ),
    "anti_discrimination_scope": (
        Choice("employer", "Kommunen som arbejdsgiver", "The city as an employer", 25),
        Choice("services", "Kommunens service over for borgerne", "The city's services to residents", 25),
        Choice(
            "suppliers",
            "Leverandører og entreprenører, der udfører opgaver for kommunen",
            "Suppliers and contractors working for the city",
            25,
        ),
        Choice(
            "grants",
            "Foreninger og projekter, der får tilskud fra kommunen",
            "Associations and projects that receive grants from the city",
            25,
        ),
        NONE_OF_THESE,
    ),
    "meeting_settings": (
        Choice("sport", "Idræt og motion", "Sport and exercise", 20),
        Choice("housing", "Boligområder", "Housing estates", 20),
        Choice("workplaces", "Arbejdspladser", "Workplaces", 20),
        Choice(
            "schools",
            "Skoler og dagtilbud, også for forældrene",
            "Schools and childcare, including the parents",
            20,
        ),
        Choice("volunteering", "Frivilligt arbejde", "Volunteering", 20),
        Choice("culture", "Kultur og fritid", "Culture and leisure", 20),
        NONE_OF_THESE,
    ),
}
