"""The city profile in a real browser: the charts drawn as SVG, numbers in the page's language, axe clean."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import screenshot, serious_violations
from tests.web.results_world import build_results_world

pytestmark = pytest.mark.django_db(transaction=True)

PROFILE = "/{lang}/results/results-net/2024/city/cederby/"
INDICATORS = 3  # Cederby's scored indicators: commitment, education, language


@pytest.fixture
def results(db: Any) -> None:
    build_results_world(populations={"cederby": 1_234_567})


def open_profile(page: Any, lang: str) -> None:
    page.goto(PROFILE.format(lang=lang))
    page.wait_for_selector("figure#indicator-bars[data-drawn='true'] svg")
    page.wait_for_function(
        "document.querySelectorAll('figure.chart').length === "
        "document.querySelectorAll('figure.chart[data-drawn=\"true\"]').length"
    )


def drawn(page: Any) -> dict[str, int]:
    """For each chart on the page, how many SVG elements its drawing holds."""
    return page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('figure.chart')]"
        ".map(f => [f.id, f.querySelectorAll('svg *').length]))"
    )


@pytest.mark.parametrize(
    ("lang", "population", "score"), [("da", "1.234.567", "70,0"), ("en", "1,234,567", "70.0")]
)
def test_the_city_profile_draws_its_charts_and_formats_numbers(
    page: Any, results: None, lang: str, population: str, score: str
) -> None:
    open_profile(page, lang)
    assert page.locator("html").get_attribute("lang") == lang
    bars = page.locator("figure#indicator-bars svg [aria-roledescription='bar']")
    assert bars.count() == INDICATORS
    dots = page.locator("figure#indicator-radar svg [aria-roledescription='point']")
    assert dots.count() == 2 * INDICATORS  # the city and the mean on every spoke
    assert set(drawn(page)) == {"indicator-bars", "indicator-radar", "distribution", "trend"}
    assert all(count > 0 for count in drawn(page).values())
    figures = page.locator("dl.key-figures").inner_text()
    assert population in figures and score in figures
    assert page.locator("table#indicator-table tbody tr").count() == INDICATORS
    screenshot(page, f"results-city-{lang}")


@pytest.mark.parametrize(("lang", "mean", "other"), [("da", "67,6", "67.6"), ("en", "67.6", "67,6")])
def test_the_charts_write_numbers_in_the_page_language(
    page: Any, results: None, lang: str, mean: str, other: str
) -> None:
    """Vega describes each drawn point (aria-label) with its formatted tooltip: 2023's mean, 67.6."""
    open_profile(page, lang)
    labels = " ".join(
        page.eval_on_selector_all(
            "figure#trend svg [aria-roledescription='point']",
            "els => els.map(e => e.getAttribute('aria-label'))",
        )
    )
    assert mean in labels and other not in labels


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_city_profile_has_no_serious_accessibility_violations(
    page: Any, results: None, lang: str
) -> None:
    open_profile(page, lang)
    assert serious_violations(page) == []


def test_the_round_overview_draws_the_distribution(page: Any, results: None) -> None:
    page.goto("/da/results/results-net/2024/")
    page.wait_for_selector("figure#distribution[data-drawn='true'] svg")
    assert page.locator("figure#distribution svg [aria-roledescription='circle']").count() == 6
    assert serious_violations(page) == []
    screenshot(page, "results-round-da")
