"""Keep the practices' stored search text in step with their city's name (it is searched too)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from mangfold.web.network.models import City
from mangfold.web.practices.models import Practice


@receiver(post_save, sender=City)
def refresh_city_practices(sender: type[City], instance: City, **kwargs: Any) -> None:
    """A renamed city's practices are found under its new name (nothing is written when nothing changed)."""
    changed = []
    for practice in Practice.objects.filter(city=instance).select_related("city"):
        before = (practice.search_words, practice.search_stems)
        practice.refresh_search_text()
        if (practice.search_words, practice.search_stems) != before:
            changed.append(practice)
    if changed:
        Practice.objects.bulk_update(changed, ["search_words", "search_stems"])
