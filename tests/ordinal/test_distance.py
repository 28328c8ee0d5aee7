"""Permutation Jensen-Shannon distance: metric properties, a plain-numpy formula written here, and ordpy."""

from __future__ import annotations

import math
from itertools import permutations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex import permutation_jensen_shannon_distance
from tscomplex.ordinal.distance import jensen_shannon_distance, permutation_jensen_shannon_distances


def plain_distribution(x, dim, tau):
    rank = {p: i for i, p in enumerate(permutations(range(dim)))}
    x = np.asarray(x, dtype=float)
    counts = np.zeros(math.factorial(dim))
    for t in range(x.size - (dim - 1) * tau):
        counts[rank[tuple(np.argsort(x[t:t + (dim - 1) * tau + 1:tau], kind="stable"))]] += 1
    return counts / counts.sum()


def plain_distance(x, y, dim, tau):
    p, q = plain_distribution(x, dim, tau), plain_distribution(y, dim, tau)
    m = (p + q) / 2

    def s(v):
        v = v[v > 0]
        return -np.sum(v * np.log(v))

    return math.sqrt(max((s(m) - s(p) / 2 - s(q) / 2) / math.log(2), 0.0))


RNG = np.random.default_rng(2022)
SERIES = {
    "noise": RNG.normal(size=1200),
    "walk": np.cumsum(RNG.normal(size=900)),
    "sine": np.sin(np.arange(700) * 0.2),
    "ar": np.convolve(RNG.normal(size=1000), [1, 0.8, 0.5], mode="valid"),
}


@pytest.mark.parametrize("a", sorted(SERIES))
@pytest.mark.parametrize("b", sorted(SERIES))
@pytest.mark.parametrize("dim,tau", [(3, 1), (4, 2), (5, 1)])
def test_matches_plain_formula_and_is_symmetric(a, b, dim, tau):
    x, y = SERIES[a], SERIES[b]
    d = permutation_jensen_shannon_distance(x, y, dim, tau)
    assert d == pytest.approx(plain_distance(x, y, dim, tau), abs=1e-12)
    assert d == pytest.approx(permutation_jensen_shannon_distance(y, x, dim, tau), abs=1e-15)
    assert 0.0 <= d <= 1.0
    if a == b:
        assert d == 0.0


def test_known_values():
    up, down = np.arange(20.0), -np.arange(20.0)
    assert permutation_jensen_shannon_distance(up, down, 3) == 1.0  # disjoint supports
    assert permutation_jensen_shannon_distance(up, up + 5, 3) == 0.0
    # half the mass shared: P = (1, 0), Q = (1/2, 1/2)
    expected = math.sqrt((-(0.75 * math.log(0.75) + 0.25 * math.log(0.25)) - math.log(2) / 2) / math.log(2))
    assert jensen_shannon_distance([1, 0], [1, 1]) == pytest.approx(expected, abs=1e-15)


def test_matrix_is_a_distance_matrix():
    series = list(SERIES.values())
    m = permutation_jensen_shannon_distances(series, 4, 1)
    assert m.shape == (4, 4)
    np.testing.assert_array_equal(m, m.T)
    np.testing.assert_array_equal(np.diag(m), 0.0)
    for i in range(4):  # a metric: the triangle inequality holds
        for j in range(4):
            for k in range(4):
                assert m[i, j] <= m[i, k] + m[k, j] + 1e-12


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-1000, 1000), min_size=8, max_size=60), st.sampled_from([0.25, 2.0, 8.0]),
       st.integers(-50, 50))
def test_invariant_under_positive_affine_maps(values, scale, shift):
    x = np.array(values, dtype=float)  # exact arithmetic: the ranks (and ties) cannot change
    y = np.sin(np.arange(40.0))
    d = permutation_jensen_shannon_distance(x, y, 3)
    assert permutation_jensen_shannon_distance(x * scale + shift, y, 3) == d
    assert permutation_jensen_shannon_distance(y, x, 3) == pytest.approx(d, abs=1e-15)


def test_different_dims_is_one_clear_error():
    with pytest.raises(ValueError, match=r"6 outcomes \(dim 3\) and q has 24 \(dim 4\)"):
        jensen_shannon_distance(np.ones(6), np.ones(24))
    with pytest.raises(ValueError, match="too short"):
        permutation_jensen_shannon_distance([1.0, 2.0], np.arange(10.0), 3)


@pytest.mark.parametrize("dim,tau", [(3, 1), (4, 1), (4, 3), (5, 2)])
def test_against_ordpy(dim, tau):
    ordpy = pytest.importorskip("ordpy")
    names = sorted(SERIES)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            theirs = ordpy.permutation_js_distance([SERIES[a], SERIES[b]], dx=dim, taux=tau)
            assert permutation_jensen_shannon_distance(SERIES[a], SERIES[b], dim, tau) == \
                pytest.approx(theirs, abs=1e-10)
