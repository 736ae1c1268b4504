"""The practice search does less work per request and shows the same: a record's highlights and
relevance kept per query and texts, the search form's inputs rendered once per submitted values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.http import QueryDict
from django.utils import translation

from mangfold.textsearch import highlight, query_terms, relevance
from mangfold.web.practices import search as search_module
from mangfold.web.practices import views
from mangfold.web.practices.forms import SearchForm
from mangfold.web.practices.models import Practice
from mangfold.web.practices.search import hits, marked
from mangfold.web.practices.views import SEARCH_FIELDS, search_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world: Any) -> list[Practice]:
    return [
        Practice.objects.create(
            title=title, purpose=purpose, city=world.city_a, status="published", indicators=["welcoming"]
        )
        for title, purpose in (
            ("Boligsocial helhedsplan", "Beboerne planlægger boligerne sammen."),
            ("Sprogcafé", "Frivillige taler dansk; boligforeninger lægger lokaler til."),
            ("Forældre i folkeskolen", "Forældrene hjælper i skolens klasser."),
        )
    ]


def of(records: list[Practice]) -> Any:
    return Practice.objects.filter(pk__in=[p.pk for p in records]).select_related("city")


def test_hits_are_the_core_rules_answers(records: list[Practice]) -> None:
    terms = query_terms("bolig")
    found = hits(of(records), "bolig", "da")
    for hit in found:
        title, summary = hit.practice.title_in("da"), hit.practice.summary_in("da")[0]
        assert hit.title == tuple(highlight(title, terms))
        assert hit.summary == tuple(highlight(summary, terms))
        assert hit.relevance == relevance(terms, title, hit.practice.searchable_text())
    assert [hit.practice.title for hit in found][:2] == ["Boligsocial helhedsplan", "Sprogcafé"]
    plain = hits(of(records), "", "da")
    assert all(hit.relevance is None and hit.title == ((hit.practice.title, False),) for hit in plain)


def test_a_query_reads_each_records_texts_once(records: list[Practice]) -> None:
    search_module._scored.cache_clear()
    with mock.patch.object(search_module, "relevance", wraps=relevance) as scoring:
        first = hits(of(records), "bolig", "da")
        again = hits(of(records), "bolig", "da")
        assert scoring.call_count == 3 and again == first
        hits(of(records), "skole", "da")
        assert scoring.call_count == 6


def test_an_edited_text_is_ranked_and_marked_anew(records: list[Practice]) -> None:
    before = hits(of(records), "bolig", "da")
    assert before[0].title_html == "<mark>Bolig</mark>social helhedsplan"
    Practice.objects.filter(pk=records[0].pk).update(title="Social helhedsplan")  # no signal, no save
    after = hits(of(records), "bolig", "da")
    assert [hit.practice.pk for hit in after] == [records[0].pk, records[1].pk, records[2].pk]
    assert after[0].title_html == "Social helhedsplan"  # found in its text, no longer in its title


def test_marked_escapes_every_segment() -> None:
    html = marked((("<b>", False), ("Bolig", True), ("&", False)))
    assert html == "&lt;b&gt;<mark>Bolig</mark>&amp;"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=bolig",
        "q=bolig&indicator=welcoming&country=DK&city=K%C3%B8benhavn&year=2015",
        "year=abc",  # an error: aria-invalid and its message
        "q=" + "x" * 250,
        "indicator=nowhere&q=%22%3E%3Cscript%3E",
        "other=1",  # bound, with no field of the form
        "q=first&q=last",  # the last value counts, as for the form
    ],
)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_search_form_inputs_are_the_forms_own(query: str, lang: str) -> None:
    data = QueryDict(query)
    with translation.override(lang):
        form = SearchForm(data or None)
        html = search_fields(lang, data or None)
        assert {name: html[name] for name in SEARCH_FIELDS} == {
            name: str(form[name]) for name in SEARCH_FIELDS
        }
        assert {name: html[f"{name}_errors"] for name in SEARCH_FIELDS} == {
            name: str(form[name].errors) for name in SEARCH_FIELDS
        }
    assert ('aria-invalid="true"' in html["year"]) == (query == "year=abc")


def test_the_search_page_shows_the_inputs_it_was_given(
    records: list[Practice], client_for: Callable[[str], Any]
) -> None:
    body = client_for("anonymous").get("/en/practices/", {"q": "bolig", "year": "abc"}).content.decode()
    assert 'name="q" value="bolig"' in body and 'aria-invalid="true"' in body
    again = client_for("anonymous").get("/en/practices/", {"q": "skole"}).content.decode()
    assert 'name="q" value="skole"' in again and 'aria-invalid="true"' not in again


def test_a_new_query_renders_only_its_own_input(records: list[Practice]) -> None:
    views._search_field.cache_clear()
    with translation.override("en"):
        search_fields("en", QueryDict("q=bolig&indicator=welcoming"))
        before = views._search_field.cache_info()
        search_fields("en", QueryDict("q=skole&indicator=welcoming"))
        after = views._search_field.cache_info()
    assert (after.misses - before.misses, after.hits - before.hits) == (1, 4)
