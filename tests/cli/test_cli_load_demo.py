"""``mangfold load-demo``: its help names the demo's fictional cities as its data holds them, and its
summary counts the real and the invented cities in the database, in English or Danish."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from mangfold.cli import app
from mangfold.cli.load_demo import EXAMPLE_CITIES
from mangfold.web.assessments.demo import EXAMPLE_CITIES as INVENTED_ANSWERS
from mangfold.web.core import demo as core_demo
from mangfold.web.core.demo import DEMO_CITIES, DEMO_NETWORK, DemoLogin
from mangfold.web.core.operations import Output, load_demo
from mangfold.web.network.models import City, Membership, Network
from mangfold.web.practices.demo import read_demo_data


def _plain(name: str) -> str:
    return City(slug="x", name=name, country="DK", is_example=True).plain_name


def test_the_help_names_every_fictional_city_of_the_demo_data_and_no_other() -> None:
    from_core = {_plain(name) for _slug, name, _country, invented in DEMO_CITIES if invented}
    from_practices = {_plain(c["name"]) for c in read_demo_data()["cities"] if c["is_example"]}
    assert set(EXAMPLE_CITIES) == from_core | from_practices
    slugs = {slug for slug, _name, _country, invented in DEMO_CITIES if invented}
    slugs |= {c["slug"] for c in read_demo_data()["cities"] if c["is_example"]}
    assert slugs == {slug for slug, *_ in INVENTED_ANSWERS}  # every one of them gets invented answers
    env = {"COLUMNS": "200"}
    for args in (["load-demo", "--help"], ["--help"]):
        output = " ".join(CliRunner().invoke(app, args, env=env).output.split())
        assert f"{len(EXAMPLE_CITIES)} fictional example cities" in output
        assert all(name in output for name in EXAMPLE_CITIES)
        assert "one fictional" not in output


@pytest.fixture
def stub_demo(db: Any, monkeypatch: Any) -> None:
    """The demo loader replaced by a small network: two real cities and two invented ones."""

    def load(password: str) -> list[DemoLogin]:
        network = Network.objects.create(slug=DEMO_NETWORK, name="Demo")
        for slug, name, invented in [
            ("a", "Aby", False),
            ("b", "Bby", False),
            ("c", "Cby (example)", True),
            ("d", "Dby (example)", True),
        ]:
            city = City.objects.create(slug=slug, name=name, country="DK", is_example=invented)
            Membership.objects.create(network=network, city=city)
        return [DemoLogin("eksempel", "coordinator of Cby", "koordinator for Cby (opdigtet eksempel)")]

    monkeypatch.setattr(core_demo, "load_demo", load)


def _printed(lang: str | None, monkeypatch: Any, environment: str = "") -> list[str]:
    lines: list[str] = []
    if environment:
        monkeypatch.setenv("MANGFOLD_LANGUAGE", environment)
    else:
        monkeypatch.delenv("MANGFOLD_LANGUAGE", raising=False)
    load_demo(Output(line=lines.append, success=lines.append), "pw", lang)
    return lines


def test_the_summary_counts_the_cities_in_the_database(stub_demo: None, monkeypatch: Any) -> None:
    lines = _printed(None, monkeypatch)
    assert lines[0] == "Demo network loaded."
    assert lines[1] == (
        "4 member cities: 2 real cities and 2 fictional example cities (Cby and Dby), whose figures and "
        "answers are invented."
    )
    assert lines[2].endswith("with password 'pw' as:")
    assert lines[3] == "  eksempel     coordinator of Cby"


def test_the_summary_in_danish(stub_demo: None, monkeypatch: Any) -> None:
    lines = _printed("da", monkeypatch)
    assert lines[0] == "Demonetværket er indlæst."
    assert lines[1] == (
        "4 medlemsbyer: 2 virkelige byer og 2 opdigtede eksempelbyer (Cby og Dby), hvis tal og svar er "
        "opdigtede."
    )
    assert lines[2].startswith("Log ind på ") and lines[2].endswith(" med adgangskoden 'pw' som:")
    assert lines[3] == "  eksempel     koordinator for Cby (opdigtet eksempel)"


def test_the_summary_follows_mangfold_language(stub_demo: None, monkeypatch: Any) -> None:
    assert _printed(None, monkeypatch, environment="da")[0] == "Demonetværket er indlæst."
