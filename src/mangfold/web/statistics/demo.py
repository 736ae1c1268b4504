"""The statistics of the demo: real public data shipped with mangfold (``src/mangfold/data``).

- ``kmsta001``: Statistics Denmark's KMSTA001, population by origin in the 127 parishes of the Capital
  Region, 2008–2020, with the parish boundaries and, over København's map, the outlines of its 10 bydele;
  København is linked to the demo city ``copenhagen``.
- ``voting2024``: the voting areas of the 2024 election in all 98 municipalities (Danish origin and 11
  origin regions), with their boundaries; København (101) is linked to ``copenhagen`` too. The files
  carry no date; their population is of **1 January 2020** (:data:`VOTING_PERIOD`): their municipal sums
  equal KMSTA001's of 1 January 2020 in Glostrup (23,128, of whom 4,890 immigrants and descendants),
  Ishøj (22,989 / 9,505) and Rødovre (40,652 / 8,479) and those of no other year (2008–2019), and run
  at most 0.6 % above it in the 14 other municipalities the shipped KMSTA001 covers (København 632,340
  against 628,809); the national sum, 5,822,710 with 13.9 % immigrants and descendants, is Denmark's of
  early 2020. Not used for city figures: København's come from KMSTA001, of the same date.
- ``ew2011``: England and Wales, 2011 Census, 14 ethnic groups in 34,753 LSOAs within 348 local
  authorities (no boundaries are shipped, so no map).

Idempotent: a dataset is found by its files' SHA-256 (or, with changed files, by its name, English name
or a former name); unchanged files are not read again, and what the demo says of them (names, source,
attribution, the period of a one-period dataset) is brought up to date in place, keeping the dataset's
id, links and addresses; changed files are imported again and replace it. Measured on the development
machine (2 shared cores): a first load takes about 1 s for ``kmsta001``, 2.5 s for ``voting2024`` and
6–7 s for ``ew2011`` (486,542 counts; the same on SQLite and PostgreSQL); a second load about 10 ms, as
it only compares checksums.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from mangfold.data import attribution, data_path
from mangfold.population.boundaries import Geometries, outline_geometries, read_geometries
from mangfold.population.detect import InputFile, municipality_names
from mangfold.population.readers import ReadResult, read_csv, read_kmsta001, read_voting_areas_2024
from mangfold.population.schemes import ew_ethnicity_2011
from mangfold.web.network.models import City
from mangfold.web.statistics.models import CityArea, Count, Dataset
from mangfold.web.statistics.storing import CityLink, DatasetInfo, delete_dataset, store

__all__ = ["DEMO_CITY", "PARTS", "VOTING_PERIOD", "load_statistics_demo"]

DEMO_CITY = "copenhagen"
KMSTA001_CSV = ("kmsta001", "KMSTA001_capital_region_parishes_2008_2020_long.csv.gz")
KMSTA001_GEO = ("kmsta001", "KMSTA001_capital_region_parishes_geometry.geojson.gz")
BYDELE = ("cph_bydele", "bydel.json")
VOTING_ORIGIN = ("dk_election2024", "Indvandrere_og_efterkommere_fordelt_efter_oprin___.csv.gz")
VOTING_CITIZENSHIP = ("dk_election2024", "Antal_personer_opgjort_efter_statsborgerskab_kn___.csv.gz")
VOTING_GEO = ("dk_election2024", "valgsteds_2024_matched.simplified.topo.json.gz")
EW_LSOA = ("uk_mlid", "england_wales_2011_lsoa_ethnicity.csv.gz")
VOTING_PERIOD = "2020"
"""The date of the voting-area files' population, 1 January 2020 (found by comparison with KMSTA001)."""


def _path(parts: tuple[str, str]) -> Path:
    return data_path(*parts)


def _input(parts: tuple[str, str]) -> InputFile:
    path = _path(parts)
    return InputFile(path.name, path.read_bytes())


