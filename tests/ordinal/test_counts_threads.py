"""Counting one series on threads, float32 as it is, and the NaN check fused into the counting pass (issue 14)."""

import itertools
import math

import numpy as np
import pytest

import tscomplex.ordinal.counts as counts_module
from tscomplex import permutation_entropy
from tscomplex.ordinal import accumulate_raw_counts, ordinal_counts, prepare_series
from tscomplex.ordinal.counts import count_threads


def plain_counts(x, dim, tau):
    """Independent count: stable argsort of every window, numbered by lexicographic rank of the permutation."""
    index = {perm: k for k, perm in enumerate(itertools.permutations(range(dim)))}
    out = np.zeros(math.factorial(dim))
    for t in range(len(x) - (dim - 1) * tau):
        out[index[tuple(np.argsort(x[t:t + dim * tau:tau], kind="stable"))]] += 1
    return out


def tied(n, seed=0):
    """Data with many ties (Poisson counts): the stable tie rule must survive every split."""
    return np.random.default_rng(seed).poisson(1.5, n).astype(np.float64)


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(counts_module, "THREAD_MIN_WINDOWS", 7)  # split even short series


@pytest.mark.parametrize("dim,tau", [(2, 1), (3, 2), (5, 1), (6, 3), (8, 2)])
@pytest.mark.parametrize("threads", [2, 3, 5])
def test_threaded_counts_equal_serial_and_plain(small_threshold, dim, tau, threads):
    x = tied(3001, seed=dim * 10 + tau)
    serial = np.zeros(math.factorial(dim))
    split = np.zeros(math.factorial(dim))
    assert accumulate_raw_counts(x, dim, tau, False, serial, threads=1) == -1
    assert accumulate_raw_counts(x, dim, tau, False, split, threads=threads) == -1
    assert np.array_equal(serial, split)
    if dim <= 6:
        assert np.array_equal(ordinal_counts(x, dim, tau), plain_counts(x, dim, tau))


def test_threads_used_by_default_give_the_same_counts(small_threshold, monkeypatch):
    x = tied(5000, seed=3)
    monkeypatch.setenv("TSCOMPLEX_THREADS", "1")
    one = ordinal_counts(x, 5, 2)
    monkeypatch.setenv("TSCOMPLEX_THREADS", "4")
    four = ordinal_counts(x, 5, 2)
    assert np.array_equal(one, four)
    assert one.sum() == x.size - 8


def test_count_threads_setting(monkeypatch):
    monkeypatch.setenv("TSCOMPLEX_THREADS", "3")
    assert count_threads() == 3
    monkeypatch.setenv("TSCOMPLEX_THREADS", "0")
    assert count_threads() == 1
    monkeypatch.setenv("TSCOMPLEX_THREADS", "many")
    with pytest.raises(ValueError, match="TSCOMPLEX_THREADS"):
        count_threads()
    monkeypatch.delenv("TSCOMPLEX_THREADS")
    assert count_threads() >= 1


@pytest.mark.parametrize("dim,tau", [(3, 1), (5, 2), (9, 1)])
@pytest.mark.parametrize("weighted", [False, True])
def test_float32_counted_as_is_equals_float64(dim, tau, weighted):
    x32 = (np.random.default_rng(dim).standard_normal(4000) * 3).round(1).astype(np.float32)  # ties too
    x64 = x32.astype(np.float64)
    assert prepare_series(x32, dim, tau).dtype == np.float32  # no float64 copy
    assert np.array_equal(ordinal_counts(x32, dim, tau, weighted), ordinal_counts(x64, dim, tau, weighted))
    assert permutation_entropy(x32, dim, tau, weighted=weighted) == permutation_entropy(x64, dim, tau,
                                                                                      weighted=weighted)


def test_float32_with_tie_precision_rounds_like_float64():
    x32 = np.random.default_rng(5).standard_normal(2000).astype(np.float32)
    x64 = x32.astype(np.float64)
    assert np.array_equal(ordinal_counts(x32, 4, 1, tie_precision=1), ordinal_counts(x64, 4, 1, tie_precision=1))


@pytest.mark.parametrize("where", [0, 1, 1500, 2993, 2999])  # first sample, inside, last window start, tail
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("threads", [1, 3])
def test_fused_nan_check_names_the_first_bad_sample(small_threshold, monkeypatch, where, bad, threads):
    monkeypatch.setenv("TSCOMPLEX_THREADS", str(threads))
    x = tied(3000, seed=1)
    x[where] = bad
    x[min(where + 2, 2999)] = np.nan
    n_bad = int((~np.isfinite(x)).sum())
    with pytest.raises(ValueError, match=rf"^series has {n_bad} NaN or infinite values \(first at index {where}\)$"):
        ordinal_counts(x, 3, 3)
    with pytest.raises(ValueError, match=rf"first at index {where}\)"):
        ordinal_counts(x.astype(np.float32), 3, 3)


def test_nan_found_in_each_thread_part_returns_the_smallest(small_threshold):
    x = tied(4000, seed=2)
    x[[3500, 2100, 900]] = np.nan
    raw = np.zeros(24)
    assert accumulate_raw_counts(x, 4, 2, False, raw, threads=4) == 900
    assert accumulate_raw_counts(x, 4, 2, False, np.zeros(24), threads=1) == 900


def test_weighted_refuses_nan_before_counting():
    x = tied(100)
    x[50] = np.nan
    with pytest.raises(ValueError, match=r"first at index 50"):
        ordinal_counts(x, 3, 1, weighted=True)
