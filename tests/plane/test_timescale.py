"""The natural-timescale crossings, vectorised: the same crossing times as a plain loop over the stretches."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex.plane import (
    CROSSING_HYSTERESIS,
    _mean_crossings,
    _mean_maxima_spacing,
    crossing_times,
    natural_timescale,
)


def crossings_by_loop(x):
    """Reference: walk the samples, keep the hysteresis state, time each change at the middle mean crossing."""
    mean = x.mean()
    band = CROSSING_HYSTERESIS * x.std()
    times, state, last = [], 0, None  # last: index of the last sample in the current state
    for t, v in enumerate(x):
        s = 1 if v > mean + band else -1 if v < mean - band else 0
        if s == 0:
            continue
        if state != 0 and s != state:
            seg = x[last:t + 1] - mean
            flips = [i for i in range(seg.size - 1) if (seg[i] >= 0) != (seg[i + 1] >= 0)]
            i = flips[len(flips) // 2]
            times.append(last + i + seg[i] / (seg[i] - seg[i + 1]))
        state, last = s, t
    return np.array(times)


@pytest.mark.parametrize("seed", range(6))
def test_crossings_match_a_plain_loop(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(50, 3000))
    kind = seed % 3
    if kind == 0:
        x = np.sin(2 * np.pi * np.arange(n) / rng.uniform(5, 60)) + rng.normal(0, 0.5, n)
    elif kind == 1:
        x = rng.normal(size=n).cumsum()
    else:
        x = np.round(rng.normal(size=n), 1)  # many samples exactly at the mean's neighbours
    got, want = _mean_crossings(x), crossings_by_loop(x)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)


def test_crossings_of_a_sine_give_its_period():
    x = np.sin(2 * np.pi * np.arange(100_000) / 250.0)
    assert natural_timescale(x, method="crossings").t_nat == pytest.approx(250.0, rel=1e-4)
    assert _mean_crossings(np.ones(10)).size == 0


def crossings_by_numpy(x, mean, band):
    """Reference: the vectorised numpy version the numba kernel replaced (issue 14), kept verbatim."""
    state = np.where(x > mean + band, 1, np.where(x < mean - band, -1, 0))
    decided = np.flatnonzero(state)
    if decided.size < 2:
        return np.empty(0)
    change = np.flatnonzero(state[decided[1:]] != state[decided[:-1]])
    start, stop = decided[change], decided[change + 1]
    above = x >= mean
    flips = np.flatnonzero(above[1:] != above[:-1])
    first = np.searchsorted(flips, start, "left")
    count = np.searchsorted(flips, stop, "left") - first
    i = flips[first + count // 2]
    lo, hi = x[i] - mean, x[i + 1] - mean
    return i + lo / (lo - hi)


def _series(kind, rng, n):
    if kind == "random":
        return rng.normal(size=n)
    if kind == "walk":
        return rng.normal(size=n).cumsum()
    if kind == "periodic":
        return np.sin(2 * np.pi * np.arange(n) / rng.uniform(3, 80))
    if kind == "noisy-periodic":
        return np.sin(2 * np.pi * np.arange(n) / rng.uniform(5, 60)) + rng.normal(0, 0.5, n)
    if kind == "tied":
        return np.round(rng.normal(size=n), 1)  # many samples on the mean and on the band's edges
    if kind == "levels":
        return rng.integers(-2, 3, n).astype(float)  # only five values: exact ties everywhere
    return np.where(np.arange(n) % 2 == 0, 1.0, -1.0)  # alternating: a change of state at every sample


@pytest.mark.parametrize("kind", ["random", "walk", "periodic", "noisy-periodic", "tied", "levels", "alternating"])
@pytest.mark.parametrize("seed", range(4))
def test_crossing_kernel_equals_the_numpy_version_exactly(kind, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 5000))
    x = _series(kind, rng, n)
    for mean, band in ((x.mean(), CROSSING_HYSTERESIS * x.std()), (x.mean(), 0.0), (0.0, 0.5)):
        got, want = crossing_times(x, mean, band), crossings_by_numpy(x, mean, band)
        assert got.dtype == np.float64 and got.shape == want.shape
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(_mean_crossings(x), crossings_by_numpy(x, x.mean(), CROSSING_HYSTERESIS * x.std()))


def test_crossing_kernel_edge_sizes():
    for x in (np.empty(0), np.array([1.0]), np.array([1.0, -1.0]), np.ones(5)):
        np.testing.assert_array_equal(crossing_times(x, 0.0, 0.0), crossings_by_numpy(x, 0.0, 0.0))
    assert crossing_times(np.array([1.0, -1.0, 1.0]), 0.0, 0.0).tolist() == [0.5, 1.5]


def maxima_by_numpy(x):
    """Reference: the vectorised numpy version of the maxima spacing the numba kernel replaced, kept verbatim."""
    keep = np.concatenate(([True], x[1:] != x[:-1]))
    idx = np.flatnonzero(keep)
    runs_end = np.append(idx[1:], x.size) - 1
    v = x[idx]
    if v.size < 3:
        return math.nan
    peak = (v[1:-1] > v[:-2]) & (v[1:-1] > v[2:])
    centers = 0.5 * (idx[1:-1][peak] + runs_end[1:-1][peak])
    return float(np.mean(np.diff(centers))) if centers.size >= 2 else math.nan


@pytest.mark.parametrize("kind", ["random", "walk", "periodic", "noisy-periodic", "tied", "levels", "alternating",
                                  "plateaus"])
@pytest.mark.parametrize("seed", range(4))
def test_maxima_kernel_equals_the_numpy_version_exactly(kind, seed):
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(2, 5000))
    if kind == "plateaus":  # flat tops and flat valleys of random widths
        x = np.repeat(rng.integers(0, 4, n // 3 + 1).astype(float), rng.integers(1, 6, n // 3 + 1))
    else:
        x = _series(kind, rng, n)
    got, want = _mean_maxima_spacing(x), maxima_by_numpy(x)
    assert got == want or (math.isnan(got) and math.isnan(want)), (got, want)


def test_maxima_kernel_edge_sizes():
    for values in ([], [1.0], [1.0, 2.0], [0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 1.0, 0.0], [0.0, 2.0, 2.0, 0.0, 1.0, 1.0, 1.0, 0.0],
                   [3.0, 3.0, 3.0], [1.0, 0.0, 1.0]):
        x = np.array(values)
        got, want = _mean_maxima_spacing(x), maxima_by_numpy(x) if x.size else math.nan
        assert got == want or (math.isnan(got) and math.isnan(want)), values
    assert _mean_maxima_spacing(np.array([0.0, 2.0, 2.0, 0.0, 1.0, 1.0, 1.0, 0.0])) == 3.5  # centres 1.5 and 5
