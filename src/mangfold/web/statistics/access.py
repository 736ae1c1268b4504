"""Who may import statistics: one question, asked of the permission policy.

Importing (uploading, fetching, refreshing) a city's statistics belongs to the city's coordinators and
to the administrators of its networks (``Action.IMPORT_STATISTICS``).
Reading statistics is public (``Action.VIEW_PUBLISHED``): they are published figures.
"""

from __future__ import annotations

from mangfold.web.accounts import policy
from mangfold.web.network.models import City
from mangfold.web.statistics.models import Dataset

IMPORT_ACTION = policy.Action.IMPORT_STATISTICS


def can_import(user: policy.AnyUser, city: City) -> bool:
    """May the user import (upload, replace, delete) statistics for the city?"""
    return policy.can(user, IMPORT_ACTION, city)


def can_delete(user: policy.AnyUser, dataset: Dataset) -> bool:
    """A city's upload: who may import for the city; a dataset imported by command: see
    :func:`~mangfold.web.accounts.policy.may_delete_unlinked_dataset`."""
    if dataset.city is not None:
        return can_import(user, dataset.city)
    return policy.may_delete_unlinked_dataset(user)