def _sha(*files: tuple[str, str]) -> str:
    digest = hashlib.sha256()
    for f in files:
        digest.update(_path(f).read_bytes())
    return digest.hexdigest()


def _attribution(*datasets: str) -> tuple[str, str]:
    return (
        " ".join(attribution(d, "en") for d in datasets),
        " ".join(attribution(d, "da") for d in datasets),
    )


def _codes(result: ReadResult) -> list[str]:
    return [a.code for a in result.areas if a.level == "small_area"]


Reader = Callable[[], tuple[ReadResult, Geometries | None, dict[str, list[tuple[str, str, str]]]]]


@dataclass(frozen=True)
class Part:
    """One demo dataset: its name (Danish), files, reader, scheme, source, attributions, city links, its
    name in English, the one period its reader gives every count (``period``; "" when the file has its
    own periods) and the names it was loaded under before (``former_names``)."""

    name: str
    files: tuple[tuple[str, str], ...]
    read: Reader
    scheme: str
    source: str
    attributions: tuple[str, ...]
    links: dict[str, str] = field(default_factory=dict)
    use_for_figures: bool = True
    name_en: str = ""
    period: str = ""
    former_names: tuple[str, ...] = ()


def _loaded(part: Part, sha: str) -> Dataset | None:
    """The dataset ``part`` was loaded as: the one imported by command with the same files (SHA-256),
    else one of its names, current or former (its files have changed)."""
    by_command = Dataset.objects.filter(city=None).order_by("pk")
    names = [n for n in (part.name, part.name_en, *part.former_names) if n]
    return by_command.filter(sha256=sha).first() or by_command.filter(name__in=names).first()


def _described(part: Part) -> dict[str, str]:
    """What the demo says of a part's files, by field of their dataset (the counts aside; whether they
    are used for city figures is a choice an administrator may change, not a description)."""
    en, da = _attribution(*part.attributions)
    return {
        "name": part.name,
        "name_en": part.name_en,
        "source": part.source,
        "attribution_en": en,
        "attribution_da": da,
    }


def _bring_up_to_date(dataset: Dataset, part: Part) -> bool:
    """Give a dataset loaded from the part's files what the demo now says of them, in place (same id,
    areas and links; the files are not read): its names, source and attribution and, for a one-period
    part, the period of every count. Its import time moves to now when anything changed, so that reports
    made from it are made anew (their cache key holds it). False when it was up to date."""
    wanted = _described(part)
    changed = [key for key, value in wanted.items() if getattr(dataset, key) != value]
    for key in changed:
        setattr(dataset, key, wanted[key])
    if part.period and dataset.periods != [part.period]:
        Count.objects.filter(dataset=dataset).update(period=part.period)
        dataset.periods = [part.period]
        changed.append("periods")
    if changed:
        dataset.uploaded_at = timezone.now()
        dataset.save(update_fields=[*changed, "uploaded_at"])
    return bool(changed)


def _import(part: Part, sha: str, former: Dataset | None) -> Dataset:
    """Read the part's files and store them as a new dataset, in place of ``former`` (loaded from other
    files) and of any dataset of the same name; the files are read before the transaction begins."""
    result, geometries, outlines = part.read()
    described = _described(part)
    info = DatasetInfo(
        name=part.name,
        name_en=part.name_en,
        scheme=part.scheme,
        source=part.source,
        file_name=", ".join(f[1] for f in part.files),
        sha256=sha,
        attribution_en=described["attribution_en"],
        attribution_da=described["attribution_da"],
        use_for_figures=part.use_for_figures,
    )
    cities = [(City.objects.filter(slug=slug).first(), code) for slug, code in part.links.items()]
    links = [CityLink(city, code) for city, code in cities if city is not None]
    with transaction.atomic():
        if former is not None and former.name != part.name:
            delete_dataset(former)  # under a former name, which ``store`` does not replace
        return store(result, info, geometries=geometries, outlines=outlines, links=links, replace=True)


