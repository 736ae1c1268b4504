"""Local (per-area) indices: location quotients, local entropy, local Simpson indices."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from mangfold.segregation import (
    SegregationInputError,
    diversity,
    local_entropy,
    local_simpson_concentration,
    local_simpson_interaction,
    location_quotient,
)

COUNTS = np.array(
    [
        [10.0, 30.0, 60.0],
        [50.0, 50.0, 0.0],
        [0.0, 0.0, 0.0],  # empty area
        [5.0, 5.0, 5.0],
    ]
)


def test_location_quotient_is_the_area_share_over_the_city_share() -> None:
    lq = location_quotient(COUNTS)
    assert lq.shape == (4, 3)
    city = COUNTS.sum(axis=0) / COUNTS.sum()
    for i in (0, 1, 3):
        np.testing.assert_allclose(lq[i], COUNTS[i] / COUNTS[i].sum() / city, rtol=1e-14)
    assert np.isnan(lq[2]).all()
    # Weighted by area population, the quotients average to 1 for each group.
    weights = COUNTS.sum(axis=1)
    keep = weights > 0
    np.testing.assert_allclose((lq[keep] * weights[keep, None]).sum(axis=0) / weights.sum(), 1.0, rtol=1e-14)


def test_location_quotient_of_an_absent_group_is_nan() -> None:
    c = np.insert(COUNTS, 1, 0.0, axis=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lq = location_quotient(c)
    assert np.isnan(lq[:, 1]).all()
    np.testing.assert_array_equal(lq[:, [0, 2, 3]], location_quotient(COUNTS))


def test_local_entropy_is_each_area_s_diversity() -> None:
    raw = local_entropy(COUNTS, normalized=False)
    norm = local_entropy(COUNTS)
    for i in (0, 1, 3):
        assert raw[i] == pytest.approx(diversity(COUNTS[i : i + 1]), rel=1e-14)
        assert norm[i] == pytest.approx(raw[i] / math.log(3), rel=1e-14)
    assert norm[3] == pytest.approx(1.0)
    assert math.isnan(raw[2]) and math.isnan(norm[2])
    assert math.isnan(local_entropy(np.ones((2, 1)))[0])


def test_local_simpson_indices_are_complementary_probabilities() -> None:
    conc = local_simpson_concentration(COUNTS)
    inter = local_simpson_interaction(COUNTS)
    assert conc[1] == pytest.approx(0.5)
    assert conc[3] == pytest.approx(1 / 3)
    assert conc[0] == pytest.approx(0.1**2 + 0.3**2 + 0.6**2)
    keep = [0, 1, 3]
    np.testing.assert_allclose(conc[keep] + inter[keep], 1.0, rtol=1e-15)
    assert math.isnan(conc[2]) and math.isnan(inter[2])


@pytest.mark.parametrize(
    "index",
    [location_quotient, local_entropy, local_simpson_concentration, local_simpson_interaction],
    ids=lambda f: f.__name__,
)
def test_local_indices_are_batched_and_validated(index) -> None:
    gen = np.random.default_rng(2)
    c = gen.integers(1, 50, size=(3, 20, 4)).astype(float)
    got = index(c)
    for b in range(3):
        np.testing.assert_allclose(got[b], index(c[b]), rtol=1e-14)
    with pytest.raises(SegregationInputError, match="area 0, group 2: the count is NaN"):
        index(np.array([[1.0, 2.0, np.nan]]))
