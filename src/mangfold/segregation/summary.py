"""The whole set of aspatial indices for one city in one call (used by the CLI and the web).

:func:`single_group_indices` and :func:`multigroup_indices` validate once (with area labels for the
error message when given), compute every index and return a frozen dataclass. ``INDEX_LABELS`` (and
:func:`index_label`) name each index for display in any language with a catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import partial

import numpy.typing as npt

from mangfold.i18n import gettext as _
from mangfold.i18n import language, languages
from mangfold.segregation import aspatial as sg
from mangfold.segregation import aspatial_corrected as corr
from mangfold.segregation import multigroup as mg
from mangfold.segregation._validate import Result, Seed, check_counts, check_single, rng

__all__ = [
    "INDEX_LABELS",
    "MULTIGROUP_FUNCTIONS",
    "MULTIGROUP_INDEX_NAMES",
    "SINGLE_GROUP_FUNCTIONS",
    "SINGLE_GROUP_INDEX_NAMES",
    "STOCHASTIC_INDEX_NAMES",
    "MultigroupIndices",
    "SingleGroupIndices",
    "index_label",
    "multigroup_indices",
    "single_group_indices",
]


def _index_labels() -> dict[str, str]:
    """Display names of every index in the active language (:mod:`mangfold.i18n`)."""
    return {
        "dissimilarity": _("Dissimilarity index (D)"),
        "gini": _("Gini index"),
        "entropy": _("Theil's entropy index (H)"),
        "isolation": _("Isolation index"),
        "exposure": _("Exposure index"),
        "atkinson": _("Atkinson index"),
        "correlation_ratio": _("Correlation ratio (η²)"),
        "min_max": _("Min–max index"),
        "concentration_profile": _("Concentration profile (R)"),
        "density_corrected_dissimilarity": _("Density-corrected dissimilarity"),
        "bias_corrected_dissimilarity": _("Bias-corrected dissimilarity"),
        "modified_dissimilarity": _("Modified dissimilarity (Carrington–Troske)"),
        "modified_gini": _("Modified Gini (Carrington–Troske)"),
        "multigroup_dissimilarity": _("Multigroup dissimilarity"),
        "multigroup_gini": _("Multigroup Gini"),
        "multigroup_information_theory": _("Information theory index (Theil's H)"),
        "normalized_exposure": _("Normalised exposure"),
        "relative_diversity": _("Relative diversity"),
        "squared_coefficient_of_variation": _("Squared coefficient of variation"),
        "divergence": _("Divergence index (M)"),
        "diversity": _("Diversity (entropy)"),
        "normalized_diversity": _("Diversity, normalised"),
        "simpson_concentration": _("Simpson's concentration"),
        "simpson_interaction": _("Simpson's interaction"),
    }


def index_label(name: str, lang: str) -> str:
    """The display name of the index ``name`` in ``lang`` (English where the catalogue has none)."""
    with language(lang):
        return _index_labels()[name]


class _Label(Mapping[str, str]):
    """One index's display name by language: ``INDEX_LABELS["gini"]["da"] == "Gini-indeks"``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __getitem__(self, lang: str) -> str:
        return index_label(self.name, lang)

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())


#: Display names of every index by language (:func:`index_label`), for any language with a catalogue.
INDEX_LABELS: dict[str, Mapping[str, str]] = {name: _Label(name) for name in _index_labels()}


@dataclass(frozen=True)
class SingleGroupIndices:
    """Every aspatial single-group index of one city. The stochastic ones are ``None`` when skipped."""

    dissimilarity: float
    gini: float
    entropy: float
    isolation: float
    exposure: float
    atkinson: float
    correlation_ratio: float
    min_max: float
    concentration_profile: float
    density_corrected_dissimilarity: float
    bias_corrected_dissimilarity: float | None = None
    modified_dissimilarity: float | None = None
    modified_gini: float | None = None

    def as_dict(self) -> dict[str, float | None]:
        return asdict(self)


@dataclass(frozen=True)
class MultigroupIndices:
    """Every aspatial multigroup index of one city."""

    multigroup_dissimilarity: float
    multigroup_gini: float
    multigroup_information_theory: float
    normalized_exposure: float
    relative_diversity: float
    squared_coefficient_of_variation: float
    divergence: float
    diversity: float
    normalized_diversity: float
    simpson_concentration: float
    simpson_interaction: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


