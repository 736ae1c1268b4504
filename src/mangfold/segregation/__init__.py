"""mangfold.segregation: residential segregation and diversity indices.

Plain NumPy functions on counts (formulas and references in each docstring and in
docs/methodology/segregation.md):

- single-group ``f(x, t, /, **params)`` (:mod:`.aspatial`, :mod:`.aspatial_corrected`): the focal group
  ``x`` against area totals ``t``; for two groups ``f(*two_group(x, y))``;
- multigroup ``f(counts, /)`` (:mod:`.multigroup`): counts of shape ``(n, k)``, totals the row sums;
- local, per-area indices (:mod:`.local`);
- whole sets for one city (:mod:`.summary`) and table helpers (:mod:`.frames`).

Every index accepts leading batch axes (``x`` of shape ``(..., n)``, counts ``(..., n, k)``) and returns a
``float`` for one city or an array of shape ``(...)``. Invalid counts raise
:class:`SegregationInputError`. Importing this package imports NumPy only.
"""

from mangfold.segregation._validate import SegregationInputError
from mangfold.segregation.aspatial import (
    atkinson,
    concentration_profile,
    concentration_profile_curve,
    correlation_ratio,
    dissimilarity,
    entropy,
    exposure,
    gini,
    isolation,
    min_max,
    two_group,
)
from mangfold.segregation.aspatial_corrected import (
    bias_corrected_dissimilarity,
    density_corrected_dissimilarity,
    modified_dissimilarity,
    modified_gini,
)
from mangfold.segregation.local import (
    local_entropy,
    local_simpson_concentration,
    local_simpson_interaction,
    location_quotient,
)
from mangfold.segregation.multigroup import (
    DivergenceDecomposition,
    divergence,
    divergence_decomposition,
    diversity,
    multigroup_dissimilarity,
    multigroup_gini,
    multigroup_information_theory,
    normalized_exposure,
    relative_diversity,
    simpson_concentration,
    simpson_interaction,
    squared_coefficient_of_variation,
)
from mangfold.segregation.summary import (
    INDEX_LABELS,
    MultigroupIndices,
    SingleGroupIndices,
    multigroup_indices,
    single_group_indices,
)

__all__ = [
    "INDEX_LABELS",
    "DivergenceDecomposition",
    "MultigroupIndices",
    "SegregationInputError",
    "SingleGroupIndices",
    "atkinson",
    "bias_corrected_dissimilarity",
    "concentration_profile",
    "concentration_profile_curve",
    "correlation_ratio",
    "density_corrected_dissimilarity",
    "dissimilarity",
    "divergence",
    "divergence_decomposition",
    "diversity",
    "entropy",
    "exposure",
    "gini",
    "isolation",
    "local_entropy",
    "local_simpson_concentration",
    "local_simpson_interaction",
    "location_quotient",
    "min_max",
    "modified_dissimilarity",
    "modified_gini",
    "multigroup_dissimilarity",
    "multigroup_gini",
    "multigroup_indices",
    "multigroup_information_theory",
    "normalized_exposure",
    "relative_diversity",
    "simpson_concentration",
    "simpson_interaction",
    "single_group_indices",
    "squared_coefficient_of_variation",
    "two_group",
]

# Spatial indices, inference, comparison and decomposition (SciPy is imported on first use).
from mangfold.segregation._kernels import (
    KERNELS,
    KernelWeights,
    kernel_weights,
    metric_coordinates,
    smooth_counts,
)
from mangfold.segregation.centralization import (
    absolute_centralization,
    distance_to_centre,
    relative_centralization,
)
from mangfold.segregation.compare import compare, compare_multigroup
from mangfold.segregation.decomposition import (
    Counterfactual,
    Decomposition,
    counterfactuals,
    decompose,
)
from mangfold.segregation.distance_decay import (
    distance_decay_exposure,
    distance_decay_isolation,
)
from mangfold.segregation.inference import (
    InferenceResult,
    draw_bootstrap,
    draw_evenness,
    draw_person_permutation,
    draw_systematic,
    infer,
    infer_multigroup,
    p_value,
    percentile_interval,
)
from mangfold.segregation.spatial import (
    MultiscalarProfile,
    adjacency_matrix,
    kernel_smoothed,
    multiscalar_profile,
    spatial_dissimilarity,
    spatial_index,
    spatial_multigroup_index,
)

__all__ += [
    "KERNELS",
    "Counterfactual",
    "Decomposition",
    "InferenceResult",
    "KernelWeights",
    "MultiscalarProfile",
    "absolute_centralization",
    "adjacency_matrix",
    "compare",
    "compare_multigroup",
    "counterfactuals",
    "decompose",
    "distance_decay_exposure",
    "distance_decay_isolation",
    "distance_to_centre",
    "draw_bootstrap",
    "draw_evenness",
    "draw_person_permutation",
    "draw_systematic",
    "infer",
    "infer_multigroup",
    "kernel_smoothed",
    "kernel_weights",
    "metric_coordinates",
    "multiscalar_profile",
    "p_value",
    "percentile_interval",
    "relative_centralization",
    "smooth_counts",
    "spatial_dissimilarity",
    "spatial_index",
    "spatial_multigroup_index",
]
