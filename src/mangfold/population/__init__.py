"""mangfold.population: population counts by area, period and group, and the files they come from.

The tidy model (:class:`Counts`, :class:`AreaHierarchy`, :class:`GroupScheme`), Statistics
Denmark's origin rules (:mod:`.origin`), schemes as data (:mod:`.schemes`), label mapping
(:mod:`.labels`) and readers (:mod:`.readers`). Pure: no Django, no I/O at import time.
"""

from mangfold.population.columns import Matrix
from mangfold.population.counts import Counts
from mangfold.population.errors import (
    PopulationError,
    PopulationFileError,
    Problem,
    UnmappedLabelsError,
)
from mangfold.population.model import LEVELS, Area, AreaHierarchy, Group, GroupScheme, Missing

__all__ = [
    "LEVELS",
    "Area",
    "AreaHierarchy",
    "Counts",
    "Group",
    "GroupScheme",
    "Matrix",
    "Missing",
    "PopulationError",
    "PopulationFileError",
    "Problem",
    "UnmappedLabelsError",
]
