"""Tied windows: the numba count against a plain-numpy one, the analytic share for i.i.d. counts, tie-breaking."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex.ordinal.ties import (TIED_WINDOWS_WARN, TiedWindows, break_ties, tied_window_count,
                                    tied_window_fraction, ties_warning)


def plain_tied(x, dim, tau):
    """Windows with two equal values, by sorting each window (independent of the kernel's pair loop)."""
    n = len(x) - (dim - 1) * tau
    windows = np.array([x[i:i + (dim - 1) * tau + 1:tau] for i in range(n)])
    return int(np.sum(np.any(np.diff(np.sort(windows, axis=1), axis=1) == 0, axis=1))), n


def poisson_untied_probability(lam, dim, top=30):
    """P(dim i.i.d. Poisson(lam) values are all distinct) = dim! e_dim(p), e_dim the elementary symmetric
    polynomial of the probabilities p_k (k < top; the tail past 30 is far below 1e-12 for lam <= 3)."""
    p = [math.exp(-lam) * lam ** k / math.factorial(k) for k in range(top)]
    e = np.zeros(dim + 1)
    e[0] = 1.0
    for pk in p:  # e_j <- e_j + p_k e_(j-1), highest j first
        for j in range(dim, 0, -1):
            e[j] += pk * e[j - 1]
    return math.factorial(dim) * e[dim]


@pytest.mark.parametrize("dim,tau", [(3, 1), (4, 2), (5, 1), (6, 3)])
def test_count_matches_plain_numpy(dim, tau):
    rng = np.random.default_rng(dim * 10 + tau)
    x = rng.integers(0, 6, 3000).astype(float)
    assert tied_window_count(x, dim, tau) == plain_tied(x, dim, tau)


@pytest.mark.parametrize("lam,dim", [(0.5, 3), (0.5, 5), (3.0, 4), (3.0, 5)])
def test_poisson_tied_share_is_analytic(lam, dim):
    x = np.random.default_rng(17).poisson(lam, 200_000).astype(float)
    expected = 1.0 - poisson_untied_probability(lam, dim)
    fraction = tied_window_fraction(x, dim, 1)
    # windows overlap, so the scatter is a few times the binomial one; 0.01 is > 5 of them at 2e5 windows
    assert fraction == pytest.approx(expected, abs=0.01)
    assert ties_warning(fraction, dim, 1) is not None


def test_untied_series_and_the_threshold():
    x = np.random.default_rng(1).standard_normal(5000)
    assert tied_window_fraction(x, 5, 1) == 0.0
    assert ties_warning(0.0, 5, 1) is None
    assert ties_warning(TIED_WINDOWS_WARN, 5, 1) is None  # the threshold itself is not past it
    assert "Zunino" in ties_warning(0.02, 5, 1)
    assert tied_window_fraction([1.0, 2.0], 3, 1) is None  # no window


def test_streaming_count_equals_whole_series():
    x = np.random.default_rng(2).poisson(1.0, 10_007).astype(float)
    ties = TiedWindows(4, [1, 3, 7])
    for start in range(0, x.size, 999):
        ties.feed(x[start:start + 999])
    for tau in (1, 3, 7):
        tied, windows = tied_window_count(x, 4, tau)
        assert (ties.tied[tau], ties.windows[tau]) == (tied, windows)


def test_break_ties_keeps_distinct_order_and_is_seeded():
    x = np.random.default_rng(3).poisson(0.5, 5000).astype(float) * 0.1
    broken, scale = break_ties(x, 11)
    assert scale == pytest.approx(0.1 / 4)
    assert np.all(np.abs(broken - x) <= scale)
    distinct = x[:, None] < x[None, :500]  # every pair of distinct values keeps its order
    assert np.array_equal(distinct, (broken[:, None] < broken[None, :500]) & (x[:, None] != x[None, :500]))
    assert tied_window_fraction(broken, 5, 1) == 0.0
    assert np.array_equal(break_ties(x, 11)[0], broken) and not np.array_equal(break_ties(x, 12)[0], broken)
    same, zero = break_ties(np.full(10, 2.0), 1)
    assert zero == 0.0 and np.all(same == 2.0)


def test_noise_tie_breaking_makes_iid_counts_white():
    """i.i.d. counts with ties broken at random are i.i.d. in rank: every pattern equally likely (H -> 1)."""
    from tscomplex.measures import complexity_entropy

    x = np.random.default_rng(4).poisson(0.5, 100_000).astype(float)
    h_order, _ = complexity_entropy(x, 5, 1)
    h_noise, _ = complexity_entropy(break_ties(x, 5)[0], 5, 1)
    assert h_order < 0.8  # the earlier-is-smaller rule concentrates the tied windows
    assert h_noise > 0.995


def test_untied_fast_paths_agree_with_the_kernel():
    from tscomplex.ordinal.ties import has_equal_values

    x = np.random.default_rng(9).standard_normal(5000)
    assert not has_equal_values(x) and has_equal_values(np.append(x, x[17]))
    ties = TiedWindows(5, [1, 2, 9])
    y = np.append(x, x[:50])  # equal values in the last piece only, 5000 samples apart: no window ties
    y[4000] = y[4003]  # one tie that windows at tau 1 and 3 can see
    for start in range(0, y.size, 700):
        ties.feed(y[start:start + 700])
    for tau in (1, 2, 9):
        assert (ties.tied[tau], ties.windows[tau]) == tied_window_count(y, 5, tau)
