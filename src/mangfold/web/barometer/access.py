"""Who may see and edit a city's barometer: the policy's answers, in one place for this app."""

from __future__ import annotations

from django.http import Http404

from mangfold.web.accounts import policy
from mangfold.web.accounts.policy import Action, AnyUser
from mangfold.web.barometer.models import CityBarometer
from mangfold.web.network.models import City


def may_edit(user: AnyUser, city: City) -> bool:
    return policy.can(user, Action.EDIT_BAROMETER, city)


def may_see_draft(user: AnyUser, city: City) -> bool:
    return policy.can(user, Action.VIEW_PRIVATE, city)


def visible_barometer(user: AnyUser, city: City) -> CityBarometer:
    """The city's barometer if the user may see it: published, or a draft to the city's officials and
    the network's administrators; a 404 otherwise (a draft's existence is not public)."""
    stored = CityBarometer.objects.filter(city=city).first()
    if stored is None or not (stored.is_published or may_see_draft(user, city)):
        raise Http404
    return stored
