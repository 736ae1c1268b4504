"""Danish alphabetical order: Æ, Ø, Å after Z, and "Aa" as Å."""

from __future__ import annotations

from mangfold.collation import danish_sort_key, danish_sorted


def test_ae_oe_aa_come_after_z_in_that_order() -> None:
    assert danish_sorted(["Åbenrå", "Ørestad", "Ærø", "Zürich", "Amager"]) == [
        "Amager",
        "Zürich",
        "Ærø",
        "Ørestad",
        "Åbenrå",
    ]


def test_double_a_sorts_as_aa_ring() -> None:
    assert danish_sorted(["Aarhus", "Ballerup", "Aabenraa", "Ålborg", "Abildgaard"]) == [
        "Abildgaard",
        "Ballerup",
        "Aabenraa",
        "Ålborg",
        "Aarhus",
    ]


def test_foreign_letters_sort_with_their_danish_or_base_letter() -> None:
    assert danish_sorted(["Öresund", "Ørbæk", "Oslo", "Éire", "Essen"]) == [
        "Éire",
        "Essen",
        "Oslo",
        "Ørbæk",
        "Öresund",
    ]


def test_case_does_not_change_the_order() -> None:
    assert danish_sort_key("københavn")[0] == danish_sort_key("KØBENHAVN")[0]
