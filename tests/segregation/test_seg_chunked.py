"""The block-wise path for one city: same values and errors as the whole-array path, without big temporaries.

``BLOCK`` is made tiny in most tests so that a few dozen areas span many blocks (and a partial last one).
"""

from __future__ import annotations

import itertools
import tracemalloc
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mangfold.segregation import (
    SegregationInputError,
    _chunked,
    atkinson,
    dissimilarity,
    entropy,
    gini,
)
from mangfold.segregation._validate import check_single
from mangfold.segregation.aspatial import _dissimilarity, _dissimilarity_vector


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(_chunked, "BLOCK", 7)
    return 7


def _city(n: int, share: float, seed: int = 5) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.default_rng(seed)
    t = gen.integers(0, 400, size=n)
    x = gen.binomial(t, gen.beta(20 * share, 20 * (1 - share), size=n))
    return x, t


def _whole_array(x: np.ndarray, t: np.ndarray) -> float:
    """D by the batched (whole-array) code: a batch of one city."""
    return float(_dissimilarity(np.asarray(x, float)[None], np.asarray(t, float)[None])[0])


@pytest.mark.parametrize("share", [0.02, 0.3, 0.7, 0.995], ids=lambda s: f"share {s}")
@pytest.mark.parametrize("n", [1, 6, 7, 50, 71])
def test_block_wise_d_equals_the_whole_array_formula(small_blocks: int, n: int, share: float) -> None:
    # Shares above 1/2 take the branch that sums y = t − x in a pass of its own.
    x, t = _city(n, share)
    x[0], t[0] = 1, 3  # both groups present
    expected = _whole_array(x, t)
    for xs, ts in ((x, t), (x.astype(float), t.astype(float)), (x.astype(np.int32), t.astype(float))):
        assert dissimilarity(xs, ts) == pytest.approx(expected, rel=1e-14)
    assert dissimilarity(list(x), list(t)) == pytest.approx(expected, rel=1e-14)


def test_block_wise_d_is_exact_for_integer_counts(small_blocks: int) -> None:
    # Every term |Y x_i − X y_i| is an exact integer, so D is the correctly rounded fraction.
    x, t = _city(40, 0.1, seed=9)
    x[0] += 1
    X, Y = int(x.sum()), int((t - x).sum())
    num = sum(abs(Y * int(a) - X * int(b - a)) for a, b in zip(x, t, strict=True))
    assert dissimilarity(x, t) == num / (2 * X * Y)


def test_a_strided_column_is_read_in_place(small_blocks: int) -> None:
    counts = np.column_stack(_city(60, 0.25)).astype(float)
    counts[0] = [2.0, 9.0]
    x, t = counts[:, 0], counts[:, 1]
    assert not x.flags.contiguous
    assert dissimilarity(x, t) == pytest.approx(_whole_array(x, t), rel=1e-14)


@pytest.mark.parametrize(
    ("position", "x_value", "t_value", "message"),
    [
        (23, -1.0, 5.0, "area 23: the group count is negative"),
        (40, 9.0, 5.0, "area 40: the group count exceeds the total"),
        (8, np.nan, 5.0, "area 8: the group count is NaN"),
        (15, 1.0, np.nan, "area 15: the total is NaN"),
        (33, 1.0, np.inf, "area 33: the total is infinite"),
        (47, np.inf, np.inf, "area 47: the group count is infinite"),
    ],
)
def test_a_bad_count_in_a_later_block_is_named(
    small_blocks: int, position: int, x_value: float, t_value: float, message: str
) -> None:
    x, t = (a.astype(float) for a in _city(50, 0.3))
    x[0], t[0] = 1.0, 3.0
    x[position], t[position] = x_value, t_value
    for index in (dissimilarity, gini, entropy, atkinson):
        with pytest.raises(SegregationInputError, match=message):
            index(x, t)


def test_a_majority_group_with_a_bad_count_is_refused(small_blocks: int) -> None:
    # X > T / 2: the extra pass over y = t − x sees a negative y first.
    x, t = (a.astype(float) for a in _city(30, 0.9))
    x[0], t[0] = 1.0, 3.0
    x[20] = t[20] + 1
    with pytest.raises(SegregationInputError, match="area 20: the group count exceeds the total"):
        dissimilarity(x, t)


