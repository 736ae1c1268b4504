"""The statistics of the demo: real public data shipped with mangfold (``src/mangfold/data``).

- ``kmsta001``: Statistics Denmark's KMSTA001, population by origin in the 127 parishes of the Capital
  Region, 2008–2020, with the parish boundaries and, over København's map, the outlines of its 10 bydele;
  København is linked to the demo city ``copenhagen``.
- ``voting2024``: the 2024 voting-area tables of all 98 municipalities (Danish origin and 11 origin
  regions), with the voting-area boundaries; København (101) is linked to ``copenhagen`` too. Not used
  for city figures: the files undercount the immigrant background (13.9 % against about 16 %).
- ``ew2011``: England and Wales, 2011 Census, 14 ethnic groups in 34,753 LSOAs within 348 local
  authorities (no boundaries are shipped, so no map).

Idempotent: a dataset whose files have not changed (same SHA-256) is left alone; a changed one is
replaced. Measured on the development machine (2 shared cores): a first load takes about 1 s for
``kmsta001``, 2.5 s for ``voting2024`` and 6–7 s for ``ew2011`` (486,542 counts; the same on SQLite and
PostgreSQL); a second load about 10 ms, as it only compares checksums.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mangfold.data import attribution, data_path
from mangfold.population.boundaries import Geometries, outline_geometries, read_geometries
from mangfold.population.detect import InputFile, municipality_names
from mangfold.population.readers import ReadResult, read_csv, read_kmsta001, read_voting_areas_2024
from mangfold.population.schemes import ew_ethnicity_2011
from mangfold.web.network.models import City
from mangfold.web.statistics.models import CityArea, Dataset
from mangfold.web.statistics.storing import CityLink, DatasetInfo, store

__all__ = ["DEMO_CITY", "PARTS", "load_statistics_demo"]

DEMO_CITY = "copenhagen"
KMSTA001_CSV = ("kmsta001", "KMSTA001_capital_region_parishes_2008_2020_long.csv.gz")
KMSTA001_GEO = ("kmsta001", "KMSTA001_capital_region_parishes_geometry.geojson.gz")
BYDELE = ("cph_bydele", "bydel.json")
VOTING_ORIGIN = ("dk_election2024", "Indvandrere_og_efterkommere_fordelt_efter_oprin___.csv.gz")
VOTING_CITIZENSHIP = ("dk_election2024", "Antal_personer_opgjort_efter_statsborgerskab_kn___.csv.gz")
VOTING_GEO = ("dk_election2024", "valgsteds_2024_matched.simplified.topo.json.gz")
EW_LSOA = ("uk_mlid", "england_wales_2011_lsoa_ethnicity.csv.gz")


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
    """One demo dataset: its name (Danish), files, reader, scheme, source, attributions, city links and its
    name in English."""

    name: str
    files: tuple[tuple[str, str], ...]
    read: Reader
    scheme: str
    source: str
    attributions: tuple[str, ...]
    links: dict[str, str] = field(default_factory=dict)
    use_for_figures: bool = True
    name_en: str = ""


def _load(part: Part) -> Dataset:
    """Import one part unless it is there already with the same files; link the demo cities."""
    sha = _sha(*part.files)
    cities = {slug: City.objects.filter(slug=slug).first() for slug in part.links}
    dataset = Dataset.objects.filter(name__in=[part.name, part.name_en], sha256=sha).first()
    if dataset is not None and (dataset.name, dataset.name_en) != (part.name, part.name_en):
        dataset.name, dataset.name_en = part.name, part.name_en  # loaded before it had a Danish name
        dataset.save(update_fields=["name", "name_en"])
    if dataset is None:
        result, geometries, outlines = part.read()
        en, da = _attribution(*part.attributions)
        info = DatasetInfo(
            name=part.name,
            name_en=part.name_en,
            scheme=part.scheme,
            source=part.source,
            file_name=", ".join(f[1] for f in part.files),
            sha256=sha,
            attribution_en=en,
            attribution_da=da,
            use_for_figures=part.use_for_figures,
        )
        links = [CityLink(city, code) for slug, code in part.links.items() if (city := cities[slug])]
        return store(result, info, geometries=geometries, outlines=outlines, links=links, replace=True)
    for slug, code in part.links.items():
        city = cities[slug]
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
        _path(VOTING_ORIGIN), _path(VOTING_CITIZENSHIP), municipalities=municipality_names()
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
            "Afstemningsområder 2024: alle kommuner",
            (VOTING_ORIGIN, VOTING_CITIZENSHIP, VOTING_GEO),
            _voting2024,
            "dst_regions_2024",
            "Statistics Denmark, election database 2024",
            ("dk_election2024",),
            {DEMO_CITY: "101"},
            use_for_figures=False,
            name_en="Voting areas 2024: all municipalities",
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
