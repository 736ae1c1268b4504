"""Facts of the demo network's real cities: population and shares, each with its year and source.

The figures live in ``mangfold/data/demo_cities/cities.json`` (see the README and ATTRIBUTION.md beside
it). :func:`load_city_facts` writes them onto the :class:`~mangfold.web.network.models.City` rows with the
same slug, its source title in English (``source``) and in Danish (``source_da``). Loading is idempotent: a
city is saved only when one of its fields differs. A figure the file leaves ``null`` leaves the field as it
is (imported statistics or an administrator may have set it), and a slug without a city row is skipped: the
demo loader creates the cities first, then calls this.

:func:`mark_invented_facts` gives the figures of the fictional example cities (invented by
:mod:`mangfold.web.assessments.demo`) a source that says so, in each language.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction

from mangfold.web.network.models import City

__all__ = [
    "FACTS",
    "INVENTED_SOURCE",
    "INVENTED_SOURCE_DA",
    "FactsLoad",
    "city_field_values",
    "data_path",
    "load_city_facts",
    "mark_invented_facts",
    "read_city_facts",
]

FACTS: dict[str, tuple[str, str, str, str]] = {
    # fact in the file -> (value field, year field, source field, Danish source field) of City
    "population": ("population", "population_year", "population_source", "population_source_da"),
    "foreign_born_share": (
        "foreign_born_share",
        "foreign_born_year",
        "foreign_born_source",
        "foreign_born_source_da",
    ),
    "immigrant_background_share": (
        "immigrant_background_share",
        "immigrant_background_year",
        "immigrant_background_source",
        "immigrant_background_source_da",
    ),
}
_SOURCE_LENGTH = 300  # max_length of the City source fields

INVENTED_SOURCE = "Invented for the demo (fictional city)"
INVENTED_SOURCE_DA = "opfundet til demoen (opdigtet by)"
"""The source of every figure of a fictional example city, in English and in Danish."""


@dataclass(frozen=True)
class FactsLoad:
    """What one load did: cities changed, cities already up to date, slugs with no city row."""

    updated: int
    unchanged: int
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        """The cities that now carry the facts of the file."""
        return self.updated + self.unchanged


def data_path() -> Path:
    """The shipped facts file."""
    return Path(str(resources.files("mangfold.data"))) / "demo_cities" / "cities.json"


def _check_fact(slug: str, fact: str, entry: Any) -> None:
    where = f"{slug}.{fact}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: a figure is an object with value, year, source and url, or null")
    value, year, url = (entry.get(k) for k in ("value", "year", "url"))
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{where}: value must be a number, got {value!r}")
    if fact == "population" and (not isinstance(value, int) or value <= 0):
        raise ValueError(f"{where}: a population is a positive whole number, got {value!r}")
    if fact != "population" and not 0.0 <= float(value) <= 100.0:
        raise ValueError(f"{where}: a share is a percentage in 0–100, got {value!r}")
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
        raise ValueError(f"{where}: year must be a year, got {year!r}")
    for key in ("source", "source_da"):
        title = entry.get(key)
        if key == "source_da" and title is None:
            continue  # a figure may lack its Danish title: Danish pages then show the English one
        if not isinstance(title, str) or not title.strip() or len(title) > _SOURCE_LENGTH:
            raise ValueError(f"{where}: {key} must be a title of 1–{_SOURCE_LENGTH} characters")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ValueError(f"{where}: url must be an http(s) address, got {url!r}")


def read_city_facts(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """The cities of the facts file by slug, each figure checked (number, year, source title and URL).

    Raises :class:`ValueError` naming the city and figure when one is malformed.
    """
    with (path or data_path()).open(encoding="utf-8") as handle:
        data = json.load(handle)
    cities = data.get("cities") if isinstance(data, dict) else None
    if not isinstance(cities, dict) or not cities:
        raise ValueError("the facts file needs a non-empty 'cities' object keyed by city slug")
    for slug, record in cities.items():
        if not isinstance(record, dict):
            raise ValueError(f"{slug}: a city is an object")
        for fact in FACTS:
            if record.get(fact) is not None:
                _check_fact(slug, fact, record[fact])
    return cities


def city_field_values(record: dict[str, Any]) -> dict[str, Any]:
    """The City fields (value, year, sources) that one city's record sets; its ``null`` figures set none."""
    values: dict[str, Any] = {}
    for fact, (value_field, year_field, source_field, danish_field) in FACTS.items():
        entry = record.get(fact)
        if entry is None:
            continue
        value = entry["value"] if fact == "population" else float(entry["value"])
        values.update({value_field: value, year_field: entry["year"], source_field: entry["source"]})
        values[danish_field] = entry.get("source_da") or ""
    return values


def sync_city_facts(path: Path | None = None) -> FactsLoad:
    """Like :func:`load_city_facts`, telling how many cities changed, were up to date or are missing."""
    cities = read_city_facts(path)
    updated = unchanged = 0
    missing: list[str] = []
    with transaction.atomic():
        for slug, record in cities.items():
            city = City.objects.filter(slug=slug).first()
            if city is None:
                missing.append(slug)
                continue
            wanted = city_field_values(record)
            changed = [name for name, value in wanted.items() if getattr(city, name) != value]
            if changed:
                for name in changed:
                    setattr(city, name, wanted[name])
                city.save(update_fields=changed)
                updated += 1
            else:
                unchanged += 1
    return FactsLoad(updated=updated, unchanged=unchanged, missing=tuple(missing))


def load_city_facts() -> int:
    """Write the shipped facts onto the cities with the same slug; the number of cities that carry them."""
    return sync_city_facts().total


def mark_invented_facts() -> int:
    """Give every figure of a fictional example city :data:`INVENTED_SOURCE` and :data:`INVENTED_SOURCE_DA`
    as its sources (a made-up city's figures are invented, whoever entered them); the number of cities
    changed. Idempotent."""
    changed = 0
    for city in City.objects.filter(is_example=True):
        fields = []
        for value_field, _year, source_field, danish_field in FACTS.values():
            if getattr(city, value_field) is None:
                continue
            for field, text in ((source_field, INVENTED_SOURCE), (danish_field, INVENTED_SOURCE_DA)):
                if getattr(city, field) != text:
                    setattr(city, field, text)
                    fields.append(field)
        if fields:
            city.save(update_fields=fields)
            changed += 1
    return changed
