"""The problems the web layer itself finds in an imported file read in the page's language.

Statistics uploads (reading, joining boundaries, storing) and the published-results import (legacy
CSV) name each problem by file, row and column: in Danish on a Danish page, in today's English on an
English one, and in English outside a request (the command line), as the core's messages are.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from mangfold.i18n import language
from mangfold.population.detect import InputFile
from mangfold.population.errors import PopulationFileError
from mangfold.web.assessments.legacy import LegacyImportError, import_legacy
from mangfold.web.assessments.models import Round
from mangfold.web.statistics.importing import ImportOptions, import_files
from mangfold.web.statistics.models import Dataset
from tests.conftest import STATISTICS_CSV

pytestmark = pytest.mark.django_db

TOKEN = "statisticsuploadtoken0123456789a"  # 32 characters, the form of a CSRF secret


def square(x: float, y: float) -> list[list[list[float]]]:
    return [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]


def geojson(codes: list[tuple[str, str]]) -> bytes:
    features = [
        {
            "type": "Feature",
            "properties": {"kode": code, "navn": name},
            "geometry": {"type": "Polygon", "coordinates": square(12.5 + i / 100, 55.6)},
        }
        for i, (code, name) in enumerate(codes)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def upload(client: Any, lang: str, data: dict[str, Any], files: dict[str, tuple[str, bytes]]) -> Any:
    client.cookies["csrftoken"] = TOKEN
    payload = {"scheme": "dst_origin", "name": "Aby upload", "source": "Aby statistics office", **data}
    payload.update({field: SimpleUploadedFile(name, content) for field, (name, content) in files.items()})
    url = f"/{lang}/statistics/cities/city-a/upload/"
    return client.post(url, payload, HTTP_X_CSRFTOKEN=TOKEN, follow=True)


def problems_of(response: Any) -> list[list[str]]:
    """The rows of the problems table: file, row, column, problem."""
    page = response.content.decode()
    assert 'id="import-problems"' in page, page[:2000]
    table = page.split('id="import-problems"', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tbody>", 1)[1].split("</tr>")[:-1]
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
        ]
        for row in rows
    ]


COUNTS = ("aby.csv", STATISTICS_CSV.encode())
UPLOADS = {
    "boundaries not UTF-8 (reading)": (
        {},
        {"file": COUNTS, "boundaries": ("aby.geojson", b'{"type": "\xe6"}')},
        {
            "da": ["aby.geojson", "–", "–", "ikke UTF-8-tekst (byte 10)"],
            "en": ["aby.geojson", "–", "–", "not UTF-8 text (byte 10)"],
        },
    ),
    "boundaries not JSON (reading)": (
        {},
        {"file": COUNTS, "boundaries": ("aby.geojson", b'{"type":\n  FeatureCollection}')},
        {
            "da": ["aby.geojson", "2", "–", "ikke gyldig JSON: Expecting value"],
            "en": ["aby.geojson", "2", "–", "not valid JSON: Expecting value"],
        },
    ),
    "no boundary matches (importing)": (
        {"boundaries_key": "navn"},
        {"file": COUNTS, "boundaries": ("aby.geojson", geojson([("A1", "Nordby"), ("A2", "Sydby")]))},
        {
            "da": ["aby.geojson", "–", "–", "ingen grænse passer til et område i tallene (nøgle 'navn')"],
            "en": ["aby.geojson", "–", "–", "no boundary matches an area of the counts (key 'navn')"],
        },
    ),
    "a name in use (storing)": (
        {"name": "Aby by area"},
        {"file": COUNTS},
        {
            "da": [
                "aby.csv",
                "–",
                "–",
                "der findes allerede et datasæt med navnet 'Aby by area'; vælg et andet navn",
            ],
            "en": ["aby.csv", "–", "–", "a dataset named 'Aby by area' exists already; choose another name"],
        },
    ),
}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("case", UPLOADS, ids=list(UPLOADS))
def test_a_refused_upload_names_its_problem_in_the_pages_language(
    world: Any, client_for: Callable[[str], Any], case: str, lang: str
) -> None:
    data, files, expected = UPLOADS[case]
    response = upload(client_for("coordinator"), lang, data, files)
    assert response.status_code == 400
    assert expected[lang] in problems_of(response)
    assert not Dataset.objects.filter(name="Aby upload").exists()


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("da", "1 område mangler en grænse, f.eks. A2"),
        ("en", "1 area has no boundary, e.g. A2"),
    ],
)
def test_the_notes_of_an_import_are_in_the_pages_language(
    world: Any, client_for: Callable[[str], Any], lang: str, note: str
) -> None:
    boundaries = ("aby.geojson", geojson([("A1", "Nordby"), ("Z9", "Andetsteds")]))
    response = upload(client_for("coordinator"), lang, {}, {"file": COUNTS, "boundaries": boundaries})
    assert response.redirect_chain and response.status_code == 200
    page = html.unescape(response.content.decode())
    assert note in page
    other = (
        "1 grænse passer ikke til noget område i tallene" if lang == "da" else "1 boundary matches no area"
    )
    assert other in page


def test_outside_a_request_the_problems_follow_the_cores_language(world: Any) -> None:
    files = [InputFile("aby.csv", STATISTICS_CSV.encode())]
    options = ImportOptions(scheme="dst", name="Aby by area", source="x")
    with pytest.raises(PopulationFileError, match="a dataset named 'Aby by area' exists already"):
        import_files(files, options)  # Django's LANGUAGE_CODE is Danish; the command line is not
    with language("da"), pytest.raises(PopulationFileError, match="der findes allerede et datasæt"):
        import_files(files, options)


IMPORT_LEGACY = "admin/assessments/assessment/import-legacy/"
HEAD = "network,round,city,overall,source"
LEGACY = {
    "a column that is not one (reading the header)": (
        f"{HEAD},bad column\ntest-network,2014,city-a,70,x,\n",
        {
            "da": "række 1, kolonne 'bad column': hverken et kolonnenavn eller en indikatorkode",
            "en": "row 1, column 'bad column': not a column name nor an indicator code",
        },
    ),
    "a score that is not a number (reading a row)": (
        f"{HEAD}\ntest-network,2014,city-a,x,y\n",
        {
            "da": "række 2, kolonne 'overall': ikke et tal: 'x'",
            "en": "row 2, column 'overall': not a number: 'x'",
        },
    ),
    "a score out of range and a required cell": (
        f"{HEAD}\ntest-network,2014,city-a,166,\n",
        {
            "da": "række 2, kolonne 'source': påkrævet",
            "en": "row 2, column 'source': required",
        },
    ),
    "an unknown network (importing a row)": (
        f"{HEAD}\nno-net,2014,city-a,50,x\n",
        {
            "da": "række 2, kolonne 'network': netværket 'no-net' findes ikke",
            "en": "row 2, column 'network': no network 'no-net'",
        },
    ),
}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("case", LEGACY, ids=list(LEGACY))
def test_a_refused_results_file_names_its_problems_in_the_pages_language(
    world: Any, case: str, lang: str
) -> None:
    content, expected = LEGACY[case]
    staff = Client()
    staff.force_login(world.users["admin"])
    response = staff.post(f"/{lang}/{IMPORT_LEGACY}", {"file": SimpleUploadedFile("r.csv", content.encode())})
    assert response.status_code == 200
    assert expected[lang] in html.unescape(response.content.decode())
    assert not Round.objects.filter(network=world.network, slug="2014").exists()


def test_a_score_out_of_range_reads_in_danish_and_english(world: Any) -> None:
    content = f"{HEAD}\ntest-network,2014,city-a,166,x\n"
    with pytest.raises(LegacyImportError) as english:
        import_legacy(content)
    assert [str(p) for p in english.value.problems] == [
        "row 2, column 'overall': a score lies in 0–100, got 166"
    ]
    with language("da"):
        with pytest.raises(LegacyImportError) as danish:
            import_legacy(content)
        assert [str(p) for p in danish.value.problems] == [
            "række 2, kolonne 'overall': en score ligger mellem 0 og 100, men her står 166"
        ]
