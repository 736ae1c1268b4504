"""The cache key of a report file.

A report is cached until its data change: :func:`report_key` digests the inputs (the published
assessments of the network's rounds with their publication times, which of those rounds are under
embargo (a profile shows the city's results in every round), the facts of their cities, the published
practices' last change, the city's statistics datasets, its outcome barometer (publication, definition and
values: the profile carries it once published), the briefing's version, the language, the format
and the version of the templates), so a new key means a new file and an unchanged key serves the file
already made.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Count, Max, Sum
from django.utils import timezone

from mangfold.reports.cachekey import cache_key
from mangfold.web.assessments.models import Assessment, Round
from mangfold.web.barometer.models import CityBarometer
from mangfold.web.network.models import City
from mangfold.web.practices.models import Practice
from mangfold.web.reports.models import Briefing, ReportFile
from mangfold.web.statistics.models import Dataset

APP_DIR = Path(__file__).resolve().parent
FORMATS: dict[str, dict[str, str]] = {
    ReportFile.Kind.PROFILE: {"pdf": "application/pdf"},
    ReportFile.Kind.BRIEFING: {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
}


@cache
def template_version() -> str:
    """A digest of the report templates, stylesheets, code and every translation catalogue of the
    package (a report's words come from the core's and the apps' catalogues): a change in any makes
    every file anew."""
    digest = hashlib.sha256()
    package = APP_DIR.parents[1]
    sources = [(root, {".py", ".html", ".css"}) for root in (APP_DIR, package / "reports")]
    for root, suffixes in [*sources, (package, {".po"})]:
        for path in sorted(root.rglob("*")):
            if path.suffix in suffixes and "migrations" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def data_inputs(round_: Round, city: City) -> dict[str, Any]:
    """The database part of the key of every report file of ``city`` in ``round_`` (see the module
    docstring): read once per request by a page that asks for several keys."""
    published = (
        Assessment.objects.filter(round__network=round_.network_id, state=Assessment.State.PUBLISHED)
        .order_by("pk")
        .values_list(
            "pk",
            "round_id",
            "city_id",
            "published_at",
            "approved_at",
            "overall",
            "published_rank",
            "published_sample",
            "published_period",
            "published_peer_ranks",
            "source",
        )
    )
    cities = (
        City.objects.filter(assessments__round__network=round_.network_id)
        .distinct()
        .order_by("pk")
        .values_list(
            "pk",
            "slug",
            "name",
            "country",
            "population",
            "population_year",
            "foreign_born_share",
            "foreign_born_year",
            "is_example",
        )
    )
    practices = Practice.objects.filter(status=Practice.Status.PUBLISHED).aggregate(
        n=Count("pk"), changed=Max("updated_at")
    )
    datasets = (
        Dataset.objects.filter(areas__city_links__city=city)
        .distinct()
        .order_by("pk")
        .values_list("pk", "sha256", "uploaded_at", "use_for_figures")
    )
    facts = City.objects.filter(pk=city.pk).values().first()
    barometer = (
        CityBarometer.objects.filter(city=city)
        .annotate(
            n=Count("values"),
            last=Max("values__pk"),
            entered=Max("values__entered_at"),
            total=Sum("values__value"),
        )
        .values_list("is_published", "published_at", "updated_at", "version", "n", "last", "entered", "total")
        .first()
    )
    now = timezone.now()
    rounds = (
        Round.objects.filter(network=round_.network_id)
        .order_by("pk")
        .values_list("pk", "embargo_until", "questionnaire_id", "instrument", "instrument_version")
    )
    return {
        "round": [round_.pk, round_.embargoed, round_.questionnaire_id],
        "embargoed": [pk for pk, until, *_ in rounds if until is not None and now < until],
        "instruments": [[pk, *instrument] for pk, _until, *instrument in rounds],
        "published": [list(row) for row in published],
        "cities": [list(row) for row in cities],
        "practices": [practices["n"], practices["changed"]],
        "datasets": [list(row) for row in datasets],
        "city": facts,
        "barometer": list(barometer) if barometer else None,
    }


def report_key(
    kind: str, fmt: str, round_: Round, city: City, lang: str, *, data: Mapping[str, Any] | None = None
) -> str:
    """The cache key of a report file (see the module docstring); ``data`` from :func:`data_inputs`."""
    data = data_inputs(round_, city) if data is None else data
    inputs = {"kind": kind, "fmt": fmt, "lang": lang, "templates": template_version(), **data}
    if kind == ReportFile.Kind.BRIEFING:
        saved = (
            Briefing.objects.filter(city=city, round=round_, language=lang)
            .values_list("pk", "version")
            .first()
        )
        inputs["briefing"] = list(saved) if saved else None
        inputs["profile"] = report_key(ReportFile.Kind.PROFILE, "pdf", round_, city, lang, data=data)
    return cache_key(inputs)
