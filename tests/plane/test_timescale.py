"""The natural-timescale crossings, vectorised: the same crossing times as a plain loop over the stretches."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.plane import CROSSING_HYSTERESIS, _mean_crossings, natural_timescale


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
