"""Sliding-window measures: each window equals a fresh computation on its slice, streamed or not."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex.ordinal.windows import StreamingWindows, sliding_measures


def _fresh(x, dim, tau):
    """H, C, Fisher information, missing fraction and multi-turn fraction of one slice, in plain numpy."""
    n = x.size - (dim - 1) * tau
    windows = np.stack([x[i * tau:i * tau + n] for i in range(dim)], axis=1)
    perms = np.argsort(windows, axis=1, kind="stable")
    table = {p: k for k, p in enumerate(__import__("itertools").permutations(range(dim)))}
    codes = np.array([table[tuple(p)] for p in perms])
    counts = np.bincount(codes, minlength=math.factorial(dim)).astype(float)
    p = counts / counts.sum()
    nz = p[p > 0]
    big_n = p.size
    h = -np.sum(nz * np.log(nz)) / np.log(big_n)
    mid = 0.5 * (p + 1 / big_n)
    js = -np.sum(mid * np.log(mid)) + 0.5 * np.sum(nz * np.log(nz)) - 0.5 * np.log(big_n)
    q0 = -2 / (((big_n + 1) / big_n) * np.log(big_n + 1) - 2 * np.log(2 * big_n) + np.log(big_n))
    fisher = 1.0 if nz.size == 1 else 0.5 * np.sum(np.diff(np.sqrt(p)) ** 2)
    ranks = np.argsort(perms, axis=1)  # rank vector of each window
    ups = np.diff(ranks, axis=1) > 0
    turns = np.sum(ups[:, 1:] != ups[:, :-1], axis=1)
    return np.array([h, max(q0 * js * h, 0.0), fisher, np.mean(counts == 0), np.mean(turns >= 2)])


@pytest.fixture(scope="module")
def series():
    rng = np.random.default_rng(5)
    x = np.cumsum(rng.standard_normal(1500))
    x[400:600] = np.sin(np.arange(200) / 4.0)
    x[900:950] = 1.0  # ties
    return x


@pytest.mark.parametrize("dim,tau,window,step", [(3, 1, 40, 1), (4, 2, 90, 7), (5, 1, 200, 150),
                                                 (4, 3, 60, 100), (3, 1, 3, 1)])
def test_every_window_equals_a_fresh_computation(series, dim, tau, window, step):
    starts, values = sliding_measures(series, dim, tau, window=window, step=step)
    assert starts.tolist() == list(range(0, series.size - window + 1, step))
    for start, row in zip(starts, values):
        np.testing.assert_allclose(row, _fresh(series[start:start + window], dim, tau), rtol=0, atol=1e-12)


@pytest.mark.parametrize("blocks", [1, 7, 113])
def test_streamed_blocks_give_identical_numbers(series, blocks):
    starts, values = sliding_measures(series, 4, 2, window=120, step=3)
    stream = StreamingWindows(4, 2, 120, 3)
    parts = [stream.feed(b) for b in np.array_split(series, blocks)]
    assert np.array_equal(np.concatenate([p[0] for p in parts]), starts)
    assert np.array_equal(np.concatenate([p[1] for p in parts]), values)  # bit-identical


def test_streaming_with_steps_longer_than_the_window(series):
    starts, values = sliding_measures(series, 3, 1, window=50, step=170)
    stream = StreamingWindows(3, 1, 50, 170)
    parts = [stream.feed(b) for b in np.array_split(series, 40)]
    assert np.array_equal(np.concatenate([p[0] for p in parts]), starts)
    assert np.array_equal(np.concatenate([p[1] for p in parts]), values)


def test_monotone_and_constant_windows():
    starts, values = sliding_measures(np.r_[np.arange(60.0), np.zeros(60)], 3, window=20, step=20)
    assert starts.tolist() == [0, 20, 40, 60, 80, 100]
    values = values[[0, 1, 4, 5]]  # windows wholly in the ramp or the constant part
    np.testing.assert_allclose(values[:, :2], 0, atol=1e-14)  # one pattern: H = 0, C = 0
    assert np.all(values[:, 2] == 1.0) and np.all(values[:, 4] == 0)  # F = 1 by convention, no turns
    np.testing.assert_allclose(values[:, 3], 5 / 6)


@pytest.mark.parametrize("kwargs,message", [({"window": 4}, "shorter than one ordinal pattern"),
                                            ({"window": 10, "step": 0}, "step"),
                                            ({"window": 5000}, "shorter than window=5000")])
def test_bad_windows_say_why(kwargs, message):
    with pytest.raises(ValueError, match=message):
        sliding_measures(np.arange(100.0), 5, **kwargs)
