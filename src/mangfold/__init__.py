"""mangfold: see and improve how well a city includes a diverse population.

The core packages (:mod:`mangfold.index`, :mod:`mangfold.population`, :mod:`mangfold.segregation`,
:mod:`mangfold.charts`) are pure Python and NumPy; the web face lives in :mod:`mangfold.web`.
"""

__version__ = "0.1.0"
