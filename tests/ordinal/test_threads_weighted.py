"""Weighted and large-d counts on threads equal the serial pass exactly (issue 14): ties, weights, NaN policy."""

import math

import numpy as np
import pytest

import tscomplex.ordinal.counts as counts_module
import tscomplex.ordinal.parallel as parallel_module
from tscomplex.ordinal import accumulate_raw_counts, ordinal_counts
from tscomplex.ordinal.codes import _accumulate_weighted
from tscomplex.ordinal.sparse import nonzero_counts_of_prepared


def plain_weighted(x, dim, tau):
    """Independent weighted counts: stable argsort rank code per window, variance added in window order."""
    import itertools

    index = {perm: k for k, perm in enumerate(itertools.permutations(range(dim)))}
    out = np.zeros(math.factorial(dim))
    for t in range(len(x) - (dim - 1) * tau):
        w = np.asarray(x[t:t + dim * tau:tau], dtype=np.float64)
        out[index[tuple(np.argsort(w, kind="stable"))]] += np.mean((w - w.mean()) ** 2)
    return out


def tied(n, seed=0, dtype=np.float64):
    """Poisson counts plus a slow trend: many ties and unequal weights."""
    rng = np.random.default_rng(seed)
    return (rng.poisson(1.5, n) + 0.25 * np.sin(np.arange(n) / 40.0).round(1)).astype(dtype)


@pytest.fixture
def small_rounds(monkeypatch):
    monkeypatch.setattr(counts_module, "WEIGHTED_MIN_WINDOWS", 5)   # split even short series
    monkeypatch.setattr(counts_module, "THREAD_MIN_WINDOWS", 5)
    monkeypatch.setattr(parallel_module, "ROUND_WINDOWS", 97)       # several rounds, uneven cuts


@pytest.mark.parametrize("dim,tau", [(2, 1), (3, 2), (5, 1), (6, 3), (8, 1)])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_weighted_threads_give_the_serial_bits(small_rounds, dim, tau, dtype):
    x = tied(3001, seed=dim + tau, dtype=dtype)
    serial = np.full(math.factorial(dim), 0.5)  # counts add to what is there (chunked counting)
    _accumulate_weighted(x, dim, tau, serial)  # the serial kernel itself
    for threads in (1, 2, 3):
        split = np.full(math.factorial(dim), 0.5)
        assert accumulate_raw_counts(x, dim, tau, True, split, threads=threads) == -1
        assert np.array_equal(split, serial)
    if dim <= 5:
        np.testing.assert_allclose(ordinal_counts(x, dim, tau, weighted=True), plain_weighted(x, dim, tau),
                                   rtol=1e-12, atol=1e-12)


def test_weighted_default_thread_count_follows_the_setting(small_rounds, monkeypatch):
    x = tied(4000, seed=9)
    results = []
    for threads in ("1", "2", "3"):
        monkeypatch.setenv("TSCOMPLEX_THREADS", threads)
        results.append(ordinal_counts(x, 4, 2, weighted=True))
    assert all(np.array_equal(results[0], r) for r in results[1:])


def test_weighted_threads_with_tie_precision_and_nan_refused(small_rounds, monkeypatch):
    monkeypatch.setenv("TSCOMPLEX_THREADS", "3")
    x = np.random.default_rng(4).standard_normal(2500)
    one = ordinal_counts(x, 4, 1, weighted=True, tie_precision=1)
    monkeypatch.setenv("TSCOMPLEX_THREADS", "1")
    assert np.array_equal(one, ordinal_counts(x, 4, 1, weighted=True, tie_precision=1))
    monkeypatch.setenv("TSCOMPLEX_THREADS", "3")
    x[1234] = np.nan
    with pytest.raises(ValueError, match=r"first at index 1234\)"):
        ordinal_counts(x, 4, 1, weighted=True)


@pytest.mark.parametrize("threads", ["1", "2", "3"])
def test_large_dim_histogram_on_threads(small_rounds, monkeypatch, threads):
    x = tied(6000, seed=2)
    hist = np.zeros((1, math.factorial(9)), np.int64)
    from tscomplex.ordinal.codes import COUNT_BLOCK, _count_codes

    _count_codes(x, 9, 1, hist, COUNT_BLOCK)
    monkeypatch.setenv("TSCOMPLEX_THREADS", threads)
    codes, counts, n = nonzero_counts_of_prepared(x, 9, 1)
    assert n == math.factorial(9)
    assert np.array_equal(codes, np.flatnonzero(hist[0]))
    assert np.array_equal(counts, hist[0, codes].astype(np.float64))
    assert counts.sum() == x.size - 8


def test_weighted_rounds_of_float32_equal_float64(small_rounds):
    x32 = tied(2500, seed=7, dtype=np.float32)  # exactly representable: the widened values are the same
    for threads in (1, 2, 3):
        one, two = np.zeros(120), np.zeros(120)
        accumulate_raw_counts(x32, 5, 2, True, one, threads=threads)
        accumulate_raw_counts(x32.astype(np.float64), 5, 2, True, two, threads=threads)
        assert np.array_equal(one, two)
