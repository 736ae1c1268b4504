"""Boundaries: GeoJSON reading, repair, dissolving by a key, joining values and GeoJSON for the web."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
import shapely

from mangfold.data import data_path
from mangfold.population.counts import Counts
from mangfold.population.errors import PopulationFileError
from mangfold.population.geo import (
    Boundaries,
    counts_values,
    dissolve,
    join,
    normalise_code,
    read_boundaries,
    repair_polygonal,
    to_feature_collection,
)
from mangfold.population.geojson import parse_geojson
from mangfold.population.topojson import read_topojson

DENMARK = (8.0, 54.5, 15.3, 57.8)  # lon/lat bounding box of Denmark without Ertholmene


def _inside_denmark(bounds: tuple[float, float, float, float]) -> bool:
    return (
        DENMARK[0] <= bounds[0] < bounds[2] <= DENMARK[2]
        and DENMARK[1] <= bounds[1] < bounds[3] <= DENMARK[3]
    )


def _square(x: float, y: float, size: float = 1.0) -> list[list[float]]:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def _polygon(code: Any, *rings: list[list[float]], **props: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"code": code, **props},
        "geometry": {"type": "Polygon", "coordinates": list(rings)},
    }


BOWTIE = [[0.0, 0.0], [2.0, 2.0], [2.0, 0.0], [0.0, 2.0], [0.0, 0.0]]


def test_parts_with_the_same_code_are_dissolved_and_bowties_repaired(tmp_path: Path) -> None:
    path = tmp_path / "areas.geojson"
    document = _collection(
        _polygon("0101", _square(0, 0), name="a"),
        _polygon("0101", _square(1, 0)),
        _polygon(202, BOWTIE),
    )
    path.write_text(json.dumps(document), encoding="utf-8")
    boundaries = read_boundaries(path, "code")
    assert boundaries.codes == ("0101", "202")
    assert (boundaries.parts, boundaries.repaired) == (3, 1)
    assert boundaries["0101"].area == pytest.approx(2.0)
    assert boundaries.properties["0101"] == {"code": "0101", "name": "a"}
    bowtie = boundaries["202"]
    assert bowtie.is_valid and bowtie.geom_type == "MultiPolygon"
    assert bowtie.area == pytest.approx(2.0)  # the two triangles of the figure eight


def test_repair_keeps_only_polygonal_parts() -> None:
    # A polygon with a dangling spike: make_valid gives a polygon plus a line; the line is dropped.
    spiky = shapely.Polygon([(0, 0), (2, 0), (2, 2), (3, 3), (2, 2), (0, 2), (0, 0)])
    assert not spiky.is_valid
    fixed, repaired = repair_polygonal(spiky)
    assert repaired and fixed.is_valid
    assert fixed.geom_type in {"Polygon", "MultiPolygon"}
    assert fixed.area == pytest.approx(4.0)
    valid = shapely.box(0, 0, 1, 1)
    assert repair_polygonal(valid) == (valid, False)


def test_positions_keep_longitude_and_latitude_and_drop_a_third_value() -> None:
    (feature,) = parse_geojson(
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [9, 56, -999]}}
    )
    assert feature.geometry is not None
    assert shapely.get_coordinates(feature.geometry, include_z=True).tolist()[0][:2] == [9.0, 56.0]
    assert not feature.geometry.has_z


@pytest.mark.parametrize(
    ("feature", "expected"),
    [
        (_polygon("x", [[0, 0], [1, 0], [0, 0]]), "feature 0: a linear ring needs at least 4 positions"),
        (_polygon("x", [[0, 0], ["a", 1], [1, 1], [0, 0]]), "feature 0: a position must hold numbers"),
        ({"type": "Feature", "properties": {}}, "feature 0: has no 'geometry' member"),
        ({"type": "Feature", "geometry": {"type": "Circle"}}, "has no 'coordinates'"),
        ({"type": "Thing"}, "feature 0: is not a GeoJSON Feature object"),
    ],
)
def test_a_broken_geojson_feature_is_named(feature: dict[str, Any], expected: str) -> None:
    with pytest.raises(PopulationFileError) as caught:
        parse_geojson(_collection(feature), source="bad.geojson")
    assert str(caught.value).startswith("bad.geojson")
    assert expected in str(caught.value)


def test_projected_coordinates_are_refused() -> None:
    document = _collection(_polygon("x", _square(720000, 6170000)))
    document["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}
    with pytest.raises(PopulationFileError, match="longitude/latitude"):
        parse_geojson(document, source="utm.geojson")


def test_features_without_the_key_or_area_are_listed_together(tmp_path: Path) -> None:
    path = tmp_path / "areas.geojson"
    line = {
        "type": "Feature",
        "properties": {"code": "L"},
        "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
    }
    document = _collection(_polygon(None, _square(0, 0)), line, _polygon("ok", _square(3, 3)))
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(PopulationFileError) as caught:
        read_boundaries(path, "code")
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "feature 0: has no 'code'",
        "feature 1 (code 'L'): is a LineString, not a polygon",
    ]


def test_codes_are_normalised_for_joining() -> None:
    assert normalise_code(101) == normalise_code("101") == normalise_code(101.0) == "101"
    assert normalise_code("0101") == "0101"
    assert normalise_code("0101", numeric=True) == "101"
    assert normalise_code("000", numeric=True) == "0"


def _three_squares() -> Boundaries:
    geometries = {c: shapely.box(i, 0, i + 1, 1) for i, c in enumerate(["0101", "0147", "0151"])}
    return Boundaries("KOMKODE", geometries, {c: {"KOMKODE": c} for c in geometries})


def test_join_reports_what_matched_and_what_did_not() -> None:
    joined = join(_three_squares(), {101: 5, 147: 7, 999: 1}, numeric_codes=True)
    assert joined.values == {"0101": 5, "0147": 7}
    assert joined.without_value == ("0151",)
    assert joined.without_geometry == ("999",)
    exact = join(_three_squares(), {101: 5})
    assert exact.values == {} and exact.without_geometry == ("101",)


def test_dissolve_merges_areas_into_their_parents() -> None:
    merged = dissolve(_three_squares(), {"0101": "A", "0147": "A", "0151": "B"}, "region")
    assert merged.codes == ("A", "B")
    assert merged["A"].area == pytest.approx(2.0)
    assert merged["A"].geom_type == "Polygon"  # the shared edge is gone
    with pytest.raises(ValueError, match="0151"):
        dissolve(_three_squares(), {"0101": "A", "0147": "A"}, "region")


def test_the_dagi_municipalities_dissolve_311_parts_into_99_codes() -> None:
    kommuner = read_boundaries(data_path("dk_boundaries", "kommuner.geojson.gz"), "KOMKODE")
    assert (kommuner.parts, len(kommuner)) == (311, 99)
    assert kommuner.properties["0101"]["KOMNAVN"] == "København"
    assert all(g.is_valid and not g.has_z for g in kommuner.geometries.values())
    assert _inside_denmark(kommuner.bounds())


def test_the_dagi_parishes_are_valid_after_repair_and_inside_denmark() -> None:
    path = data_path("dk_boundaries", "sogne.topojson.gz")
    invalid_parts = sum(not f.geometry.is_valid for f in read_topojson(path) if f.geometry)
    sogne = read_boundaries(path, "SOGNEKODE")
    assert len(sogne) == 2148
    assert sogne.parts == 2468
    assert sogne.repaired == invalid_parts > 0
    assert all(g.is_valid and g.area > 0 for g in sogne.geometries.values())
    assert _inside_denmark(sogne.bounds())
    # Parishes tile the country: their area is within 2 % of the municipalities' area.
    kommuner = read_boundaries(data_path("dk_boundaries", "kommuner.geojson.gz"), "KOMKODE")
    parish_area = sum(g.area for g in sogne.geometries.values())
    municipal_area = sum(g.area for g in kommuner.geometries.values())
    assert parish_area == pytest.approx(municipal_area, rel=0.02)


def test_our_decoder_matches_gdal_where_gdal_reads_correctly(tmp_path: Path) -> None:
    from pyogrio.raw import read  # GDAL, through geopandas' I/O layer (a dev dependency)

    path = data_path("dk_election2024", "valgsteds_2024_matched.simplified.topo.json.gz")
    plain = tmp_path / "valgsteds.topojson"  # GDAL reads a plain copy (its /vsigzip/ writes beside the file)
    plain.write_bytes(gzip.decompress(path.read_bytes()))
    ours = {f.properties["ValgstedId"]: f.geometry for f in read_topojson(path)}
    meta, _, geometry, fields = read(str(plain), read_geometry=True)
    codes = fields[list(meta["fields"]).index("ValgstedId")]
    assert len(ours) == len(codes) == 1272
    for code, wkb in zip(codes, geometry, strict=True):
        assert shapely.equals_exact(ours[str(code)], shapely.from_wkb(wkb), tolerance=1e-12)


def test_the_copenhagen_districts_and_voting_areas_read() -> None:
    bydele = read_boundaries(data_path("cph_bydele", "bydel.json"), "navn")
    assert len(bydele) == 10 and "Vesterbro-Kongens Enghave" in bydele.codes
    parishes = read_boundaries(
        data_path("kmsta001", "KMSTA001_capital_region_parishes_geometry.geojson.gz"), "SOGN_label"
    )
    assert len(parishes) == 127 and _inside_denmark(parishes.bounds())


def test_the_web_feature_collection_is_simplified_rounded_and_carries_values() -> None:
    kommuner = read_boundaries(data_path("dk_boundaries", "kommuner.geojson.gz"), "KOMKODE")
    values = {"0101": 0.25, "0147": 0.3}
    collection = to_feature_collection(
        kommuner, values, tolerance=0.001, precision=5, properties=["KOMNAVN"], value_name="share"
    )
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert len(features) == 99
    assert features["0101"]["properties"] == {"code": "0101", "KOMNAVN": "København", "share": 0.25}
    assert features["0751"]["properties"]["share"] is None
    text = json.dumps(collection)
    assert len(text) < len(json.dumps(to_feature_collection(kommuner, tolerance=0))) / 2
    for feature in collection["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        assert shape.is_valid and not shape.is_empty
        assert _inside_denmark(shape.bounds)
        original = kommuner[feature["id"]]
        assert shape.area == pytest.approx(original.area, rel=0.05, abs=1e-5)
    coords = shapely.get_coordinates(shapely.geometry.shape(features["0101"]["geometry"]))
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()


def test_counts_become_map_values_with_missing_as_null() -> None:
    counts = Counts.from_records(
        [
            ("0101", "2024", "immigrants", 120.0),
            ("0147", "2024", "immigrants", float("nan"), ".."),
            ("0151", "2023", "immigrants", 7.0),
            ("0151", "2024", "danish", 9.0),
        ]
    )
    values = counts_values(counts, 2024, "immigrants")
    assert values == {"0101": 120.0, "0147": None}
    collection = to_feature_collection(_three_squares(), values | {"0151": float("nan")})
    shown = {f["id"]: f["properties"]["value"] for f in collection["features"]}
    assert shown == {"0101": 120.0, "0147": None, "0151": None}
    json.dumps(collection, allow_nan=False)  # strict JSON: no NaN
