"""Group schemes as data: Statistics Denmark's origin scheme and the other schemes mangfold reads.

Each scheme is a plain dict (as it would be stored in JSON) turned into a
:class:`~mangfold.population.model.GroupScheme` on request, so nothing is built at import time.
Aliases are the labels under which sources publish a group (matched case- and space-
insensitively by :func:`mangfold.population.labels.map_labels`).

- ``dst_origin``: Statistics Denmark's herkomst (Danish origin; immigrants and descendants ×
  Western / non-Western), with derived groups; the labels of StatBank tables such as FOLK1C and
  KMSTA001 in Danish and English.
- ``dst_regions_2024``: the 11 origin regions of the voting-area tables of Statistics Denmark's
  election database (2024), immigrants and descendants together, no Western split; Danish
  origin is the total population minus the 11 regions.
- ``dst_citizenship_2024``: the 12 citizenship groups of the same database.
- ``ew_ethnicity_2011``: the 14 ethnic groups of the 2011 Census of England and Wales (ONS).
"""

from __future__ import annotations

from collections.abc import Callable

from mangfold.i18n import gettext as _
from mangfold.population.model import GroupScheme

__all__ = [
    "SCHEMES",
    "SCHEME_ALIASES",
    "citizenship_2024",
    "dst_origin",
    "dst_regions_2024",
    "ew_ethnicity_2011",
    "scheme",
    "scheme_name",
]

_BASE_ORIGIN = ["danish", "imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern"]

DST_ORIGIN: dict[str, object] = {
    "name": "dst_origin",
    "label_da": "Herkomst (Danmarks Statistik)",
    "label_en": "Origin (Statistics Denmark)",
    "total": "total",
    "groups": [
        {
            "code": "danish",
            "label_da": "Personer med dansk oprindelse",
            "label_en": "Persons of Danish origin",
            "aliases": ["Dansk oprindelse", "Danish origin"],
        },
        {
            "code": "imm_western",
            "label_da": "Indvandrere fra vestlige lande",
            "label_en": "Immigrants from western countries",
        },
        {
            "code": "imm_nonwestern",
            "label_da": "Indvandrere fra ikke-vestlige lande",
            "label_en": "Immigrants from non-western countries",
        },
        {
            "code": "desc_western",
            "label_da": "Efterkommere fra vestlige lande",
            "label_en": "Descendants from western countries",
        },
        {
            "code": "desc_nonwestern",
            "label_da": "Efterkommere fra ikke-vestlige lande",
            "label_en": "Descendants from non-western countries",
        },
        {
            "code": "immigrants",
            "label_da": "Indvandrere",
            "label_en": "Immigrants",
            "components": ["imm_western", "imm_nonwestern"],
        },
        {
            "code": "descendants",
            "label_da": "Efterkommere",
            "label_en": "Descendants",
            "components": ["desc_western", "desc_nonwestern"],
        },
        {
            "code": "immigrant_background",
            "label_da": "Personer med indvandrerbaggrund",
            "label_en": "Persons with immigrant background",
            "components": ["imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern"],
            "aliases": ["Indvandrere og efterkommere", "Immigrants and descendants"],
        },
        {
            "code": "western_background",
            "label_da": "Indvandrere og efterkommere fra vestlige lande",
            "label_en": "Immigrants and descendants from western countries",
            "components": ["imm_western", "desc_western"],
        },
        {
            "code": "nonwestern_background",
            "label_da": "Indvandrere og efterkommere fra ikke-vestlige lande",
            "label_en": "Immigrants and descendants from non-western countries",
            "components": ["imm_nonwestern", "desc_nonwestern"],
        },
        {
            "code": "total",
            "label_da": "I alt",
            "label_en": "Total",
            "components": _BASE_ORIGIN,
        },
    ],
}

# (code, number in the source, Danish label, English label)
_REGIONS = [
    ("nordic", "02", "Nordiske lande", "Nordic countries"),
    ("turkey", "03", "Tyrkiet", "Turkey"),
    ("former_yugoslavia", "04", "Tidligere Jugoslavien", "Former Yugoslavia"),
    ("old_eu", "05", "Gamle EU-lande", "Old EU member states"),
    ("new_eu", "06", "Nye EU-lande", "New EU member states"),
    ("other_europe", "07", "Øvrige Europa", "Other European countries"),
    ("africa", "08", "Afrika", "Africa"),
    ("north_america", "09", "Nordamerika", "North America"),
    ("latin_america", "10", "Syd- og Mellemamerika", "South and Central America"),
    ("asia_oceania", "11", "Asien og Oceanien", "Asia and Oceania"),
    ("unknown", "12", "Uoplyst", "Unknown"),
]


def _numbered(code: str, number: str, da: str, en: str) -> dict[str, object]:
    return {"code": code, "label_da": da, "label_en": en, "aliases": [f"{number}. {da}"]}


DST_REGIONS_2024: dict[str, object] = {
    "name": "dst_regions_2024",
    "label_da": "Oprindelsesregion (valgdatabasen 2024)",
    "label_en": "Region of origin (election database 2024)",
    "total": "total",
    "groups": [
        {
            "code": "danish",
            "label_da": "Personer med dansk oprindelse",
            "label_en": "Persons of Danish origin",
        },
        *(_numbered(*r) for r in _REGIONS),
        {
            "code": "immigrant_background",
            "label_da": "Indvandrere og efterkommere",
            "label_en": "Immigrants and descendants",
            "components": [r[0] for r in _REGIONS],
        },
        {
            "code": "total",
            "label_da": "I alt",
            "label_en": "Total",
            "components": ["danish", *(r[0] for r in _REGIONS)],
        },
    ],
}