def test_absent_groups_and_empty_cities_are_nan_without_warnings(small_blocks: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isnan(dissimilarity(np.zeros(20), np.full(20, 4.0)))
        assert np.isnan(dissimilarity(np.full(20, 4.0), np.full(20, 4.0)))
        assert np.isnan(dissimilarity(np.zeros(20), np.zeros(20)))


def test_totals_beyond_the_float_range_leave_it_to_the_whole_array_path(small_blocks: int) -> None:
    big = np.full(20, 1e307)
    assert _dissimilarity_vector(big * 0.5, big) is None  # T overflows


def test_negative_zero_is_a_valid_count(small_blocks: int) -> None:
    x = np.array([-0.0, 2.0, 0.0, 5.0] * 5)
    t = np.array([3.0, 2.0, 4.0, 9.0] * 5)
    assert dissimilarity(x, t) == pytest.approx(_whole_array(np.abs(x), t), rel=1e-15)
    np.testing.assert_array_equal(check_single(x, t)[0], x)


finite = st.floats(-3, 30, allow_nan=False, allow_infinity=False)
special = st.sampled_from([np.nan, np.inf, -np.inf, -0.0, -1e-300])


@settings(max_examples=80, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 40), elements=finite | special),
    st.data(),
)
def test_the_block_wise_check_agrees_with_the_whole_array_check(x: np.ndarray, data: st.DataObject) -> None:
    t = data.draw(hnp.arrays(np.float64, x.shape, elements=finite | special))
    old_fast_check = bool(np.all((x >= 0) & (x <= t))) and bool(np.all(np.isfinite(t)))
    saved = _chunked.BLOCK
    try:
        _chunked.BLOCK = 3
        assert _chunked.within(x, t) == old_fast_check
    finally:
        _chunked.BLOCK = saved


@pytest.mark.parametrize("index", [dissimilarity, gini, entropy, atkinson], ids=lambda f: f.__name__)
def test_one_city_equals_a_batch_of_one(index) -> None:
    x, t = (a.astype(float) for a in _city(3000, 0.15, seed=3))
    assert index(x, t) == pytest.approx(float(index(x[None], t[None])[0]), rel=1e-13)


def test_atkinson_keeps_huge_and_tiny_counts_in_range() -> None:
    # Beyond 1e140 x y would overflow: the two square roots are taken instead.
    x, t = (a.astype(float) for a in _city(200, 0.3, seed=4))
    x[0], t[0] = 1.0, 3.0
    expected = atkinson(x, t)
    for scale in (1e150, 1e-150):
        assert atkinson(x * scale, t * scale) == pytest.approx(expected, rel=1e-13)


@pytest.mark.parametrize(("threads", "limit_mib"), [("1", 3), ("2", 5)])
def test_one_pass_over_a_million_areas_allocates_no_array_of_that_size(
    monkeypatch: pytest.MonkeyPatch, threads: str, limit_mib: int
) -> None:
    monkeypatch.setenv("MANGFOLD_THREADS", threads)
    n = 1 << 20
    x, t = (a.astype(float) for a in _city(n, 0.2, seed=8))
    tracemalloc.start()
    try:
        value = dissimilarity(x, t)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert 0.0 < value < 1.0
    # The block buffers (2 MiB per thread) and little else: one float64 temporary of the input's size
    # is 8 MiB.
    assert peak < limit_mib * 2**20, peak


@pytest.mark.parametrize("n", [28, 29, 71, 700])
def test_the_results_do_not_depend_on_the_number_of_threads(
    small_blocks: int, monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    x, t = (a.astype(float) for a in _city(n, 0.3, seed=n))
    x[0], t[0] = 1.0, 3.0
    x[1] += 0.1  # a non-integer count, so the sums round
    results = []
    for threads in ("1", "2", "3", "8"):
        monkeypatch.setenv("MANGFOLD_THREADS", threads)
        X, T = _chunked.totals(x, t)
        results.append(
            (X, T, _chunked.rest_total(x, t), _chunked.gap_sum(x, t, X, T - X), _chunked.within(x, t))
        )
        results.append((dissimilarity(x, t), gini(x, t), 0.0, 0.0, True))
    assert results[0::2] == [results[0]] * 4
    assert results[1::2] == [results[1]] * 4


@pytest.mark.parametrize("n", [1, 7, 27, 28, 29, 71, 700])
@pytest.mark.parametrize("threads", ["1", "2", "3", "4", "9"])
def test_the_spans_cover_every_area_once_in_whole_blocks(
    small_blocks: int, monkeypatch: pytest.MonkeyPatch, n: int, threads: str
) -> None:
    monkeypatch.setenv("MANGFOLD_THREADS", threads)
    spans = _chunked._spans(n)
    assert spans[0][0] == 0 and spans[-1][1] == n
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(start % small_blocks == 0 and start < stop for start, stop in spans)
    blocks = -(-n // small_blocks)
    assert len(spans) == (1 if blocks < _chunked.PARALLEL_BLOCKS else min(int(threads), blocks))


def test_an_error_in_a_worker_thread_reaches_the_caller(small_blocks: int, monkeypatch) -> None:
    monkeypatch.setenv("MANGFOLD_THREADS", "3")

    def task(start: int, stop: int) -> list[int]:
        if start > 0:
            raise MemoryError(f"no memory for areas {start}–{stop}")
        return [start]

    with pytest.raises(MemoryError, match="no memory for areas"):
        _chunked._map_spans(task, 60)


def test_a_malformed_thread_setting_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MANGFOLD_THREADS", "two")
    with pytest.raises(ValueError, match="MANGFOLD_THREADS must be a whole number, not 'two'"):
        _chunked.workers()
    monkeypatch.setenv("MANGFOLD_THREADS", "0")
    assert _chunked.workers() == 1
    monkeypatch.delenv("MANGFOLD_THREADS")
    assert 1 <= _chunked.workers() <= _chunked.MAX_WORKERS
