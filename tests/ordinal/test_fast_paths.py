"""The short-series fast paths of the distance and of missing transitions give the general paths' numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex import (
    missing_transitions,
    ordinal_network,
    permutation_jensen_shannon_distance,
)
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


def _plain_2d(image, dx, dy):
    """H and C of the dx x dy patterns of ``image`` by argsort of each flattened window, in plain numpy."""
    import itertools

    ny, nx = image.shape
    table = {p: k for k, p in enumerate(itertools.permutations(range(dx * dy)))}
    counts = np.zeros(math.factorial(dx * dy))
    for j in range(ny - dy + 1):
        for i in range(nx - dx + 1):
            counts[table[tuple(np.argsort(image[j:j + dy, i:i + dx].ravel(), kind="stable"))]] += 1
    p = counts / counts.sum()
    nz = p[p > 0]
    n = p.size
    h = -np.sum(nz * np.log(nz)) / np.log(n)
    mid = 0.5 * (p + 1 / n)
    js = -np.sum(mid * np.log(mid)) + 0.5 * np.sum(nz * np.log(nz)) - 0.5 * np.log(n)
    q0 = -2 / (((n + 1) / n) * np.log(n + 1) - 2 * np.log(2 * n) + np.log(n))
    return h, max(q0 * js * h, 0.0)


def test_image_measures_from_count_frequencies_and_a_reused_buffer():
    from tscomplex.ordinal.image import complexity_entropy_2d

    rng = np.random.default_rng(9)
    images = [rng.integers(0, 4, size=(12, 15)).astype(float), rng.normal(size=(20, 9)),
              np.ones((6, 6)), rng.integers(0, 256, size=(14, 14)).astype(float)]
    for image in images + images[::-1]:  # the per-thread histogram is reused: every call must start from zeros
        np.testing.assert_allclose(complexity_entropy_2d(image, 3, 3), _plain_2d(image, 3, 3), atol=1e-12)


@pytest.mark.parametrize("dim,tau,n", [(3, 1, 1000), (4, 2, 500), (5, 1, 3000), (6, 1, 800), (3, 1, 3)])
def test_node_entropy_fast_path_equals_the_network(dim, tau, n):
    from tscomplex import global_node_entropy
    from tscomplex.ordinal.networks import node_entropy_of

    x = np.random.default_rng(dim * n).normal(size=n)
    net = ordinal_network(x, dim, tau)
    assert global_node_entropy(x, dim, tau) == pytest.approx(node_entropy_of(net), abs=1e-12)
