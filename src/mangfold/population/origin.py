"""Statistics Denmark's origin classification (herkomst) as pure functions, scalar and vectorised.

Definitions (Danmarks Statistik, documentation of IE_TYPE and OPR_LAND; domain.md §4):

- **Danish origin** (dansk oprindelse): at least one parent is both a Danish citizen and born
  in Denmark, whatever the person's own birthplace. With no known parent, a person born in
  Denmark who is a Danish citizen is of Danish origin.
- **Immigrant** (indvandrer): born abroad, and no parent is both a Danish citizen and born in
  Denmark. A person born abroad with no known parent is an immigrant.
- **Descendant** (efterkommer): born in Denmark, and no parent is both a Danish citizen and
  born in Denmark. A person born in Denmark with no known parent who is a foreign citizen is a
  descendant.
- **Country of origin** (oprindelsesland, OPR_LAND): with no known parent, an immigrant's
  birth country and a descendant's citizenship. Otherwise the mother's country (the father's
  when only he is known), where a parent's country is the birth country, or the citizenship
  when the parent was born in Denmark (or the birth country is unknown).
- **Western countries**: the EU member states, Andorra, Iceland, Liechtenstein, Monaco, Norway,
  San Marino, Switzerland, the United Kingdom, the Vatican, Canada, the USA, Australia and New
  Zealand; every other country, and an unknown one, is non-Western.

A person is described by six country values, each an ISO 3166 alpha-2 or alpha-3 code (case
and surrounding spaces ignored; ``None``, NaN or ``""`` for unknown): own birth country and
citizenship, the mother's and the father's birth country and citizenship. A parent is *known*
when either of their two values is known; an unknown own birth country counts as abroad.
Use :func:`country_code` to turn Danish or English country names into codes first.

Three implementations of one rule: :func:`classify` (scalar, the reference),
:func:`classify_arrays` (NumPy) and :func:`origin_sql_case` (an SQL CASE expression for
DuckDB); the tests check that they agree on an exhaustive grid.
"""

from __future__ import annotations

import enum
import functools
import unicodedata
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "DENMARK",
    "WESTERN",
    "WESTERN_COUNTRIES",
    "Country",
    "Origin",
    "classify",
    "classify_arrays",
    "country_code",
    "is_western",
    "origin_country",
    "origin_group",
    "origin_sql_case",
]


class Origin(enum.StrEnum):
    """The three origin categories."""

    DANISH = "danish"
    IMMIGRANT = "immigrant"
    DESCENDANT = "descendant"


class Country(tuple[str, str, str, str]):
    """(alpha-2, alpha-3, Danish name, English name)."""

    @property
    def alpha2(self) -> str:
        return self[0]

    @property
    def alpha3(self) -> str:
        return self[1]

    @property
    def name_da(self) -> str:
        return self[2]

    @property
    def name_en(self) -> str:
        return self[3]


def _c(a2: str, a3: str, da: str, en: str) -> Country:
    return Country((a2, a3, da, en))


