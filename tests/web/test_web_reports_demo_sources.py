"""The sources of the demo's Danish city profile (issue #11, item 6): no English prose.

The real practices' source notes are English citation lists ("press release", "project page", "Also listed
by …"); a Danish profile cites a practice by its Danish title and the addresses of its sources instead
(:func:`mangfold.reports.sources.practice_source`), an English profile by its full citation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation

from mangfold.reports.sources import is_english
from mangfold.web.assessments.models import Round
from mangfold.web.core.demo import DEMO_NETWORK, load_demo
from mangfold.web.reports.profile import ProfileReport, build_profile

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="module")
def reports(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, ProfileReport]]:
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo("demo-password-for-tests")
        round_ = Round.objects.get(network__slug=DEMO_NETWORK, slug="2011")
        made = {}
        for lang in ("da", "en"):
            with translation.override(lang):
                report = build_profile(round_, "copenhagen", lang)
                assert report is not None
                made[lang] = report
        transaction.set_rollback(True)
    yield made


def _practices(report: ProfileReport) -> list[Any]:
    assert report.recommended is not None
    found = {s.practice.pk: s for area in report.recommended.areas for s in area.practices}
    return [s for s in found.values() if s.practice.source]


def test_the_danish_profile_of_copenhagen_2011_has_no_english_in_its_sources(
    reports: dict[str, ProfileReport],
) -> None:
    report = reports["da"]
    practices = _practices(report)
    assert practices  # København 2011 trails somewhere: real practices are recommended and cited
    assert any(is_english(s.practice.source) for s in practices)  # their own notes are English
    english = [line for line in report.sources if is_english(line)]
    assert not english, english


def test_a_danish_profile_cites_a_practice_by_its_danish_title_and_the_hosts_of_its_links(
    reports: dict[str, ProfileReport],
) -> None:
    for item in _practices(reports["da"]):
        practice = item.practice
        hosts = list(dict.fromkeys(link.split("/")[2].removeprefix("www.") for link in practice.link_list))
        assert hosts, practice.pk
        line = next(line for line in reports["da"].sources if line.startswith(f"Praksis »{item.title}«: "))
        assert item.title == practice.title_in("da")
        listed = ", ".join(hosts[:-1]) + " og " + hosts[-1] if len(hosts) > 1 else hosts[0]
        assert line == f"Praksis »{item.title}«: {'kilder' if len(hosts) > 1 else 'kilde'} på {listed}"


def test_an_english_profile_keeps_the_full_citation(reports: dict[str, ProfileReport]) -> None:
    for item in _practices(reports["en"]):
        source = item.practice.source.strip().rstrip(".")
        assert any(line.endswith(source) and item.title in line for line in reports["en"].sources)


def test_the_danish_profile_cites_the_citys_population_by_its_stored_danish_source(
    reports: dict[str, ProfileReport],
) -> None:
    for lang, field in (("da", "population_source_da"), ("en", "population_source")):
        report = reports[lang]
        assert report.population is not None
        entered = report.population.figures.population
        city = report.entry.city
        assert not entered.from_statistics and entered.year == 2011  # the municipal total, entered
        assert entered.source == getattr(city, field) != ""
        assert any(line.startswith(entered.source.rstrip(".")) for line in report.sources), lang
        assert is_english(entered.source) == (lang == "en")
