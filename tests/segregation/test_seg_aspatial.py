"""Single-group aspatial indices against direct (naive) evaluations of their published formulas."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mangfold.segregation import (
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

SINGLE = [
    dissimilarity,
    gini,
    entropy,
    isolation,
    exposure,
    atkinson,
    correlation_ratio,
    min_max,
    concentration_profile,
]
# Indices that are 0 for an even city and 1 when no area mixes the groups.
SCALED = [dissimilarity, gini, entropy, atkinson, correlation_ratio, min_max, concentration_profile]


# --- naive references: one line per published formula, loops over pairs where the formula does ---


def naive(x: list[float] | np.ndarray, t: list[float] | np.ndarray) -> dict[str, float]:
    """Exact rational arithmetic (``Fraction``) wherever the formula is rational: no rounding at all."""
    xs = [Fraction(int(v)) for v in np.asarray(x)]
    ts = [Fraction(int(v)) for v in np.asarray(t)]
    ys = [ti - xi for xi, ti in zip(xs, ts, strict=True)]
    X, Y, T = sum(xs), sum(ys), sum(ts)
    P = X / T
    p = [xi / ti if ti else Fraction(0) for xi, ti in zip(xs, ts, strict=True)]
    n = len(xs)
    pairs = sum(ts[i] * ts[j] * abs(p[i] - p[j]) for i in range(n) for j in range(n))
    xpx = sum(xi / X * pi for xi, pi in zip(xs, p, strict=True))
    a = [xi / X for xi in xs]
    c = [yi / Y for yi in ys]

    def ent(q: float) -> float:
        return -sum(v * math.log(v) for v in (q, 1 - q) if v > 0)

    E = ent(float(P))
    pf = [float(v) for v in p]
    tf = [float(v) for v in ts]
    Pf = float(P)
    s = sum((1 - q) ** 0.5 * q**0.5 * w / (Pf * float(T)) for q, w in zip(pf, tf, strict=True))
    atk = 1 - Pf / (1 - Pf) * abs(s) ** 2
    return {
        "dissimilarity": float(sum(abs(ai - ci) for ai, ci in zip(a, c, strict=True)) / 2),
        "gini": float(pairs / (2 * T * T * P * (1 - P))),
        "entropy": sum(w * (E - ent(q)) / (E * float(T)) for q, w in zip(pf, tf, strict=True)),
        "isolation": float(xpx),
        "exposure": float(sum(xi / X * yi / ti for xi, yi, ti in zip(xs, ys, ts, strict=True) if ti)),
        "atkinson": atk,
        "correlation_ratio": float((xpx - P) / (1 - P)),
        "min_max": float(1 - sum(map(min, a, c)) / sum(map(max, a, c))),
    }


@st.composite
def cities(draw: st.DrawFn, min_areas: int = 2, max_areas: int = 25) -> tuple[np.ndarray, np.ndarray]:
    n = draw(st.integers(min_areas, max_areas))
    x = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 500)))
    y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 500)))
    # Both groups present, so every index is defined.
    x[0] += 1
    y[-1] += 1
    return x.astype(float), (x + y).astype(float)


@settings(max_examples=60, deadline=None)
@given(cities())
def test_each_index_equals_its_published_formula(city: tuple[np.ndarray, np.ndarray]) -> None:
    x, t = city
    expected = naive(x, t)
    for name, value in expected.items():
        got = globals()[name](x, t)
        assert isinstance(got, float)
        # Exact references: 1e-12; the entropy and Atkinson references are floats themselves.
        rational = name not in ("entropy", "atkinson")
        tolerance = {"rel": 1e-12, "abs": 1e-15} if rational else {"rel": 1e-10, "abs": 1e-12}
        assert got == pytest.approx(value, **tolerance), name


def test_gini_is_exact_with_ties_and_empty_areas() -> None:
    x = np.array([3.0, 3.0, 0.0, 5.0, 0.0, 7.0, 3.0])
    t = np.array([6.0, 6.0, 0.0, 10.0, 4.0, 7.0, 6.0])
    assert gini(x, t) == pytest.approx(naive(x, t)["gini"], rel=1e-14)


@pytest.mark.parametrize("index", SCALED, ids=lambda f: f.__name__)
def test_an_even_city_scores_zero(index) -> None:
    x = np.array([10.0, 20.0, 5.0, 0.0])
    t = np.array([40.0, 80.0, 20.0, 0.0])
    assert index(x, t) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("index", SCALED, ids=lambda f: f.__name__)
def test_a_city_without_mixed_areas_scores_one(index) -> None:
    x = np.array([10.0, 0.0, 25.0, 0.0])
    t = np.array([10.0, 30.0, 25.0, 5.0])
    assert index(x, t) == pytest.approx(1.0, abs=1e-12)


def test_isolation_and_exposure_add_up_to_one_and_isolation_is_p_when_even() -> None:
    x = np.array([4.0, 9.0, 1.0, 30.0])
    t = np.array([10.0, 20.0, 40.0, 35.0])
    assert isolation(x, t) + exposure(x, t) == pytest.approx(1.0, abs=1e-15)
    assert isolation([5.0, 10.0], [20.0, 40.0]) == pytest.approx(0.25, abs=1e-15)


def test_min_max_is_a_function_of_d() -> None:
    x = np.array([4.0, 9.0, 1.0, 30.0])
    t = np.array([10.0, 20.0, 40.0, 35.0])
    d = dissimilarity(x, t)
    assert min_max(x, t) == pytest.approx(2 * d / (1 + d), rel=1e-14)


def test_two_group_compares_x_with_y_only() -> None:
    x = np.array([10.0, 0.0, 4.0])
    y = np.array([0.0, 6.0, 4.0])
    xx, tt = two_group(x, y)
    np.testing.assert_array_equal(tt, x + y)
    # D of x against y is half the L1 distance of their distributions.
    expected = 0.5 * np.abs(x / x.sum() - y / y.sum()).sum()
    assert dissimilarity(xx, tt) == pytest.approx(expected, rel=1e-14)
    assert exposure(xx, tt) == pytest.approx(np.sum(x / x.sum() * y / (x + y)), rel=1e-14)


# --- Atkinson's b ---


def test_atkinson_honours_b() -> None:
    x = np.array([4.0, 9.0, 1.0, 30.0, 12.0])
    t = np.array([10.0, 20.0, 40.0, 35.0, 15.0])
    P = x.sum() / t.sum()
    p = x / t
    values = []
    for b in (0.1, 0.5, 0.9):
        expected = 1 - P / (1 - P) * abs(np.sum((1 - p) ** (1 - b) * p**b * t / (P * t.sum()))) ** (
            1 / (1 - b)
        )
        got = atkinson(x, t, b=b)
        assert got == pytest.approx(expected, rel=1e-13)
        values.append(got)
    assert len(set(values)) == 3
    assert atkinson(x, t) == values[1]
    assert atkinson(x, t, b=0.0) == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("b", [-0.1, 1.0, 1.5])
def test_atkinson_rejects_b_outside_the_unit_interval(b: float) -> None:
    with pytest.raises(ValueError, match="parameter b"):
        atkinson([1.0, 2.0], [3.0, 4.0], b=b)


# --- concentration profile ---


def test_concentration_profile_is_the_exact_integral_of_its_curve() -> None:
    x = np.array([4.0, 9.0, 1.0, 30.0, 12.0, 0.0])
    t = np.array([10.0, 20.0, 40.0, 35.0, 15.0, 8.0])
    P = x.sum() / t.sum()
    # Midpoint rule on a fine grid over each side of P: the curve is a step function.
    m = 200_000
    lo = (np.arange(m) + 0.5) / m * P
    hi = P + (np.arange(m) + 0.5) / m * (1 - P)
    v_lo = concentration_profile_curve(x, t, lo)
    v_hi = concentration_profile_curve(x, t, hi)
    integral = (np.mean(1 - v_lo) * P + np.mean(v_hi) * (1 - P)) / (1 - P)
    assert concentration_profile(x, t) == pytest.approx(integral, abs=1e-4)


def test_concentration_profile_curve_steps_at_the_area_shares() -> None:
    x = np.array([1.0, 6.0, 3.0])
    t = np.array([10.0, 10.0, 10.0])  # shares 0.1, 0.6, 0.3
    v = concentration_profile_curve(x, t, [0.0, 0.1, 0.2, 0.3, 0.6, 0.61, 1.0])
    np.testing.assert_allclose(v, [1.0, 1.0, 0.9, 0.9, 0.6, 0.0, 0.0])
    batched = concentration_profile_curve(np.stack([x, x[::-1]]), t, [0.2, 0.5])
    np.testing.assert_allclose(batched, [[0.9, 0.6], [0.9, 0.6]])


# --- batches ---


@pytest.mark.parametrize("index", SINGLE, ids=lambda f: f.__name__)
def test_a_batch_equals_the_cities_one_by_one(index) -> None:
    gen = np.random.default_rng(7)
    t = gen.integers(0, 300, size=(3, 4, 50)).astype(float)
    x = np.floor(t * gen.uniform(0, 1, size=t.shape))
    got = index(x, t)
    assert isinstance(got, np.ndarray) and got.shape == (3, 4)
    for i in range(3):
        for j in range(4):
            assert got[i, j] == pytest.approx(index(x[i, j], t[i, j]), rel=1e-12)


def test_a_batch_of_groups_broadcasts_against_one_set_of_totals() -> None:
    t = np.array([10.0, 20.0, 30.0, 40.0])
    x = np.array([[1.0, 5.0, 10.0, 20.0], [9.0, 2.0, 3.0, 4.0]])
    np.testing.assert_allclose(gini(x, t), [gini(x[0], t), gini(x[1], t)], rtol=1e-14)
    np.testing.assert_allclose(dissimilarity(x, t), [dissimilarity(x[0], t), dissimilarity(x[1], t)])