#: Statistics Denmark's Western countries (EU-27, Andorra, Iceland, Liechtenstein, Monaco,
#: Norway, San Marino, Switzerland, the UK, the Vatican, Canada, the USA, Australia, New Zealand).
WESTERN_COUNTRIES: tuple[Country, ...] = (
    _c("AT", "AUT", "Østrig", "Austria"),
    _c("BE", "BEL", "Belgien", "Belgium"),
    _c("BG", "BGR", "Bulgarien", "Bulgaria"),
    _c("HR", "HRV", "Kroatien", "Croatia"),
    _c("CY", "CYP", "Cypern", "Cyprus"),
    _c("CZ", "CZE", "Tjekkiet", "Czechia"),
    _c("DK", "DNK", "Danmark", "Denmark"),
    _c("EE", "EST", "Estland", "Estonia"),
    _c("FI", "FIN", "Finland", "Finland"),
    _c("FR", "FRA", "Frankrig", "France"),
    _c("DE", "DEU", "Tyskland", "Germany"),
    _c("GR", "GRC", "Grækenland", "Greece"),
    _c("HU", "HUN", "Ungarn", "Hungary"),
    _c("IE", "IRL", "Irland", "Ireland"),
    _c("IT", "ITA", "Italien", "Italy"),
    _c("LV", "LVA", "Letland", "Latvia"),
    _c("LT", "LTU", "Litauen", "Lithuania"),
    _c("LU", "LUX", "Luxembourg", "Luxembourg"),
    _c("MT", "MLT", "Malta", "Malta"),
    _c("NL", "NLD", "Nederlandene", "Netherlands"),
    _c("PL", "POL", "Polen", "Poland"),
    _c("PT", "PRT", "Portugal", "Portugal"),
    _c("RO", "ROU", "Rumænien", "Romania"),
    _c("SK", "SVK", "Slovakiet", "Slovakia"),
    _c("SI", "SVN", "Slovenien", "Slovenia"),
    _c("ES", "ESP", "Spanien", "Spain"),
    _c("SE", "SWE", "Sverige", "Sweden"),
    _c("AD", "AND", "Andorra", "Andorra"),
    _c("IS", "ISL", "Island", "Iceland"),
    _c("LI", "LIE", "Liechtenstein", "Liechtenstein"),
    _c("MC", "MCO", "Monaco", "Monaco"),
    _c("NO", "NOR", "Norge", "Norway"),
    _c("SM", "SMR", "San Marino", "San Marino"),
    _c("CH", "CHE", "Schweiz", "Switzerland"),
    _c("GB", "GBR", "Storbritannien", "United Kingdom"),
    _c("VA", "VAT", "Vatikanstaten", "Vatican City"),
    _c("CA", "CAN", "Canada", "Canada"),
    _c("US", "USA", "USA", "United States"),
    _c("AU", "AUS", "Australien", "Australia"),
    _c("NZ", "NZL", "New Zealand", "New Zealand"),
)

#: Codes that also name Western countries: Eurostat's EL (Greece) and UK.
_EXTRA_CODES = {"EL": "GR", "UK": "GB"}
#: Further names in use for Western countries (Danish and English).
_EXTRA_NAMES = {
    "holland": "NL",
    "the netherlands": "NL",
    "tjekkiet (den tjekkiske republik)": "CZ",
    "den tjekkiske republik": "CZ",
    "czech republic": "CZ",
    "det forenede kongerige": "GB",
    "england": "GB",
    "great britain": "GB",
    "the united kingdom": "GB",
    "amerikas forenede stater": "US",
    "united states of america": "US",
    "the united states": "US",
    "vatikanet": "VA",
    "holy see": "VA",
    "new zealand (aotearoa)": "NZ",
}

#: Denmark's codes.
DENMARK: frozenset[str] = frozenset({"DK", "DNK"})
#: Every alpha-2 and alpha-3 code (and EL, UK) of a Western country, upper case.
WESTERN: frozenset[str] = frozenset(
    [c.alpha2 for c in WESTERN_COUNTRIES] + [c.alpha3 for c in WESTERN_COUNTRIES] + list(_EXTRA_CODES)
)


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@functools.cache
def _codes() -> dict[str, str]:
    table = {c.alpha2: c.alpha2 for c in WESTERN_COUNTRIES}
    table.update({c.alpha3: c.alpha2 for c in WESTERN_COUNTRIES})
    table.update(_EXTRA_CODES)
    return table


@functools.cache
def _names() -> dict[str, str]:
    table = {_fold(c.name_da): c.alpha2 for c in WESTERN_COUNTRIES}
    table.update({_fold(c.name_en): c.alpha2 for c in WESTERN_COUNTRIES})
    table.update(_EXTRA_NAMES)
    return table


