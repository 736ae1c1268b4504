"""mangfold.population: population counts by area, period and group, and the files they come from.

The tidy model (:class:`Counts`, :class:`AreaHierarchy`, :class:`GroupScheme`), Statistics
Denmark's origin rules (:mod:`.origin`), schemes as data (:mod:`.schemes`), label mapping
(:mod:`.mapping`) and readers (:mod:`.readers`). Pure: no Django, no I/O at import time.
"""

from mangfold.population.errors import (
    PopulationError,
    PopulationFileError,
    Problem,
    UnmappedLabelsError,
)
from mangfold.population.model import LEVELS, Area, AreaHierarchy, Group, GroupScheme, Missing
from mangfold.population.tables import Counts, Matrix

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