#: The deterministic single-group indices by name, each ``f(x, t, /)`` (Atkinson with b = 0.5).
SINGLE_GROUP_FUNCTIONS: dict[str, Callable[..., Result]] = {
    "dissimilarity": sg.dissimilarity,
    "gini": sg.gini,
    "entropy": sg.entropy,
    "isolation": sg.isolation,
    "exposure": sg.exposure,
    "atkinson": sg.atkinson,
    "correlation_ratio": sg.correlation_ratio,
    "min_max": sg.min_max,
    "concentration_profile": sg.concentration_profile,
    "density_corrected_dissimilarity": corr.density_corrected_dissimilarity,
}
#: Every multigroup index by name, each ``f(counts, /)``.
MULTIGROUP_FUNCTIONS: dict[str, Callable[..., Result]] = {
    "multigroup_dissimilarity": mg.multigroup_dissimilarity,
    "multigroup_gini": mg.multigroup_gini,
    "multigroup_information_theory": mg.multigroup_information_theory,
    "normalized_exposure": mg.normalized_exposure,
    "relative_diversity": mg.relative_diversity,
    "squared_coefficient_of_variation": mg.squared_coefficient_of_variation,
    "divergence": mg.divergence,
    "diversity": mg.diversity,
    "normalized_diversity": partial(mg.diversity, normalized=True),
    "simpson_concentration": mg.simpson_concentration,
    "simpson_interaction": mg.simpson_interaction,
}

SINGLE_GROUP_INDEX_NAMES: tuple[str, ...] = tuple(SingleGroupIndices.__dataclass_fields__)
MULTIGROUP_INDEX_NAMES: tuple[str, ...] = tuple(MultigroupIndices.__dataclass_fields__)
STOCHASTIC_INDEX_NAMES: tuple[str, ...] = (
    "bias_corrected_dissimilarity",
    "modified_dissimilarity",
    "modified_gini",
)


def _scalar(value: object) -> float:
    if not isinstance(value, float):
        raise ValueError("the summary takes one city (1-D counts), not a batch")
    return value


def single_group_indices(
    x: npt.ArrayLike,
    t: npt.ArrayLike,
    /,
    *,
    areas: Sequence[object] | None = None,
    atkinson_b: float = 0.5,
    stochastic: bool = True,
    replicates: int = 500,
    seed: Seed = None,
    progress: Callable[[str], None] | None = None,
) -> SingleGroupIndices:
    """All single-group indices of group ``x`` against totals ``t`` for one city (1-D arrays).

    ``stochastic=False`` skips the simulated corrections (bias-corrected and modified indices, each
    ``replicates`` draws from ``seed``). ``progress`` is called with each index name before it is
    computed (the CLI drives a progress bar with it).
    """
    xa, ta = check_single(x, t, areas=areas)
    if xa.ndim != 1 or ta.ndim != 1:
        raise ValueError("the summary takes one city (1-D counts), not a batch")
    note = progress or (lambda _name: None)
    values: dict[str, float] = {}
    for name, function in SINGLE_GROUP_FUNCTIONS.items():
        if name == "atkinson":
            continue
        note(name)
        values[name] = _scalar(function(xa, ta))
    note("atkinson")
    values["atkinson"] = _scalar(sg.atkinson(xa, ta, b=atkinson_b))
    if not stochastic:
        return SingleGroupIndices(**values)
    generator = rng(seed)
    note("bias_corrected_dissimilarity")
    bias = corr.bias_corrected_dissimilarity(xa, ta, replicates=replicates, seed=generator)
    note("modified_dissimilarity")
    mod_d = corr.modified_dissimilarity(xa, ta, iterations=replicates, seed=generator)
    note("modified_gini")
    mod_g = corr.modified_gini(xa, ta, iterations=replicates, seed=generator)
    return SingleGroupIndices(
        **values,
        bias_corrected_dissimilarity=_scalar(bias),
        modified_dissimilarity=_scalar(mod_d),
        modified_gini=_scalar(mod_g),
    )


def multigroup_indices(
    counts: npt.ArrayLike,
    /,
    *,
    areas: Sequence[object] | None = None,
    groups: Sequence[object] | None = None,
    progress: Callable[[str], None] | None = None,
) -> MultigroupIndices:
    """All multigroup indices for one city: ``counts`` of shape ``(n, k)``, area totals the row sums."""
    c = check_counts(counts, areas=areas, groups=groups)
    if c.ndim != 2:
        raise ValueError("the summary takes one city (counts of shape (areas, groups)), not a batch")
    note = progress or (lambda _name: None)
    values: dict[str, float] = {}
    for name, function in MULTIGROUP_FUNCTIONS.items():
        note(name)
        values[name] = _scalar(function(c))
    return MultigroupIndices(**values)
