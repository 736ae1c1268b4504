"""The TopoJSON decoder: hand-made topologies with known coordinates, real parishes, corruptions.

Corruptions (hypothesis) must give either a clear PopulationFileError or a correct load. "Correct"
is checked against a naive reference decoder written here from the TopoJSON 1.0 specification:
whenever mangfold's decoder accepts a corrupted topology, the reference must decode it to exactly
the same geometries and properties.
"""

from __future__ import annotations

import copy
import gzip
import json
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mangfold.data import data_path
from mangfold.population.errors import PopulationFileError
from mangfold.population.topojson import decode_arcs, parse_topojson, read_topojson

# Quantised: x = q·0.5 + 10, y = q·2 + 50. Arc points carry extra values that must be ignored.
TINY: dict[str, Any] = {
    "type": "Topology",
    "transform": {"scale": [0.5, 2], "translate": [10, 50]},
    "arcs": [
        # arc 0: (0,0) → (2,0) → (2,2); deltas, with a third value on two points
        [[0, 0, -999], [2, 0], [0, 2, 7]],
        # arc 1: (0,0) → (0,2) → (2,2)
        [[0, 0], [0, 2, 3], [2, 0]],
        # arc 2: a closed ring (4,0) → (6,0) → (6,1) → (4,0), three values on every point
        [[4, 0, 1], [2, 0, 1], [0, 1, 1], [-2, -1, 1]],
        # arc 3: a line (0,3) → (1,4)
        [[0, 3], [1, 1]],
    ],
    "objects": {
        "areas": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, -2]], "properties": {"code": "A"}},
                {"type": "MultiPolygon", "arcs": [[[2]], [[-3]]], "properties": {"code": "B"}},
                {"type": "LineString", "arcs": [3], "id": 7, "properties": {"code": "C"}},
                {"type": "Point", "coordinates": [4, 1, 99], "properties": {"code": "D"}},
                {
                    "type": "GeometryCollection",
                    "properties": {"code": "E"},
                    "geometries": [{"type": "MultiPoint", "coordinates": [[0, 0], [2, 1]]}],
                },
                {"type": None, "properties": {"code": "F"}},
            ],
        }
    },
}


def _xy(geometry: Any) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in shapely.get_coordinates(geometry).tolist()]


def test_arcs_are_delta_decoded_on_x_and_y_only_and_transformed() -> None:
    arcs = decode_arcs(TINY)
    assert arcs[0].tolist() == [[10.0, 50.0], [11.0, 50.0], [11.0, 54.0]]
    assert arcs[1].tolist() == [[10.0, 50.0], [10.0, 54.0], [11.0, 54.0]]
    assert arcs[2].tolist() == [[12.0, 50.0], [13.0, 50.0], [13.0, 52.0], [12.0, 50.0]]


def test_a_reversed_arc_closes_the_ring_with_the_shared_point_kept_once() -> None:
    features = parse_topojson(TINY)
    square = features[0].geometry
    assert isinstance(square, shapely.Polygon)
    assert _xy(square.exterior) == [(10, 50), (11, 50), (11, 54), (10, 54), (10, 50)]
    assert square.area == pytest.approx(4.0)


def test_every_geometry_type_decodes_with_its_properties() -> None:
    by_code = {f.properties["code"]: f for f in parse_topojson(TINY)}
    multi = by_code["B"].geometry
    assert isinstance(multi, shapely.MultiPolygon)
    forward, backward = multi.geoms
    assert _xy(backward.exterior) == list(reversed(_xy(forward.exterior)))
    assert _xy(by_code["C"].geometry) == [(10.0, 56.0), (10.5, 58.0)]
    assert by_code["C"].id == 7
    assert _xy(by_code["D"].geometry) == [(12.0, 52.0)]  # quantised, not delta-encoded
    collection = by_code["E"].geometry
    assert isinstance(collection, shapely.GeometryCollection)
    assert _xy(collection) == [(10.0, 50.0), (11.0, 52.0)]
    assert by_code["F"].geometry is None


def test_without_a_transform_positions_are_absolute() -> None:
    topology = {
        "type": "Topology",
        "arcs": [[[1.5, 2.5, 0], [3.5, 2.5], [3.5, 4.5], [1.5, 2.5]]],
        "objects": {"one": {"type": "Polygon", "arcs": [[0]]}},
    }
    (feature,) = parse_topojson(topology)
    assert _xy(feature.geometry) == [(1.5, 2.5), (3.5, 2.5), (3.5, 4.5), (1.5, 2.5)]


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    topology = copy.deepcopy(TINY)
    target = topology
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return topology