def _load(part: Part) -> Dataset:
    """Import one part unless it is there already with the same files (then bring what is said of it up
    to date); link the demo cities. One transaction."""
    sha = _sha(*part.files)
    dataset = _loaded(part, sha)
    if dataset is None or dataset.sha256 != sha:
        return _import(part, sha, dataset)
    with transaction.atomic():
        _bring_up_to_date(dataset, part)
        for slug, code in part.links.items():
            city = City.objects.filter(slug=slug).first()
            area = dataset.areas.filter(code=code, level="municipality").first()
            if city is not None and area is not None:
                CityArea.objects.get_or_create(city=city, area=area)
    return dataset


def _kmsta001() -> tuple[ReadResult, Geometries | None, dict[str, list[tuple[str, str, str]]]]:
    result = read_kmsta001(_path(KMSTA001_CSV))
    geometries = read_geometries(_input(KMSTA001_GEO), _codes(result), key="prsh_id")
    outlines = outline_geometries(_input(BYDELE), "bydel_nr", "navn")
    return result, geometries, {"København": outlines}


def _voting2024() -> tuple[ReadResult, Geometries | None, dict[str, list[tuple[str, str, str]]]]:
    result = read_voting_areas_2024(
        _path(VOTING_ORIGIN),
        _path(VOTING_CITIZENSHIP),
        municipalities=municipality_names(),
        period=VOTING_PERIOD,
    )
    geometries = read_geometries(_input(VOTING_GEO), _codes(result), key="ValgstedId")
    return result, geometries, {}


def _ew2011() -> tuple[ReadResult, Geometries | None, dict[str, list[tuple[str, str, str]]]]:
    result = read_csv(
        _path(EW_LSOA),
        scheme=ew_ethnicity_2011(),
        layout="wide",
        area="LSOA",
        parent="LAD",
        ignore=["Persons", "MSOA", "RGN"],
        default_period=2011,
    )
    return result, None, {}


def _parts() -> dict[str, Part]:
    return {
        "kmsta001": Part(
            "KMSTA001: Region Hovedstadens sogne 2008–2020",
            (KMSTA001_CSV, KMSTA001_GEO, BYDELE),
            _kmsta001,
            "dst_origin",
            "Statistics Denmark, table KMSTA001",
            ("kmsta001", "cph_bydele"),
            {DEMO_CITY: "København"},
            name_en="KMSTA001: Capital Region parishes 2008–2020",
        ),
        "voting2024": Part(
            "Afstemningsområder 2024 (befolkningen pr. 1. januar 2020): alle kommuner",
            (VOTING_ORIGIN, VOTING_CITIZENSHIP, VOTING_GEO),
            _voting2024,
            "dst_regions_2024",
            "Statistics Denmark, election database: voting areas of the 2024 election, population on "
            "1 January 2020",
            ("dk_election2024",),
            {DEMO_CITY: "101"},
            use_for_figures=False,
            name_en="Voting areas 2024 (population 1 January 2020): all municipalities",
            period=VOTING_PERIOD,
            former_names=("Afstemningsområder 2024: alle kommuner", "Voting areas 2024: all municipalities"),
        ),
        "ew2011": Part(
            "England og Wales 2011: små statistikområder (LSOA)",
            (EW_LSOA,),
            _ew2011,
            "ew_ethnicity_2011",
            "Office for National Statistics, 2011 Census (via MLID)",
            ("uk_mlid",),
            name_en="England and Wales 2011: LSOAs",
        ),
    }


PARTS = ("kmsta001", "voting2024", "ew2011")


def load_statistics_demo(parts: Sequence[str] = PARTS) -> list[Dataset]:
    """Load the demo statistics (all of :data:`PARTS` by default) in one transaction each; idempotent.

    Call it after the demo cities exist (København is linked to the city ``copenhagen`` when there is one).
    """
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise ValueError(f"unknown demo parts {unknown}; known: {', '.join(PARTS)}")
    table = _parts()
    return [_load(table[name]) for name in PARTS if name in parts]
