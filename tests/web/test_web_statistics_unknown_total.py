"""A city's statistics page never shows a population the table does not give: a table of FOLK1C's
herkomst categories without the Western split and without "I alt" shows "–" and says why, in the page's
language, where it once showed a population of 0."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from mangfold.population.detect import InputFile
from mangfold.web.statistics.importing import ImportOptions, import_files
from tests.conftest import World

pytestmark = pytest.mark.django_db

FOLK1C_WITHOUT_TOTAL = """area,period,group,n
Aby,2024K1,danish,477210
Aby,2024K1,immigrants,141532
Aby,2024K1,descendants,41905
"""


def page(world: World, client: Client, lang: str) -> str:
    done = import_files(
        [InputFile("folk1c.csv", FOLK1C_WITHOUT_TOTAL.encode())],
        ImportOptions(scheme="dst", name="FOLK1C Aby", source="Statistics Denmark"),
        city=world.city_a,
    )
    response = client.get(f"/{lang}/statistics/cities/city-a/?dataset={done.dataset.pk}")
    assert response.status_code == 200
    return response.content.decode()


def headline(html: str) -> str:
    figures = html.split('class="figures"', 1)[1].split("</dl>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", figures.split("</dd>", 1)[0].split("<dd>", 1)[1]))


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("da", "Tabellen giver ikke det samlede folketal"),
        ("en", "The table does not give the total population"),
    ],
)
def test_a_table_without_the_total_shows_no_population_and_the_reason(
    world: World, client_for: Callable[[str], Any], lang: str, reason: str
) -> None:
    html = page(world, client_for("viewer"), lang)
    assert headline(html).strip() == f"– {reason}"
    row = html.split('id="table-over-time"', 1)[1].split('<tr data-period="2024K1">', 1)[1].split("</tr>")[0]
    cells = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip()
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]
    population, *shares, areas = cells
    assert population == f"– {reason}"
    assert shares and all(share == "–" for share in shares)
    assert areas == "0"  # no area's total is known, so none is summed