DST_CITIZENSHIP_2024: dict[str, object] = {
    "name": "dst_citizenship_2024",
    "label_da": "Statsborgerskab (valgdatabasen 2024)",
    "label_en": "Citizenship (election database 2024)",
    "total": "total",
    "groups": [
        _numbered("denmark", "01", "Danmark", "Denmark"),
        *(_numbered(*r) for r in _REGIONS),
        {
            "code": "foreign",
            "label_da": "Udenlandske statsborgere",
            "label_en": "Foreign citizens",
            "components": [r[0] for r in _REGIONS],
        },
        {
            "code": "total",
            "label_da": "I alt",
            "label_en": "Total",
            "components": ["denmark", *(r[0] for r in _REGIONS)],
        },
    ],
}

# (code, MLID column, Danish label, English label (ONS 2011 category))
_EW = [
    ("white_british", "WhiteBrit", "Hvid britisk", "White: English/Welsh/Scottish/Northern Irish/British"),
    ("irish", "Irish", "Hvid irsk", "White: Irish"),
    ("other_white", "OtherWhite", "Anden hvid", "White: Other White"),
    ("mixed", "Mixed", "Blandet eller flere etniske grupper", "Mixed/multiple ethnic groups"),
    ("indian", "Indian", "Indisk", "Asian/Asian British: Indian"),
    ("pakistani", "Pakistani", "Pakistansk", "Asian/Asian British: Pakistani"),
    ("bangladeshi", "Bangladeshi", "Bangladeshisk", "Asian/Asian British: Bangladeshi"),
    ("chinese", "Chinese", "Kinesisk", "Asian/Asian British: Chinese"),
    ("other_asian", "OtherAsian", "Anden asiatisk", "Asian/Asian British: Other Asian"),
    ("black_african", "BlkAfrican", "Sort afrikansk", "Black/African/Caribbean/Black British: African"),
    ("black_caribbean", "BlkCaribbean", "Sort caribisk", "Black/African/Caribbean/Black British: Caribbean"),
    ("other_black", "OtherBlk", "Anden sort", "Black/African/Caribbean/Black British: Other Black"),
    ("arab", "Arab", "Arabisk", "Other ethnic group: Arab"),
    ("other", "Other", "Anden etnisk gruppe", "Other ethnic group: Any other ethnic group"),
]

EW_ETHNICITY_2011: dict[str, object] = {
    "name": "ew_ethnicity_2011",
    "label_da": "Etnisk gruppe (folketælling, England og Wales 2011)",
    "label_en": "Ethnic group (2011 Census, England and Wales)",
    "total": "total",
    "groups": [
        *({"code": c, "label_da": da, "label_en": en, "aliases": [col]} for c, col, da, en in _EW),
        {
            "code": "white",
            "label_da": "Hvid",
            "label_en": "White",
            "components": ["white_british", "irish", "other_white"],
        },
        {
            "code": "asian",
            "label_da": "Asiatisk",
            "label_en": "Asian/Asian British",
            "components": ["indian", "pakistani", "bangladeshi", "chinese", "other_asian"],
        },
        {
            "code": "black",
            "label_da": "Sort",
            "label_en": "Black/African/Caribbean/Black British",
            "components": ["black_african", "black_caribbean", "other_black"],
        },
        {
            "code": "total",
            "label_da": "I alt",
            "label_en": "Total",
            "components": [c for c, *_ in _EW],
        },
    ],
}


def dst_origin() -> GroupScheme:
    """Statistics Denmark's origin scheme (5 base groups, derived sums, total)."""
    return GroupScheme.from_dict(DST_ORIGIN)


def dst_regions_2024() -> GroupScheme:
    """Danish origin and the 11 origin regions of the 2024 voting-area tables."""
    return GroupScheme.from_dict(DST_REGIONS_2024)


def citizenship_2024() -> GroupScheme:
    """The 12 citizenship groups of the 2024 voting-area tables."""
    return GroupScheme.from_dict(DST_CITIZENSHIP_2024)


def ew_ethnicity_2011() -> GroupScheme:
    """The 14 ethnic groups of the 2011 Census of England and Wales."""
    return GroupScheme.from_dict(EW_ETHNICITY_2011)


SCHEMES: dict[str, Callable[[], GroupScheme]] = {
    "dst_origin": dst_origin,
    "dst_regions_2024": dst_regions_2024,
    "dst_citizenship_2024": citizenship_2024,
    "ew_ethnicity_2011": ew_ethnicity_2011,
}


def scheme(name: str) -> GroupScheme:
    """A built-in scheme by name (see :data:`SCHEMES`)."""
    try:
        return SCHEMES[name]()
    except KeyError:
        raise KeyError(
            _("no built-in scheme {name!r}; known: {known}").format(name=name, known=", ".join(SCHEMES))
        ) from None


#: Short names the command line, the upload form and a fetch plan accept for the built-in schemes.
SCHEME_ALIASES = {
    "dst": "dst_origin",
    "dk_regions": "dst_regions_2024",
    "dk_citizenship": "dst_citizenship_2024",
    "ew_census": "ew_ethnicity_2011",
}


def scheme_name(value: str) -> str:
    """The built-in scheme named by ``value`` or one of its short names (:data:`SCHEME_ALIASES`);
    ``KeyError`` (its message in words) otherwise."""
    name = SCHEME_ALIASES.get(value, value)
    if name not in SCHEMES:
        known = ", ".join([*SCHEME_ALIASES, *SCHEMES])
        raise KeyError(_("no scheme {value!r}; known: {known}").format(value=value, known=known))
    return name
