"""Small-unit corrections: density-corrected (Allen et al. 2015), bootstrap bias-corrected and
Carrington & Troske's modified indices."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize_scalar
from scipy.stats import norm

from mangfold.segregation import (
    bias_corrected_dissimilarity,
    density_corrected_dissimilarity,
    dissimilarity,
    gini,
    modified_dissimilarity,
    modified_gini,
)
from mangfold.segregation.aspatial_corrected import _folded_normal_mle


def _even_city_of_small_areas(seed: int, n: int = 400, size: int = 12) -> tuple[np.ndarray, ...]:
    """Persons allocated at random (true segregation 0): observed D is biased upwards."""
    gen = np.random.default_rng(seed)
    t = np.full(n, float(size))
    x = gen.binomial(size, 0.3, size=n).astype(float)
    return x, t


# --- density correction ---


@pytest.mark.parametrize("theta", [0.0, 0.5, 1.0, 1.000001, 1.01, 1.3, 2.0, 4.0, 10.0, 45.0, 300.0])
def test_folded_normal_mle_maximises_the_likelihood(theta: float) -> None:
    mu = float(_folded_normal_mle(np.array([theta]))[0])

    def likelihood(m: float) -> float:
        return float(norm.pdf(theta - m) + norm.pdf(theta + m))

    if theta <= 1.0:
        assert mu == 0.0
    else:
        # First-order condition, evaluated in a form that does not underflow for large θ.
        assert mu == pytest.approx(theta * np.tanh(theta * mu), rel=1e-12)
        assert mu > 0.0
    # No better point nearby or at 0.
    for m in (0.0, mu * 0.99, mu * 1.01 + 1e-6):
        assert likelihood(mu) >= likelihood(m) * (1 - 1e-12)


def test_density_corrected_d_follows_allen_et_al_area_by_area() -> None:
    x, t = _even_city_of_small_areas(5, n=60)
    y = t - x
    a, c = x / x.sum(), y / y.sum()
    sigma = np.sqrt(c * (1 - c) / y.sum() + a * (1 - a) / x.sum())
    theta = np.abs(c - a) / sigma
    terms = []
    for th, s in zip(theta, sigma, strict=True):
        # Independent solver: bounded scalar maximisation of the folded-normal likelihood.
        res = minimize_scalar(
            lambda m, th=th: -(norm.pdf(th - m) + norm.pdf(th + m)),
            bounds=(0.0, th + 10),
            method="bounded",
            options={"xatol": 1e-10},
        )
        terms.append(s * res.x)
    assert density_corrected_dissimilarity(x, t) == pytest.approx(0.5 * sum(terms), abs=1e-8)


def test_density_correction_lowers_d_for_small_random_areas() -> None:
    x, t = _even_city_of_small_areas(11)
    # Allen et al. (2015): the correction removes much of the small-unit bias, not all of it.
    assert density_corrected_dissimilarity(x, t) < 0.6 * dissimilarity(x, t)


def test_density_correction_keeps_a_certain_difference() -> None:
    # All of the group in one area: zero sampling variance there, the term keeps |c - a|.
    x = np.array([50.0, 0.0, 0.0])
    t = np.array([50.0, 40.0, 60.0])
    assert density_corrected_dissimilarity(x, t) == pytest.approx(1.0, abs=1e-12)


# --- bootstrap bias correction ---


def test_bias_correction_moves_d_towards_its_true_value() -> None:
    x, t = _even_city_of_small_areas(3)
    d = dissimilarity(x, t)
    dbc = bias_corrected_dissimilarity(x, t, seed=1)
    assert 0.0 < d - dbc < d


def test_bias_correction_is_reproducible_and_takes_a_generator() -> None:
    x, t = _even_city_of_small_areas(4, n=50)
    first = bias_corrected_dissimilarity(x, t, replicates=50, seed=9)
    assert bias_corrected_dissimilarity(x, t, replicates=50, seed=9) == first
    gen = np.random.default_rng(9)
    assert bias_corrected_dissimilarity(x, t, replicates=50, seed=gen) == first
    # The generator was used and advanced: a second call draws new replicates.
    assert bias_corrected_dissimilarity(x, t, replicates=50, seed=gen) != first


def test_bias_correction_is_batched() -> None:
    x, t = _even_city_of_small_areas(6, n=80)
    xb = np.stack([x, t - x, x])
    got = bias_corrected_dissimilarity(xb, t, replicates=400, seed=2)
    assert got.shape == (3,)
    # Complement against total has the same D and the same bias.
    assert got[0] == pytest.approx(got[1], abs=0.02)
    assert got[0] == pytest.approx(bias_corrected_dissimilarity(x, t, seed=5), abs=0.02)


# --- Carrington & Troske ---


@pytest.mark.parametrize(
    ("modified", "index"), [(modified_dissimilarity, dissimilarity), (modified_gini, gini)]
)
def test_modified_index_is_near_zero_for_random_allocation(modified, index) -> None:
    x, t = _even_city_of_small_areas(8, n=4000)
    assert index(x, t) > 0.1
    assert abs(modified(x, t, seed=4)) < 0.05


@pytest.mark.parametrize("modified", [modified_dissimilarity, modified_gini])
def test_modified_index_is_one_without_mixing_and_minus_one_at_perfect_evenness(modified) -> None:
    t = np.full(100, 10.0)
    segregated = np.where(np.arange(100) < 30, 10.0, 0.0)
    assert modified(segregated, t, seed=1) == pytest.approx(1.0, abs=1e-12)
    even = np.full(100, 3.0)  # D = G = 0 < D*: (0 - D*) / D*
    assert modified(even, t, seed=1) == pytest.approx(-1.0, abs=1e-12)


def test_modified_index_uses_independent_draws() -> None:
    # With one repeated draw (PySAL's behaviour) the result would not depend on the number of draws.
    x, t = _even_city_of_small_areas(10, n=60)
    values = {modified_dissimilarity(x, t, iterations=k, seed=1) for k in (2, 3, 50)}
    assert len(values) == 3


def test_modified_index_is_batched_and_reproducible() -> None:
    x, t = _even_city_of_small_areas(12, n=80)
    xb = np.stack([x, np.where(np.arange(80) < 24, 12.0, 0.0)])
    got = modified_gini(xb, t, iterations=100, seed=3)
    assert got.shape == (2,)
    assert got[1] == pytest.approx(1.0)
    assert abs(got[0]) < 0.1
    np.testing.assert_array_equal(got, modified_gini(xb, t, iterations=100, seed=3))


def test_density_correction_is_batched() -> None:
    gen = np.random.default_rng(13)
    t = gen.integers(0, 40, size=(3, 2, 60)).astype(float)
    x = np.floor(t * gen.uniform(0, 1, size=t.shape))
    got = density_corrected_dissimilarity(x, t)
    assert got.shape == (3, 2)
    for i in range(3):
        for j in range(2):
            assert got[i, j] == pytest.approx(density_corrected_dissimilarity(x[i, j], t[i, j]), rel=1e-13)
