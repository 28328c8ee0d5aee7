"""The short-series fast paths of the distance and of missing transitions give the general paths' numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex import missing_transitions, ordinal_network, permutation_jensen_shannon_distance
from tscomplex.ordinal.distance import jensen_shannon_distance, ordinal_distribution


@pytest.mark.parametrize("dim,tau", [(3, 1), (4, 2), (6, 1)])
def test_distance_fast_path_equals_the_distributions(dim, tau):
    rng = np.random.default_rng(dim)
    x, y = rng.normal(size=1000), np.cumsum(rng.normal(size=700))
    expected = jensen_shannon_distance(ordinal_distribution(x, dim, tau), ordinal_distribution(y, dim, tau))
    for a, b in [(x, y), (x.astype(np.float32), y), (list(x), y[::-1][::-1].copy()), (x[::1], y)]:
        assert permutation_jensen_shannon_distance(a, b, dim, tau) == pytest.approx(expected, abs=1e-12)
    strided = np.repeat(x, 2)[::2]  # not contiguous: the general path
    assert permutation_jensen_shannon_distance(strided, y, dim, tau) == pytest.approx(expected, abs=1e-12)


def test_distance_fast_path_refuses_nan_and_short_series():
    x = np.random.default_rng(0).normal(size=500)
    bad = x.copy()
    bad[100] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        permutation_jensen_shannon_distance(bad, x, 4)
    with pytest.raises(ValueError, match="too short"):
        permutation_jensen_shannon_distance(x[:3], x, 4)


@pytest.mark.parametrize("dim,tau", [(3, 1), (4, 1), (3, 2), (5, 1), (7, 1)])
def test_missing_transitions_equals_the_network(dim, tau):
    x = np.random.default_rng(1).normal(size=2000)
    net = ordinal_network(x, dim, tau)
    possible = math.factorial(dim) * (dim if tau == 1 else math.factorial(dim))
    assert net.possible_transitions == possible
    assert missing_transitions(x, dim, tau) == pytest.approx(1 - net.counts.size / possible, abs=1e-15)
