"""``mangfold report``: a profile or briefing written to a file, the format from its suffix."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mangfold.cli import app
from mangfold.web.assessments.models import Round
from mangfold.web.network.models import Network
from tests.reports.reports_world import ATTRIBUTION_EN, FOCUS, ReportsWorld, build_reports_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(db: Any) -> ReportsWorld:
    return build_reports_world()


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["report", *args])


def test_a_profile_as_a_self_contained_html_file(rw: ReportsWorld, tmp_path: Path) -> None:
    out = tmp_path / "profil.html"
    result = run("profile", FOCUS, "--round", "2024", "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Ærøskøbing ranks 2nd of 6 cities." in html and ATTRIBUTION_EN in html
    assert "<style>" in html and "@page" in html  # the print stylesheet travels with it
    assert html.count('src="data:image/svg+xml;base64,') >= 17  # every chart as an SVG image
    assert "http" not in html.split("<body")[0].lower().replace("http-equiv", "")  # nothing fetched


def test_a_briefing_as_word(rw: ReportsWorld, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "indstilling.docx"
    result = run("briefing", FOCUS, "-r", "2024", "-o", str(out))
    assert result.exit_code == 0, result.output
    doc = Document(io.BytesIO(out.read_bytes()))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Indstilling og beslutning",
        "Problemstilling",
        "Løsning",
        "Økonomi",
        "Videre proces",
        "Bilag",
    ]


def test_wrong_suffix_round_or_city(rw: ReportsWorld, tmp_path: Path) -> None:
    assert run("profile", FOCUS, "-r", "2024", "-o", str(tmp_path / "x.docx")).exit_code == 2
    assert "no round '1999'" in run("profile", FOCUS, "-r", "1999", "-o", str(tmp_path / "x.pdf")).output
    missing = run("profile", "skjultby", "-r", "2024", "-o", str(tmp_path / "x.html"))
    assert missing.exit_code == 1 and "no published result" in missing.output
    assert not (tmp_path / "x.html").exists()


def test_a_round_in_two_networks_needs_the_network(rw: ReportsWorld, tmp_path: Path) -> None:
    other = Network.objects.create(slug="other-net", name="Other")
    Round.objects.create(network=other, slug="2024", name="2024")
    ambiguous = run("profile", FOCUS, "-r", "2024", "-o", str(tmp_path / "x.html"))
    assert ambiguous.exit_code == 2 and "give --network" in ambiguous.output
    chosen = run("profile", FOCUS, "-r", "2024", "-n", "report-net", "-o", str(tmp_path / "x.html"))
    assert chosen.exit_code == 0, chosen.output
