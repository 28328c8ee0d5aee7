"""The amplitudes' time asymmetry (plane/evidence.py) against plain numpy, and the regimes it decides."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from tscomplex import plane
from tscomplex.plane.evidence import time_asymmetry_p_value, time_asymmetry_test


def regime_at(x, dim=5, tau=1):
    x = np.asarray(x, dtype=float)
    h, c, turns = plane.tau_sweep_full(x, [tau], dim)
    return plane.series_regime_fields(x, float(h[0]), float(c[0]), dim, tau, float(turns[0]),
                                      x.size - (dim - 1) * tau)


def numpy_asymmetry(x, dim, tau, blocks):
    """Batch-means t test of mean((b-a)^2 (b^2-a^2)) written out directly."""
    y = (x - x.mean()) / x.std()
    g = np.array([(y[i + tau] - y[i]) ** 2 * (y[i + tau] ** 2 - y[i] ** 2) for i in range(y.size - tau)])
    size = g.size // blocks
    means = np.array([g[k * size:(k + 1) * size].mean() for k in range(blocks)])
    t = means.mean() / (means.std(ddof=1) / math.sqrt(blocks))
    return t, 2 * stats.t.sf(abs(t), blocks - 1)


def rossler_like(n, seed=0, noise=0.1):
    """A noisy relaxation: a slow rise that steepens, a fast fall. It breaks both symmetries, plain reversal
    and reversal with a change of sign; a plain sawtooth breaks only the first (-x(-t) is the same sawtooth)."""
    rng = np.random.default_rng(seed)
    u = (np.arange(n) / 37.0 + rng.uniform()) % 1.0
    return np.where(u < 0.8, (u / 0.8) ** 2, ((1 - u) / 0.2) ** 2) + noise * rng.standard_normal(n)


@pytest.mark.parametrize("tau", [1, 3])
def test_statistic_matches_numpy(tau):
    x = rossler_like(5000, 1)
    t, blocks = time_asymmetry_test(x, 5, tau)
    t_np, p_np = numpy_asymmetry(x, 5, tau, blocks)
    assert blocks == 32
    assert t == pytest.approx(t_np, rel=1e-9)
    assert time_asymmetry_p_value(x, 5, tau) == pytest.approx(p_np, rel=1e-6)


def test_symmetries():
    """g changes sign under time reversal and under reversal with a change of sign; a shift or a scale does
    not change the test."""
    x = rossler_like(20000, 2)
    t = time_asymmetry_test(x, 5, 2)[0]
    assert t < -5
    assert time_asymmetry_test(x[::-1], 5, 2)[0] > 5
    assert time_asymmetry_test(-x[::-1], 5, 2)[0] > 5
    assert time_asymmetry_test(3 * x + 7, 5, 2)[0] == pytest.approx(t, rel=1e-9)


def test_none_without_enough_blocks_or_variation():
    assert time_asymmetry_test(np.random.default_rng(0).standard_normal(300), 5, 10) is None  # 7 blocks
    assert time_asymmetry_test(np.ones(1000), 5, 1) is None
    assert time_asymmetry_p_value(np.ones(1000), 5, 1) is None


@pytest.mark.parametrize("seed", range(6))
def test_linear_gaussian_and_quasi_periodic_are_symmetric(seed):
    rng = np.random.default_rng(seed)
    e = rng.standard_normal(20000)
    ar = np.zeros_like(e)
    for i in range(2, e.size):
        ar[i] = 1.56 * ar[i - 1] - 0.81 * ar[i - 2] + e[i]  # AR(2) with complex roots
    t = np.arange(20000.0)
    two = np.sin(2 * np.pi * t / 41 + rng.uniform(0, 6)) + 0.7 * np.sin(2 * np.pi * t * 1.618 / 41)
    for x in (ar, two):
        assert time_asymmetry_p_value(x, 5, 3) > 1e-4


@pytest.mark.parametrize("seed", [1, 2])
def test_noise_hides_the_ordinal_arrow_of_time_not_the_amplitudes(seed):
    """Chen x under 20% observational noise (the corpus' miss): the noise reorders the close values of a
    window, and the ordinal test finds the patterns reversible; the amplitudes' asymmetry is intact."""
    from tscomplex import simulate

    x = simulate("chen", n=10000, dt=0.025, noise=0.2, seed=seed).values[:, 0]
    rec = regime_at(x, tau=2)
    assert rec["time_reversal_p_value"] > 1e-3
    assert rec["time_asymmetry_p_value"] < 1e-8
    assert rec["regime"] == "complex", rec


def test_chunked_prefix_gives_the_same_p_value():
    from tscomplex.ordinal import ordinal_counts
    from tscomplex.plane.evidence import EvidenceFeed, evidence_of_series

    x = rossler_like(30000, 3)
    feed = EvidenceFeed(5, [1, 4])
    for part in np.array_split(x, 7):
        feed.feed(part)
    for tau in (1, 4):
        whole = evidence_of_series(x, 5, tau)["asymmetry_p_value"]
        chunked = feed.evidence(tau, ordinal_counts(x, 5, tau))["asymmetry_p_value"]
        assert chunked == pytest.approx(whole, rel=1e-9, abs=1e-300)
