"""The public results pages do less work per request and show the same: addresses built once
(``{% url_cached %}``), a city's rows, trend and peer groups built once per results object, and the
pages' tables rendered once per results object (``{% kept %}``)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from mangfold.web.assessments.models import Assessment
from mangfold.web.core.templatetags import mangfold as mangfold_tags
from mangfold.web.results import profile, services, trend
from mangfold.web.results.services import round_results
from mangfold.web.results.templatetags import results_tags
from tests.web.results_world import ResultsWorld, build_results_world

CITY = "/{lang}/results/results-net/2024/city/dalby/"


def render(source: str, **context: Any) -> str:
    return Template("{% load mangfold %}" + source).render(Context(context))


@pytest.mark.parametrize("lang", ["da", "en"])
def test_url_cached_builds_the_address_url_builds(lang: str) -> None:
    with translation.override(lang):
        for view, args in (
            ("results:index", []),
            ("results:city", ["net", "2024", "dalby"]),
            ("results:indicator", ["net", "2024", "education"]),
            ("practices:detail", [17]),
        ):
            values = {f"a{n}": arg for n, arg in enumerate(args)}
            names = " ".join(values)
            expected = reverse(view, args=args)
            assert expected.startswith(f"/{lang}/")
            assert render(f"{{% url_cached '{view}' {names} %}}", **values) == expected
            assert render(f"{{% url '{view}' {names} %}}", **values) == expected


def test_url_cached_reverses_an_address_once_per_language() -> None:
    mangfold_tags._reversed.cache_clear()
    page = "{% url_cached 'results:city' n r c %}"
    with mock.patch.object(mangfold_tags, "reverse", wraps=reverse) as reversing:
        with translation.override("da"):
            first = [render(page, n="net", r="2024", c=city) for city in ("dalby", "egeby", "dalby")]
        with translation.override("en"):
            english = render(page, n="net", r="2024", c="dalby")
    assert first == ["/da/results/net/2024/city/dalby/", "/da/results/net/2024/city/egeby/", first[0]]
    assert english == "/en/results/net/2024/city/dalby/"
    assert reversing.call_count == 3  # dalby and egeby in Danish, dalby in English


def test_url_cached_behaves_as_url_otherwise() -> None:
    with translation.override("en"):
        assert render("{% url_cached 'results:index' as to %}[{{ to }}]") == "[/en/results/]"
        assert render("{% url_cached 'results:nowhere' as to %}[{{ to }}]") == "[]"
        with pytest.raises(NoReverseMatch):
            render("{% url_cached 'results:nowhere' %}")
        # keyword arguments and other values than text and whole numbers go the way {% url %} goes
        keyword = render("{% url_cached 'practices:detail' pk=7 %}")
        assert keyword == reverse("practices:detail", kwargs={"pk": 7})
        with pytest.raises(NoReverseMatch):
            render("{% url_cached 'practices:detail' value %}", value=None)


@pytest.fixture
def rw(db: Any) -> ResultsWorld:
    return build_results_world()


def test_a_city_is_built_once_per_results_and_anew_after_a_change(rw: ResultsWorld) -> None:
    with translation.override("en"):
        results = round_results(rw.rounds["2024"], "en")
        entry = results.entry("dalby")
        assert entry is not None
        with (
            mock.patch.object(trend, "_trend", wraps=trend._trend) as trends,
            mock.patch.object(profile, "_peer_groups", wraps=profile._peer_groups) as peers,
            mock.patch.object(profile, "_indicator_rows", wraps=profile._indicator_rows) as rows,
        ):
            first = trend.trend(results, entry, "en"), profile.peer_groups(results, entry, "en")
            again = trend.trend(results, entry, "en"), profile.peer_groups(results, entry, "en")
            assert profile.indicator_rows(results, entry) == profile.indicator_rows(results, entry)
            assert (trends.call_count, peers.call_count, rows.call_count) == (1, 1, 1)
            assert again == first
            with translation.override("da"):  # the active language words them: built anew
                danish = profile.peer_groups(results, entry, "da")
            assert peers.call_count == 2 and danish[0].label != first[1][0].label
        history, _progress = first[0]
        assert [row.score for row in history] == [65.0, 60.0]

        Assessment.objects.filter(pk=rw.assessments[("2023", "dalby")].pk).update(overall=61.0)
        changed = round_results(rw.rounds["2024"], "en")
        assert changed is not results  # a change in any round of the network gives new results …
        changed_entry = changed.entry("dalby")
        assert changed_entry is not None
        history, _progress = trend.trend(changed, changed_entry, "en")
        assert [row.score for row in history] == [61.0, 60.0]  # … and the trend read anew


def test_an_entry_from_other_results_is_built_from_what_it_is_given(rw: ResultsWorld) -> None:
    results = round_results(rw.rounds["2024"], "en")
    other = round_results(rw.rounds["2023"], "en").entry("dalby")
    assert other is not None and not profile.own_entry(results, other)
    rows = profile.indicator_rows(results, other)
    assert {row.code: row.score for row in rows}["education"] == 65.0  # 2023's, not 2024's 40


def test_the_city_page_reads_the_network_rounds_once_while_nothing_changes(rw: ResultsWorld) -> None:
    client = Client()
    with mock.patch.object(trend, "network_rounds", wraps=services.network_rounds) as rounds:
        first = client.get(CITY.format(lang="en")).content.decode()
        again = client.get(CITY.format(lang="en")).content.decode()
        assert again == first and rounds.call_count == 1
        assert client.get(CITY.format(lang="da")).status_code == 200
        assert rounds.call_count == 2  # the Danish page's own results
        Assessment.objects.filter(pk=rw.assessments[("2024", "dalby")].pk).update(overall=63.5)
        changed = client.get(CITY.format(lang="en")).content.decode()
    assert rounds.call_count == 3
    assert "63.5" in changed and "63.5" not in first


def test_kept_blocks_show_what_a_fresh_rendering_shows(rw: ResultsWorld, client_for: Any) -> None:
    pages = [CITY, "/{lang}/results/results-net/2024/", "/{lang}/results/results-net/2024/city/fjordby/"]
    fresh = {}
    for page in pages:
        for lang in ("da", "en"):
            results_tags._kept.clear()
            fresh[page, lang] = Client().get(page.format(lang=lang)).content.decode()
    for role in ("anonymous", "anonymous", "editor"):  # kept from the first visit on
        for page in pages:
            for lang in ("da", "en"):
                body = client_for(role).get(page.format(lang=lang)).content.decode()
                if role == "anonymous":
                    assert body == fresh[page, lang]
                else:  # the menu and the report links differ; the results do not
                    assert results_part(body) == results_part(fresh[page, lang])
    assert len(results_tags._kept) == 6


def results_part(html: str) -> str:
    """From the first table on: what the page shows of the results, the same for every visitor."""
    return html[html.index("<table") :]


def test_a_kept_block_follows_a_change_of_the_results(rw: ResultsWorld) -> None:
    before = Client().get(CITY.format(lang="en")).content.decode()
    assessment = rw.assessments[("2024", "dalby")]
    card = dict(assessment.official_scorecard or {})
    card["indicators"] = [
        {**row, "score": 41.5} if row["code"] == "education" else row for row in card["indicators"]
    ]
    Assessment.objects.filter(pk=assessment.pk).update(official_scorecard=card)
    after = Client().get(CITY.format(lang="en")).content.decode()
    assert "41.5" in after and "41.5" not in before


def test_a_kept_block_keeps_its_variables_and_takes_only_text_and_numbers_as_keys(rw: ResultsWorld) -> None:
    results = round_results(rw.rounds["2024"], "en")
    block = Template(
        "{% load i18n results_tags %}{% kept results key %}{% translate 'Rank' as inner %}"
        "{{ inner }} {{ shown }}{% endkept %}[{{ inner }}]"
    )
    assert block.render(Context({"results": results, "key": "a", "shown": 1})) == "Rank 1[]"
    assert block.render(Context({"results": results, "key": "a", "shown": 2})) == "Rank 1[]"  # kept
    assert block.render(Context({"results": results, "key": "b", "shown": 2})) == "Rank 2[]"
    assert block.render(Context({"results": results, "key": None, "shown": 3})) == "Rank 3[]"  # not kept
    assert block.render(Context({"results": None, "key": "a", "shown": 4})) == "Rank 4[]"


def test_kept_answers_stay_within_their_budget(rw: ResultsWorld) -> None:
    results = round_results(rw.rounds["2024"], "en")
    store = profile.Derived(10, weigh=len)
    assert store.get(results, "a", lambda: "123456") == "123456"
    assert store.get(results, "b", lambda: "abcdef") == "abcdef"
    assert len(store) == 1  # 12 characters: the older one went
    assert store.get(results, "b", lambda: "changed") == "abcdef"
    assert store.get(results, "a", lambda: "654321") == "654321"