_DELETE = object()
_FIRST = ["objects", "areas", "geometries", 0]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ([*_FIRST, "arcs"], [[0, 9]], "arc index 9 is out of range (the topology has 4 arcs)"),
        ([*_FIRST, "arcs"], [[0, -6]], "arc index -6 is out of range"),
        ([*_FIRST, "arcs"], [0, -2], "expected a non-empty array of arc indices"),
        ([*_FIRST, "arcs"], [[[0, -2]]], "an arc index must be an integer"),
        ([*_FIRST, "arcs"], [[0, 1]], "arc 1 does not start where arc 0 ends"),
        ([*_FIRST, "arcs"], [[0]], "is not closed"),
        (["transform", "scale"], _DELETE, "transform: 'scale' must be an array of 2 numbers"),
        (["transform", "translate"], [1], "transform: 'translate' must be an array of 2 numbers"),
        (["arcs", 1, 1], [0], "arc 1, position 1: must be an array of numbers"),
        (["arcs", 1, 1], ["0", 2], "arc 1, position 1: must be an array of numbers"),
        (["arcs", 3], [[0, 3]], "arc 3: must be an array of at least 2 positions"),
        ([*_FIRST, "type"], "Polygone", "unknown geometry type 'Polygone'"),
    ],
)
def test_a_broken_topology_names_file_object_geometry_and_problem(
    path: list[Any], value: Any, expected: str
) -> None:
    with pytest.raises(PopulationFileError) as caught:
        parse_topojson(_broken(path, value), source="tiny.topojson")
    message = str(caught.value)
    assert "tiny.topojson" in message
    assert expected in message
    if path[0] == "objects":
        assert "object 'areas', geometry 0 (code 'A')" in message


def test_all_problems_are_reported_at_once() -> None:
    topology = copy.deepcopy(TINY)
    topology["objects"]["areas"]["geometries"][0]["arcs"] = [[0, 99]]
    topology["objects"]["areas"]["geometries"][2]["arcs"] = [-99]
    with pytest.raises(PopulationFileError) as caught:
        parse_topojson(topology)
    assert len(caught.value.problems) == 2


def test_several_objects_need_a_name() -> None:
    topology = copy.deepcopy(TINY)
    topology["objects"]["other"] = {"type": "Point", "coordinates": [0, 0]}
    with pytest.raises(PopulationFileError, match="several objects"):
        parse_topojson(topology)
    assert len(parse_topojson(topology, object_name="other")) == 1
    with pytest.raises(PopulationFileError, match="no object 'missing'"):
        parse_topojson(topology, object_name="missing")


def test_a_gzipped_file_is_read_transparently(tmp_path: Path) -> None:
    plain, packed = tmp_path / "tiny.json", tmp_path / "tiny.topojson.gz"
    plain.write_text(json.dumps(TINY), encoding="utf-8")
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert [_xy(f.geometry) for f in read_topojson(packed) if f.geometry is not None] == [
        _xy(f.geometry) for f in read_topojson(plain) if f.geometry is not None
    ]


def test_a_file_that_is_not_json_is_a_population_file_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.topojson"
    path.write_text('{"type": "Topology", "arcs": [', encoding="utf-8")
    with pytest.raises(PopulationFileError, match=r"broken\.topojson"):
        read_topojson(path)


def test_the_dagi_parishes_with_three_value_points_decode_inside_denmark() -> None:
    features = read_topojson(data_path("dk_boundaries", "sogne.topojson.gz"))
    assert len(features) == 2468
    codes = {f.properties["SOGNEKODE"] for f in features}
    assert len(codes) == 2148
    lon0, lat0, lon1, lat1 = shapely.total_bounds([f.geometry for f in features])
    # Denmark without Christiansø/Ertholmene still spans about 8.07–15.2 °E, 54.55–57.76 °N.
    assert 8.0 < lon0 < 8.2 and 15.1 < lon1 < 15.3
    assert 54.5 < lat0 < 54.6 and 57.7 < lat1 < 57.8


# ---- corruptions ---------------------------------------------------------------------------


