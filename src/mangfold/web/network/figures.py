"""A city's figures as the network pages show them: value, year, source in the page's language, invented or
not; and how many member cities are real and how many invented.

Pure functions over :class:`~mangfold.web.network.models.City` rows; the views pass the page's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mangfold.charts.locale import number
from mangfold.reports.typography import join
from mangfold.web.network.models import City

__all__ = ["Members", "ShownFigure", "city_figures", "members", "members_text", "population_figure"]


@dataclass(frozen=True)
class ShownFigure:
    """One figure of a city: its label, the value as the page writes it, its year and source (in the page's
    language) and whether it is invented (a fictional example city's figures are)."""

    label: str
    text: str
    year: int | None
    source: str
    invented: bool


def _figure(city: City, fact: str, label: str, text: str, lang: str) -> ShownFigure:
    year: int | None = getattr(city, f"{fact}_year")
    return ShownFigure(label, text, year, city.source(fact, lang), city.is_example)


def population_figure(city: City, lang: str) -> ShownFigure | None:
    """The population entered on the city (None when there is none)."""
    if city.population is None:
        return None
    return _figure(city, "population", _("Population"), number(float(city.population), lang, 0), lang)


def city_figures(city: City, lang: str) -> list[ShownFigure]:
    """The population and the shares entered on the city, those it has, in that order."""
    shown = [population_figure(city, lang)]
    shares = (
        ("foreign_born", city.foreign_born_share, _("Foreign-born residents")),
        (
            "immigrant_background",
            city.immigrant_background_share,
            _("Residents with an immigrant background"),
        ),
    )
    for fact, share, label in shares:
        if share is not None:
            shown.append(_figure(city, fact, label, f"{number(share, lang, 1)} %", lang))
    return [figure for figure in shown if figure is not None]


@dataclass(frozen=True)
class Members:
    """A network's member cities split into real and invented (fictional example) cities, each by name."""

    real: tuple[City, ...]
    invented: tuple[City, ...]

    @property
    def total(self) -> int:
        return len(self.real) + len(self.invented)

    @property
    def invented_names(self) -> list[str]:
        """The invented cities' names without any mark ("Eksempelby"), in the order given."""
        return [city.plain_name for city in self.invented]


def members(cities: Iterable[City]) -> Members:
    """The cities split into real and invented, each keeping the order given."""
    listed = list(cities)
    return Members(
        real=tuple(c for c in listed if not c.is_example), invented=tuple(c for c in listed if c.is_example)
    )


def members_text(found: Members, lang: str) -> str:
    """How many member cities there are, how many real and which invented: "38 medlemsbyer: 33 virkelige
    byer og 5 opdigtede eksempelbyer (Eksempelby, …), hvis tal og svar er opdigtede." """
    total = ngettext("%(n)s member city", "%(n)s member cities", found.total) % {"n": found.total}
    if not found.invented:
        return f"{total}."
    real = ngettext("%(n)s real city", "%(n)s real cities", len(found.real)) % {"n": len(found.real)}
    invented = ngettext(
        "%(n)s fictional example city (%(names)s), whose figures and answers are invented",
        "%(n)s fictional example cities (%(names)s), whose figures and answers are invented",
        len(found.invented),
    ) % {"n": len(found.invented), "names": join(found.invented_names, lang)}
    if not found.real:
        return f"{total}: {invented}."
    return _("%(total)s: %(real)s and %(invented)s.") % {"total": total, "real": real, "invented": invented}
