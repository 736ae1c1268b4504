"""The demo barometers (København's real, cited figures; Eksempelby's invented ones), loaded by `make run`.

Idempotent: loading twice changes nothing. Cities that the demo does not hold are skipped. A shipped
definition of a new version (e.g. ``demo-2``) replaces the stored one and is recorded as a new version.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from mangfold.barometer.demo import DEMO_BAROMETERS, demo_barometer
from mangfold.barometer.workbook import to_data, write_workbook
from mangfold.web.barometer.models import BarometerValue, CityBarometer, DefinitionVersion
from mangfold.web.network.models import City


@transaction.atomic
def load_barometer_demo() -> int:
    """Store and publish each demo barometer whose city exists; the number stored."""
    stored = 0
    for slug in DEMO_BAROMETERS:
        city = City.objects.filter(slug=slug).first()
        if city is None:
            continue
        barometer, values = demo_barometer(slug)
        record, _ = CityBarometer.objects.update_or_create(
            city=city,
            defaults={
                "definition": to_data(barometer),
                "version": barometer.version,
                "workbook": write_workbook(barometer),
                "is_published": True,
            },
        )
        if not record.versions.filter(version=barometer.version).exists():
            DefinitionVersion.objects.create(
                barometer=record,
                version=barometer.version,
                definition=record.definition,
                workbook=record.workbook,
            )
        if record.published_at is None:
            record.published_at = timezone.now()
            record.save(update_fields=["published_at"])
        record.values.all().delete()
        BarometerValue.objects.bulk_create(BarometerValue.from_value(v, barometer=record) for v in values)
        stored += 1
    return stored