def _reference(topology: dict[str, Any]) -> list[tuple[dict[str, Any], Any]]:
    """Spec-literal decoder: no validation beyond what Python does on its own."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        xs, ys = [p[0] for p in arc], [p[1] for p in arc]
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            xs = [x * sx + tx for x in accumulate(xs)]
            ys = [y * sy + ty for y in accumulate(ys)]
        arcs.append([(float(x), float(y)) for x, y in zip(xs, ys, strict=True)])

    def line(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(a if not out else a[1:])
        return out

    def point(c: list[float]) -> tuple[float, float]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            return (c[0] * sx + tx, c[1] * sy + ty)
        return (float(c[0]), float(c[1]))

    def geometry(o: dict[str, Any]) -> Any:
        kind = o.get("type")
        if kind is None:
            return None
        if kind == "GeometryCollection":
            parts = [geometry(m) for m in o["geometries"]]
            return shapely.GeometryCollection([p for p in parts if p is not None])
        if kind == "Point":
            return shapely.Point(point(o["coordinates"]))
        if kind == "MultiPoint":
            return shapely.MultiPoint([point(c) for c in o["coordinates"]])
        if kind == "LineString":
            return shapely.LineString(line(o["arcs"]))
        if kind == "MultiLineString":
            return shapely.MultiLineString([line(a) for a in o["arcs"]])
        if kind == "Polygon":
            rings = [line(r) for r in o["arcs"]]
            return shapely.Polygon(rings[0], rings[1:])
        if kind == "MultiPolygon":
            polys = [[line(r) for r in p] for p in o["arcs"]]
            return shapely.MultiPolygon([shapely.Polygon(p[0], p[1:]) for p in polys])
        raise ValueError(kind)

    (top,) = topology["objects"].values()
    members = top["geometries"] if top.get("type") == "GeometryCollection" else [top]
    return [(m.get("properties") or {}, geometry(m)) for m in members]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, (*prefix, i)))
    return out


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-6, 6)
    | st.integers(-(2**1100), 2**1100)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.sampled_from(["Polygon", "MultiPolygon", "LineString", "Point", "GeometryCollection", "x"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["type", "arcs", "coordinates", "geometries", "scale", "translate"]),
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)

_MUTATION = st.tuples(st.integers(0, 10**6), st.sampled_from(["replace", "delete", "copy"]), _JSON)


def _mutate(topology: dict[str, Any], mutations: list[tuple[int, str, Any]]) -> dict[str, Any]:
    for pick, how, value in mutations:
        paths = _paths(topology)
        path = paths[pick % len(paths)]
        parent: Any = topology
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        if how == "replace":
            parent[key] = copy.deepcopy(value)
        elif how == "delete":
            del parent[key]
        else:  # copy another node of the document here (a plausible, mis-nested value)
            other = paths[(pick * 7 + 3) % len(paths)]
            source: Any = topology
            for step in other:
                source = source[step]
            parent[key] = copy.deepcopy(source)
    return topology


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_MUTATION, min_size=1, max_size=3))
def test_a_corrupted_topology_loads_correctly_or_fails_clearly(
    mutations: list[tuple[int, str, Any]],
) -> None:
    topology = _mutate(copy.deepcopy(TINY), mutations)
    try:
        features = parse_topojson(topology, source="fuzz.topojson")
    except PopulationFileError as exc:
        assert exc.problems
        assert all(p.file == "fuzz.topojson" and p.message for p in exc.problems)
        assert "fuzz.topojson" in str(exc)
        return
    expected = _reference(topology)
    assert [f.properties for f in features] == [p for p, _ in expected]
    for feature, (_, geometry) in zip(features, expected, strict=True):
        if geometry is None:
            assert feature.geometry is None
        else:
            assert feature.geometry is not None
            assert feature.geometry.geom_type == geometry.geom_type
            assert shapely.equals_exact(feature.geometry, geometry, tolerance=0.0)


def test_the_unmutated_topology_agrees_with_the_reference() -> None:
    features = parse_topojson(copy.deepcopy(TINY))
    expected = _reference(copy.deepcopy(TINY))
    assert len(features) == len(expected) == 6
    for feature, (_, geometry) in zip(features, expected, strict=True):
        assert (feature.geometry is None) == (geometry is None)
        if geometry is not None:
            assert shapely.equals_exact(feature.geometry, geometry, tolerance=0.0)
