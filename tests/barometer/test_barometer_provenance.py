"""Where a barometer's goals and figures come from, in sentences made from its data (never stock text)."""

from __future__ import annotations

import dataclasses

from mangfold.barometer.demo import demo_barometer
from mangfold.barometer.model import Value, ValueSet, YearKind
from mangfold.barometer.provenance import deviations, year_label
from mangfold.i18n import language


def copenhagen(lang: str) -> tuple[str, ...]:
    barometer, values = demo_barometer("copenhagen")
    with language(lang):
        return deviations(barometer, ValueSet.of(values), "København")


def test_copenhagens_demo_says_it_is_a_selection_with_its_base_year_and_national_goals_in_danish() -> None:
    _, values = demo_barometer("copenhagen")
    assert not any(v.year == 2014 and v.area == "" for v in values)  # no 2014 value is shipped
    assert copenhagen("da") == (
        "Dette er ikke Københavns Integrationsbarometer 2015–18, men et udvalg: det havde 26 mål (delmål "
        "medregnet), og her har ét mål tal derfra.",
        "Basisåret for »Forskel i ledighed« er 2011, ikke 2014 som i Københavns Integrationsbarometer "
        "2015–18: data har ingen værdi for 2014, så status er målt mod 2011.",
        "Målene »Beskæftigelse (indikatorer fra integrationsbarometer.dk)« og »Uddannelse (indikator fra "
        "integrationsbarometer.dk)« er taget fra det nationale integrationsbarometer "
        "(integrationsbarometer.dk), ikke fra Københavns Integrationsbarometer 2015–18.",
        "De har kun tal for hele landet og ingen for København, så de kan ikke måles og er hvide.",
    )


def test_the_same_account_in_english() -> None:
    told = copenhagen("en")
    assert told[0].startswith(
        "This is not Copenhagen's Integration Barometer 2015–18 but a selection: it had 26"
    )
    assert "the data hold no value for 2014, so its status is measured against 2011." in told[1]


def test_a_value_for_the_originals_base_year_leaves_out_the_missing_clause() -> None:
    barometer, values = demo_barometer("copenhagen")
    values = [*values, Value("unemployment_gap", 2014, 9.0, source="test")]
    with language("da"):
        told = deviations(barometer, ValueSet.of(values), "København")
    assert told[1] == (
        "Basisåret for »Forskel i ledighed« er 2011, ikke 2014 som i "
        "Københavns Integrationsbarometer 2015–18."
    )


def test_a_citys_own_barometer_with_its_own_figures_needs_no_account() -> None:
    barometer, values = demo_barometer("eksempelby")
    assert deviations(barometer, ValueSet.of(values), "Eksempelby") == ()


def test_an_own_goal_with_only_national_figures_is_named() -> None:
    barometer, values = demo_barometer("eksempelby")
    own = [v for v in values if v.indicator != "vulnerable_housing"]
    national = [Value("vulnerable_housing", 2018, 8.0, area="DK", source="test")]
    with language("da"):
        told = deviations(barometer, ValueSet.of([*own, *national]), "Eksempelby")
    assert told == (
        "»Færre i udsatte boligområder« har kun tal for hele landet og ingen for Eksempelby, så det kan ikke "
        "måles og er hvidt.",
    )


def test_a_publication_year_is_labelled_as_one() -> None:
    published = Value("employment_gap", 2022, 20.0, area="DK", year_kind=YearKind.PUBLISHED)
    with language("da"):
        assert year_label(published) == "offentliggjort 2022"
        assert year_label(dataclasses.replace(published, year_kind=YearKind.DATA)) == "2022"
    assert year_label(published) == "published 2022"
