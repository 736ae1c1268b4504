"""``{% barometer_link city %}``: a link to the city's barometer where the visitor may see one."""

from __future__ import annotations

from typing import Any

from django import template

from mangfold.web.barometer.access import may_see_draft
from mangfold.web.barometer.models import CityBarometer

register = template.Library()


@register.inclusion_tag("barometer/_link.html", takes_context=True)
def barometer_link(context: dict[str, Any], city: Any) -> dict[str, Any]:
    stored = CityBarometer.objects.filter(city=city).only("is_published").first()
    request = context.get("request")
    user = getattr(request, "user", None)
    visible = stored is not None and (stored.is_published or (user is not None and may_see_draft(user, city)))
    return {"city": city, "visible": visible, "draft": stored is not None and not stored.is_published}
