"""The good-practice library's demo records: real practices with their sources, then invented examples.

The records live in ``mangfold/data/practices/practices.json`` (see the README beside it). Loading is
idempotent: a practice is found by its natural key (city, title), created when missing, saved only when a
field differs, and always published. Cities the records need are created when no city has their slug,
and every one of them joins the demo network; a city that already exists keeps its own name and facts.

Each record may carry ``title_da``, ``title_en``, ``summary_da``, ``summary_en`` and ``budget`` (older
records without them load with the fields empty); a **real** record (``is_example`` false) must have a
source, at least one web address in ``links`` and both summaries, else :class:`PracticeDataError` names
the record and the field, and nothing is loaded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction

from mangfold.web.network.models import City, Membership, Network
from mangfold.web.practices.models import Practice

_FIELDS = (
    "title_da",
    "title_en",
    "summary_da",
    "summary_en",
    "budget",
    "period_start",
    "period_end",
    "indicators",
    "questions",
    "purpose",
    "rationale",
    "process",
    "results",
    "contact",
    "language",
    "source",
    "is_example",
)


_OPTIONAL = {"title_da": "", "title_en": "", "summary_da": "", "summary_en": "", "budget": ""}
_REQUIRED_OF_REAL = ("source", "summary_da", "summary_en")


class PracticeDataError(ValueError):
    """A record of the demo file that cannot be loaded: which record (key and position) and which field."""

    def __init__(self, path: Path, position: int, key: str, field: str, problem: str) -> None:
        super().__init__(f"{path.name}, practice {position} ({key}), field {field!r}: {problem}")
        self.path, self.position, self.key, self.field = path, position, key, field


def check_record(record: dict[str, Any], position: int, path: Path) -> None:
    """Refuse a real record without a source, a web address or a summary in both languages."""
    key = str(record.get("key") or record.get("title") or "?")
    if record.get("is_example"):
        return
    for name in _REQUIRED_OF_REAL:
        if not str(record.get(name) or "").strip():
            raise PracticeDataError(path, position, key, name, "a real practice needs it")
    links = record.get("links") or []
    if not any(str(link).startswith(("https://", "http://")) for link in links):
        raise PracticeDataError(path, position, key, "links", "a real practice needs a source address")


@dataclass(frozen=True)
class PracticeLoad:
    """What one load did: records created, changed and already up to date."""

    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def data_path() -> Path:
    """The shipped demo file."""
    return Path(str(resources.files("mangfold.data"))) / "practices" / "practices.json"


def read_demo_data(path: Path | None = None) -> dict[str, Any]:
    """The demo file as a dict with ``cities`` and ``practices`` lists."""
    with (path or data_path()).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def load_practices(network: Network) -> int:
    """Create or update the demo practices (and the cities they need) in ``network``; their number."""
    return sync_practices(network).total


@transaction.atomic
def sync_practices(network: Network, path: Path | None = None) -> PracticeLoad:
    """Like :func:`load_practices`, telling how many records were created, changed or left alone."""
    data = read_demo_data(path)
    for position, record in enumerate(data["practices"], start=1):
        check_record(record, position, path or data_path())
    cities = {row["slug"]: _ensure_city(network, row) for row in data["cities"]}
    created = updated = unchanged = 0
    for record in data["practices"]:
        wanted = _field_values(record)
        city = cities[record["city"]]
        practice = Practice.objects.filter(city=city, title=record["title"]).order_by("pk").first()
        if practice is None:
            Practice.objects.create(city=city, title=record["title"], **wanted)
            created += 1
        elif any(getattr(practice, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(practice, name, value)
            practice.save()
            updated += 1
        else:
            unchanged += 1
    return PracticeLoad(created=created, updated=updated, unchanged=unchanged)


def _ensure_city(network: Network, row: dict[str, Any]) -> City:
    city, _ = City.objects.get_or_create(
        slug=row["slug"],
        defaults={"name": row["name"], "country": row["country"], "is_example": row["is_example"]},
    )
    Membership.objects.get_or_create(network=network, city=city)
    return city


def _field_values(record: dict[str, Any]) -> dict[str, Any]:
    values = {name: record.get(name, _OPTIONAL.get(name)) for name in _FIELDS}
    values = {name: ("" if value is None and name in _OPTIONAL else value) for name, value in values.items()}
    values["links"] = "\n".join(record["links"])
    values["status"] = Practice.Status.PUBLISHED
    return values