def _clean(value: Any) -> str | None:
    """An upper-case code, or None for unknown (None, NaN, empty)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    s = str(value).strip().upper()
    return s or None


def country_code(value: Any) -> str | None:
    """The alpha-2 code of a Western country given its code or Danish or English name;
    otherwise the cleaned input (upper case), or ``None`` if unknown."""
    s = _clean(value)
    if s is None:
        return None
    if s in _codes():
        return _codes()[s]
    return _names().get(_fold(str(value)), s)


def is_western(country: Any) -> bool:
    """True for a Western country (code or Danish/English name); unknown is non-Western."""
    code = country_code(country)
    return code is not None and code in WESTERN


def _parent_known(birth: str | None, cit: str | None) -> bool:
    return birth is not None or cit is not None


def _parent_country(birth: str | None, cit: str | None) -> str | None:
    return cit if birth in DENMARK or birth is None else birth


def classify(
    birth_country: Any,
    citizenship: Any,
    mother_birth_country: Any = None,
    mother_citizenship: Any = None,
    father_birth_country: Any = None,
    father_citizenship: Any = None,
) -> Origin:
    """Danish origin, immigrant or descendant (Statistics Denmark's IE_TYPE), from codes."""
    b, c = _clean(birth_country), _clean(citizenship)
    mb, mc = _clean(mother_birth_country), _clean(mother_citizenship)
    fb, fc = _clean(father_birth_country), _clean(father_citizenship)
    if (mb in DENMARK and mc in DENMARK) or (fb in DENMARK and fc in DENMARK):
        return Origin.DANISH
    born_dk = b in DENMARK
    if not (_parent_known(mb, mc) or _parent_known(fb, fc)):
        if not born_dk:
            return Origin.IMMIGRANT
        return Origin.DANISH if c in DENMARK else Origin.DESCENDANT
    return Origin.DESCENDANT if born_dk else Origin.IMMIGRANT


def origin_country(
    birth_country: Any,
    citizenship: Any,
    mother_birth_country: Any = None,
    mother_citizenship: Any = None,
    father_birth_country: Any = None,
    father_citizenship: Any = None,
) -> str | None:
    """The country of origin (OPR_LAND) of an immigrant or descendant, as its cleaned code."""
    b, c = _clean(birth_country), _clean(citizenship)
    mb, mc = _clean(mother_birth_country), _clean(mother_citizenship)
    fb, fc = _clean(father_birth_country), _clean(father_citizenship)
    if _parent_known(mb, mc):
        return _parent_country(mb, mc)
    if _parent_known(fb, fc):
        return _parent_country(fb, fc)
    return c if b in DENMARK else b


def origin_group(*person: Any) -> str:
    """The base group of the DST origin scheme: ``danish``, ``imm_western``,
    ``imm_nonwestern``, ``desc_western`` or ``desc_nonwestern`` (same arguments as
    :func:`classify`)."""
    kind = classify(*person)
    if kind is Origin.DANISH:
        return "danish"
    western = is_western(origin_country(*person))
    prefix = "imm" if kind is Origin.IMMIGRANT else "desc"
    return f"{prefix}_{'western' if western else 'nonwestern'}"


# ---- vectorised (NumPy) ----------------------------------------------------------------


def _clean_array(values: Any) -> npt.NDArray[np.object_]:
    arr = np.asarray(values, dtype=object).ravel()
    return np.array([_clean(v) for v in arr], dtype=object)


def _isin(arr: npt.NDArray[np.object_], codes: frozenset[str]) -> npt.NDArray[np.bool_]:
    return np.isin(arr, np.array(sorted(codes), dtype=object))


def classify_arrays(
    birth_country: Any,
    citizenship: Any,
    mother_birth_country: Any,
    mother_citizenship: Any,
    father_birth_country: Any,
    father_citizenship: Any,
) -> npt.NDArray[np.object_]:
    """:func:`origin_group` over arrays (NumPy, pandas or Arrow arrays of codes, equal length).

    Returns an object array of group codes. The six arguments are required here.
    """
    b, c = _clean_array(birth_country), _clean_array(citizenship)
    mb, mc = _clean_array(mother_birth_country), _clean_array(mother_citizenship)
    fb, fc = _clean_array(father_birth_country), _clean_array(father_citizenship)
    if not len(b) == len(c) == len(mb) == len(mc) == len(fb) == len(fc):
        raise ValueError("the six country arrays must have equal lengths")
    b_dk, c_dk, mb_dk, mc_dk, fb_dk, fc_dk = (_isin(v, DENMARK) for v in (b, c, mb, mc, fb, fc))
    danish_parent = (mb_dk & mc_dk) | (fb_dk & fc_dk)
    m_known = (mb != None) | (mc != None)  # noqa: E711 (elementwise on object arrays)
    f_known = (fb != None) | (fc != None)  # noqa: E711
    no_parent = ~(m_known | f_known)
    danish = danish_parent | (no_parent & b_dk & c_dk)
    m_country = np.where(mb_dk | (mb == None), mc, mb)  # noqa: E711
    f_country = np.where(fb_dk | (fb == None), fc, fb)  # noqa: E711
    own = np.where(b_dk, c, b)
    country = np.where(m_known, m_country, np.where(f_known, f_country, own))
    western = _isin(country.astype(object), WESTERN)
    prefix = np.where(b_dk, "desc_", "imm_")
    suffix = np.where(western, "western", "nonwestern")
    out = np.char.add(prefix.astype(str), suffix.astype(str)).astype(object)
    out[danish] = "danish"
    return out


# ---- SQL (DuckDB) ----------------------------------------------------------------------


def _sql_list(codes: frozenset[str]) -> str:
    return "(" + ", ".join(f"'{x}'" for x in sorted(codes)) + ")"


def _sql_ident(name: str) -> str:
    if not name.replace("_", "").replace(".", "").isalnum():
        raise ValueError(f"not a plain column name: {name!r}")
    return name


def origin_sql_case(
    birth_country: str = "birth_country",
    citizenship: str = "citizenship",
    mother_birth_country: str = "mother_birth_country",
    mother_citizenship: str = "mother_citizenship",
    father_birth_country: str = "father_birth_country",
    father_citizenship: str = "father_citizenship",
) -> str:
    """An SQL ``CASE`` expression giving the DST origin group of a row, for DuckDB.

    Arguments are column names (letters, digits, ``_`` and ``.`` only). The expression
    implements exactly :func:`origin_group`: codes are compared after ``upper(trim(…))`` and
    empty strings count as NULL.
    """
    col = [
        _sql_ident(x)
        for x in (
            birth_country,
            citizenship,
            mother_birth_country,
            mother_citizenship,
            father_birth_country,
            father_citizenship,
        )
    ]
    b, c, mb, mc, fb, fc = (f"NULLIF(upper(trim(CAST({x} AS VARCHAR))), '')" for x in col)
    dk, west = _sql_list(DENMARK), _sql_list(WESTERN)

    def is_dk(x: str) -> str:
        return f"coalesce({x} IN {dk}, false)"

    def pcountry(pb: str, pc: str) -> str:
        return f"CASE WHEN {is_dk(pb)} OR {pb} IS NULL THEN {pc} ELSE {pb} END"

    m_known, f_known = (
        f"({mb} IS NOT NULL OR {mc} IS NOT NULL)",
        f"({fb} IS NOT NULL OR {fc} IS NOT NULL)",
    )
    country = (
        f"CASE WHEN {m_known} THEN {pcountry(mb, mc)} "
        f"WHEN {f_known} THEN {pcountry(fb, fc)} "
        f"WHEN {is_dk(b)} THEN {c} ELSE {b} END"
    )
    western = f"coalesce(({country}) IN {west}, false)"
    prefix = f"CASE WHEN {is_dk(b)} THEN 'desc_' ELSE 'imm_' END"
    return (
        "CASE "
        f"WHEN ({is_dk(mb)} AND {is_dk(mc)}) OR ({is_dk(fb)} AND {is_dk(fc)}) THEN 'danish' "
        f"WHEN NOT {m_known} AND NOT {f_known} AND {is_dk(b)} AND {is_dk(c)} THEN 'danish' "
        f"ELSE {prefix} || CASE WHEN {western} THEN 'western' ELSE 'nonwestern' END "
        "END"
    )
