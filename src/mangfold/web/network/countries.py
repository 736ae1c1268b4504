"""Country names in Danish and English for the ISO 3166 alpha-2 codes cities carry.

The names of Statistics Denmark's Western countries come from :mod:`mangfold.population.origin` (one list for
the whole product); :data:`OTHER` adds the countries of member cities outside it. A code without a name is
shown as it is.
"""

from __future__ import annotations

from mangfold.population.origin import WESTERN_COUNTRIES

__all__ = ["OTHER", "country_name"]

OTHER: dict[str, tuple[str, str]] = {
    # alpha-2 -> (Danish, English)
    "UA": ("Ukraine", "Ukraine"),
}
"""Countries of the member cities in mangfold's data that are not among Statistics Denmark's Western
countries (add one when a city of a new country joins)."""

_NAMES: dict[str, tuple[str, str]] = {
    **{c.alpha2: (c.name_da, c.name_en) for c in WESTERN_COUNTRIES},
    **OTHER,
}


def country_name(code: str, lang: str) -> str:
    """The name of the country ``code`` in ``lang`` (Danish for ``da``, else English): ``country_name("DE",
    "da") == "Tyskland"``; an unknown code is returned as it is (upper case)."""
    key = (code or "").strip().upper()
    names = _NAMES.get(key)
    if names is None:
        return key
    return names[0] if lang.split("-")[0].lower() == "da" else names[1]
