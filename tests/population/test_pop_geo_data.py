"""The shipped demo data: paths, attribution lines, and boundaries that join the tables they belong to."""

from __future__ import annotations

import csv
import gzip
import io

import pytest

from mangfold.data import attribution, data_path, datasets
from mangfold.population.geo import dissolve, join, read_boundaries

OURS = ("cph_bydele", "dk_boundaries", "dk_election2024", "kmsta001")


def test_each_demo_data_set_has_its_attribution_in_english_and_danish() -> None:
    assert set(OURS) <= set(datasets())
    assert attribution("kmsta001") == ("Source: Statistics Denmark, table KMSTA001; parish boundaries DAGI.")
    assert attribution("kmsta001", "da").startswith("Kilde: Danmarks Statistik")
    assert attribution("cph_bydele") == "Boundaries: Københavns Kommune (CC BY 4.0)."
    assert "valgdatabase.dst.dk" in attribution("dk_election2024")
    for name in OURS:
        text = data_path(name, "ATTRIBUTION.md").read_text(encoding="utf-8")
        assert "**Origin:**" in text and "**Licence:**" in text
        assert attribution(name, "da") != attribution(name, "en")


def test_unknown_data_and_paths_outside_the_package_are_refused() -> None:
    with pytest.raises(KeyError, match="unknown data set 'nope'"):
        attribution("nope")
    with pytest.raises(ValueError, match="lang"):
        attribution("kmsta001", "sv")
    with pytest.raises(ValueError, match="plain path components"):
        data_path("..", "pyproject.toml")
    with pytest.raises(FileNotFoundError, match=r"kmsta001/missing\.csv"):
        data_path("kmsta001", "missing.csv")


def _csv_gz(*parts: str) -> list[dict[str, str]]:
    raw = gzip.decompress(data_path(*parts).read_bytes()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(raw)))


def test_the_voting_areas_join_the_origin_table_and_dissolve_into_municipalities() -> None:
    origin = _csv_gz("dk_election2024", "Indvandrere_og_efterkommere_fordelt_efter_oprin___.csv.gz")
    assert len(origin) == 1298
    background = {
        int(row["ValgstedId"]): sum(float(v) for k, v in row.items() if k != "ValgstedId") for row in origin
    }
    areas = read_boundaries(
        data_path("dk_election2024", "valgsteds_2024_matched.simplified.topo.json.gz"), "ValgstedId"
    )
    joined = join(areas, background)  # integer ids in the table, strings in the TopoJSON
    assert len(joined.values) == len(areas) == 1272
    assert joined.without_value == ()
    assert len(joined.without_geometry) == 26  # voting areas the boundary file lacks
    with data_path("dk_election2024", "valgsteds.csv").open(encoding="utf-8") as handle:
        municipality = {r["ValgstedId"]: r["KommuneKode"] for r in csv.DictReader(handle)}
    kommuner = dissolve(areas, municipality, "KommuneKode")
    # Every municipality of the table has at least one voting area with a boundary.
    assert kommuner.codes == tuple(sorted(set(municipality.values())))
    assert all(g.is_valid for g in kommuner.geometries.values())


def test_the_kmsta001_parishes_join_their_geometry() -> None:
    rows = _csv_gz("kmsta001", "KMSTA001_capital_region_parishes_2008_2020_long.csv.gz")
    assert set(rows[0]) == {"SOGN", "HERKOMST", "TID", "INDHOLD"}
    persons: dict[str, float] = {}
    for row in rows:
        if row["TID"] == "2020":
            persons[row["SOGN"]] = persons.get(row["SOGN"], 0.0) + float(row["INDHOLD"])
    parishes = read_boundaries(
        data_path("kmsta001", "KMSTA001_capital_region_parishes_geometry.geojson.gz"), "SOGN_label"
    )
    joined = join(parishes, persons)
    assert joined.without_geometry == ()
    assert len(joined.values) == len(persons) > 100
