"""The upload form names a general table's dimensions and keeps some categories, as ``mangfold import``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mangfold.web.statistics.models import Count, Dataset

pytestmark = pytest.mark.django_db

TOKEN = "statisticsdimensiontoken0123456a"  # 32 characters, the form of a CSRF secret
URL = "/da/statistics/cities/city-a/upload/"

# A PC-Axis table in the layout of a municipality's PxWeb export: parish × herkomst × content × quarter,
# the time dimension named "kvartal" (not a usual name), a content variable whose net moves are negative.
# The counts are INVENTED.
PX = """CHARSET="ANSI";
AXIS-VERSION="2013";
LANGUAGE="da";
MATRIX="BEF99";
TITLE="Befolkning og nettotilflytning efter sogn, herkomst, indhold og kvartal";
CONTENTS="Befolkning";
UNITS="personer";
STUB="sogn","herkomst";
HEADING="indhold","kvartal";
VALUES("sogn")="Helligånds","Trinitatis";
CODES("sogn")="7002","7003";
{herkomst}
VALUES("indhold")="Personer","Nettotilflytning";
VALUES("kvartal")="2024K1";
DATA=
3100 -12
450 3
180 -4
30 0
25 1
2500 7
270 -2
140 5
20 0
30 -1;
""".format(
    herkomst='VALUES("herkomst")='
    + ",".join(
        f'"{label}"'
        for label in (
            "Personer med dansk oprindelse",
            "Indvandrere fra vestlige lande",
            "Indvandrere fra ikke-vestlige lande",
            "Efterkommere fra vestlige lande",
            "Efterkommere fra ikke-vestlige lande",
        )
    )
    + ";"
)


def upload(client: Any, **fields: str) -> Any:
    client.cookies["csrftoken"] = TOKEN
    payload: dict[str, Any] = {"scheme": "dst_origin", "name": "Sogne", "source": "Aby kommune", **fields}
    payload["file"] = SimpleUploadedFile("bef99.px", PX.encode("cp1252"))
    return client.post(URL, payload, HTTP_X_CSRFTOKEN=TOKEN)


def test_named_dimensions_and_a_kept_content_import_a_general_table(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    response = upload(
        client_for("coordinator"),
        area_dimension="sogn",
        period_dimension="kvartal",
        group_dimension="herkomst",
        select="indhold=Personer",
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    dataset = Dataset.objects.get(name="Sogne")
    assert dataset.periods == ["2024K1"] and dataset.rows == 10
    assert Count.objects.get(dataset=dataset, area__code="7003", group="imm_nonwestern").n == 140


def test_without_the_kept_content_the_form_names_the_dimension_to_choose_from(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    response = upload(client_for("coordinator"), period_dimension="kvartal")
    assert response.status_code == 400
    assert "indhold" in response.content.decode() and not Dataset.objects.filter(name="Sogne").exists()


def test_a_selection_line_without_categories_is_refused_by_the_form(
    world: Any, client_for: Callable[[str], Any]
) -> None:
    response = upload(client_for("coordinator"), period_dimension="kvartal", select="indhold")
    assert response.status_code == 400
    assert "skriv DIMENSION=KATEGORI" in response.content.decode()
