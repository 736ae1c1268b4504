"""Schemes as data and the label mapping that reports every unmapped label."""

from __future__ import annotations

import pytest

from mangfold.population import UnmappedLabelsError
from mangfold.population.labels import map_labels
from mangfold.population.schemes import SCHEMES, dst_origin, dst_regions_2024, ew_ethnicity_2011, scheme

KMSTA001_EN = [
    "Persons of Danish origin",
    "Immigrants from western countries",
    "Immigrants from non-western countries",
    "Descendants from western countries",
    "Descendants from non-western countries",
]
KMSTA001_DA = [
    "Personer med dansk oprindelse",
    "Indvandrere fra vestlige lande",
    "Indvandrere fra ikke-vestlige lande",
    "Efterkommere fra vestlige lande",
    "Efterkommere fra ikke-vestlige lande",
]
BASE = ["danish", "imm_western", "imm_nonwestern", "desc_western", "desc_nonwestern"]


def test_dst_scheme_has_the_five_base_groups_and_derived_sums() -> None:
    s = dst_origin()
    assert [g.code for g in s.base] == BASE
    assert s.components("immigrant_background") == tuple(BASE[1:])
    assert s.components("nonwestern_background") == ("imm_nonwestern", "desc_nonwestern")
    assert s.components("western_background") == ("imm_western", "desc_western")
    assert s.components("immigrants") == ("imm_western", "imm_nonwestern")
    assert s.components("descendants") == ("desc_western", "desc_nonwestern")
    assert s.total == "total" and s.components("total") == tuple(BASE)


@pytest.mark.parametrize("labels", [KMSTA001_EN, KMSTA001_DA])
def test_statistics_denmark_labels_map_in_both_languages(labels: list[str]) -> None:
    m = map_labels(labels, dst_origin())
    assert [m[x] for x in labels] == BASE


def test_matching_ignores_case_and_spacing() -> None:
    m = map_labels(["  persons OF danish   origin "], dst_origin())
    assert m.mapping == {"  persons OF danish   origin ": "danish"}


def test_every_unmapped_label_is_reported_at_once() -> None:
    labels = [*KMSTA001_EN, "Persons of unknown origin", "Total population", "Persons of Danish origin"]
    with pytest.raises(UnmappedLabelsError) as err:
        map_labels(labels, dst_origin(), file="x.csv")
    assert err.value.labels == ("Persons of unknown origin", "Total population")
    assert "x.csv" in str(err.value) and "'Total population'" in str(err.value)
    loose = map_labels(labels, dst_origin(), strict=False)
    assert loose.unmapped == ("Persons of unknown origin", "Total population")
    assert not loose.complete


def test_caller_aliases_extend_and_override_the_scheme() -> None:
    m = map_labels(
        ["Danes", "Total population"], dst_origin(), {"Danes": "danish", "Total population": "total"}
    )
    assert m.mapping == {"Danes": "danish", "Total population": "total"}
    with pytest.raises(KeyError, match="not a group"):
        map_labels(["x"], dst_origin(), {"x": "martians"})


def test_voting_area_regions_map_from_their_numbered_column_labels() -> None:
    s = dst_regions_2024()
    labels = ["02. Nordiske lande", "04. Tidligere Jugoslavien", "10. Syd- og Mellemamerika", "12. Uoplyst"]
    assert list(map_labels(labels, s).mapping.values()) == [
        "nordic",
        "former_yugoslavia",
        "latin_america",
        "unknown",
    ]
    assert len(s.base) == 12 and len(s.components("immigrant_background")) == 11


def test_england_and_wales_groups_map_from_mlid_column_names() -> None:
    s = ew_ethnicity_2011()
    cols = ["WhiteBrit", "Irish", "OtherWhite", "Mixed", "Indian", "Pakistani", "Bangladeshi", "Chinese",
            "OtherAsian", "BlkAfrican", "BlkCaribbean", "OtherBlk", "Arab", "Other"]  # fmt: skip
    m = map_labels(cols, s)
    assert len(set(m.mapping.values())) == 14 == len(s.base)


def test_every_built_in_scheme_builds_with_labels_in_both_languages() -> None:
    for name in SCHEMES:
        s = scheme(name)
        assert s.name == name
        assert all(g.label_da and g.label_en for g in s.groups)
        assert s.total is not None
    with pytest.raises(KeyError, match="no built-in scheme"):
        scheme("nope")
