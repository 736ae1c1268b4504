"""The demo network that `make run` loads: real cities with their published figures, and fictional example
cities (Eksempelby here, the others from the practice library's data) whose figures and answers are invented.

Everything here is idempotent: loading twice changes nothing. Later parts of mangfold (published results,
practices, statistics) add their own loaders, called from :func:`load_demo`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from mangfold.web.accounts.models import CityRole, NetworkRole
from mangfold.web.assessments.demo import load_assessments_demo
from mangfold.web.barometer.demo import load_barometer_demo
from mangfold.web.network.demo_facts import load_city_facts, mark_invented_facts
from mangfold.web.network.models import City, Membership, Network
from mangfold.web.practices.demo import load_practices
from mangfold.web.statistics.demo import load_statistics_demo

DEMO_NETWORK = "icc-demo"
DESCRIPTION = (
    "Et demonstrationsnetværk med virkelige byer og de resultater i Intercultural Cities-indekset, som de "
    "har offentliggjort, og med opdigtede eksempelbyer, hvis tal og svar er opfundet til demoen."
)
DESCRIPTION_EN = (
    "A demonstration network with real cities and the Intercultural Cities Index results they published, and "
    "fictional example cities whose figures and answers are invented for the demo."
)
"""The network's description: no count, the network page counts its real and invented member cities."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    role_da: str = ""

    def role_in(self, lang: str) -> str:
        """What the login may do, in Danish for ``da`` (when given), else in English."""
        return self.role_da if lang == "da" and self.role_da else self.role


DEMO_CITIES = [
    # slug, name, country, is_example
    ("copenhagen", "København", "DK", False),
    ("oslo", "Oslo", "NO", False),
    ("barcelona", "Barcelona", "ES", False),
    ("dortmund", "Dortmund", "DE", False),
    ("odesa", "Odesa", "UA", False),
    ("pavlohrad", "Pavlohrad", "UA", False),
    ("melitopol", "Melitopol", "UA", False),
    ("eksempelby", "Eksempelby (example)", "DK", True),
]

DEMO_USERS = [
    ("netadmin", "network admin", None, None),
    ("koordinator", "coordinator of København", "copenhagen", CityRole.Role.COORDINATOR),
    ("redaktoer", "editor of København", "copenhagen", CityRole.Role.EDITOR),
    ("laeser", "viewer of København", "copenhagen", CityRole.Role.VIEWER),
    ("eksempel", "coordinator of Eksempelby", "eksempelby", CityRole.Role.COORDINATOR),
]
DEMO_ROLES_DA = {
    "netadmin": "netværksadministrator",
    "koordinator": "koordinator for København",
    "redaktoer": "redaktør for København",
    "laeser": "læser for København",
    "eksempel": "koordinator for Eksempelby (opdigtet eksempel)",
}
"""What each demo login may do, in Danish (``mangfold load-demo --lang da``)."""


@transaction.atomic
def load_demo(password: str) -> list[DemoLogin]:
    network, _ = Network.objects.update_or_create(
        slug=DEMO_NETWORK,
        defaults={
            "name": "Intercultural Cities – mangfold demo",
            "description": DESCRIPTION,
            "description_en": DESCRIPTION_EN,
            "website": "https://www.coe.int/en/web/interculturalcities",
        },
    )
    cities: dict[str, City] = {}
    for slug, name, country, is_example in DEMO_CITIES:
        city, _ = City.objects.update_or_create(
            slug=slug, defaults={"name": name, "country": country, "is_example": is_example}
        )
        Membership.objects.get_or_create(network=network, city=city)
        cities[slug] = city
    load_city_facts()
    load_statistics_demo()
    user_model = get_user_model()
    logins = []
    for username, description, city_slug, role in DEMO_USERS:
        user, created = user_model.objects.get_or_create(username=username)
        if created:
            user.set_password(password)
            user.email = f"{username}@example.org"  # reserved domain: lets the reset mail be tried
        if city_slug is None:
            user.is_staff = True
            NetworkRole.objects.get_or_create(user=user, network=network)
        user.save()
        if city_slug is not None and role is not None:
            CityRole.objects.update_or_create(user=user, city=cities[city_slug], defaults={"role": role})
        logins.append(DemoLogin(username, description, DEMO_ROLES_DA.get(username, "")))
    load_practices(network)
    load_assessments_demo(network)
    mark_invented_facts()  # the example cities' figures, invented above, say so in each language
    load_barometer_demo()
    return logins
